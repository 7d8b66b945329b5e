import type { HighlightStyle } from '../common/settings.ts';
import { partitionPoint } from '../core/search.ts';
import type { Kind } from '../core/types.ts';

export const HIGHLIGHT_PREFIX = 'summit-lens';

export interface Marked {
  kind: Kind;
  range: Range;
}

/**
 * Up to this many marks are drawn at once. Beyond it the browser's first paint of the highlights
 * alone is a long task (measured: 21,280 ranges, about 100 ms of pre-paint), so only the marks
 * within a few screens of the reader are drawn, and the window follows the scroll.
 */
const ALL_AT_ONCE = 4000;
/** Marks drawn around the reader on a page with more than ALL_AT_ONCE. */
const WINDOW = 1500;

/**
 * Draws mentions with the CSS Custom Highlight API: the page's DOM is never touched, and the
 * styles (content.css, `::highlight(summit-lens-<kind>)`) come from the manifest, so a strict
 * page CSP cannot block them.
 */
export class Highlighter {
  #names = new Set<string>();
  #marks: readonly Marked[] = [];
  #style: HighlightStyle = 'underline';
  #window: [number, number] = [0, 0];
  #following?: AbortController;
  #frame = 0;

  static supported(): boolean {
    return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
  }

  /** One highlight per kind and style: `summit-lens-person` (underline), `summit-lens-bg-person` (background). */
  draw(marks: readonly Marked[], style: HighlightStyle = 'underline'): void {
    this.clear();
    this.#marks = marks;
    this.#style = style;
    if (marks.length <= ALL_AT_ONCE) {
      this.#register(0, marks.length);
      return;
    }
    this.#follow();
    this.#drawWindow();
  }

  clear(): void {
    this.#following?.abort();
    this.#following = undefined;
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#unregister();
    this.#marks = [];
  }

  #unregister(): void {
    for (const name of this.#names) CSS.highlights.delete(name);
    this.#names.clear();
    this.#window = [0, 0];
  }

  #register(from: number, to: number): void {
    this.#unregister();
    const byKind = new Map<Kind, Range[]>();
    for (let i = from; i < to; i++) {
      const { kind, range } = this.#marks[i]!;
      const list = byKind.get(kind);
      if (list) list.push(range);
      else byKind.set(kind, [range]);
    }
    for (const [kind, ranges] of byKind) {
      const name = this.#style === 'background' ? `${HIGHLIGHT_PREFIX}-bg-${kind}` : `${HIGHLIGHT_PREFIX}-${kind}`;
      const highlight = new Highlight();
      for (const range of ranges) highlight.add(range);
      CSS.highlights.set(name, highlight);
      this.#names.add(name);
    }
    this.#window = [from, to];
  }

  /**
   * The first mark at or below the top of the view, found by halving: marks are in page order,
   * which is top-to-bottom order on nearly every page, so a few rectangles are read, not thousands.
   */
  #firstInView(): number {
    return partitionPoint(this.#marks.length, (i) => this.#marks[i]!.range.getBoundingClientRect().bottom < 0);
  }

  #drawWindow(): void {
    const first = this.#firstInView();
    const from = Math.max(0, first - WINDOW / 3);
    const to = Math.min(this.#marks.length, from + WINDOW);
    const [drawnFrom, drawnTo] = this.#window;
    // Still well inside what is drawn: nothing to do.
    if (drawnTo > drawnFrom && first - drawnFrom >= WINDOW / 6 && drawnTo - first >= WINDOW / 2) return;
    this.#register(from, to);
  }

  #follow(): void {
    const following = new AbortController();
    this.#following = following;
    addEventListener(
      'scroll',
      () => {
        if (!this.#frame) {
          this.#frame = requestAnimationFrame(() => {
            this.#frame = 0;
            this.#drawWindow();
          });
        }
      },
      { passive: true, capture: true, signal: following.signal },
    );
  }
}
