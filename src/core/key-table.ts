import { continuesWord } from './key-chars.ts';
import { keyProbes, type Probe } from './key-probe.ts';

/**
 * Finding a fact pack's keys (its aliases, anchor words and distractors, in aliasKey form) in a
 * text at a cost that does not grow with the number of keys.
 *
 * The text is read as tokens: runs of word characters (the same as key-chars.ts), and single
 * characters of scripts written without spaces (CJK ideographs, kana, Hangul syllables), so a name
 * matches inside a longer run of them. A native regular expression finds the tokens; script then
 * looks at each token only briefly, because a content script's code runs cold, interpreted, on
 * every page, where a loop over every character costs several times the page's own text walk.
 *
 * Two tables, each a string of two-character slots:
 * - `first` holds every key's first token, by a signature of the token (its length and six of its
 *   characters: first four, last two), with the key's flags when the key is that one token, and
 *   PREFIX when a longer key starts with it. One look-up per token of the page.
 * - `rest` holds every longer key's token sequence and each shorter prefix of it, by hashes of all
 *   their characters; it is read only after a first token matched with PREFIX, from there on.
 * Slots compare a 25-bit fingerprint. What the tables find is a superset of where the keys are:
 * signatures can collide, and separators between tokens are not compared ("u.s." and "u s" are the
 * same tokens). The page uses it to decide what to read; the background checks each find against
 * the exact key (see candidates.ts).
 */

/** Flags of a sequence in a table. */
export const PREFIX = 1;
/** A key that names an entity on its own. */
export const NAME = 2;
/** A key that only starts an event's name pattern ("September"): not enough to read a page alone. */
export const ANCHOR = 4;
/** A key whose every alias needs a title before it ("He", "Li"). */
export const TITLED = 8;
/** A distractor: a phrase that contains an alias but names something else. */
export const BLOCKER = 16;
const FLAG_BITS = 5;
const FLAG_MASK = (1 << FLAG_BITS) - 1;

/**
 * Slots are two characters of 15 bits each, offset past the control characters: never a surrogate,
 * never escaped in JSON or extension storage, so a table travels as a plain string.
 */
const CHAR_OFFSET = 0x800;
const LOAD = 0.6;

/** A pack's key tables (see above), and what the page's first look reads (key-gate.ts). */
export interface KeyTable {
  readonly first: string;
  readonly rest: string;
  /**
   * A small pack (the bundled one) is looked for with `indexOf` probes over its keys' literal
   * pieces (key-probe.ts): native scans, the least a page can pay when there are few keys, and
   * every key found is found whole. `probeFlags` gives each probed key's flags.
   */
  readonly probes?: Probe[];
  readonly probeFlags?: Record<string, number>;
  /**
   * A large pack's first tokens that are common English words, as lines of "token\tflags\tnext
   * next…" (the second tokens of its longer keys that start with it): the page's word gate finds
   * those in a Map and hashes the rest (key-gate.ts).
   */
  readonly words: string;
  /** Whether the pack is small enough for probes (and so has no word gate). */
  readonly complete: boolean;
  /** Whether any key is in a script written without spaces (the first look cannot see those). */
  readonly cjk: boolean;
  /**
   * In the pages' stored copy of a large table: `rest` is empty here and stored apart
   * (common/packs/state.ts), because a page needs it only once its first look opened.
   */
  readonly restApart?: boolean;
}

/** A table as a page holds it: one whose `rest` is stored apart brings it with `withRest`, read once. */
export interface PageTable extends KeyTable {
  readonly withRest?: () => Promise<KeyTable>;
}

/**
 * A token: a run of word characters (key-chars.ts: digits, Latin with its accented forms,
 * underscore, Greek, Cyrillic), or one character of a script written without spaces. The text is
 * folded first (lower case), so no upper-case range is needed.
 */
