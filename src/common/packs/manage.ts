import type Browser from 'webextension-polyfill';
import { pageForm } from '../../core/key-table.ts';
import { bundledPack, BUNDLED_PACK_ID } from '../../core/packs/bundled.ts';
import { PACK_FILE_EXTENSION, readPackFile, writePackFile, type Refusal } from '../../core/packs/file.ts';
import type { Pack, PackManifest } from '../../core/packs/schema.ts';
import { checkPack } from '../../core/packs/validate.ts';
import {
  BUILT_IN_TABLE,
  isPackEnabled,
  PACK_STATES_KEY,
  parsePackStates,
  writePageTables,
  type PackStates,
  type PageTables,
} from './state.ts';
import type { BrokenPack, PackStore } from './store.ts';

/** A pack as the Packs view lists it. */
export interface PackListing {
  manifest: PackManifest;
  enabled: boolean;
  /** Ships with Summit Lens: can be switched off, not removed. */
  bundled: boolean;
  /** An imported revision of the bundled pack, used in its place. */
  replacesBundled: boolean;
  entities: number;
  aliases: number;
  /** The imported file's size (undefined for the bundled pack). */
  fileBytes?: number;
  importedAt?: number;
}

export type ImportOutcome =
  | { status: 'imported'; manifest: PackManifest; replaced?: number }
  /** `refusal`: why the whole file was refused, where one reason covers it (the problems then say it in detail). */
  | { status: 'refused'; problems: string[]; refusal?: Refusal }
  /** The same or a lower revision of a pack already installed: nothing changed. */
  | { status: 'not-newer'; manifest: PackManifest; installed: number };

/** What an import is doing, for the progress the Packs view shows. */
export type ImportStep =
  { step: 'reading' } | { step: 'checking' } | { step: 'storing'; done: number; total: number } | { step: 'switching' };

export interface PackManager {
  list(): Promise<{ packs: PackListing[]; broken: BrokenPack[] }>;
  importFile(file: { name: string; bytes: Uint8Array }, progress?: (step: ImportStep) => void): Promise<ImportOutcome>;
  setEnabled(id: string, enabled: boolean): Promise<void>;
  /** Remove an imported pack (the bundled one cannot be: switch it off instead). */
  remove(id: string): Promise<void>;
  /** The pack as an importable file, as it was imported (or, for the bundled pack, as it ships). */
  exportFile(id: string): Promise<{ name: string; bytes: Uint8Array } | undefined>;
}

/**
 * Importing, switching, removing and exporting packs: the pack store holds them (store.ts), and
 * extension storage holds the switches and the key tables every page reads (state.ts), rewritten
 * after every change so open tabs follow it live. A pack is checked whole before anything is
 * written, and written whole or not at all.
 */
