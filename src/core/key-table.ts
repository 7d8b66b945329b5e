import { continuesWord } from './key-chars.ts';

/**
 * Finding a fact pack's keys (its aliases, anchor words and distractors, in aliasKey form) in a
 * text at a cost that does not grow with the number of keys.
 *
 * The text is read once as tokens: runs of word characters (key-chars.ts), and single characters
 * of scripts written without spaces (CJK ideographs, kana, Hangul syllables), so a name matches
 * inside a longer run of them. Everything else separates tokens. Each token gets two 32-bit
 * hashes; a sequence of tokens hashes by folding its tokens' hashes in order. The table holds, for
 * every key, the hash of its token sequence and of each shorter prefix of it, with flags saying
 * what the sequence is. From each token the walk extends the sequence while the table says a key
 * can continue, so the work per token is one look-up however many keys there are.
 *
 * The table compares a 25-bit fingerprint from the second hash in a slot chosen by the first: a
 * sequence that is not a key looks like one about once in 30 million look-ups. It also ignores what
 * separates the tokens ("u.s." and "u s" are the same tokens). So what it finds is a superset of
 * where the keys are: the page uses it to decide what to read, and the background checks each find
 * against the exact key (see candidates.ts).
 */

/** Flags of a sequence in the table. */
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
 * never escaped in JSON or extension storage, so the table travels as a plain string.
 */
const CHAR_OFFSET = 0x800;
const LOAD = 0.6;

/** A built table: `slots` two-character slots, and the number of sequences in it. */
export interface KeyTable {
  readonly data: string;
  readonly sequences: number;
}

const SEED_1 = 0x811c9dc5;
const SEED_2 = 0x2545f491;

/** Whether a code unit is a token on its own: scripts written without spaces between words. */
function standsAlone(code: number): boolean {
  return (
    (code >= 0x3040 && code <= 0x30ff) || // kana
    (code >= 0x3400 && code <= 0x4dbf) || // CJK extension A
    (code >= 0x4e00 && code <= 0x9fff) || // CJK unified ideographs
    (code >= 0xac00 && code <= 0xd7af) || // Hangul syllables
    (code >= 0xf900 && code <= 0xfaff) // CJK compatibility ideographs
  );
}

/** One token: where it is in the text and its two hashes. */
export interface Tokens {
  count: number;
  start: Int32Array;
  end: Int32Array;
  h1: Int32Array;
  h2: Int32Array;
}

/**
 * The tokens of text[from, to) (text already folded: lower case, see foldForMatching). A word cut
 * by `from` is not a token here: it belongs to whatever read the text before `from`.
 */
export function tokenize(text: string, from = 0, to = text.length): Tokens {
  let capacity = Math.max(16, ((to - from) >> 2) + 1);
  let start: Int32Array = new Int32Array(capacity);
  let end: Int32Array = new Int32Array(capacity);
  let h1: Int32Array = new Int32Array(capacity);
  let h2: Int32Array = new Int32Array(capacity);
  let count = 0;
  const push = (from: number, to: number, a: number, b: number): void => {
    if (count === capacity) {
      capacity *= 2;
      const grow = (old: Int32Array): Int32Array => {
        const next = new Int32Array(capacity);
        next.set(old);
        return next;
      };
      start = grow(start);
      end = grow(end);
      h1 = grow(h1);
      h2 = grow(h2);
    }
    start[count] = from;
    end[count] = to;
    h1[count] = a;
    h2[count] = b;
    count += 1;
  };
  let i = from;
  while (i > 0 && i < to && continuesWord(text.charCodeAt(i - 1)) && continuesWord(text.charCodeAt(i))) i++;
  let word = -1;
  let a = 0;
  let b = 0;
  for (; i < to; i++) {
    const code = text.charCodeAt(i);
    if (continuesWord(code)) {
      if (word < 0) {
        word = i;
        a = SEED_1;
        b = SEED_2;
      }
      a = Math.imul(a ^ code, 0x01000193);
      b = Math.imul(b ^ code, 0x5bd1e995);
      continue;
    }
    if (word >= 0) {
      push(word, i, a, b ^ (b >>> 15));
      word = -1;
    }
    if (standsAlone(code)) push(i, i + 1, Math.imul(SEED_1 ^ code, 0x01000193), Math.imul(SEED_2 ^ code, 0x5bd1e995));
  }
  // A word running past `to` is read whole: a key may end there.
  if (word >= 0) {
    for (; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (!continuesWord(code)) break;
      a = Math.imul(a ^ code, 0x01000193);
      b = Math.imul(b ^ code, 0x5bd1e995);
    }
    push(word, i, a, b ^ (b >>> 15));
  }
  return { count, start, end, h1, h2 };
}

