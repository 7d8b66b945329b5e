import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { Plugin } from 'vite';

/** The compromise the snapshot was written against: another version may expand its model otherwise. */
export const COMPROMISE_VERSION = '14.17.0';
const PRE_TAGGER_MODEL = 'src/2-two/preTagger/model';
/**
 * Parts of model.two that JSON would not carry, imported live from their own small modules: the
 * regular expressions, and the clues (some of their keys are set to undefined on purpose).
 */
const LIVE_PARTS = {
  clues: 'clues/index.js',
  endsWith: 'patterns/endsWith.js',
  regexNormal: 'regex/regex-normal.js',
  regexText: 'regex/regex-text.js',
  regexNumbers: 'regex/regex-numbers.js',
} as const;
const EXTEND = 'src/API/extend.js';
/** mergeDeep sets each leaf of a plugin's model with a fresh one-key object: ~100 000 of them for the lexicon. */
const MERGE_LEAF = 'Object.assign(model, { [key]: plugin[key] })';

function compromiseDir(root: string): string {
  const dir = resolve(root, 'node_modules/compromise');
  const { version } = JSON.parse(readFileSync(resolve(dir, 'package.json'), 'utf8')) as { version: string };
  if (version !== COMPROMISE_VERSION)
    throw new Error(
      `compromise is ${version}; the model snapshot (scripts/compromise-snapshot-plugin.ts) is checked against ${COMPROMISE_VERSION}`,
    );
  return dir;
}

/** Where the first value that JSON would not carry sits in `value`, if any. */
function notJson(value: unknown, path: string): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0) ? undefined : path;
  if (typeof value !== 'object') return path;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = notJson(value[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return undefined;
  }
  if (proto !== Object.prototype) return path;
  for (const [key, item] of Object.entries(value)) {
    const bad = notJson(item, `${path}.${key}`);
    if (bad) return bad;
  }
  return undefined;
}

/**
 * The source of a module standing in for compromise's preTagger model module: the model as the
 * live module leaves it once expanded (lexicon unpacked, switch words conjugated, suffix models
 * uncompressed and reversed), as JSON, with the regular-expression parts imported live. Throws if
 * anything else in the model would not survive JSON.
 */
export async function preTaggerSnapshotSource(root: string): Promise<string> {
  const dir = resolve(compromiseDir(root), PRE_TAGGER_MODEL);
  const { default: model } = (await import(pathToFileURL(resolve(dir, 'index.js')).href)) as {
    default: { one: Record<string, unknown>; two: Record<string, unknown> };
  };
  // The live parts keep their place among the keys (a null stands in), so the snapshot's key order is the model's.
  const data = { one: model.one, two: { ...model.two, ...Object.fromEntries(Object.keys(LIVE_PARTS).map((key) => [key, null])) } };
  const bad = notJson(data, 'model');
  if (bad) throw new Error(`compromise's preTagger model holds ${bad}, which JSON does not carry: add it to LIVE_PARTS`);
  const json = JSON.stringify(data);
  if (!isDeepStrictEqual(JSON.parse(json), data)) throw new Error("compromise's preTagger model did not survive JSON");
  const imports = Object.entries(LIVE_PARTS).map(([key, file]) => `import ${key} from ${JSON.stringify(resolve(dir, file))};`);
  return [
    "// Built by scripts/compromise-snapshot-plugin.ts: compromise's expanded preTagger model.",
    ...imports,
    // JSON.parse of a string is much quicker to run than the same data as an object literal.
    `const model = JSON.parse(${JSON.stringify(json)});`,
    `Object.assign(model.two, { ${Object.keys(LIVE_PARTS).join(', ')} });`,
    'export default model;',
    '',
  ].join('\n');
}

/** compromise's extend.js with each leaf of a merged model set by assignment, as Object.assign of a one-key object sets it. */
export function quickMergeSource(source: string): string {
  if (!source.includes(MERGE_LEAF)) throw new Error(`compromise's ${EXTEND} no longer reads "${MERGE_LEAF}": review the snapshot plugin`);
  return source.replace(MERGE_LEAF, 'model[key] = plugin[key]');
}

/**
 * compromise builds its tagger's model every time it is loaded: it unpacks a compressed lexicon
 * and grows it with conjugations, then merges it key by key into its world. Each wake of the
 * background that needs nlp.js paid for that (~175 ms in node, with the garbage it leaves). This
 * plugin puts the expanded model into the bundle instead, built once here from the same
 * compromise, and makes the merge plain assignment. tests/unit/compromise-snapshot.test.ts checks
 * that the world and every eval set's tagging are the same as compromise's own.
 */
export function compromiseSnapshotPlugin(root: string): Plugin {
  const dir = compromiseDir(root);
  const modelModule = resolve(dir, PRE_TAGGER_MODEL, 'index.js');
  const extendModule = resolve(dir, EXTEND);
  return {
    name: 'summit-lens-compromise-snapshot',
    load(id) {
      return id === modelModule ? preTaggerSnapshotSource(root) : undefined;
    },
    transform(code, id) {
      return id === extendModule ? quickMergeSource(code) : undefined;
    },
  };
}
