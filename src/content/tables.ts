import { compact } from 'virtual:summit-lens/bundled-table';
import {
  BUILT_IN_TABLE,
  PAGE_TABLE_RESTS_KEY,
  PAGE_TABLES_KEY,
  parsePageTableRests,
  parsePageTables,
  type PageTableRests,
} from '../common/packs/state.ts';
import { expandProbes, type KeyTable, type PageTable } from '../core/key-table.ts';
import { warn } from '../core/log.ts';

type Storage = { get(key: string): Promise<Record<string, unknown>> };

/**
 * The key tables of the enabled packs (the bundled pack's built into this script at build time,
 * scripts/bundled-table-plugin.ts), from extension storage: one small read on every page. A
 * reader who never changed a pack stores nothing, and the page uses the table built into it. A
 * large pack's `rest` is read only if the page's first look opens (see common/packs/state.ts).
 */
export async function readPageTables(storage: Storage): Promise<PageTable[]> {
  let stored: unknown;
  try {
    stored = (await storage.get(PAGE_TABLES_KEY))[PAGE_TABLES_KEY];
  } catch (error) {
    warn('the packs’ key tables could not be read; using the bundled pack', error);
  }
  let rests: Promise<PageTableRests> | undefined;
  const readRests = (): Promise<PageTableRests> =>
    (rests ??= storage.get(PAGE_TABLE_RESTS_KEY).then(
      (got) => parsePageTableRests(got[PAGE_TABLE_RESTS_KEY]),
      (error: unknown) => {
        warn('the packs’ key tables could not be read; longer names are not looked for', error);
        return {};
      },
    ));
  return Object.entries(parsePageTables(stored)).map(([id, table]): PageTable => {
    if (table === BUILT_IN_TABLE) return expandProbes(compact);
    if (!table.restApart) return table;
    let whole: Promise<KeyTable> | undefined;
    return { ...table, withRest: () => (whole ??= readRests().then((found) => ({ ...table, rest: found[id] ?? '' }))) };
  });
}
