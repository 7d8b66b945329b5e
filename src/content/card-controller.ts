import { h, render } from 'preact';
import type { CardData } from '../core/card-data';
import type { MatchRule } from '../core/types';
import { Card, NoMatch } from './card/Card';
import cardCss from './card/card.css?inline';
import { CardHost } from './card-host';

export interface OpenRequest {
  entity: string;
  anchor: DOMRect;
  rtl: boolean;
  why?: { alias: string; rule: MatchRule } | undefined;
  /** Opened from the keyboard: focus goes into the card and comes back on close. */
  focus: boolean;
}

/**
 * The card's life: fetching its data, rendering it into the host, related-entity navigation with a
 * way back, focus in and out, and closing. The host is created on the first card, not before.
 */
export class CardController {
  readonly #doc: Document;
  readonly #fetch: (id: string) => Promise<CardData | undefined>;
  #host?: CardHost;
  #history: { entity: string; why?: OpenRequest['why'] }[] = [];
  #anchor?: { rect: DOMRect; rtl: boolean };
  #returnFocus?: HTMLElement | null;
  #open = false;
  #generation = 0;
  readonly #cache = new Map<string, Promise<CardData | undefined>>();

  constructor(doc: Document, fetch: (id: string) => Promise<CardData | undefined>) {
    this.#doc = doc;
    this.#fetch = fetch;
  }

  /** Fetch a card's data ahead of time (the pointer is resting on its mention). */
  prefetch(id: string): void {
    this.#data(id);
  }

  #data(id: string): Promise<CardData | undefined> {
    let pending = this.#cache.get(id);
    if (!pending) {
      pending = this.#fetch(id).catch(() => undefined);
      this.#cache.set(id, pending);
      // A failed fetch is not remembered: the next hover asks again.
      void pending.then((data) => data ?? this.#cache.delete(id));
    }
    return pending;
  }

  get isOpen(): boolean {
    return this.#open;
  }

  contains(target: EventTarget | null): boolean {
    return this.#host?.contains(target) ?? false;
  }

  hasFocus(): boolean {
    return this.#host?.hasFocus() ?? false;
  }

  async open(request: OpenRequest): Promise<boolean> {
    if (request.focus && !this.#open) this.#returnFocus = this.#doc.activeElement as HTMLElement | null;
    this.#history = [{ entity: request.entity, why: request.why }];
    this.#anchor = { rect: request.anchor, rtl: request.rtl };
    return this.#show(request.focus);
  }

  /** A look-up that found nothing still answers, near where the reader looked. */
  async openNoMatch(query: string, anchor: DOMRect, rtl: boolean): Promise<void> {
    this.#returnFocus = this.#doc.activeElement as HTMLElement | null;
    this.#history = [];
    this.#anchor = { rect: anchor, rtl };
    const host = this.#ensureHost();
    render(h(NoMatch, { query, onClose: () => this.close() }), host.container);
    this.#open = true;
    await host.place(anchor, rtl);
    this.#focusCard();
  }

  close(): void {
    this.#generation += 1;
    if (!this.#open || !this.#host) return;
    const hadFocus = this.#host.hasFocus();
    render(null, this.#host.container);
    this.#host.hide();
    this.#open = false;
    this.#history = [];
    // Esc or the close button gives focus back to where the reader was.
    if (hadFocus && this.#returnFocus?.isConnected) this.#returnFocus.focus({ preventScroll: true });
    this.#returnFocus = undefined;
  }

  destroy(): void {
    this.close();
    this.#host?.destroy();
    this.#host = undefined;
  }

  #ensureHost(): CardHost {
    if (!this.#host?.attached) {
      // A page that removed our host gets a fresh one rather than a card that never shows.
      this.#host = new CardHost(this.#doc, cardCss);
    }
    return this.#host;
  }

  async #show(focus: boolean): Promise<boolean> {
    const current = this.#history[this.#history.length - 1];
    const anchor = this.#anchor;
    if (!current || !anchor) return false;
    const generation = ++this.#generation;
    const data = await this.#data(current.entity);
    if (!data || generation !== this.#generation) return false;
    const host = this.#ensureHost();
    render(
      h(Card, {
        ...data,
        why: current.why,
        now: new Date(),
        onClose: () => this.close(),
        onSelect: (id: string) => {
          this.#history.push({ entity: id });
          void this.#show(true);
        },
        onBack:
          this.#history.length > 1
            ? () => {
                this.#history.pop();
                void this.#show(true);
              }
            : undefined,
      }),
      host.container,
    );
    this.#open = true;
    await host.place(anchor.rect, anchor.rtl);
    if (focus) this.#focusCard();
    // For the benchmark: from the hover-intent deadline (marked by the lens) to the card's first frame.
    requestAnimationFrame(() => performance.mark('summit-lens:card-painted'));
    return true;
  }

  #focusCard(): void {
    const card = this.#host?.container.querySelector<HTMLElement>('[role="dialog"]');
    card?.focus({ preventScroll: true });
  }
}
