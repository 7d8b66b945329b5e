// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { generatedPack } from '../../bench/generated-pack.ts';
import {
  BUILT_IN_TABLE,
  moveRestsApart,
  PAGE_TABLE_RESTS_KEY,
  PAGE_TABLES_KEY,
  parsePageTables,
  storedPageTables,
  writePageTables,
} from '../../src/common/packs/state.ts';
import { blocksWorthReading } from '../../src/content/quick-look.ts';
import { readPageTables } from '../../src/content/tables.ts';
import { foldForMatching, packKeys } from '../../src/core/alias-index.ts';
import { pageForm, walkWords, type KeyTable } from '../../src/core/key-table.ts';
import type { Entity } from '../../src/core/types.ts';
import { memoryStorage } from './helpers.ts';

/**
 * A large pack's `rest` table is stored apart from what every page reads, and read by a page only
 * once its first look opened: a page without any of the pack's keys never reads it.
 */

const pack = generatedPack({ entities: 700, id: 'large-test' });
const large = pageForm(packKeys(pack.id, pack.entities as Entity[], []).table);
/** A name of the large pack that is more than one word, whose first word names nothing alone. */
const longName = (pack.entities as Entity[])
  .flatMap((e) => e.aliases.map((a) => a.text))
  .find((text) => {
    const words = foldForMatching(text).split(' ');
    if (words.length < 2) return false;
    const found: number[] = [];
    walkWords({ ...large, rest: '' }, words[0]!, { words: new Set([words[0]!]), from: 0, to: words[0]!.length }, (h) =>
      found.push(h.flags),
    );
    return found.length === 0;
  })!;

const noBudget = { exhausted: () => false, next: async () => {}, wait: <T>(pending: Promise<T>) => pending };

/** Storage that counts the reads of each key. */
function countedStorage() {
  const storage = memoryStorage();
  const reads: string[] = [];
  const get = storage.get.bind(storage);
  storage.get = (async (keys: string | string[]) => {
    reads.push(...(typeof keys === 'string' ? [keys] : keys));
    return get(keys);
  }) as typeof storage.get;
  return { storage, reads };
}

function page(text: string): HTMLElement {
  const root = document.createElement('article');
  for (const paragraph of text.split('\n')) root.append(Object.assign(document.createElement('p'), { textContent: paragraph }));
  return root;
}

describe("a large pack's tables as pages read them", () => {
  it('stores the rest apart, and leaves probed tables and the built-in one whole', () => {
    expect(large.complete).toBe(false);
    expect(large.rest.length).toBeGreaterThan(large.first.length);
    const stored = storedPageTables({ 'summit-2025': BUILT_IN_TABLE, 'large-test': large })!;
    expect(stored.tables['summit-2025']).toBe(BUILT_IN_TABLE);
    expect(stored.tables['large-test']).toEqual({ ...large, rest: '', restApart: true });
    expect(stored.rests).toEqual({ 'large-test': large.rest });
    // The state every install starts in stores nothing.
    expect(storedPageTables({ 'summit-2025': BUILT_IN_TABLE })).toBeUndefined();
  });

  it('never reads the rest on a page without the pack’s keys, and finds a longer name where there is one', async () => {
    expect(longName).toBeDefined();
    const { storage, reads } = countedStorage();
    await writePageTables(storage, { 'large-test': large });
    const quiet = await readPageTables(storage);
    expect(await blocksWorthReading(page('The river rose overnight.\nFerries stayed in port until noon.'), quiet, noBudget)).toMatchObject({
      blocks: null,
    });
    expect(reads).toEqual([PAGE_TABLES_KEY]);

    const [table] = await readPageTables(storage);
    const spy = vi.spyOn(table!, 'withRest');
    const root = page(`Nothing here.\nYesterday ${longName} arrived for talks.`);
    const look = await blocksWorthReading(root, [table!], noBudget);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(reads.filter((k) => k === PAGE_TABLE_RESTS_KEY)).toHaveLength(1);
    expect(look.blocks).toEqual([root.children[1]]);
    // The same walk without the rest does not find it: the rest was needed, not merely read.
    expect(await blocksWorthReading(root, [{ ...large, rest: '' }], noBudget)).toMatchObject({ blocks: null });
  });

  it('reads rests that are missing or damaged as none: that pack finds one-word names only, and says so', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const storage = memoryStorage();
    await writePageTables(storage, { 'large-test': large });
    await storage.set({ [PAGE_TABLE_RESTS_KEY]: { 'large-test': 'odd' } });
    const [table] = await readPageTables(storage);
    expect((await table!.withRest!()).rest).toBe('');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"large-test" could not be read'));
    warn.mockRestore();
  });

  it('stores tables kept whole by an earlier version again, split, once; a page reads them either way', async () => {
    const storage = memoryStorage();
    await storage.set({ [PAGE_TABLES_KEY]: { 'summit-2025': BUILT_IN_TABLE, 'large-test': large } });
    // Before the move: the page reads the whole table and needs nothing more.
    const [, whole] = await readPageTables(storage);
    expect(whole).toEqual(large);
    expect(await moveRestsApart(storage)).toBe(true);
    expect(parsePageTables(storage.data[PAGE_TABLES_KEY])['large-test']).toMatchObject({ rest: '', restApart: true });
    expect(storage.data[PAGE_TABLE_RESTS_KEY]).toEqual({ 'large-test': large.rest });
    const after = structuredClone(storage.data);
    expect(await moveRestsApart(storage)).toBe(false);
    expect(storage.data).toEqual(after);
    const [, split] = await readPageTables(storage);
    expect(((await split!.withRest!()) as KeyTable).rest).toBe(large.rest);
  });
});