/** A sequence's hash, one token longer (order matters: "trump xi" is not "xi trump"). */
const extend1 = (sequence: number, token: number): number => Math.imul(sequence ^ token, 0x9e3779b1) ^ (sequence >>> 13);
const extend2 = (sequence: number, token: number): number => Math.imul(sequence ^ token, 0x85ebca6b) ^ (sequence >>> 16);
const START_1 = 0x27d4eb2f;
const START_2 = 0x165667b1;

/** The slot a sequence's first hash points at, in a table of `slots` slots. */
const home = (hash: number, slots: number): number => (hash >>> 0) % slots;
/** The fingerprint stored for a sequence: 25 bits of its second hash. */
const fingerprint = (hash: number): number => (hash >>> (32 - (30 - FLAG_BITS))) << FLAG_BITS;

/** The flags stored for a sequence, or 0 if the table does not hold it. */
function flagsOf(data: string, slots: number, a: number, b: number): number {
  const wanted = fingerprint(b);
  for (let slot = home(a, slots); ; slot = slot + 1 === slots ? 0 : slot + 1) {
    const value = ((data.charCodeAt(2 * slot) - CHAR_OFFSET) << 15) | (data.charCodeAt(2 * slot + 1) - CHAR_OFFSET);
    if (value === 0) return 0;
    if ((value & ~FLAG_MASK) === wanted) return value & FLAG_MASK;
  }
}

/** A key's token sequence hashes, as the walk computes them. */
function sequenceHashes(key: string): [number, number][] {
  const tokens = tokenize(key);
  const out: [number, number][] = [];
  let a = START_1;
  let b = START_2;
  for (let t = 0; t < tokens.count; t++) {
    a = extend1(a, tokens.h1[t]!);
    b = extend2(b, tokens.h2[t]!);
    out.push([a, b]);
  }
  return out;
}

/** Builds the table for keys (aliasKey form) and their flags. Keys with no token are left out. */
export function buildKeyTable(keys: Iterable<[key: string, flags: number]>): KeyTable {
  const entries = new Map<string, { a: number; b: number; flags: number }>();
  const add = (a: number, b: number, flags: number): void => {
    const id = `${a}:${fingerprint(b)}`;
    const entry = entries.get(id);
    if (entry) entry.flags |= flags;
    else entries.set(id, { a, b, flags });
  };
  for (const [key, flags] of keys) {
    const hashes = sequenceHashes(key);
    hashes.forEach(([a, b], i) => add(a, b, i === hashes.length - 1 ? flags : PREFIX));
  }
  const slots = Math.max(8, Math.ceil(entries.size / LOAD));
  const values = new Int32Array(slots);
  for (const { a, b, flags } of entries.values()) {
    let slot = home(a, slots);
    while (values[slot] !== 0 && (values[slot]! & ~FLAG_MASK) !== fingerprint(b)) slot = slot + 1 === slots ? 0 : slot + 1;
    values[slot] = (values[slot]! & FLAG_MASK) | fingerprint(b) | flags;
  }
  const chars: string[] = [];
  for (const value of values) chars.push(String.fromCharCode(CHAR_OFFSET + (value >>> 15), CHAR_OFFSET + (value & 0x7fff)));
  return { data: chars.join(''), sequences: entries.size };
}

/** A key the walk found: tokens [first, last] of the text, and the key's flags. */
export interface TableHit {
  start: number;
  end: number;
  flags: number;
}

/**
 * Every place a sequence of the table's keys starts in the text's tokens, each with its flags
 * (`visit` returns false to stop early). In text order, shorter keys before longer ones at a start.
 */
export function walkKeys(table: KeyTable, tokens: Tokens, visit: (hit: TableHit) => boolean | void): void {
  const { data } = table;
  const slots = data.length >> 1;
  if (slots === 0) return;
  const { count, start, end, h1, h2 } = tokens;
  for (let t = 0; t < count; t++) {
    let a = START_1;
    let b = START_2;
    for (let u = t; u < count; u++) {
      a = extend1(a, h1[u]!);
      b = extend2(b, h2[u]!);
      const flags = flagsOf(data, slots, a, b);
      if (flags & ~PREFIX && visit({ start: start[t]!, end: end[u]!, flags }) === false) return;
      if (!(flags & PREFIX)) break;
    }
  }
}

/** Whether the table is well formed (a string from storage may not be). */
export function isKeyTableData(data: unknown): data is string {
  if (typeof data !== 'string' || data.length % 2 !== 0) return false;
  for (let i = 0; i < data.length; i++) {
    const code = data.charCodeAt(i);
    if (code < CHAR_OFFSET || code > CHAR_OFFSET + 0x7fff) return false;
  }
  return true;
}
