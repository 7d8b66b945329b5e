import { HOST_ATTRIBUTE } from './guards';

const HOST_TAG = 'summit-lens-ui';

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

  get element(): HTMLElement {
    return this.#host;
  }

  contains(target: EventTarget | null): boolean {
    return target === this.#host || (target instanceof Node && this.#host.contains(target));
  }

  /** Below the mention when there is room, above it otherwise; never over the line being read. */
  place(anchor: DOMRect): void {
    const panel = this.#panel;
    panel.hidden = false;
    panel.style.visibility = 'hidden';
    panel.style.maxHeight = '';
    const view = panel.ownerDocument.documentElement;
    const width = view.clientWidth;
    const height = view.clientHeight;
    const gap = 6;
    const margin = 8;
    const roomBelow = height - anchor.bottom - gap - margin;
    const roomAbove = anchor.top - gap - margin;
    const natural = panel.offsetHeight;
    const below = natural <= roomBelow || roomBelow >= roomAbove;
    const room = Math.max(below ? roomBelow : roomAbove, 120);
    const h = Math.min(natural, room);
    panel.style.maxHeight = `min(560px, ${Math.floor(room)}px)`;
    const top = below ? anchor.bottom + gap : anchor.top - gap - h;
    const left = Math.min(Math.max(margin, anchor.left), Math.max(margin, width - panel.offsetWidth - margin));
    panel.style.top = `${Math.round(top)}px`;
    panel.style.left = `${Math.round(left)}px`;
    panel.style.visibility = 'visible';
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