const TOKEN = /[0-9_a-z\u00c0-\u024f\u0370-\u04ff]+|[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/g;

/** The tokens of a text: where each starts and ends, and its signature. */
export interface Tokens {
  count: number;
  start: Int32Array;
  end: Int32Array;
  sig: Int32Array;
}

/**
 * A token's signature for the `first` table: its length and six of its characters (the first four
 * and the last two) in one 32-bit hash; fewer let too many ordinary words pass for a name. Written out step by step: the page's word gate runs it
 * cold for every uncommon word, where a call, a closure or an array it made would cost more than
 * the hashing. The table's slot comes from the hash, its fingerprint from a remix of it (firstMix).
 */
export function signature(text: string, start: number, end: number): number {
  const length = end - start;
  let h = Math.imul(length, 0x9e3779b1) ^ 0x811c9dc5;
  h = Math.imul(h ^ text.charCodeAt(start), 0x01000193);
  if (length > 1) h = Math.imul(h ^ text.charCodeAt(start + 1), 0x01000193);
  if (length > 2) h = Math.imul(h ^ text.charCodeAt(start + 2), 0x01000193);
  if (length > 3) h = Math.imul(h ^ text.charCodeAt(start + 3), 0x01000193);
  if (length > 5) h = Math.imul(h ^ text.charCodeAt(end - 2), 0x01000193);
  if (length > 4) h = Math.imul(h ^ text.charCodeAt(end - 1), 0x01000193);
  return h ^ (h >>> 15);
}

/** The second hash a `first` slot is checked with: the signature remixed, so that it is not the slot's own bits. */
export const firstMix = (signed: number): number => Math.imul(signed ^ (signed >>> 13), 0x5bd1e995);

/**
 * The tokens of text[from, to) (text folded: lower case, see foldForMatching). A word cut by
 * `from` is left to whatever read the text before it; one cut by `to` is read whole.
 */
export function tokenize(text: string, from = 0, to = text.length): Tokens {
  let capacity = Math.max(16, ((to - from) >> 2) + 1);
  let start: Int32Array = new Int32Array(capacity);
  let end: Int32Array = new Int32Array(capacity);
  let sigs: Int32Array = new Int32Array(capacity);
  let count = 0;
  TOKEN.lastIndex = from;
  for (let m = TOKEN.exec(text); m && m.index < to; m = TOKEN.exec(text)) {
    const s = m.index;
    // A word that began before `from` is not a token of this stretch.
    if (s === from && s > 0 && continuesWord(text.charCodeAt(s - 1)) && continuesWord(text.charCodeAt(s))) {
      TOKEN.lastIndex = s + m[0].length;
      continue;
    }
    if (count === capacity) {
      capacity *= 2;
      const grow = (old: Int32Array, size: number): Int32Array => {
        const next = new Int32Array(size);
        next.set(old);
        return next;
      };
      start = grow(start, capacity);
      end = grow(end, capacity);
      sigs = grow(sigs, capacity);
    }
    start[count] = s;
    end[count] = s + m[0].length;
    sigs[count] = signature(text, s, s + m[0].length);
    count += 1;
  }
  TOKEN.lastIndex = 0;
  return { count, start, end, sig: sigs };
}

/** Both hashes of a whole token, for the `rest` table, into `into[0]` and `into[1]`. */
function tokenHashes(text: string, start: number, end: number, into: Int32Array): void {
  let a = 0x811c9dc5;
  let b = 0x2545f491;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
  }
  into[0] = a;
  into[1] = b ^ (b >>> 15);
}

/** A sequence's hashes, one token longer (order matters: "trump xi" is not "xi trump"). */
const extend1 = (sequence: number, token: number): number => Math.imul(sequence ^ token, 0x9e3779b1) ^ (sequence >>> 13);
const extend2 = (sequence: number, token: number): number => Math.imul(sequence ^ token, 0x85ebca6b) ^ (sequence >>> 16);
const START_1 = 0x27d4eb2f;
const START_2 = 0x165667b1;