export function createPackManager({
  store,
  storage,
  appVersion,
}: {
  store: PackStore;
  storage: Browser.Storage.StorageArea;
  appVersion: string;
}): PackManager {
  const bundled = bundledPack();
  const { entities: bundledEntities, distractors: _d, ...bundledManifest } = bundled;

  async function states(): Promise<PackStates> {
    return parsePackStates((await storage.get(PACK_STATES_KEY))[PACK_STATES_KEY]);
  }

  /** The tables every page reads, from the switches and what the store holds; stored, or removed when they are the default. */
  async function syncTables(current: PackStates): Promise<void> {
    const { packs } = await store.list();
    const tables: PageTables = {};
    const imported = new Set(packs.map((p) => p.id));
    if (!imported.has(BUNDLED_PACK_ID) && isPackEnabled(current, BUNDLED_PACK_ID)) tables[BUNDLED_PACK_ID] = BUILT_IN_TABLE;
    for (const pack of packs) {
      if (!isPackEnabled(current, pack.id)) continue;
      const data = await store.table(pack.id);
      if (data) tables[pack.id] = pageForm(data);
    }
    await writePageTables(storage, tables);
  }

  async function installedRevision(id: string): Promise<number | undefined> {
    const stored = await store.get(id);
    if (stored) return stored.manifest.revision;
    return id === BUNDLED_PACK_ID ? bundled.revision : undefined;
  }

  return {
    async list() {
      const [{ packs, broken }, current] = await Promise.all([store.list(), states()]);
      const listing: PackListing[] = [];
      const replaced = packs.some((p) => p.id === BUNDLED_PACK_ID);
      if (!replaced) {
        listing.push({
          manifest: bundledManifest,
          enabled: isPackEnabled(current, BUNDLED_PACK_ID),
          bundled: true,
          replacesBundled: false,
          entities: bundledEntities.length,
          aliases: bundledEntities.reduce((n, e) => n + e.aliases.length, 0),
        });
      }
      for (const p of packs) {
        listing.push({
          manifest: p.manifest,
          enabled: isPackEnabled(current, p.id),
          bundled: p.id === BUNDLED_PACK_ID,
          replacesBundled: p.id === BUNDLED_PACK_ID,
          entities: p.entities,
          aliases: p.aliases,
          fileBytes: p.fileBytes,
          importedAt: p.importedAt,
        });
      }
      return { packs: listing, broken };
    },

    async importFile({ name, bytes }, progress) {
      progress?.({ step: 'reading' });
      const read = await readPackFile(bytes, name);
      if ('problems' in read) return { status: 'refused', problems: read.problems, refusal: read.refusal };
      progress?.({ step: 'checking' });
      const checked = checkPack(read.data, { file: name, appVersion });
      if (!checked.pack) return { status: 'refused', problems: checked.problems, ...(checked.refusal && { refusal: checked.refusal }) };
      const { entities: _e, distractors: _x, ...manifest } = checked.pack;
      const installed = await installedRevision(manifest.id);
      if (installed !== undefined && manifest.revision <= installed) return { status: 'not-newer', manifest, installed };
      try {
        await store.put(checked.pack, { fileBytes: bytes.length, progress: (done, total) => progress?.({ step: 'storing', done, total }) });
      } catch (error) {
        return {
          status: 'refused',
          problems: [`${name}: could not be stored (${storageProblem(error)}); nothing was changed`],
          ...noRoom(error),
        };
      }
      progress?.({ step: 'switching' });
      const current = await states();
      try {
        await storage.set({ [PACK_STATES_KEY]: { ...current, [manifest.id]: { enabled: true } } });
        await syncTables({ ...current, [manifest.id]: { enabled: true } });
      } catch (error) {
        // The store took it but the pages cannot be told: take it out again, so nothing is half-installed.
        await store.remove(manifest.id).catch(() => {});
        await syncTables(current).catch(() => {});
        return {
          status: 'refused',
          problems: [`${name}: could not be switched on (${storageProblem(error)}); nothing was changed`],
          ...noRoom(error),
        };
      }
      return installed === undefined ? { status: 'imported', manifest } : { status: 'imported', manifest, replaced: installed };
    },

    async setEnabled(id, enabled) {
      const current = { ...(await states()), [id]: { enabled } };
      await storage.set({ [PACK_STATES_KEY]: current });
      await syncTables(current);
    },

    async remove(id) {
      if (id === BUNDLED_PACK_ID && !(await store.get(id))) throw new Error('the bundled pack cannot be removed; switch it off instead');
      await store.remove(id);
      const { [id]: _gone, ...rest } = await states();
      await storage.set({ [PACK_STATES_KEY]: rest });
      await syncTables(rest);
    },

    async exportFile(id) {
      const pack: Pack | undefined = (await store.exportPack(id)) ?? (id === BUNDLED_PACK_ID ? bundled : undefined);
      if (!pack) return undefined;
      return { name: `${pack.id}-r${pack.revision}${PACK_FILE_EXTENSION}`, bytes: await writePackFile(pack) };
    },
  };
}

const errorText = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** A full disk, the common storage failure, as a refusal the Packs view words for the reader. */
function noRoom(error: unknown): { refusal?: Refusal } {
  return /quota/i.test(errorText(error)) ? { refusal: { reason: 'no-room' } } : {};
}

/** A storage failure in words a reader can act on (a full disk is the common one). */
function storageProblem(error: unknown): string {
  const text = errorText(error);
  if (/quota/i.test(text)) return 'the browser has no room left for it: free some disk space, or remove another pack';
  return text;
}
