import type Browser from 'webextension-polyfill';
import { openPackStore, type PackStore, type StoredPack } from '../common/packs/store.ts';
import { BUILT_IN_TABLE, PACK_STATES_KEY, PAGE_TABLES_KEY, parsePackStates, parsePageTables } from '../common/packs/state.ts';
import { splitRef } from '../core/alias-index.ts';
import type { KeyLookup, PackTable } from '../core/candidates.ts';
import { buildCardData, memoryCardSource, type CardData } from '../core/card-data.ts';
import { createDetector, recordsOf, type Detector } from '../core/detector-core.ts';
import { bundledEntities, bundledRestored } from './bundled.ts';
import { judgeLoaded, loadJudge } from './load-nlp.ts';
import { BUNDLED_PACK_ID } from '../core/packs/bundled-id.ts';
import { bundledPack } from '../core/packs/bundled.ts';
import { searchEntities, type SearchHit } from '../core/packs/search.ts';
import { timed, timedAsync } from '../core/timing.ts';
import type { PackManifest } from '../core/packs/schema.ts';
import { warn } from '../core/log.ts';

/** A pack as the popup lists it. */
export interface PackSummary {
  id: string;
  title: string;
  revision: number;
  enabled: boolean;
  bundled: boolean;
}

/**
 * The packs the background reads with: the bundled one, held in memory, and the imported ones,
 * whose key tables come from extension storage (the same the pages read) and whose keys and
 * entities are fetched from the pack store only for the texts and cards that need them. Nothing
 * is rebuilt from a pack's text when the background wakes: it reads one storage value and opens
 * the database. Rebuilt when the reader switches, imports or removes a pack.
 */
export class PackRuntime {
  readonly #storage: Browser.Storage.StorageArea;
  #store?: Promise<PackStore>;
  #current?: Promise<{ detector: Detector; imported: Map<string, StoredPack>; enabled: Set<string> }>;

  constructor(storage: Browser.Storage.StorageArea) {
    this.#storage = storage;
  }

  /** Storage changed: the next request reads the packs afresh. */
  changed(keys: readonly string[]): boolean {
    if (!keys.includes(PACK_STATES_KEY) && !keys.includes(PAGE_TABLES_KEY)) return false;
    this.#current = undefined;
    return true;
  }

  async detector(): Promise<Detector> {
    return (await this.#load()).detector;
  }

  async card(ref: string): Promise<CardData | undefined> {
    const { pack, id } = splitRef(ref);
    const { imported } = await this.#load();
    const stored = imported.get(pack);
    if (stored) {
      const store = await this.#openStore();
      return buildCardData(
        { manifest: stored.manifest, bundled: false, entity: (entityId) => store.entity(pack, entityId), timeline: () => stored.timeline },
        id,
      );
    }
    if (pack !== BUNDLED_PACK_ID) return undefined;
    return buildCardData(memoryCardSource(bundledEntities(), true), id);
  }

  /** Entities of the enabled packs whose name, alias or type holds the query. */
  async search(query: string): Promise<SearchHit[]> {
    const { imported, enabled } = await this.#load();
    const hits: SearchHit[] = [];
    if (enabled.has(BUNDLED_PACK_ID) && !imported.has(BUNDLED_PACK_ID)) hits.push(...searchEntities(bundledEntities(), query));
    const store = imported.size ? await this.#openStore() : undefined;
    for (const stored of imported.values()) {
      if (!enabled.has(stored.id) || !store) continue;
      hits.push(...(await store.search(stored.id, query)));
    }
    return hits.slice(0, 12);
  }

  async summaries(): Promise<PackSummary[]> {
    const { imported, enabled } = await this.#load();
    // The manifest alone: listing the packs (the popup) need not restore the bundled pack's keys.
    const bundled = bundledPack();
    const list: PackSummary[] = [];
    const summary = (manifest: PackManifest, isBundled: boolean): PackSummary => ({
      id: manifest.id,
      title: manifest.title,
      revision: manifest.revision,
      enabled: enabled.has(manifest.id),
      bundled: isBundled,
    });
    if (!imported.has(BUNDLED_PACK_ID)) list.push(summary(bundled, true));
    for (const stored of imported.values()) list.push(summary(stored.manifest, false));
    return list;
  }

  #openStore(): Promise<PackStore> {
    this.#store ??= openPackStore();
    return this.#store;
  }

  #load() {
    this.#current ??= timedAsync('bg:packs', () => this.#read()).catch((error: unknown) => {
      this.#current = undefined;
      throw error;
    });
    return this.#current;
  }

  async #read(): Promise<{ detector: Detector; imported: Map<string, StoredPack>; enabled: Set<string> }> {
    const stored = await this.#storage.get([PACK_STATES_KEY, PAGE_TABLES_KEY]);
    const states = parsePackStates(stored[PACK_STATES_KEY]);
    // The tables list exactly the enabled packs (the options page writes them from the switches).
    const tables = parsePageTables(stored[PAGE_TABLES_KEY]);
    const enabled = new Set(Object.keys(tables));
    const anyImported =
      [...Object.keys(states), ...enabled].some((id) => tables[id] !== BUILT_IN_TABLE && id !== BUNDLED_PACK_ID) ||
      (tables[BUNDLED_PACK_ID] !== undefined && tables[BUNDLED_PACK_ID] !== BUILT_IN_TABLE);
    const imported = new Map<string, StoredPack>();
    if (anyImported) for (const meta of (await (await this.#openStore()).list()).packs) imported.set(meta.id, meta);
    const bundled = timed('bg:bundled-index', bundledRestored);
    const packs: PackTable[] = [];
    for (const [id, data] of Object.entries(tables)) {
      // The pages' copy of a probed pack has no hash tables: the background reads the store's.
      const table = data === BUILT_IN_TABLE ? undefined : imported.has(id) ? await (await this.#openStore()).table(id) : undefined;
      if (data === BUILT_IN_TABLE) {
        if (id === BUNDLED_PACK_ID) packs.push({ id, table: bundled.table });
      } else if (table) {
        packs.push({ id, table });
      } else {
        warn(`pack "${id}" has a key table but is not in the pack store; it is left out`);
        enabled.delete(id);
      }
    }
    const lookup: KeyLookup = (pack, keys) => {
      if (pack === BUNDLED_PACK_ID && !imported.has(pack)) return recordsOf(bundled.records, keys);
      return this.#openStore().then((store) => store.records(pack, keys));
    };
    return { detector: createDetector({ packs, lookup, judge: loadJudge, judgeReady: judgeLoaded }), imported, enabled };
  }
}
