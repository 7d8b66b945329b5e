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

export function continuesWord(code: number): boolean {
  for (const [from, to] of WORD_RANGES) if (code >= from && code <= to) return true;
  return false;
}
