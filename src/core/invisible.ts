import { partitionPoint } from './search.ts';

/** Soft hyphens and zero-width characters: they hide inside words ("Tak\u00adaichi"). */
export const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/;
const EVERY_INVISIBLE = new RegExp(INVISIBLE.source, 'g');

/**
 * The text without its invisible characters, to match names across them, and where each one was
 * (`removed`, offsets in the text) so that offsets found in the clean text map back to it.
 */
export function withoutInvisible(text: string): { clean: string; removed: number[] } {
  if (!INVISIBLE.test(text)) return { clean: text, removed: [] };
  const removed: number[] = [];
  for (const m of text.matchAll(EVERY_INVISIBLE)) removed.push(m.index);
  return { clean: text.replace(EVERY_INVISIBLE, ''), removed };
}

/** An offset in the clean text → the same place in the original: add the characters removed at or before it. */
export function toOriginal(removed: readonly number[], offset: number): number {
  return offset + partitionPoint(removed.length, (i) => removed[i]! - i <= offset);
}