/** The fingerprint stored for a hash: its top 25 bits, above the flags. */
const fingerprint = (hash: number): number => (hash >>> (32 - (30 - FLAG_BITS))) << FLAG_BITS;

/** The flags stored for (a, b) in a table, or 0 if it does not hold it. */
export function flagsIn(data: string, a: number, b: number): number {
  const slots = data.length >> 1;
  if (slots === 0) return 0;
  const wanted = fingerprint(b);
  // A table we built always has empty slots; the bound keeps a damaged one from looping for ever.
  for (let slot = (a >>> 0) % slots, tries = 0; tries < slots; slot = slot + 1 === slots ? 0 : slot + 1, tries++) {
    const value = ((data.charCodeAt(2 * slot) - CHAR_OFFSET) << 15) | (data.charCodeAt(2 * slot + 1) - CHAR_OFFSET);
    if (value === 0) return 0;
    if ((value & ~FLAG_MASK) === wanted) return value & FLAG_MASK;
  }
  return 0;
}

/** A table's string from (a, b, flags) entries; entries with the same hashes share a slot and their flags. */
function encode(entries: Iterable<{ a: number; b: number; flags: number }>): string {
  const merged = new Map<string, { a: number; b: number; flags: number }>();
  for (const e of entries) {
    const id = `${e.a}:${fingerprint(e.b)}`;
    const found = merged.get(id);
    if (found) found.flags |= e.flags;
    else merged.set(id, { ...e });
  }
  if (merged.size === 0) return '';
  const slots = Math.max(8, Math.ceil(merged.size / LOAD));
  const values = new Int32Array(slots);
  for (const { a, b, flags } of merged.values()) {
    let slot = (a >>> 0) % slots;
    while (values[slot] !== 0 && (values[slot]! & ~FLAG_MASK) !== fingerprint(b)) slot = slot + 1 === slots ? 0 : slot + 1;
    values[slot] = (values[slot]! & FLAG_MASK) | fingerprint(b) | flags;
  }
  const chars: string[] = [];
  for (const value of values) chars.push(String.fromCharCode(CHAR_OFFSET + (value >>> 15), CHAR_OFFSET + (value & 0x7fff)));
  return chars.join('');
}

/**
 * Packs with at most this many keys are probed (each probe is one native pass over the text, and
 * the probes share pieces: the bundled pack's 300 keys take about 80); larger ones go through the
 * word gate, whose cost does not depend on the number of keys.
 */
const PROBED_KEYS = 600;
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/;

/** Builds the tables for keys (aliasKey form) and their flags. A key with no token is left out. */
export function buildKeyTable(keys: Iterable<[key: string, flags: number]>, common: ReadonlySet<string> = new Set()): KeyTable {
  const keyList = new Map<string, number>();
  for (const [key, flags] of keys) keyList.set(key, (keyList.get(key) ?? 0) | flags);
  const first: { a: number; b: number; flags: number }[] = [];
  const rest: { a: number; b: number; flags: number }[] = [];
  const words = new Map<string, { flags: number; next: Set<string> }>();
  let cjk = false;
  for (const [key, flags] of keyList) {
    const tokens = tokenize(key);
    if (tokens.count === 0) continue;
    cjk ||= CJK.test(key);
    const head = key.slice(tokens.start[0], tokens.end[0]);
    const word = words.get(head) ?? { flags: 0, next: new Set<string>() };
    word.flags |= tokens.count === 1 ? flags : PREFIX;
    if (tokens.count > 1) word.next.add(key.slice(tokens.start[1], tokens.end[1]));
    words.set(head, word);
    first.push({ a: tokens.sig[0]!, b: firstMix(tokens.sig[0]!), flags: tokens.count === 1 ? flags : PREFIX });
    let a = START_1;
    let b = START_2;
    const h = new Int32Array(2);
    for (let t = 0; t < tokens.count; t++) {
      tokenHashes(key, tokens.start[t]!, tokens.end[t]!, h);
      a = extend1(a, h[0]!);
      b = extend2(b, h[1]!);
      if (t > 0) rest.push({ a, b, flags: t === tokens.count - 1 ? flags : PREFIX });
    }
  }
  const findable = [...keyList].filter(([, flags]) => flags & (NAME | TITLED | ANCHOR));
  const complete = findable.length <= PROBED_KEYS;
  const table = { first: encode(first), rest: encode(rest), complete, cjk };
  if (complete) {
    return { ...table, words: '', probes: keyProbes(findable.map(([key]) => key)), probeFlags: Object.fromEntries(findable) };
  }
  const lines = [...words]
    .filter(([word]) => common.has(word))
    .map(([word, { flags, next }]) => `${word}\t${flags}\t${[...next].join(' ')}`);
  return { ...table, words: lines.join('\n') };
}

