/**
 * The page's selection as the popup's look-up takes it (Firefox for Android has no context menu to
 * offer "Look up in Summit Lens"). Apart from the message schemas, so the page script carries just this.
 */
export const SELECTION_MAX_CHARS = 200;

/** Whitespace folded, trimmed, and cut to what the popup's search accepts; empty when nothing is selected. */
export function selectionQuery(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, SELECTION_MAX_CHARS);
}
