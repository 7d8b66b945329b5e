import type Browser from 'webextension-polyfill';
import { checkFound, encodeFound } from '../../src/common/found.ts';
import type { CheckedFound } from '../../src/common/found-read.ts';
import { findCandidates, findKeys } from '../../src/core/candidates.ts';
import { bundledDetector, bundledLoaded } from '../../src/core/detector.ts';
import type { KeyTable } from '../../src/core/key-table.ts';
import type { Candidate } from '../../src/core/local-rules.ts';

/** An entity of the bundled pack by its own id, as the product refers to it. */
export const ref = (id: string): string => `summit-2025/${id}`;
/** The entity's own id in a reference. */
export const local = (entityRef: string): string => entityRef.slice(entityRef.indexOf('/') + 1);

/** The bundled pack's key table, as the page reads it. */
export const bundledTables = (): KeyTable[] => [bundledLoaded().table];

/** The background's reading, in process: its answer in wire form. */
export const findWire = async (text: string, named: readonly string[] = []) =>
  encodeFound(await bundledDetector().find(text, new Set(named)));

/** The candidates the bundled pack finds in a text, before compromise and the discourse rules. */
export function bundledCandidates(text: string): Candidate[] {
  const loaded = bundledLoaded();
  const hits = findKeys([{ id: loaded.manifest.id, table: loaded.table }], text);
  const records = new Map([[loaded.manifest.id, loaded.records]]);
  return findCandidates(hits, records);
}

/** What the page's finder does with the background's raw answer: checks it against the text (content/index.ts). */
export const checked =
  (raw: (text: string, named: readonly string[]) => Promise<unknown>) =>
  async (text: string, named: readonly string[]): Promise<CheckedFound | undefined> =>
    checkFound(await raw(text, named), text.length);

/** The background's reading, in process, as the page's finder hands it to the scan: checked. */
export const findChecked = checked(findWire);

/** Extension storage (`storage.local`) in memory, as far as the pack manager and the pages use it. */
export function memoryStorage(): Browser.Storage.StorageArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (keys?: null | string | string[] | Record<string, unknown>) => {
      const wanted = keys == null ? Object.keys(data) : typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : Object.keys(keys);
      return Object.fromEntries(wanted.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
    },
    set: async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items)),
    remove: async (keys: string | string[]) => {
      for (const k of typeof keys === 'string' ? [keys] : keys) delete data[k];
    },
    clear: async () => {
      for (const k of Object.keys(data)) delete data[k];
    },
  } as unknown as Browser.Storage.StorageArea & { data: Record<string, unknown> };
}