/** Where the walk found a key: from its first token's start to its last token's end, and its flags. */
export interface TableHit {
  start: number;
  end: number;
  flags: number;
}

/**
 * The same walk over text[from, to) without hashing every token: only tokens among `words` (found
 * by the first look, key-gate.ts) are looked up, and only from them does a longer key get followed.
 * The regular expression still finds every token natively; script touches the few that matter.
 */
export function walkWords(
  table: KeyTable,
  text: string,
  { words, from, to }: { words: ReadonlySet<string>; from: number; to: number },
  visit: (hit: TableHit) => void,
): void {
  const { first, rest } = table;
  if (!first) return;
  const sig = new Int32Array(2);
  TOKEN.lastIndex = from;
  for (let m = TOKEN.exec(text); m && m.index < to; m = TOKEN.exec(text)) {
    const word = m[0];
    if (!words.has(word)) continue;
    const start = m.index;
    // A word that began before `from` was walked with the text before it.
    if (start === from && start > 0 && continuesWord(text.charCodeAt(start - 1))) continue;
    const signed = signature(word, 0, word.length);
    const flags = flagsIn(first, signed, firstMix(signed));
    if (flags & ~PREFIX) visit({ start, end: start + word.length, flags: flags & ~PREFIX });
    if (!(flags & PREFIX) || !rest) continue;
    const resume = TOKEN.lastIndex;
    tokenHashes(word, 0, word.length, sig);
    let a = extend1(START_1, sig[0]!);
    let b = extend2(START_2, sig[1]!);
    for (let n = TOKEN.exec(text); n; n = TOKEN.exec(text)) {
      tokenHashes(n[0], 0, n[0].length, sig);
      a = extend1(a, sig[0]!);
      b = extend2(b, sig[1]!);
      const more = flagsIn(rest, a, b);
      if (more & ~PREFIX) visit({ start, end: n.index + n[0].length, flags: more & ~PREFIX });
      if (!(more & PREFIX)) break;
    }
    TOKEN.lastIndex = resume;
  }
  TOKEN.lastIndex = 0;
}

/**
 * Every place a key of the table starts in the text's tokens, with its flags, in text order,
 * shorter keys before longer ones at a place. `text` is the one the tokens were read from.
 */
export function walkKeys(table: KeyTable, text: string, tokens: Tokens, visit: (hit: TableHit) => void): void {
  const { first, rest } = table;
  if (!first) return;
  const { count, start, end, sig } = tokens;
  const h = new Int32Array(2);
  for (let t = 0; t < count; t++) {
    const flags = flagsIn(first, sig[t]!, firstMix(sig[t]!));
    if (flags === 0) continue;
    if (flags & ~PREFIX) visit({ start: start[t]!, end: end[t]!, flags: flags & ~PREFIX });
    if (!(flags & PREFIX) || !rest) continue;
    // A longer key may start here: follow it with whole-token hashes.
    tokenHashes(text, start[t]!, end[t]!, h);
    let a = extend1(START_1, h[0]!);
    let b = extend2(START_2, h[1]!);
    for (let u = t + 1; u < count; u++) {
      tokenHashes(text, start[u]!, end[u]!, h);
      a = extend1(a, h[0]!);
      b = extend2(b, h[1]!);
      const more = flagsIn(rest, a, b);
      if (more & ~PREFIX) visit({ start: start[t]!, end: end[u]!, flags: more & ~PREFIX });
      if (!(more & PREFIX)) break;
    }
  }
}

