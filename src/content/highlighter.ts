import type { HighlightStyle } from '../common/settings';
import type { Kind } from '../core/types';

export const HIGHLIGHT_PREFIX = 'summit-lens';

export interface Marked {
  kind: Kind;
  range: Range;
}

/**
 * Draws mentions with the CSS Custom Highlight API: the page's DOM is never touched, and the
 * styles (content.css, `::highlight(summit-lens-<kind>)`) come from the manifest, so a strict
 * page CSP cannot block them.
 */
export class Highlighter {
  #names = new Set<string>();

  static supported(): boolean {
    return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
  }

  /** One highlight per kind and style: `summit-lens-person` (underline), `summit-lens-bg-person` (background). */
  draw(marks: readonly Marked[], style: HighlightStyle = 'underline'): void {
    this.clear();
    const byKind = new Map<Kind, Range[]>();
    for (const { kind, range } of marks) {
      const list = byKind.get(kind);
      if (list) list.push(range);
      else byKind.set(kind, [range]);
    }
    for (const [kind, ranges] of byKind) {
      const name = style === 'background' ? `${HIGHLIGHT_PREFIX}-bg-${kind}` : `${HIGHLIGHT_PREFIX}-${kind}`;
      const highlight = new Highlight();
      for (const range of ranges) highlight.add(range);
      CSS.highlights.set(name, highlight);
      this.#names.add(name);
    }
  }

  clear(): void {
    for (const name of this.#names) CSS.highlights.delete(name);
    this.#names.clear();
  }
}
