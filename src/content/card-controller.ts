import { h, render } from 'preact';
import { parseBackgroundReply } from '../common/messages/to-background.ts';
import type { CardData } from '../core/card-data.ts';
import type { MatchRule } from '../core/types.ts';
import { Card, CardUnavailable, NoMatch } from '../card/Card.tsx';
import cardCss from '../card/card.css?inline';
import { CardHost } from './card-host.ts';
import { warn } from '../core/log.ts';

function sameRect(a: DOMRect, b: DOMRect): boolean {
  return Math.abs(a.left - b.left) < 1 && Math.abs(a.top - b.top) < 1 && Math.abs(a.width - b.width) < 1;
}

function shownFor(request: OpenRequest): Shown {
  const shown: Shown = { entity: request.entity, why: request.why };
  if (request.also?.length) shown.also = request.also;
  return shown;
}

export interface OpenRequest {
  entity: string;
  anchor: DOMRect;
  rtl: boolean;
  why?: { alias: string; rule: MatchRule } | undefined;
  /** Opened from the keyboard: focus goes into the card and comes back on close. */
  focus: boolean;
  /** Other entities (of other packs) highlighted on exactly the same words. */
  also?: string[];
}

type Shown = { entity: string; why?: OpenRequest['why']; also?: string[] };

/** The platform's "close this" signal (Android's back gesture, Esc on a desktop), where the browser has it. */
interface CloseWatcherLike {
  onclose: (() => void) | null;
  destroy(): void;
}
type CloseWatcherClass = new () => CloseWatcherLike;

/**
 * The card's life: fetching its data, rendering it into the host, related-entity navigation with a
 * way back, focus in and out, and closing. The host is created on the first card, not before.
 */
export class CardController {
  readonly #doc: Document;
  readonly #fetch: (id: string) => Promise<unknown>;
  #host?: CardHost;
  #history: Shown[] = [];
  #anchor?: { rect: DOMRect; rtl: boolean };
  #returnFocus?: HTMLElement | null;
  #open = false;
  #generation = 0;
  #prepared?: { entity: string; anchor: DOMRect };
  #pinned = false;
  #closeWatcher?: CloseWatcherLike;
  readonly #onDismiss: () => void;
  readonly #cache = new Map<string, Promise<CardData | undefined>>();

  /**
   * `fetch`: the background's reply to 'get-entity', unchecked; it is checked here before anything
   * renders. `onDismiss`: the reader closed the card themselves (its button, the back gesture).
   */
  constructor(doc: Document, fetch: (id: string) => Promise<unknown>, onDismiss: () => void = () => {}) {
    this.#doc = doc;
    this.#fetch = fetch;
    this.#onDismiss = onDismiss;
  }

  /** Pinned by the reader: only they close it (its button, Esc, the back gesture); hovers and taps elsewhere leave it. */
  get pinned(): boolean {
    return this.#open && this.#pinned;
  }

  #data(ref: string): Promise<CardData | undefined> {
    let pending = this.#cache.get(ref);
    if (!pending) {
      pending = this.#fetch(ref).then(
        (reply) => {
          const data = parseBackgroundReply('get-entity', reply);
          const answered = data && `${data.pack.id}/${data.entity.id}` === ref;
          if (data && !answered) warn('dropped a card for another entity than the one asked for');
          return answered ? data : undefined;
        },
        () => undefined,
      );
      this.#cache.set(ref, pending);
      // A failed fetch is not remembered: the next hover asks again.
      void pending.then((data) => data ?? this.#cache.delete(ref));
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
    const prepared = this.#prepared;
    this.#prepared = undefined;
    if (
      prepared &&
      !this.#open &&
      prepared.entity === request.entity &&
      sameRect(prepared.anchor, request.anchor) &&
      this.#host?.attached
    ) {
      // Rendered and placed while the pointer rested: showing it is one style change.
      this.#host.reveal();
      this.#open = true;
      this.#watchClose();
      if (request.focus) this.#focusCard();
      requestAnimationFrame(() => performance.mark('summit-lens:card-painted'));
      return true;
    }
    this.#history = [shownFor(request)];
    this.#anchor = { rect: request.anchor, rtl: request.rtl };
    this.#pinned = false;
    return this.#show(request.focus);
  }

