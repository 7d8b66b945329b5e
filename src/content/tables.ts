import { data as bundledTable } from 'virtual:summit-lens/bundled-table';
import { BUILT_IN_TABLE, PAGE_TABLES_KEY, parsePageTables } from '../common/packs/state.ts';
import type { KeyTable } from '../core/key-table.ts';

/** The bundled pack's key table, built into the script at build time (scripts/bundled-table-plugin.ts). */
const BUILT_IN: KeyTable = { data: bundledTable, sequences: 0 };

/**
 * The key tables of the enabled packs, from extension storage: one small read on every page. A
 * reader who never changed a pack stores nothing, and the page uses the table built into it.
 */
export async function readPageTables(storage: { get(key: string): Promise<Record<string, unknown>> }): Promise<KeyTable[]> {
  let stored: unknown;
  try {
    stored = (await storage.get(PAGE_TABLES_KEY))[PAGE_TABLES_KEY];
  } catch (error) {
    console.warn('[Summit Lens] the packs’ key tables could not be read; using the bundled pack', error);
  }
  return Object.values(parsePageTables(stored)).map((data) => (data === BUILT_IN_TABLE ? BUILT_IN : { data, sequences: 0 }));
}
