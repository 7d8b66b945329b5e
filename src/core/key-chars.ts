/**
 * What a key's characters accept in a page's text, in one place: the pattern (alias-index.ts), the
 * keys' own normal form (aliasKey) and the probes (key-probe.ts) are all derived from these.
 */

/** The glyphs a key's apostrophe stands for, its own first. */
export const APOSTROPHE_GLYPHS = "'\u2019\u02bc";
/** The glyphs a key's hyphen stands for, its own first. */
export const HYPHEN_GLYPHS = '-\u2010\u2011\u2012\u2013';

/**
 * Code points that continue a word, so that a key next to one is part of a longer word
 * ("Chinese", "Xiamen"): digits, Latin letters with their accented forms, underscore, Greek and
 * Cyrillic. Spelled out rather than \p{L} with the u flag: without it the engine scans several
 * times faster, and the aliases are Latin script, whose neighbours are what matters.
 */
export const WORD_RANGES: readonly (readonly [number, number])[] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
  [0xc0, 0x24f],
  [0x370, 0x3ff],
  [0x400, 0x4ff],
];

/** WORD_RANGES below 128, as a table: most text is ASCII, and this runs for every character of a page. */
const ASCII_WORD = new Uint8Array(128);
for (const [from, to] of WORD_RANGES) for (let code = from; code <= Math.min(to, 127); code++) ASCII_WORD[code] = 1;

export function continuesWord(code: number): boolean {
  if (code < 128) return ASCII_WORD[code] === 1;
  // The ranges above ASCII, written out: a loop over WORD_RANGES per character costs the page several times more.
  return (code >= 0xc0 && code <= 0x24f) || (code >= 0x370 && code <= 0x4ff);
}
