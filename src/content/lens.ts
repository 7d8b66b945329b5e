import type { PageState } from '../common/messages/to-page.ts';
import type { Settings } from '../common/settings.ts';
import type { PageTable } from '../core/key-table.ts';
import { packsAbout } from '../core/relevance.ts';
import type { Kind } from '../core/types.ts';
import { Highlighter } from './highlighter.ts';
import { Presenter, type PresenterDeps } from './presenter.ts';
import type { PageMention, RemoteFinder } from './scan.ts';
import { ScanSession } from './session.ts';
import { info } from '../core/log.ts';

export interface LensDeps extends PresenterDeps {
  find: RemoteFinder;
  /** Whether this browser can draw highlights at all (a fake in unit tests). */
  canDraw?: () => boolean;
}

/** The pack of an entity reference ("summit-2025/xi-jinping"). */
const packOf = (entity: string): string => entity.slice(0, entity.indexOf('/'));

/**
 * The page side of Summit Lens: a scan session (what the page mentions, kept up to date) and a
 * presenter (what the reader sees), brought in line with the settings. Listeners and the UI host
 * exist only once the page has something to annotate, and all of it goes on stop(). A pack's
 * mentions are shown only where the page is about its story (core/relevance.ts), unless the
 * reader asked to see them here (showHere) or everywhere (the showUnrelated setting).
 */
export class Lens {
  readonly #session: ScanSession;
  readonly #presenter: Presenter;
  readonly #canDraw: () => boolean;
  #settings?: Settings;
  #active = false;
  #tables: readonly PageTable[] = [];
  /** The reader asked to see every name on this page (the popup's "Show them on this page"). */
  #showHere = false;
  /** The last #about() and the list it was read from. */
  #read?: { found: readonly PageMention[]; about: Set<string>; packs: Set<string> };

  constructor(deps: LensDeps) {
    this.#session = new ScanSession({
      ...deps,
      tables: () => this.#tables,
      everything: () => this.#opens(),
      early: () => {
        this.#redraw();
        // Seen by the benchmark: when the first highlights were drawn, before compromise's reading came.
        performance.mark('summit-lens:early-drawn');
      },
    });
    this.#presenter = new Presenter(deps);
    this.#canDraw = deps.canDraw ?? Highlighter.supported;
  }

  /**
   * Bring the page in line with the settings and the enabled packs' key tables: scan on first need,
   * then only redraw; read the page afresh when the packs changed.
   */
  async apply(settings: Settings, active: boolean, tables: readonly PageTable[] = this.#tables): Promise<void> {
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
      info('this browser has no CSS Custom Highlight API; standing down');
      return;
    }
    const firstScan = !this.#session.scanned;
    await this.#session.firstScan();
    if (!this.#active || this.#settings !== settings) return;
    if (!firstScan && !this.#session.watching) await this.#session.rescanAll(this.#redraw);
    // Text left unread for naming only the world is read once it is to be shown.
    if (this.#session.held && this.#opens()) await this.#session.readAll(this.#redraw);
    // Nothing found and nothing shown: nothing to draw (most pages end here).
    if (this.#session.found.length || this.#presenter.drawn.length) {
      await this.#session.freshSlice();
      if (!this.#active || this.#settings !== settings) return;
      this.#redraw();
    }
    this.#session.reportFirstScan();
    this.#session.watch(this.#redraw);
  }

  readonly #redraw = (): void => {
    if (!this.#active || !this.#settings) return;
    // A rescan made the page about a story: what was left unread for naming only the world is read too.
    if (this.#session.held && this.#opens()) void this.#session.readAll(this.#redraw);
    this.#presenter.draw(this.#shown(), this.#settings);
  };

  /** Whether every name is read: the reader wants them all, or the page is about a story already. */
  #opens(): boolean {
    return this.#showsAll() || this.#about().about.size > 0;
  }

  #showsAll(): boolean {
    return this.#showHere || Boolean(this.#settings?.showUnrelated);
  }

  /**
   * The packs whose story this page is about (`about`) and every pack it names, by what it names
   * (each entity once). Read once per list of mentions, which the session replaces whenever
   * anything changes: a dense page holds tens of thousands, and every redraw asks.
   */
  #about(): { about: Set<string>; packs: Set<string> } {
    const found = this.#session.found;
    if (this.#read?.found !== found) {
      const named = new Map<string, PageMention['label']['relevance']>();
      for (const m of found) named.set(m.mention.entity, m.label.relevance);
      const about = packsAbout([...named].map(([entity, relevance]) => ({ entity, relevance })));
      this.#read = { found, about, packs: new Set([...named.keys()].map(packOf)) };
    }
    return this.#read;
  }

  /** What the reader sees: every mention of a pack whose story the page is about (or all, if asked). */
  #shown(): readonly PageMention[] {
    const found = this.#session.found;
    if (this.#showsAll()) return found;
    const { about, packs } = this.#about();
    // Every pack named here is one the page is about (most pages name one pack): nothing to leave out.
    return about.size === packs.size ? found : found.filter((m) => about.has(packOf(m.mention.entity)));
  }

  /** "Show them on this page": every name found here, for as long as the page is open. */
  async showHere(): Promise<true> {
    this.#showHere = true;
    if (this.#active && this.#session.held) await this.#session.readAll(this.#redraw);
    this.#redraw();
    return true;
  }

  /** Everything Summit Lens put on the page goes, and any scan still running ends at its next slice. */
  stop(): void {
    this.#active = false;
    this.#session.stop();
    this.#presenter.destroy();
  }

  /**
   * What the popup shows: the entities shown here, and what was found but is not shown because the
   * page is not about its pack's story. A page left unread for naming only the world is read now,
   * so that the reader learns how many names it has.
   */
  async state(host: string, url: string): Promise<PageState> {
    if (this.#active && this.#session.held) await this.#session.readAll(this.#redraw);
    const shown = this.#active ? this.#shown() : [];
    const counts = new Map<string, { kind: Kind; name: string; count: number }>();
    for (const m of shown) {
      const entry = counts.get(m.mention.entity) ?? { kind: m.label.kind, name: m.label.name, count: 0 };
      entry.count += 1;
      counts.set(m.mention.entity, entry);
    }
    const unshown = { packs: new Set<string>(), entities: new Set<string>(), mentions: 0 };
    const visible = new Set(shown);
    for (const m of this.#active ? this.#session.found : []) {
      if (visible.has(m)) continue;
      unshown.packs.add(packOf(m.mention.entity));
      unshown.entities.add(m.mention.entity);
      unshown.mentions += 1;
    }
    return {
      host,
      url,
      active: this.#active,
      entities: [...counts].map(([id, entry]) => ({ id, ...entry })),
      unshown: { packs: [...unshown.packs], entities: unshown.entities.size, mentions: unshown.mentions },
    };
  }

  /** How many distinct entities are shown (the badge's count). */
  get shownEntities(): number {
    return new Set(this.#presenter.drawn.map((m) => m.mention.entity)).size;
  }

  reveal(entity: string): Promise<boolean> {
    return this.#presenter.reveal(entity, this.#shown());
  }

  next(): Promise<boolean> {
    return this.#presenter.next();
  }

  showLookup(entity: string | null, query: string): Promise<void> {
    return this.#presenter.showLookup(entity, query);
  }
}
