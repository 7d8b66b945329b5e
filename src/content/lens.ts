import type { PageState } from '../common/messages.ts';
import type { Settings } from '../common/settings.ts';
import type { CardData } from '../core/card-data.ts';
import type { CardController } from './card-controller.ts';
import { Highlighter } from './highlighter.ts';
import { trackHover } from './hover.ts';
import { scanPage, type PageMention, type RemoteFinder, type ScanStats } from './scan.ts';
import { sliceBudget, whenIdle, type MeteredBudget } from './budget.ts';
import { watchPage } from './watch.ts';

export interface LensDeps {
  doc: Document;
  /** False once the extension is gone from under this page (see index.ts); checked before any work a reader starts. */
  alive(): boolean;
  find: RemoteFinder;
  fetchEntity(id: string): Promise<CardData | undefined>;
  /** The card's code, fetched on the first card (see card-ui.ts). */
  loadCardUi(): Promise<typeof import('./card-ui.ts')>;
  /** Tell the background how many distinct entities are marked (for the toolbar badge). */
  report(entities: number): void;
}

const INTENT_MS = 300;
const GRACE_MS = 300;

function isRtl(node: Node): boolean {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return element ? getComputedStyle(element).direction === 'rtl' : false;
}

/**
 * The page side of Summit Lens: scan once, draw what the settings ask for, answer hovers, the
 * keyboard and the popup with a card. Listeners and the UI host exist only once the page has
 * something to annotate, and all of it goes on stop().
 */
export class Lens {
  readonly #deps: LensDeps;
  readonly #highlighter = new Highlighter();
  #cardUi?: Promise<CardController>;
  #card?: CardController;
  #settings?: Settings;
  #scan?: Promise<void>;
  #found: PageMention[] = [];
  #drawn: PageMention[] = [];
  #listening?: AbortController;
  #hover?: { forget(): void };
  #cursor = -1;
  #active = false;
  #firstScan?: { budget: MeteredBudget; stats: ScanStats };
  #watching?: AbortController;
  #rescanning: Promise<void> = Promise.resolve();

  constructor(deps: LensDeps) {
    this.#deps = deps;
  }

