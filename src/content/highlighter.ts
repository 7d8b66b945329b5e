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

  draw(marks: readonly Marked[]): void {
    this.clear();
    const byKind = new Map<Kind, Range[]>();
    for (const { kind, range } of marks) byKind.set(kind, [...(byKind.get(kind) ?? []), range]);
    for (const [kind, ranges] of byKind) {
      const name = `${HIGHLIGHT_PREFIX}-${kind}`;
      CSS.highlights.set(name, new Highlight(...ranges));
      this.#names.add(name);
    }
  }

  clear(): void {
    for (const name of this.#names) CSS.highlights.delete(name);
    this.#names.clear();
  }
}
