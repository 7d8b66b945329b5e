import { APOSTROPHE_GLYPHS, continuesWord, HYPHEN_GLYPHS } from './key-chars.ts';

/**
 * Finding a small pack's keys in a page's text without a regular expression over every alias.
 *
 * The engine compiles such a pattern the first time it runs, and on a page with a few kilobytes of
 * text that compile was most of what the page cost (measured in Chromium: about 0.7 ms to compile,
 * microseconds to scan). `indexOf` needs no compile: once per literal piece of the keys, checking
 * each key where its piece turns up with the pattern's rules (spaces, apostrophe and hyphen glyphs,
 * word boundaries). Every place the background finds a key, the probes find it too
 * (tests/unit/key-table.test.ts, a property test). The probes may also report a key the background
 * passes over inside a longer match, which at most makes the page read one more block.
 */

/** `[piece, ...keys]`: a literal run every match of these keys contains, and the keys. */
export type Probe = readonly string[];

/** Pieces shorter than this turn up inside too many words; a key is probed by one only if it has no longer run. */
const SHORT_PIECE = 4;

/**
 * Probes for keys (aliasKey form). A key is found through one of its literal runs, the text between
 * its spaces, apostrophes and hyphens (the pattern lets those vary; see charPattern in
 * alias-index.ts). Each probe is one pass over the text, so the runs are chosen to cover every key
 * with few of them: greedily, the run that the most keys still unprobed share ("talks" for every
 * "… talks"), of at least SHORT_PIECE characters where the key has one.
 */
export function keyProbes(keys: Iterable<string>): Probe[] {
  const runsOf = new Map<string, string[]>();
  for (const key of keys) {
    const runs = [...new Set(key.split(/[ '-]+/).filter(Boolean))];
    const longest = Math.max(0, ...runs.map((run) => run.length));
    const usable = runs.filter((run) => run.length >= Math.min(SHORT_PIECE, longest));
    if (usable.length) runsOf.set(key, usable);
  }
  const probes: Probe[] = [];
  while (runsOf.size) {
    const shared = new Map<string, number>();
    for (const runs of runsOf.values()) for (const run of runs) shared.set(run, (shared.get(run) ?? 0) + 1);
    let piece = '';
    for (const [run, count] of shared) {
      const best = shared.get(piece) ?? 0;
      if (count > best || (count === best && (run.length > piece.length || (run.length === piece.length && run < piece)))) piece = run;
    }
    const covered = [...runsOf].filter(([, runs]) => runs.includes(piece)).map(([key]) => key);
    for (const key of covered) runsOf.delete(key);
    probes.push([piece, ...covered]);
  }
  return probes;
}

/** Whether the key's character `k` accepts the text's character `t` (a space is handled by the caller). */
function sameChar(k: string, t: string): boolean {
  if (k === t) return true;
  if (k === "'") return APOSTROPHE_GLYPHS.includes(t);
  if (k === '-') return HYPHEN_GLYPHS.includes(t);
  return false;
}

/**
 * Where `key` starts if it matches `text` with its character `keyAt` at the text's `textAt`, as
 * the pattern would match it: one or more spaces for each space, any apostrophe or hyphen glyph,
 * and no word character on either side. -1 if it does not.
 */
function keyStartAround(text: string, key: string, keyAt: number, textAt: number): number {
  // Backwards from the character before keyAt.
  let t = textAt - 1;
  for (let k = keyAt - 1; k >= 0; k--) {
    if (key[k] === ' ') {
      if (text[t] !== ' ') return -1;
      while (t > 0 && text[t - 1] === ' ') t--;
      t--;
    } else if (t < 0 || !sameChar(key[k]!, text[t]!)) {
      return -1;
    } else {
      t--;
    }
  }
  const start = t + 1;
  if (t >= 0 && continuesWord(text.charCodeAt(t))) return -1;
  // Forwards from keyAt.
  t = textAt;
  for (let k = keyAt; k < key.length; k++) {
    if (key[k] === ' ') {
      if (text[t] !== ' ') return -1;
      while (text[t + 1] === ' ') t++;
      t++;
    } else if (t >= text.length || !sameChar(key[k]!, text[t]!)) {
      return -1;
    } else {
      t++;
    }
  }
  return t < text.length && continuesWord(text.charCodeAt(t)) ? -1 : start;
}

export interface KeyFound {
  at: number;
  key: string;
}

/**
 * The probes' finds window by window, in order: each call reports the keys whose probed piece
 * starts before `to` and was not reported yet, so a caller can yield to the page between windows
 * (a dense page holds tens of thousands of finds). Each probe still reads the text once in all:
 * its next place is kept from one window to the next.
 */
export function probeScanner(text: string, probes: readonly Probe[]): (to: number, found: (find: KeyFound) => void) => void {
  const next = probes.map((probe) => text.indexOf(probe[0]!));
  return (to, found) => {
    for (let p = 0; p < probes.length; p++) {
      const probe = probes[p]!;
      const piece = probe[0]!;
      let at = next[p]!;
      for (; at >= 0 && at < to; at = text.indexOf(piece, at + 1)) {
        for (let i = 1; i < probe.length; i++) {
          const key = probe[i]!;
          // A piece can occur twice in a key ("talks in … talks"): try each of its places.
          for (let keyAt = key.indexOf(piece); keyAt >= 0; keyAt = key.indexOf(piece, keyAt + 1)) {
            const start = keyStartAround(text, key, keyAt, at);
            if (start >= 0) found({ at: start, key });
          }
        }
      }
      next[p] = at;
    }
  };
}

/** Every place a key of the probes matches the (folded) text, in text order. */
export function findKeys(text: string, probes: readonly Probe[]): KeyFound[] {
  const found: KeyFound[] = [];
  probeScanner(text, probes)(text.length, (find) => found.push(find));
  return found.sort((a, b) => a.at - b.at || b.key.length - a.key.length);
}
