import { sliceBudget, whenIdle, type MeteredBudget } from './budget.ts';
import { scanPage, type PageMention, type RemoteFinder, type ScanStats } from './scan.ts';
import { watchPage } from './watch.ts';
import type { PageTable } from '../core/key-table.ts';
import { warn } from '../core/log.ts';

export interface SessionDeps {
  doc: Document;
  find: RemoteFinder;
  /** The enabled packs' key tables, as they are now. */
  tables(): readonly PageTable[];
  /**
   * Whether a scan reads every block with a key, names of the story's world alone included: the
   * reader asked to see them, or the page is about a story already (see core/relevance.ts).
   */
  everything(): boolean;
  /** The page's lifetime: once it aborts, nothing scans again. */
  signal: AbortSignal;
  /** The first scan has early mentions to show (found holds them) before the rest comes (see scanPage). */
  early?(): void;
}

/**
 * What Summit Lens found on the page, kept up to date: the first scan once the page is idle, then
 * rescans of the blocks that change, one at a time and in order. Every scan runs under a signal,
 * so stop() ends a scan that is still reading, at its next slice.
 */
export class ScanSession {
  readonly #deps: SessionDeps;
  #found: PageMention[] = [];
  #firstScan?: Promise<void>;
  /** The running scans' signal: aborted by stop(), or when the page's lifetime ends. */
  #scans: AbortController;
  #watching?: AbortController;
  #rescanning: Promise<void> = Promise.resolve();
  #firstStats?: { budget: MeteredBudget; stats: ScanStats };
  /** Some text held keys that did not open it (names of the world alone) and was left unread. */
  #held = false;
  #readingAll?: Promise<void>;

  constructor(deps: SessionDeps) {
    this.#deps = deps;
    this.#scans = this.#newScans();
  }

  get found(): readonly PageMention[] {
    return this.#found;
  }

  get watching(): boolean {
    return this.#watching !== undefined;
  }

