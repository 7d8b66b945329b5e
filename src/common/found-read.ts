import type { Kind, Mention, Relevance } from '../core/types.ts';

/**
 * Reading the background's checked answer to 'find' (found.ts encodes and checks it). Apart from
 * the check, so that the page script, which loads the check only when an answer arrives (see
 * content/checks.ts), carries just this.
 */

/** The most text one 'find' message carries; a page with more sends it in parts (see content/scan.ts). */
export const FIND_MAX_CHARS = 2_000_000;

/** An answer that passed every check: its spans lie inside the text, its indices inside its lists. */
export interface CheckedFound {
  ids: string[];
  kinds: Kind[];
  names: string[];
  relevance: Relevance[];
  whys: Mention['why'][];
  spans: number[];
  candidates: number;
  nlpSentences: number;
  nlpChars: number;
  /** An early answer, before compromise read the text: the page asks again for the rest. */
  incomplete?: true;
}

/** How many mentions a checked answer holds. */
export const foundCount = (found: CheckedFound): number => found.spans.length / 4;

/** The i-th mention of a checked answer, offsets into the text that was sent. */
export function foundAt(
  found: CheckedFound,
  i: number,
): { entity: string; kind: Kind; name: string; relevance: Relevance; why: Mention['why']; start: number; end: number } {
  const at = i * 4;
  const { ids, kinds, names, relevance, whys, spans } = found;
  const entity = spans[at]!;
  return {
    entity: ids[entity]!,
    kind: kinds[entity]!,
    name: names[entity]!,
    relevance: relevance[entity]!,
    why: whys[spans[at + 1]!]!,
    start: spans[at + 2]!,
    end: spans[at + 3]!,
  };
}
