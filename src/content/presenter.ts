import { DEFAULT_SETTINGS, type Settings } from '../common/settings.ts';
import { partitionPoint } from '../core/search.ts';
import type { CardController, OpenRequest } from './card-controller.ts';
import { Highlighter } from './highlighter.ts';
import { trackHover } from './hover.ts';
import type { PageMention } from './scan.ts';
import { trackTaps } from './tap.ts';
import { warn } from '../core/log.ts';

export interface PresenterDeps {
  doc: Document;
  /** False once the extension is gone from under this page (see index.ts); checked before any work a reader starts. */
  alive(): boolean;
  /** A card's data as the background sent it, unchecked: the card's code checks it (see card-controller.ts). */
  fetchEntity(id: string): Promise<unknown>;
  /** The card's code, fetched on the first card (see card-ui.ts). */
  loadCardUi(): Promise<typeof import('./card-ui.ts')>;
  /** Tell the background how many distinct entities are marked (for the toolbar badge). */
  report(entities: number): void;
  /** The page's lifetime: every listener the presenter adds ends with it. */
  signal: AbortSignal;
  /** The highlights' drawer (a fake in unit tests). */
  highlighter?: Pick<Highlighter, 'draw' | 'clear'>;
}

const GRACE_MS = 300;

function isRtl(node: Node): boolean {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return element ? getComputedStyle(element).direction === 'rtl' : false;
}

/**
 * What a reader sees and touches: the highlights the settings ask for, the pointer and keyboard
 * paths to a mention's card, and the card itself. Listeners exist only while something is drawn.
 */
export class Presenter {
  readonly #deps: PresenterDeps;
  readonly #highlighter: Pick<Highlighter, 'draw' | 'clear'>;
  #cardUi?: Promise<CardController>;
  #card?: CardController;
  #drawn: PageMention[] = [];
  #listening?: AbortController;
  #hover?: { forget(): void };
  #cursor = -1;
  /** The settings the highlights were last drawn with: the hover delay and tap look-up are read from them live. */
  #settings: Settings = DEFAULT_SETTINGS;

  constructor(deps: PresenterDeps) {
    this.#deps = deps;
    this.#highlighter = deps.highlighter ?? new Highlighter();
  }

  get drawn(): readonly PageMention[] {
    return this.#drawn;
  }