  #loadCard(): Promise<CardController> {
    this.#cardUi ??= this.#deps.loadCardUi().then(({ CardController: Controller }) => {
      this.#card = new Controller(this.#deps.doc, this.#deps.fetchEntity);
      return this.#card;
    });
    return this.#cardUi;
  }

  /** Bring the page in line with the settings: scan on first need, then only redraw. */
  async apply(settings: Settings, active: boolean): Promise<void> {
    this.#settings = settings;
    this.#active = active;
    if (!active) {
      this.#clear();
      return;
    }
    if (!Highlighter.supported()) {
      console.info('[Summit Lens] this browser has no CSS Custom Highlight API; standing down');
      return;
    }
    const firstScan = !this.#scan;
    this.#scan ??= this.#scanOnce();
    await this.#scan;
    if (!this.#active || this.#settings !== settings) return;
    // Back on after a pause: the page may have changed while nothing watched it.
    if (!firstScan && !this.#watching) await this.#rescan([this.#deps.doc.body ?? this.#deps.doc.documentElement]);
    // Nothing found and nothing shown: nothing to draw (most pages end here).
    if (this.#found.length || this.#drawn.length) this.#draw(settings);
    this.#reportFirstScan();
    this.#watch();
  }

  stop(): void {
    this.#active = false;
    this.#clear();
    this.#card?.destroy();
  }

  state(host: string, url: string): PageState {
    const counts = new Map<string, { kind: string; count: number }>();
    for (const m of this.#active ? this.#found : []) {
      const entry = counts.get(m.mention.entity) ?? { kind: m.kind, count: 0 };
      entry.count += 1;
      counts.set(m.mention.entity, entry);
    }
    return { host, url, active: this.#active, entities: [...counts].map(([id, { kind, count }]) => ({ id, kind, count })) };
  }

  /** The next drawn mention of `entity` after the last one shown, scrolled to, with its card focused. */
  async reveal(entity: string): Promise<boolean> {
    const drawnIndex = this.#nextIndex((m) => m.mention.entity === entity);
    if (drawnIndex >= 0) return this.#showAt(drawnIndex);
    // Hidden by a category switch or "first mention only": still take the reader there.
    const any = this.#found.find((m) => m.mention.entity === entity);
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

  /** Later changes to the page are scanned as they come, block by block. */
  #watch(): void {
    if (this.#watching) return;
    const watching = new AbortController();
    this.#watching = watching;
    const root = this.#deps.doc.body ?? this.#deps.doc.documentElement;
    watchPage({
      root,
      signal: watching.signal,
      onChange: ({ blocks, full }) => {
        // One rescan at a time, in order; each sees the mentions the previous one left.
        this.#rescanning = this.#rescanning
          .then(() => this.#rescan(full ? [root] : blocks))
          .catch((error: unknown) => {
            console.warn('[Summit Lens] rescan failed', error);
          });
      },
    });
  }

  async #rescan(blocks: Element[]): Promise<void> {
    if (!this.#active || !this.#settings) return;
    // Metered from the first step to the redraw: all of it runs on the page's main thread.
    const budget = sliceBudget();
    // A name never crosses a block, so a mention is touched when a changed block holds either end.
    const touched = (m: PageMention): boolean =>
      !m.startNode.isConnected || !m.endNode.isConnected || blocks.some((b) => b.contains(m.startNode) || b.contains(m.endNode));
    const kept = this.#found.filter((m) => !touched(m));
    const named = new Set(kept.map((m) => m.mention.entity));
    const { mentions: added, stats } = await scanPage(
      blocks.filter((b) => b.isConnected),
      this.#deps.find,
      budget,
      named,
    );
    if (this.#active && this.#settings) {
      this.#found = [...kept, ...added].sort((a, b) => (a.before(b) ? -1 : b.before(a) ? 1 : 0));
      this.#draw(this.#settings);
    }
    budget.finish();
    performance.mark('summit-lens:rescan', {
      detail: { blocks: blocks.length, chars: stats.chars, added: added.length, busyMs: budget.busyMs },
    });
  }

  async #scanOnce(): Promise<void> {
    const { doc } = this.#deps;
    await whenIdle(doc);
    performance.mark('summit-lens:scan-start');
    const budget = sliceBudget();
    const { mentions, stats } = await scanPage(doc.body ?? doc.documentElement, this.#deps.find, budget);
    this.#firstScan = { budget, stats };
    this.#found = mentions;
  }

  /** The first scan's costs ride on a measure, so the demo, the tests and the benchmark can read them from the page. */
  #reportFirstScan(): void {
    const first = this.#firstScan;
    if (!first) return;
    this.#firstScan = undefined;
    first.budget.finish();
    const { budget, stats } = first;
    performance.measure('summit-lens:annotate', {
      start: 'summit-lens:scan-start',
      detail: { ...stats, slices: budget.slices, busyMs: budget.busyMs, longestMs: budget.longestMs, sliceMs: budget.sliceLog },
    });
  }

  #draw(settings: Settings): void {
    const seen = new Set<string>();
    this.#drawn = this.#found.filter((m) => {
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

  #clear(): void {
    this.#watching?.abort();
    this.#watching = undefined;
    this.#highlighter.clear();
    this.#card?.close();
    this.#listening?.abort();
    this.#listening = undefined;
    this.#hover = undefined;
    this.#drawn = [];
    this.#deps.report(0);
  }

  #listen(): void {
    const listening = new AbortController();
    this.#listening = listening;
    const { doc } = this.#deps;
    this.#hover = trackHover({
      doc,
      signal: listening.signal,
      intentMs: INTENT_MS,
      graceMs: GRACE_MS,
      targetsIn: (node) => this.#drawnIn(node),
      isInsideCard: (target) => this.#card?.contains(target) ?? false,
      stayOpen: () => this.#card?.hasFocus() ?? false,
      onApproach: (target, rect) => {
        if (!this.#deps.alive()) return;
        void this.#loadCard()
          .then((card) =>
            card.prepare({
              entity: target.mention.entity,
              anchor: rect,
              rtl: isRtl(target.range.startContainer),
              why: target.mention.why,
              focus: false,
            }),
          )
          .catch(() => {});
      },
      onIntent: (target, rect) => {
        if (!this.#deps.alive()) return;
        performance.mark('summit-lens:intent');
        void this.#loadCard()
          .then((card) =>
            card.open({
              entity: target.mention.entity,
              anchor: rect,
              rtl: isRtl(target.range.startContainer),
              why: target.mention.why,
              focus: false,
            }),
          )
          .catch((error: unknown) => console.warn('[Summit Lens] the card could not open', error));
      },
      onLeave: () => this.#card?.close(),
    });
    doc.addEventListener(
      'keydown',
      (event) => {
        if (event.key !== 'Escape' || !this.#card?.isOpen) return;
        this.#card.close();
        this.#hover?.forget();
      },
      { signal: listening.signal },
    );
  }

  /**
   * The drawn mentions with an end in this text node. They are in page order, so halving finds
   * the first that starts at or after the node (about 15 comparisons among 20,000 mentions);
   * the ones just before it may end in the node.
   */
  #drawnIn(node: Text): PageMention[] {
    const drawn = this.#drawn;
    let lo = 0;
    let hi = drawn.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const start = drawn[mid]!.startNode;
      if (start !== node && (start.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0) lo = mid + 1;
      else hi = mid;
    }
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
    return card.open({
      entity: target.mention.entity,
      anchor,
      rtl: isRtl(target.range.startContainer),
      why: target.mention.why,
      focus: true,
    });
  }
}
