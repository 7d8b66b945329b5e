import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { Plugin } from 'vite';
import { rebuildNet, type NetSnapshot, type PostTaggerNet } from './compromise-net-rebuild.ts';

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
/** The post-tagger's module: it builds its net of ~570 match patterns on first use, in `let net = null`. */
const POST_TAGGER = 'src/2-two/postTagger/compute/index.js';
const NET_SLOT = 'let net = null';
const NET_MODULE = 'virtual:summit-lens-post-tagger-net';
/** compromise's recursive merge of a plugin's model into its world's, as extend.js reads in COMPROMISE_VERSION. */
const MERGE_DEEP = `function mergeDeep(model, plugin) {
  if (isObject(plugin)) {
    for (const key in plugin) {
      // prevent prototype pollution
      if (isUnsafeKey(key)) {
        continue
      }
      if (isObject(plugin[key])) {
        if (!model[key]) Object.assign(model, { [key]: {} })
        mergeDeep(model[key], plugin[key]) //recursion
      } else {
        Object.assign(model, { [key]: plugin[key] })
      }
    }
  }
  return model
}`;
/**
 * The same merge without copying what it need not. compromise copied every key of a plugin's
 * objects into fresh ones, each leaf set through a fresh one-key object: ~30,000 keys on every
 * load, ~25 ms of the ~80 that evaluating nlp.js took in node. Here an object the world lacks is
 * taken whole, and a world's object of a few leaves (the tokenizer's ~200 abbreviations) is merged
 * into the plugin's larger one (its leaves winning, as before) and that one taken: each plugin's
 * model is read once, by this merge, and by nothing after it. The world comes out deeply equal
 * (tests/unit/compromise-snapshot.test.ts). That holds for compromise's own plugins as they are
 * registered, not for any model (a world's leaf under a plugin's object is replaced, not merged
 * into); Summit Lens adds no plugin at run time.
 */
const MERGE_TAKING = `function mergeDeep(model, plugin) {
  if (isObject(plugin)) {
    for (const key in plugin) {
      if (isUnsafeKey(key)) continue
      const value = plugin[key]
      if (!isObject(value) || !model[key]) model[key] = value
      else if (leavesInto(model[key], value)) model[key] = value
      else mergeDeep(model[key], value)
    }
  }
  return model
}
// Whether the world's object holds a few leaves only, each then copied into the plugin's, unless the plugin has its own.
function leavesInto(few, many) {
  let count = 0
  for (const key in few) if (++count > 1000 || isObject(few[key]) || isObject(many[key])) return false
  for (const key in few) if (!isUnsafeKey(key) && !Object.prototype.hasOwnProperty.call(many, key)) many[key] = few[key]
  return true
}`;

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

type Net = PostTaggerNet;

type Path = (string | number)[];
/** Where the encoded net holds a Set (as an array) or a regular expression (as [source, flags]). */
type Revive = Pick<NetSnapshot, 'sets' | 'regexes'>;

/** A value of a parsed match as JSON carries it: Sets as arrays, regular expressions as [source, flags], their paths noted. */
function encodeValue(value: unknown, path: Path, revive: Revive): unknown {
  const where = (): string => path.join('.');
  if (value instanceof Set) {
    revive.sets.push(path);
    return [...value].map((v, i) => encodeValue(v, [...path, i], revive));
  }
  if (value instanceof RegExp) {
    revive.regexes.push(path);
    return [value.source, value.flags];
  }
  if (Array.isArray(value)) return value.map((v, i) => encodeValue(v, [...path, i], revive));
  if (value !== null && typeof value === 'object') {
    if (Object.getPrototypeOf(value) !== Object.prototype)
      throw new Error(`compromise's post-tagger net holds ${where()}, which the snapshot does not carry`);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeValue(v, [...path, k], revive)]));
  }
  if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0)))
    throw new Error(`compromise's post-tagger net holds ${where()}, which the snapshot does not carry`);
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint')
    throw new Error(`compromise's post-tagger net holds ${where()}, which the snapshot does not carry`);
  return value;
}

/**
 * The source of a module whose default export is the post-tagger's net as compromise's buildNet
 * makes it: the parsed matches (in the order the hooks first hold them), and the hooks and the
 * always list as indexes into them, so that a match shared by several hooks is still one object.
 * Throws unless the net rebuilt from it is deeply equal to compromise's own.
 */
