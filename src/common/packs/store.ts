import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import * as v from 'valibot';
import { packKeys, type KeyRecord } from '../../core/alias-index.ts';
import type { KeyTable } from '../../core/key-table.ts';
import { ManifestSchema, type Pack, type PackManifest } from '../../core/packs/schema.ts';
import { matchRows, searchRows, type SearchHit, type SearchRow } from '../../core/packs/search.ts';
import { storyTimeline, type TimelineItem } from '../../core/timeline.ts';
import type { Distractor, Entity } from '../../core/types.ts';

/**
 * Imported packs live in the extension's own IndexedDB database: it needs no permission, holds far
 * more than extension storage's 10 MB, keeps what was imported across browser restarts and
 * extension updates, and lets the background fetch just the entities and keys a page needs. One
 * transaction writes a whole pack, so a failed import leaves nothing behind. (The small part
 * every page reads, each pack's key table, is also copied to extension storage: see state.ts.)
 *
 *   packs     id → what the pack says about itself, and what importing it found
 *   tables    id → its key table (key-table.ts)
 *   entities  [pack, bucket] → the entities whose id falls in the bucket, as the pack has them
 *   keys      [pack, bucket] → the records of the keys that fall in it: their aliases, the
 *             patterns they anchor, whether they are distractors
 * Entities and keys are stored in buckets (by a hash of the id or key, about 32 to a bucket): a
 * large pack is then a few thousand writes rather than a hundred thousand (measured: a 50,000-alias
 * pack took 24 s to store one record per key), and a page's few keys are still a few reads.
 *   search    id → what the popup's search reads of each entity
 */

/** What the store keeps about a pack, besides its entities and keys. */
export interface StoredPack {
  id: string;
  manifest: PackManifest;
  importedAt: number;
  /** The imported file's size, and the pack's entities and aliases. */
  fileBytes: number;
  entities: number;
  aliases: number;
  /** Entity ids in the pack's own order, so an export gives back the pack as it was. */
  order: string[];
  /** How many buckets its entities and keys are stored in (see above). */
  buckets: number;
  distractors: Distractor[];
  timeline: TimelineItem[];
}

interface PackDb extends DBSchema {
  packs: { key: string; value: StoredPack };
  tables: { key: string; value: { id: string; table: KeyTable } };
  entities: { key: [string, number]; value: { pack: string; bucket: number; entities: Record<string, Entity> } };
  keys: { key: [string, number]; value: { pack: string; bucket: number; records: Record<string, KeyRecord> } };
  search: { key: string; value: { id: string; rows: SearchRow[] } };
}

const DB_NAME = 'summit-lens-packs';
const DB_VERSION = 1;

const StoredPackSchema = v.object({
  id: ManifestSchema.entries.id,
  manifest: ManifestSchema,
  importedAt: v.number(),
  fileBytes: v.number(),
  entities: v.number(),
  aliases: v.number(),
  order: v.array(v.string()),
  buckets: v.pipe(v.number(), v.integer(), v.minValue(1)),
  distractors: v.array(v.union([v.string(), v.object({ phrase: v.string(), near: v.array(v.string()) })])),
  timeline: v.array(v.object({ id: v.string(), name: v.string(), start: v.string(), end: v.optional(v.string()) })),
});

/** A stored pack that no longer reads as one (a damaged profile, a newer build's format): set aside, never half-used. */
export interface BrokenPack {
  id: string;
  problem: string;
}

/** The bucket a name (an entity id or a key) is stored in. */
function bucketOf(name: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return (h >>> 0) % buckets;
}

/** All keys [pack, *] of a store: arrays sort after strings and numbers, so [pack, []] is past every [pack, bucket]. */
const ofPack = (pack: string): IDBKeyRange => IDBKeyRange.bound([pack], [pack, []]);

export interface PackStore {
  /** Every stored pack that reads whole, and those that do not. */
  list(): Promise<{ packs: StoredPack[]; broken: BrokenPack[] }>;
  get(id: string): Promise<StoredPack | undefined>;
  table(id: string): Promise<KeyTable | undefined>;
  /** Store a checked pack whole, replacing any pack with its id; `progress` hears how many of its records are written. */
  put(pack: Pack, options: { fileBytes: number; progress?: (done: number, total: number) => void }): Promise<StoredPack>;
  remove(id: string): Promise<void>;
  entity(pack: string, id: string): Promise<Entity | undefined>;
  /** The records of these keys in a pack (a key the pack does not have is absent). */
  records(pack: string, keys: readonly string[]): Promise<Map<string, KeyRecord>>;
  /** Entities of a pack whose name, type or aliases hold the query. */
  search(pack: string, query: string): Promise<SearchHit[]>;
  /** The pack as it was imported: manifest, entities in order, distractors. */
  exportPack(id: string): Promise<Pack | undefined>;
  close(): void;
}