  /** Draw what the settings let through: the kinds switched on, and each entity once if asked. */
  draw(found: readonly PageMention[], settings: Settings): void {
    this.#settings = settings;
    const seen = new Set<string>();
    this.#drawn = found.filter((m) => {
      if (!settings.categories[m.kind]) return false;
      if (!settings.firstOnly) return true;
      if (seen.has(m.mention.entity)) return false;
      seen.add(m.mention.entity);
      return true;
    });
    this.#highlighter.draw(this.#drawn, settings.style);
    this.#deps.report(new Set(this.#drawn.map((m) => m.mention.entity)).size);
    if (this.#drawn.length && !this.#listening) this.#listen();
  }

  /** Nothing drawn, no card, no listeners; the card's host stays for the next card. */
  clear(): void {
    this.#highlighter.clear();
    this.#card?.close();
    this.#listening?.abort();
    this.#listening = undefined;
    this.#hover = undefined;
    this.#drawn = [];
    this.#deps.report(0);
  }

  /** Everything gone from the page, the card's host included. */
  destroy(): void {
    this.clear();
    this.#card?.destroy();
  }

  /**
   * The next drawn mention of `entity` after the last one shown, scrolled to, with its card
   * focused; one hidden by a category switch or "first mention only" (from `found`) still takes the reader there.
   */
  async reveal(entity: string, found: readonly PageMention[]): Promise<boolean> {
    const drawnIndex = this.#nextIndex((m) => m.mention.entity === entity);
    if (drawnIndex >= 0) return this.#showAt(drawnIndex);
    const any = found.find((m) => m.mention.entity === entity);
    return any ? this.#openAt(any) : false;
  }

  /** The keyboard command: the next mention in reading order. */
  async next(): Promise<boolean> {
    const index = this.#nextIndex(() => true);
    return index >= 0 ? this.#showAt(index) : false;
  }

  /** The context-menu look-up: the card near the selection, or a plain "no match". */
  async showLookup(entity: string | null, query: string): Promise<void> {
    const selection = this.#deps.doc.getSelection();
    const range = selection && selection.rangeCount ? selection.getRangeAt(0) : undefined;
    const rect = range?.getBoundingClientRect() ?? new DOMRect(16, 16, 0, 0);
    const rtl = range ? isRtl(range.startContainer) : false;
    const card = await this.#loadCard();
    if (entity && (await card.open({ entity, anchor: rect, rtl, focus: true }))) return;
    await card.openNoMatch(query, rect, rtl);
  }

  #loadCard(): Promise<CardController> {
    this.#cardUi ??= this.#deps.loadCardUi().then(({ CardController: Controller }) => {
      // Closed by the reader (its button, the back gesture): the next hover or tap starts afresh.
      this.#card = new Controller(this.#deps.doc, this.#deps.fetchEntity, () => this.#hover?.forget());
      return this.#card;
    });
    return this.#cardUi;
  }

  /** What the card needs to open for a mention, anchored at `anchor`. */
  #request(target: PageMention, anchor: DOMRect, focus: boolean): OpenRequest {
    // Two packs may name the same words ("Donald Trump" in both): the card offers the other readings.
    const also = this.#drawnIn(target.startNode)
      .filter(
        (m) =>
          m !== target &&
          m.mention.entity !== target.mention.entity &&
          m.startOffset === target.startOffset &&
          m.endNode === target.endNode &&
          m.endOffset === target.endOffset,
      )
      .map((m) => m.mention.entity);
    const request: OpenRequest = {
      entity: target.mention.entity,
      anchor,
      rtl: isRtl(target.range.startContainer),
      why: target.mention.why,
      focus,
    };
    if (also.length) request.also = [...new Set(also)];
    return request;
  }

  #listen(): void {
    const listening = new AbortController();
    this.#listening = listening;
    const signal = AbortSignal.any([listening.signal, this.#deps.signal]);
    const { doc } = this.#deps;
    // The pointer's two moments: resting on a mention starts the card unseen, the intent deadline shows it.
    const withCard = (use: (card: CardController) => Promise<unknown>, onError: (error: unknown) => void): void => {
      if (!this.#deps.alive()) return;
      void this.#loadCard().then(use).catch(onError);
    };
    const pinned = (): boolean => this.#card?.pinned ?? false;
    this.#hover = trackHover({
      doc,
      signal,
      intentMs: () => this.#settings.hoverDelayMs,
      graceMs: GRACE_MS,
      targetsIn: (node) => this.#drawnIn(node),
      isInsideCard: (target) => this.#card?.contains(target) ?? false,
      stayOpen: () => pinned() || (this.#card?.hasFocus() ?? false),
      onApproach: (target, rect) => {
        if (pinned()) return;
        withCard(
          (card) => card.prepare(this.#request(target, rect, false)),
          () => {},
        );
      },
      onIntent: (target, rect) => {
        if (pinned()) return;
        performance.mark('summit-lens:intent');
        withCard(
          (card) => card.open(this.#request(target, rect, false)),
          (error) => warn('the card could not open', error),
        );
      },
      onLeave: () => {
        if (!pinned()) this.#card?.close();
      },
    });
    // A tap opens the card with focus in it (on a phone, the sheet); a tap anywhere else closes it.
    trackTaps({
      doc,
      signal,
      enabled: () => this.#settings.tapLookup,
      targetsIn: (node) => this.#drawnIn(node),
      isInsideCard: (target) => this.#card?.contains(target) ?? false,
      onTap: (target, rect) => {
        if (pinned()) return;
        this.#hover?.forget();
        withCard(
          (card) => card.open(this.#request(target, rect, true)),
          (error) => warn('the card could not open', error),
        );
      },
      onTapOutside: () => {
        if (!this.#card?.isOpen || pinned()) return;
        this.#card.close();
        this.#hover?.forget();
      },
    });
    doc.addEventListener(
      'keydown',
      (event) => {
        if (event.key !== 'Escape' || !this.#card?.isOpen) return;
        this.#card.close();
        this.#hover?.forget();
      },
      { signal },
    );
  }

  /**
   * The drawn mentions with an end in this text node. They are in page order, so halving finds
   * the first that starts at or after the node (about 15 comparisons among 20,000 mentions);
   * the ones just before it may end in the node.
   */
  #drawnIn(node: Text): PageMention[] {
    const drawn = this.#drawn;
    const lo = partitionPoint(drawn.length, (i) => {
      const start = drawn[i]!.startNode;
      return start !== node && (start.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    });
    const found: PageMention[] = [];
    // A few back, for a mention that began in an earlier node around another nested in it.
    for (let i = lo - 1; i >= Math.max(0, lo - 8); i--) if (drawn[i]!.endNode === node) found.unshift(drawn[i]!);
    for (let i = lo; i < drawn.length && drawn[i]!.startNode === node; i++) found.push(drawn[i]!);
    return found;
  }

  #nextIndex(match: (m: PageMention) => boolean): number {
    const n = this.#drawn.length;
    for (let step = 1; step <= n; step++) {
      const index = (this.#cursor + step) % n;
      if (match(this.#drawn[index]!)) return index;
    }
    return -1;
  }

  async #showAt(index: number): Promise<boolean> {
    this.#cursor = index;
    return this.#openAt(this.#drawn[index]!);
  }

  async #openAt(target: PageMention): Promise<boolean> {
    const element = target.range.startContainer.parentElement;
    element?.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'instant' : 'auto' });
    const rects = target.range.getClientRects();
    const anchor = rects[0] ?? target.range.getBoundingClientRect();
    this.#hover?.forget();
    const card = await this.#loadCard();
    return card.open(this.#request(target, anchor, true));
  }
}
