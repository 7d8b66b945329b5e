import { compact } from 'virtual:summit-lens/bundled-table';
import { BUILT_IN_TABLE, PAGE_TABLES_KEY, parsePageTables } from '../common/packs/state.ts';
import { expandProbes, type KeyTable } from '../core/key-table.ts';

/**
 * The key tables of the enabled packs (the bundled pack's built into this script at build time,
 * scripts/bundled-table-plugin.ts), from extension storage: one small read on every page. A
 * reader who never changed a pack stores nothing, and the page uses the table built into it.
 */
export async function readPageTables(storage: { get(key: string): Promise<Record<string, unknown>> }): Promise<KeyTable[]> {
  let stored: unknown;
  try {
    stored = (await storage.get(PAGE_TABLES_KEY))[PAGE_TABLES_KEY];
  } catch (error) {
    console.warn('[Summit Lens] the packs’ key tables could not be read; using the bundled pack', error);
  }
  return Object.values(parsePageTables(stored)).map((table) => (table === BUILT_IN_TABLE ? expandProbes(compact) : table));
}
