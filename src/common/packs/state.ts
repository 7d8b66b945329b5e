import * as v from 'valibot';
import { isKeyTable, isTableData, type KeyTable } from '../../core/key-table.ts';
import { BUNDLED_PACK_ID } from '../../core/packs/bundled-id.ts';
import { warn } from '../../core/log.ts';

/**
 * Which packs are switched on, and the one thing every page reads: the key tables of the enabled
 * packs. Both live in extension storage (`storage.local`), small and quick to read; the packs
 * themselves are in the pack store (store.ts). The options page writes them; the background and
 * every page follow their changes live.
 */

/** `{ [pack id]: { enabled } }`: only packs whose switch the reader changed are listed. */
export const PACK_STATES_KEY = 'packStates';
/**
 * `{ [pack id]: tables }` for every enabled pack (core/key-table.ts), where `"bundled"` stands for
 * the tables built into the content script. Absent: the bundled pack alone, the state every install starts in, so a
 * page of a reader who never imported a pack reads nothing more than its settings.
 */
export const PAGE_TABLES_KEY = 'pageTables';
/**
 * `{ [pack id]: rest }`: the `rest` table (key-table.ts) of each large pack, kept out of
 * PAGE_TABLES_KEY. It is most of a large pack's tables (about four fifths for 50,000 aliases) and a
 * page reads it only when its first look opened, so a page without a key reads only the small part.
 */
export const PAGE_TABLE_RESTS_KEY = 'pageTableRests';
export const BUILT_IN_TABLE = 'bundled' as const;

export type PackStates = Record<string, { enabled: boolean }>;
export type PageTables = Record<string, KeyTable | typeof BUILT_IN_TABLE>;
export type PageTableRests = Record<string, string>;

const PackStatesSchema = v.record(v.pipe(v.string(), v.maxLength(64)), v.object({ enabled: v.boolean() }));

/** The stored switches; a value that does not read falls back to "every pack on", and is reported. */
export function parsePackStates(value: unknown): PackStates {
  if (value === undefined) return {};
  const parsed = v.safeParse(PackStatesSchema, value);
  if (parsed.success) return parsed.output;
  warn('the saved pack switches could not be read; every pack is on');
  return {};
}

export const isPackEnabled = (states: PackStates, id: string): boolean => states[id]?.enabled ?? true;

/**
 * The stored tables as the page and the background use them: each a table's data, or the built-in
 * one. A table that does not read is left out (and reported): its pack finds nothing on the page
 * until it is imported again; the other packs keep working.
 */
export function parsePageTables(value: unknown): PageTables {
  if (value === undefined) return { [BUNDLED_PACK_ID]: BUILT_IN_TABLE };
  return perPack(value, (data): data is KeyTable | typeof BUILT_IN_TABLE => data === BUILT_IN_TABLE || isKeyTable(data));
}

/** A stored `{ [pack id]: value }`, each value that reads kept and each that does not reported: the other packs keep working. */
function perPack<T>(value: unknown, reads: (data: unknown) => data is T): Record<string, T> {
  const out: Record<string, T> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    warn('the saved key tables could not be read');
    return out;
  }
  for (const [id, data] of Object.entries(value as Record<string, unknown>)) {
    if (reads(data)) out[id] = data;
    else warn(`the key table of pack "${id}" could not be read; import the pack again`);
  }
  return out;
}

/** The stored rests; a value that does not read is reported and read as none (those packs then find only one-word keys). */
export function parsePageTableRests(value: unknown): PageTableRests {
  return value === undefined ? {} : perPack(value, isTableData);
}

/**
 * The values to store for these tables, each large table's `rest` apart; undefined (store nothing)
 * for the state every install starts in. `kept`: rests already stored apart, for tables that are.
 */
export function storedPageTables(tables: PageTables, kept: PageTableRests = {}): { tables: PageTables; rests: PageTableRests } | undefined {
  const ids = Object.keys(tables);
  if (ids.length === 1 && tables[BUNDLED_PACK_ID] === BUILT_IN_TABLE) return undefined;
  const small: PageTables = {};
  const rests: PageTableRests = {};
  for (const [id, table] of Object.entries(tables)) {
    if (table === BUILT_IN_TABLE || table.complete) small[id] = table;
    else if (table.restApart) {
      small[id] = table;
      rests[id] = kept[id] ?? '';
    } else {
      small[id] = { ...table, rest: '', restApart: true };
      rests[id] = table.rest;
    }
  }
  return { tables: small, rests };
}

/** Writes the tables every page reads (see storedPageTables), or removes them for the default. */
export async function writePageTables(
  storage: { set(items: Record<string, unknown>): Promise<void>; remove(keys: string[]): Promise<void> },
  tables: PageTables,
  kept?: PageTableRests,
): Promise<void> {
  const value = storedPageTables(tables, kept);
  // One write for both keys: a page never reads new tables with the old rests for long.
  if (value) await storage.set({ [PAGE_TABLES_KEY]: value.tables, [PAGE_TABLE_RESTS_KEY]: value.rests });
  else await storage.remove([PAGE_TABLES_KEY, PAGE_TABLE_RESTS_KEY]);
}

/**
 * Tables stored by a version that kept `rest` inside them still work, but cost every page the read
 * of it: on install or update they are stored again, split.
 */
export async function moveRestsApart(storage: {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}): Promise<boolean> {
  const stored = await storage.get([PAGE_TABLES_KEY, PAGE_TABLE_RESTS_KEY]);
  if (stored[PAGE_TABLES_KEY] === undefined) return false;
  const tables = parsePageTables(stored[PAGE_TABLES_KEY]);
  if (!Object.values(tables).some((t) => t !== BUILT_IN_TABLE && !t.complete && !t.restApart)) return false;
  await writePageTables(storage, tables, parsePageTableRests(stored[PAGE_TABLE_RESTS_KEY]));
  return true;
}
