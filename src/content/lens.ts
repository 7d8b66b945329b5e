import type { PageState } from '../common/messages/to-page.ts';
import type { Settings } from '../common/settings.ts';
import type { KeyTable } from '../core/key-table.ts';
import type { Kind } from '../core/types.ts';
import { Highlighter } from './highlighter.ts';
import { Presenter, type PresenterDeps } from './presenter.ts';
import type { RemoteFinder } from './scan.ts';
import { ScanSession } from './session.ts';

export interface LensDeps extends PresenterDeps {
  find: RemoteFinder;
  /** Whether this browser can draw highlights at all (a fake in unit tests). */
  canDraw?: () => boolean;
}

/**
 * The page side of Summit Lens: a scan session (what the page mentions, kept up to date) and a
 * presenter (what the reader sees), brought in line with the settings. Listeners and the UI host
 * exist only once the page has something to annotate, and all of it goes on stop().
 */
export class Lens {
  readonly #session: ScanSession;
  readonly #presenter: Presenter;
  readonly #canDraw: () => boolean;
  #settings?: Settings;
  #active = false;
  #tables: readonly KeyTable[] = [];

  constructor(deps: LensDeps) {
    this.#session = new ScanSession({ ...deps, tables: () => this.#tables });
    this.#presenter = new Presenter(deps);
    this.#canDraw = deps.canDraw ?? Highlighter.supported;
  }

  /**
   * Bring the page in line with the settings and the enabled packs' key tables: scan on first need,
   * then only redraw; read the page afresh when the packs changed.
   */
  async apply(settings: Settings, active: boolean, tables: readonly KeyTable[] = this.#tables): Promise<void> {
    // The packs changed: read the page afresh. What is drawn stays until the new reading replaces it.
    if (tables !== this.#tables && this.#session.scanned) this.#session.reset();
    this.#tables = tables;
    this.#settings = settings;
    this.#active = active;
    if (!active) {
      this.#session.pause();
      this.#presenter.clear();
      return;
    }
    if (!this.#canDraw()) {
      console.info('[Summit Lens] this browser has no CSS Custom Highlight API; standing down');
      return;
    }
    const redraw = (): void => {
      if (this.#active && this.#settings) this.#presenter.draw(this.#session.found, this.#settings);
    };
    const firstScan = !this.#session.scanned;
    await this.#session.firstScan();
    if (!this.#active || this.#settings !== settings) return;
    if (!firstScan && !this.#session.watching) await this.#session.rescanAll(redraw);
    // Nothing found and nothing shown: nothing to draw (most pages end here).
    if (this.#session.found.length || this.#presenter.drawn.length) redraw();
    this.#session.reportFirstScan();
    this.#session.watch(redraw);
  }

  /** Everything Summit Lens put on the page goes, and any scan still running ends at its next slice. */
  stop(): void {
    this.#active = false;
    this.#session.stop();
    this.#presenter.destroy();
  }

  state(host: string, url: string): PageState {
    const counts = new Map<string, { kind: Kind; name: string; count: number }>();
    for (const m of this.#active ? this.#session.found : []) {
      const entry = counts.get(m.mention.entity) ?? { ...m.label, count: 0 };
      entry.count += 1;
      counts.set(m.mention.entity, entry);
    }
    return { host, url, active: this.#active, entities: [...counts].map(([id, entry]) => ({ id, ...entry })) };
  }

  reveal(entity: string): Promise<boolean> {
    return this.#presenter.reveal(entity, this.#session.found);
  }

  next(): Promise<boolean> {
    return this.#presenter.next();
  }

  showLookup(entity: string | null, query: string): Promise<void> {
    return this.#presenter.showLookup(entity, query);
  }
}
