import type { AliasSource, Entity } from '../types.ts';

/** The slice of an entity the page needs to find it: no card text, so the content script stays small. */
export function toAliasSource({ id, kind, aliases, patterns }: Pick<Entity, 'id' | 'kind' | 'aliases' | 'patterns'>): AliasSource {
  const anchors = [...new Set((patterns ?? []).flatMap((p) => p.anchors))];
  return anchors.length ? { id, kind, aliases, anchors } : { id, kind, aliases };
}