export async function postTaggerNetSource(root: string): Promise<string> {
  const dir = compromiseDir(root);
  const { default: nlp } = (await import(pathToFileURL(resolve(dir, 'src/two.js')).href)) as {
    default: { world(): { model: { two: { matches: object[] } }; methods: { one: { buildNet(m: object[], w: unknown): Net } } } };
  };
  const world = nlp.world();
  // buildNet parses the matches in place, and this process may hold the live compromise a test compares against: a copy.
  const net = world.methods.one.buildNet(structuredClone(world.model.two.matches), world);
  const matches = [...new Set([...Object.values(net.hooks).flat(), ...net.always])];
  const index = new Map(matches.map((m, i) => [m, i]));
  const revive: Revive = { sets: [], regexes: [] };
  const data = {
    matches: matches.map((m, i) => encodeValue(m, [i], revive)),
    hooks: Object.fromEntries(Object.entries(net.hooks).map(([key, list]) => [key, list.map((m) => index.get(m)!)])),
    always: net.always.map((m) => index.get(m)!),
    ...revive,
  };
  const json = JSON.stringify(data);
  if (!isDeepStrictEqual(rebuildNet(JSON.parse(json) as NetSnapshot), net))
    throw new Error("compromise's post-tagger net did not survive the snapshot");
  return [
    "// Built by scripts/compromise-snapshot-plugin.ts: compromise's post-tagger net, parsed at build time.",
    `import { rebuildNet } from ${JSON.stringify(resolve(import.meta.dirname, 'compromise-net-rebuild.ts'))};`,
    `export default rebuildNet(JSON.parse(${JSON.stringify(json)}));`,
    '',
  ].join('\n');
}

/** The post-tagger's module with its net taken from the snapshot instead of built on first use. */
export function prebuiltNetSource(source: string): string {
  if (!source.includes(NET_SLOT)) throw new Error(`compromise's ${POST_TAGGER} no longer reads "${NET_SLOT}": review the snapshot plugin`);
  return `import prebuiltNet from ${JSON.stringify(NET_MODULE)};\n${source.replace(NET_SLOT, 'let net = prebuiltNet')}`;
}

/** compromise's extend.js with the merge that takes a plugin's objects rather than copying them (MERGE_TAKING). */
export function quickMergeSource(source: string): string {
  if (!source.includes(MERGE_DEEP))
    throw new Error(`compromise's ${EXTEND} no longer reads its mergeDeep as expected: review the snapshot plugin`);
  return source.replace(MERGE_DEEP, MERGE_TAKING);
}

/**
 * compromise builds its tagger's model every time it is loaded: it unpacks a compressed lexicon
 * and grows it with conjugations, then merges it key by key into its world. Each wake of the
 * background that needs nlp.js paid for that (~175 ms in node, with the garbage it leaves). This
 * plugin puts the expanded model into the bundle instead, built once here from the same
 * compromise, and makes the merge take a plugin's objects rather than copy them. Likewise the post-tagger's net: its ~570
 * match patterns were parsed on the first text of every wake (~60 ms in node); now at build time.
 * tests/unit/compromise-snapshot.test.ts checks that the world and every eval set's tagging are
 * the same as compromise's own.
 */
export function compromiseSnapshotPlugin(root: string): Plugin {
  const dir = compromiseDir(root);
  const modelModule = resolve(dir, PRE_TAGGER_MODEL, 'index.js');
  const extendModule = resolve(dir, EXTEND);
  const postTaggerModule = resolve(dir, POST_TAGGER);
  return {
    name: 'summit-lens-compromise-snapshot',
    resolveId(id) {
      return id === NET_MODULE ? `\0${NET_MODULE}` : undefined;
    },
    load(id) {
      if (id === `\0${NET_MODULE}`) return postTaggerNetSource(root);
      return id === modelModule ? preTaggerSnapshotSource(root) : undefined;
    },
    transform(code, id) {
      if (id === postTaggerModule) return prebuiltNetSource(code);
      return id === extendModule ? quickMergeSource(code) : undefined;
    },
  };
}
