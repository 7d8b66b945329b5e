/**
 * The post-tagger net's rebuilding from its snapshot (see compromise-snapshot-plugin.ts), in a
 * module of its own: nlp.js runs it on load, and the build runs it to check what it gives.
 */
type Path = (string | number)[];

export interface PostTaggerNet {
  hooks: Record<string, object[]>;
  always: object[];
}

export interface NetSnapshot {
  matches: object[];
  hooks: Record<string, number[]>;
  always: number[];
  /** Where a Set stands, encoded as an array. */
  sets: Path[];
  /** Where a regular expression stands, encoded as [source, flags]. */
  regexes: Path[];
}

/**
 * Sets and regular expressions put back where noted (a few hundred places: cheaper than a
 * JSON.parse reviver called for every value), hooks and the always list turned from indexes back
 * into the shared match objects.
 */
export function rebuildNet(data: NetSnapshot): PostTaggerNet {
  const put = (path: Path, make: (encoded: never) => unknown): void => {
    let parent = data.matches as unknown as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    parent[last] = make(parent[last] as never);
  };
  for (const path of data.sets) put(path, (list: unknown[]) => new Set(list));
  for (const path of data.regexes) put(path, ([source, flags]: [string, string]) => new RegExp(source, flags));
  const hooks: Record<string, object[]> = {};
  for (const key of Object.keys(data.hooks)) hooks[key] = data.hooks[key]!.map((i) => data.matches[i]!);
  return { hooks, always: data.always.map((i) => data.matches[i]!) };
}