  /**
   * The pointer is resting on a mention: fetch, render and place its card unseen, so that at the
   * intent deadline only its visibility changes. Never disturbs a card already showing.
   */
  async prepare(request: OpenRequest): Promise<void> {
    if (this.#open) {
      this.#data(request.entity);
      return;
    }
    this.#history = [shownFor(request)];
    this.#anchor = { rect: request.anchor, rtl: request.rtl };
    if (await this.#show(false, true)) this.#prepared = { entity: request.entity, anchor: request.anchor };
  }

  /** A look-up that found nothing still answers, near where the reader looked. */
  async openNoMatch(query: string, anchor: DOMRect, rtl: boolean): Promise<void> {
    this.#returnFocus = this.#doc.activeElement as HTMLElement | null;
    this.#history = [];
    this.#anchor = { rect: anchor, rtl };
    const host = this.#ensureHost();
    render(h(NoMatch, { query, onClose: () => this.#dismiss() }), host.container);
    this.#open = true;
    await host.place(anchor, rtl);
    this.#watchClose();
    this.#focusCard();
  }

  close(): void {
    this.#generation += 1;
    this.#prepared = undefined;
    this.#pinned = false;
    this.#closeWatcher?.destroy();
    this.#closeWatcher = undefined;
    if (!this.#open || !this.#host) {
      this.#host?.hide();
      return;
    }
    const hadFocus = this.#host.hasFocus();
    render(null, this.#host.container);
    this.#host.hide();
    this.#open = false;
    this.#history = [];
    // Esc or the close button gives focus back to where the reader was.
    if (hadFocus && this.#returnFocus?.isConnected) this.#returnFocus.focus({ preventScroll: true });
    this.#returnFocus = undefined;
  }

  #dismiss(): void {
    this.close();
    this.#onDismiss();
  }

  /**
   * A sheet fills the bottom of a phone's screen: the back gesture closes it, as it closes the
   * browser's own sheets, where the browser offers CloseWatcher (Chrome 126, Firefox 149 in MDN's
   * data). Firefox for Android 142 to 148 has none, and pushing a history entry into the reader's
   * page instead would fire the page's own popstate routing, so there the close button, a tap
   * outside and Esc close it.
   */
  #watchClose(): void {
    const Watcher = (globalThis as { CloseWatcher?: CloseWatcherClass }).CloseWatcher;
    if (!Watcher || this.#closeWatcher || !this.#host?.isSheet) return;
    try {
      const watcher = new Watcher();
      watcher.onclose = () => {
        this.#closeWatcher = undefined;
        this.#dismiss();
      };
      this.#closeWatcher = watcher;
    } catch {
      // Refused (too many without a user gesture): the close button still closes it.
    }
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

  async #show(focus: boolean, unseen = false): Promise<boolean> {
    const current = this.#history[this.#history.length - 1];
    const anchor = this.#anchor;
    if (!current || !anchor) return false;
    const generation = ++this.#generation;
    const [data, ...others] = await Promise.all([this.#data(current.entity), ...(current.also ?? []).map((ref) => this.#data(ref))]);
    if (generation !== this.#generation || (!data && unseen)) return false;
    const also = others.flatMap((other) =>
      other ? [{ ref: `${other.pack.id}/${other.entity.id}`, name: other.entity.name, pack: other.pack.title }] : [],
    );
    const host = this.#ensureHost();
    const onBack =
      this.#history.length > 1
        ? () => {
            this.#history.pop();
            void this.#show(true);
          }
        : undefined;
    render(
      // No data, or data that failed its check: the reader is told plainly, never shown a broken card.
      !data
        ? h(CardUnavailable, { onClose: () => this.#dismiss(), onBack })
        : h(Card, {
            ...data,
            why: current.why,
            now: new Date(),
            onClose: () => this.#dismiss(),
            pinned: this.#pinned,
            onPin: () => {
              this.#pinned = !this.#pinned;
              void this.#show(false);
            },
            // A related entity is one of the same pack.
            onSelect: (id: string) => {
              this.#history.push({ entity: `${data.pack.id}/${id}` });
              void this.#show(true);
            },
            onBack,
            also,
            // The same words read by another pack: a sibling of this card, not a step Back returns from.
            onSwitch: (ref: string) => {
              this.#history[this.#history.length - 1] = {
                entity: ref,
                why: current.why,
                also: [current.entity, ...(current.also ?? []).filter((other) => other !== ref)],
              };
              void this.#show(true);
            },
          }),
      host.container,
    );
    await host.place(anchor.rect, anchor.rtl, !unseen);
    if (generation !== this.#generation) return false;
    if (unseen) return true;
    this.#open = true;
    this.#watchClose();
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