  /** The first scan of the whole page, once, after the page has loaded and gone idle. */
  firstScan(): Promise<void> {
    if (!this.#firstScan) {
      const { signal } = this.#scans;
      // Stopped before it finished: nothing was found, and that is no error.
      this.#firstScan = this.#scanWhole(signal).catch((error: unknown) => {
        if (!signal.aborted) throw error;
      });
    }
    return this.#firstScan;
  }

  get scanned(): boolean {
    return this.#firstScan !== undefined;
  }

  /** Whether some of the page was left unread because its only keys name the story's world. */
  get held(): boolean {
    return this.#held;
  }

  /** Read what was left unread (see held), once: the reader wants to see or count every name. */
  readAll(onChange: () => void): Promise<void> {
    if (!this.#held) return this.#readingAll ?? Promise.resolve();
    this.#readingAll ??= this.#queue([this.#root()], onChange, true).finally(() => {
      this.#readingAll = undefined;
    });
    return this.#readingAll;
  }

  /**
   * Follow the page's changes block by block; `onChange` runs after each rescan that changed what
   * was found. A page whose watch was paused reads its whole root again first.
   */
  watch(onChange: () => void): void {
    if (this.#watching) return;
    const watching = new AbortController();
    this.#watching = watching;
    const signal = AbortSignal.any([watching.signal, this.#scans.signal]);
    const root = this.#root();
    watchPage({
      root,
      signal,
      onChange: ({ blocks, full }) => {
        this.#queue(full ? [root] : blocks, onChange);
      },
    });
  }

  /** Back on after a pause: the page may have changed while nothing watched it. */
  rescanAll(onChange: () => void): Promise<void> {
    return this.#queue([this.#root()], onChange);
  }

  /** Stop following changes; what was found stays (highlights are off, or the session ends). */
  pause(): void {
    this.#watching?.abort();
    this.#watching = undefined;
  }

  /** End every scan now, running ones included, and forget what was found. */
  stop(): void {
    this.pause();
    this.#scans.abort(new DOMException('Summit Lens stopped reading this page', 'AbortError'));
    this.#scans = this.#newScans();
    this.#found = [];
    this.#held = false;
  }

  /** Start over (the packs changed): everything stops, and the next first scan reads the page afresh. */
  reset(): void {
    this.stop();
    this.#firstScan = undefined;
    this.#firstStats = undefined;
  }

  /**
   * Before the first scan's results are drawn: a fresh slice of its meter if the last one is spent,
   * so that the end of the reading and the drawing of a dense page are two tasks, not one long one.
   */
  async freshSlice(): Promise<void> {
    const budget = this.#firstStats?.budget;
    if (budget?.exhausted()) await budget.next();
  }

  /** The first scan's figures, once: the demo, the tests and the benchmark read them from the page. */
  reportFirstScan(): void {
    const first = this.#firstStats;
    if (!first) return;
    this.#firstStats = undefined;
    first.budget.finish();
    const { budget, stats } = first;
    performance.measure('summit-lens:annotate', {
      start: 'summit-lens:scan-start',
      detail: { ...stats, slices: budget.slices, busyMs: budget.busyMs, longestMs: budget.longestMs, sliceMs: budget.sliceLog },
    });
  }

  #newScans(): AbortController {
    const scans = new AbortController();
    this.#deps.signal.addEventListener('abort', () => scans.abort(this.#deps.signal.reason), { once: true, signal: scans.signal });
    return scans;
  }

  #root(): Element {
    return this.#deps.doc.body ?? this.#deps.doc.documentElement;
  }

  async #scanWhole(signal: AbortSignal): Promise<void> {
    await whenIdle(this.#deps.doc, { signal });
    performance.mark('summit-lens:scan-start');
    const budget = sliceBudget({ signal });
    const everything = this.#deps.everything();
    const { mentions, stats, held } = await scanPage({
      roots: this.#root(),
      tables: this.#deps.tables(),
      find: this.#deps.find,
      budget,
      everything,
      early: (mentions) => {
        this.#found = mentions;
        this.#deps.early?.();
      },
    });
    this.#firstStats = { budget, stats };
    this.#found = mentions;
    this.#held = held;
  }

  /** One rescan at a time, in order; each sees the mentions the previous one left. */
  #queue(blocks: Element[], onChange: () => void, everything = false): Promise<void> {
    const { signal } = this.#scans;
    this.#rescanning = this.#rescanning
      .then(() => this.#rescan(blocks, signal, onChange, everything || this.#deps.everything()))
      .catch((error: unknown) => {
        if (!signal.aborted) warn('rescan failed', error);
      });
    return this.#rescanning;
  }

  async #rescan(blocks: Element[], signal: AbortSignal, onChange: () => void, everything: boolean): Promise<void> {
    signal.throwIfAborted();
    // Metered from the first step to the redraw: all of it runs on the page's main thread.
    const budget = sliceBudget({ signal });
    // A name never crosses a block, so a mention is touched when a changed block holds either end.
    const touched = (m: PageMention): boolean =>
      !m.startNode.isConnected || !m.endNode.isConnected || blocks.some((b) => b.contains(m.startNode) || b.contains(m.endNode));
    const kept = this.#found.filter((m) => !touched(m));
    const named = new Set(kept.map((m) => m.mention.entity));
    const {
      mentions: added,
      stats,
      held,
    } = await scanPage({
      roots: blocks.filter((b) => b.isConnected),
      tables: this.#deps.tables(),
      find: this.#deps.find,
      budget,
      named,
      everything,
    });
    // A read of the whole page with everything opened leaves nothing unread; any other may.
    if (held) this.#held = true;
    else if (everything && blocks.includes(this.#root())) this.#held = false;
    const changed = added.length > 0 || kept.length !== this.#found.length;
    this.#found = [...kept, ...added].sort((a, b) => (a.before(b) ? -1 : b.before(a) ? 1 : 0));
    // The redraw is part of the rescan's cost on the page, so it runs inside the meter.
    if (changed) onChange();
    budget.finish();
    performance.mark('summit-lens:rescan', {
      detail: { blocks: blocks.length, chars: stats.chars, added: added.length, busyMs: budget.busyMs },
    });
  }
}
