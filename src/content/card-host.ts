import { computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { HOST_ATTRIBUTE } from './guards.ts';

const HOST_TAG = 'summit-lens-ui';
const MAX_HEIGHT = 560;
/**
 * Below 600 CSS px the card is a bottom sheet. 600 is where phones end in portrait (Android's
 * "compact" width class; the widest phones are about 430 px) and where a 380 px card floating by its
 * line would cover most of the text around the mention. Keep in step with `.sheet` in card.css.
 */
export const SHEET_QUERY = '(max-width: 599.98px)';

/**
 * Owns the one element Summit Lens adds to a page: a shadow host outside <body> (so the page's
 * text and layout are untouched), its styles, where the card sits, and its removal.
 */
export class CardHost {
  readonly #host: HTMLElement;
  readonly #panel: HTMLElement;

  constructor(doc: Document, css: string) {
    for (const stale of doc.querySelectorAll(`[${HOST_ATTRIBUTE}]`)) stale.remove();
    this.#host = doc.createElement(HOST_TAG);
    this.#host.setAttribute(HOST_ATTRIBUTE, '');
    // Set through the CSSOM, which a strict style-src CSP allows, unlike a style attribute.
    this.#host.style.setProperty('all', 'initial', 'important');
    // Firefox spells `all` out into every longhand; locked text spacing in a style attribute would
    // keep a reader's spacing adjustments out (WCAG 1.4.12). The card sets its own spacing inside.
    for (const spacing of ['letter-spacing', 'word-spacing', 'line-height']) this.#host.style.removeProperty(spacing);
    this.#host.style.setProperty('position', 'fixed', 'important');
    this.#host.style.setProperty('inset', '0 auto auto 0', 'important');
    this.#host.style.setProperty('z-index', '2147483647', 'important');
    const shadow = this.#host.attachShadow({ mode: 'open' });
    adoptStyles(doc, shadow, css);
    this.#panel = doc.createElement('div');
    this.#panel.className = 'panel';
    this.#panel.hidden = true;
    shadow.append(this.#panel);
    doc.documentElement.append(this.#host);
  }

  get container(): HTMLElement {
    return this.#panel;
  }

  get attached(): boolean {
    return this.#host.isConnected;
  }

  contains(target: EventTarget | null): boolean {
    return target === this.#host || (target instanceof Node && this.#host.contains(target));
  }

  /** Whether keyboard focus is inside the card (the page sees the host as its active element). */
  hasFocus(): boolean {
    return this.#host.ownerDocument.activeElement === this.#host;
  }

  /** Whether the card is showing as a bottom sheet (a narrow screen). */
  get isSheet(): boolean {
    return this.#panel.classList.contains('sheet');
  }

  /**
   * Below the mention's line, or above it when there is more room there, never over it; kept
   * inside the viewport; aligned to the line's start edge (the right one on RTL pages). On a
   * narrow screen, a bottom sheet instead: the stylesheet places it.
   */
  async place(anchor: DOMRect, rtl: boolean, visible = true): Promise<void> {
    const panel = this.#panel;
    panel.hidden = false;
    panel.style.visibility = 'hidden';
    const sheet = this.#host.ownerDocument.defaultView?.matchMedia(SHEET_QUERY).matches ?? false;
    panel.classList.toggle('sheet', sheet);
    if (sheet) {
      for (const property of ['left', 'top', 'max-height']) panel.style.removeProperty(property);
      if (visible) this.reveal();
      return;
    }
    const { x, y } = await computePosition({ getBoundingClientRect: () => anchor }, panel, {
      strategy: 'fixed',
      placement: rtl ? 'bottom-end' : 'bottom-start',
      middleware: [
        offset(6),
        flip({ padding: 8 }),
        shift({ padding: 8 }),
        size({
          padding: 8,
          apply({ availableHeight }) {
            panel.style.maxHeight = `${Math.max(120, Math.min(MAX_HEIGHT, Math.floor(availableHeight)))}px`;
          },
        }),
      ],
    });
    panel.style.left = `${Math.round(x)}px`;
    panel.style.top = `${Math.round(y)}px`;
    if (visible) this.reveal();
  }

  /** Show a card already placed (hidden cards are out of sight and out of the accessibility tree). */
  reveal(): void {
    this.#panel.hidden = false;
    this.#panel.style.visibility = 'visible';
  }

  hide(): void {
    this.#panel.hidden = true;
  }

  destroy(): void {
    this.#host.remove();
  }
}

function adoptStyles(doc: Document, shadow: ShadowRoot, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
    return;
  } catch {
    // Constructed sheets can fail across compartments (Firefox content scripts); a <style> works there.
  }
  const style = doc.createElement('style');
  style.textContent = css;
  shadow.append(style);
}