/** Whether a table read from storage is well formed. */
export function isKeyTable(value: unknown): value is KeyTable {
  if (typeof value !== 'object' || value === null) return false;
  const { first, rest, words, complete, cjk, probes, probeFlags, restApart } = value as Record<string, unknown>;
  const probesRead =
    probes === undefined ||
    (Array.isArray(probes) &&
      probes.every((p) => Array.isArray(p) && p.every((s) => typeof s === 'string')) &&
      typeof probeFlags === 'object' &&
      probeFlags !== null);
  return (
    isTableData(first) &&
    isTableData(rest) &&
    typeof words === 'string' &&
    typeof complete === 'boolean' &&
    typeof cjk === 'boolean' &&
    (restApart === undefined || typeof restApart === 'boolean') &&
    probesRead
  );
}

/**
 * Its shape only: every page reads the tables, and a scan of each character (a large pack's are
 * hundreds of kilobytes) cost more than the page's whole look at its text. Any content is safe to
 * read: a damaged table can only make the page read a block more or less (flagsIn is bounded).
 */
export function isTableData(data: unknown): data is string {
  return typeof data === 'string' && data.length % 2 === 0;
}

/**
 * A probed table as the content script carries it built in: one string, a line per probe, its piece
 * then its keys after tabs, each key followed by one character for its flags (FLAG_CHAR + flags).
 * The same data as arrays of strings and numbers took a sixth more of content.js in quotes and commas.
 */
export interface CompactProbes {
  readonly cjk: boolean;
  readonly probes: string;
}

const FLAG_CHAR = 0x30;

/** The page form of a probed table, each key written once. */
export function compactProbes(table: KeyTable): CompactProbes {
  const written = (text: string): string => {
    if (/[\t\n]/.test(text)) throw new Error(`a key holds a tab or a line break: ${JSON.stringify(text)}`);
    return text;
  };
  const lines = table.probes!.map(([piece, ...keys]) => {
    const marked = keys.map((key) => {
      const flags = table.probeFlags![key];
      if (flags === undefined) throw new Error(`a probed key has no flags: ${JSON.stringify(key)}`);
      return written(key) + String.fromCharCode(FLAG_CHAR + flags);
    });
    return [written(piece!), ...marked].join('\t');
  });
  return { cjk: table.cjk, probes: lines.join('\n') };
}

/** Back from compactProbes to the page form. */
export function expandProbes({ cjk, probes }: CompactProbes): KeyTable {
  const probeFlags: Record<string, number> = {};
  // No probes at all is the empty string, not one probe of an empty piece (which indexOf finds everywhere).
  const expanded = (probes ? probes.split('\n') : []).map((line) => {
    const [piece, ...marked] = line.split('\t');
    const keys: string[] = [];
    for (const written of marked) {
      const key = written.slice(0, -1);
      keys.push(key);
      probeFlags[key] = written.charCodeAt(key.length) - FLAG_CHAR;
    }
    return [piece!, ...keys];
  });
  return { first: '', rest: '', words: '', complete: true, cjk, probes: expanded, probeFlags };
}

/**
 * What a page needs of a pack's tables: a probed pack finds whole keys with its probes alone, so its
 * hash tables stay in the background (the bundled pack's are not shipped in the content script).
 */
export function pageForm(table: KeyTable): KeyTable {
  return table.complete
    ? { first: '', rest: '', words: '', complete: true, cjk: table.cjk, probes: table.probes!, probeFlags: table.probeFlags! }
    : table;
}