export async function openPackStore(): Promise<PackStore> {
  const db: IDBPDatabase<PackDb> = await openDB<PackDb>(DB_NAME, DB_VERSION, {
    upgrade(upgrading) {
      upgrading.createObjectStore('packs', { keyPath: 'id' });
      upgrading.createObjectStore('tables', { keyPath: 'id' });
      upgrading.createObjectStore('entities', { keyPath: ['pack', 'bucket'] });
      upgrading.createObjectStore('keys', { keyPath: ['pack', 'bucket'] });
      upgrading.createObjectStore('search', { keyPath: 'id' });
    },
  });

  // A pack's search rows, read on its first search and kept while the background lives.
  const searchCache = new Map<string, SearchRow[]>();
  // A pack's bucket count, read once (it changes only when the pack is stored again).
  const bucketCache = new Map<string, number>();
  const bucketsOf = async (pack: string): Promise<number | undefined> => {
    if (!bucketCache.has(pack)) {
      const stored = await store.get(pack);
      if (!stored) return undefined;
      bucketCache.set(pack, stored.buckets);
    }
    return bucketCache.get(pack);
  };
  const store: PackStore = {
    async list() {
      const packs: StoredPack[] = [];
      const broken: BrokenPack[] = [];
      for (const raw of await db.getAll('packs')) {
        const parsed = v.safeParse(StoredPackSchema, raw);
        if (parsed.success) packs.push(parsed.output as StoredPack);
        else broken.push({ id: String((raw as { id?: unknown }).id ?? '(no id)'), problem: parsed.issues[0]?.message ?? 'unreadable' });
      }
      return { packs, broken };
    },
    async get(id) {
      const parsed = v.safeParse(StoredPackSchema, await db.get('packs', id));
      return parsed.success ? (parsed.output as StoredPack) : undefined;
    },
    async table(id) {
      return (await db.get('tables', id))?.table;
    },
    async put(pack, { fileBytes, progress }) {
      const { entities, distractors, ...manifest } = pack;
      const { records, table } = packKeys(manifest.id, entities as Entity[], distractors);
      searchCache.delete(manifest.id);
      bucketCache.delete(manifest.id);
      const stored: StoredPack = {
        id: manifest.id,
        manifest,
        importedAt: Date.now(),
        fileBytes,
        entities: entities.length,
        aliases: entities.reduce((n, e) => n + e.aliases.length, 0),
        order: entities.map((e) => e.id),
        buckets: Math.max(1, Math.ceil((entities.length + records.size) / 64)),
        distractors,
        timeline: storyTimeline(entities as Entity[]),
      };
      const byBucket = <T>(items: Iterable<[string, T]>): Map<number, Record<string, T>> => {
        const out = new Map<number, Record<string, T>>();
        for (const [name, item] of items) {
          const bucket = bucketOf(name, stored.buckets);
          const into = out.get(bucket) ?? {};
          into[name] = item;
          out.set(bucket, into);
        }
        return out;
      };
      const entityBuckets = byBucket((entities as Entity[]).map((e) => [e.id, e]));
      const keyBuckets = byBucket(records);
      const total = entityBuckets.size + keyBuckets.size;
      const tx = db.transaction(['packs', 'tables', 'entities', 'keys', 'search'], 'readwrite');
      // One transaction: the old revision goes and the new one arrives together, or neither does.
      const writes: Promise<unknown>[] = [
        tx.objectStore('entities').delete(ofPack(manifest.id)),
        tx.objectStore('keys').delete(ofPack(manifest.id)),
        tx.objectStore('packs').put(stored),
        tx.objectStore('tables').put({ id: manifest.id, table }),
        tx.objectStore('search').put({ id: manifest.id, rows: searchRows(manifest, entities as Entity[]) }),
      ];
      let done = 0;
      const step = Math.max(1, Math.floor(total / 50));
      const tick = (): void => {
        done += 1;
        if (progress && (done % step === 0 || done === total)) progress(done, total);
      };
      for (const [bucket, group] of entityBuckets)
        writes.push(tx.objectStore('entities').put({ pack: manifest.id, bucket, entities: group }).then(tick));
      for (const [bucket, group] of keyBuckets)
        writes.push(tx.objectStore('keys').put({ pack: manifest.id, bucket, records: group }).then(tick));
      await Promise.all([...writes, tx.done]);
      return stored;
    },
    async remove(id) {
      const tx = db.transaction(['packs', 'tables', 'entities', 'keys', 'search'], 'readwrite');
      searchCache.delete(id);
      bucketCache.delete(id);
      await Promise.all([
        tx.objectStore('search').delete(id),
        tx.objectStore('entities').delete(ofPack(id)),
        tx.objectStore('keys').delete(ofPack(id)),
        tx.objectStore('packs').delete(id),
        tx.objectStore('tables').delete(id),
        tx.done,
      ]);
    },
    async entity(pack, id) {
      const stored = await bucketsOf(pack);
      if (!stored) return undefined;
      return (await db.get('entities', [pack, bucketOf(id, stored)]))?.entities[id];
    },
    async records(pack, keys) {
      const out = new Map<string, KeyRecord>();
      const buckets = await bucketsOf(pack);
      if (!buckets) return out;
      const tx = db.transaction('keys');
      const wanted = [...new Set(keys.map((key) => bucketOf(key, buckets)))];
      const rows = await Promise.all(wanted.map((bucket) => tx.store.get([pack, bucket])));
      await tx.done;
      for (const key of keys) {
        const record = rows[wanted.indexOf(bucketOf(key, buckets))]?.records[key];
        if (record) out.set(key, record);
      }
      return out;
    },
    async search(pack, query) {
      let rows = searchCache.get(pack);
      if (!rows) searchCache.set(pack, (rows = (await db.get('search', pack))?.rows ?? []));
      return matchRows(rows, query);
    },
    async exportPack(id) {
      const stored = await store.get(id);
      if (!stored) return undefined;
      const rows = await db.getAll('entities', ofPack(id));
      const byId = new Map(rows.flatMap((row) => Object.entries(row.entities)));
      const entities = stored.order.map((entityId) => byId.get(entityId)).filter((e): e is Entity => Boolean(e));
      return { ...stored.manifest, entities, distractors: stored.distractors } as Pack;
    },
    close: () => db.close(),
  };
  return store;
}
