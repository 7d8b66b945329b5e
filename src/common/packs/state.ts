import * as v from 'valibot';
import { isKeyTable, type KeyTable } from '../../core/key-table.ts';
import { BUNDLED_PACK_ID } from '../../core/packs/bundled-id.ts';

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
export const BUILT_IN_TABLE = 'bundled' as const;

export type PackStates = Record<string, { enabled: boolean }>;
export type PageTables = Record<string, KeyTable | typeof BUILT_IN_TABLE>;

const PackStatesSchema = v.record(v.pipe(v.string(), v.maxLength(64)), v.object({ enabled: v.boolean() }));

/** The stored switches; a value that does not read falls back to "every pack on", and is reported. */
export function parsePackStates(value: unknown): PackStates {
  if (value === undefined) return {};
  const parsed = v.safeParse(PackStatesSchema, value);
  if (parsed.success) return parsed.output;
  console.warn('[Summit Lens] the saved pack switches could not be read; every pack is on');
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
  const tables: PageTables = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    console.warn('[Summit Lens] the saved key tables could not be read');
    return tables;
  }
  for (const [id, data] of Object.entries(value as Record<string, unknown>)) {
    if (data === BUILT_IN_TABLE || isKeyTable(data)) tables[id] = data;
    else console.warn(`[Summit Lens] the key table of pack "${id}" could not be read; import the pack again`);
  }
  return tables;
}

/** The value to store for these tables: nothing at all for the state every install starts in. */
export function storedPageTables(tables: PageTables): PageTables | undefined {
  const ids = Object.keys(tables);
  return ids.length === 1 && tables[BUNDLED_PACK_ID] === BUILT_IN_TABLE ? undefined : tables;
}
