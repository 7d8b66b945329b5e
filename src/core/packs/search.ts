import { entityRef } from '../alias-index.ts';
import type { Entity, Kind } from '../types.ts';

/** An entity found by the popup's search. */
export interface SearchHit {
  ref: string;
  name: string;
  type: string;
  kind: Kind;
  pack: string;
}

/** What a search reads of one entity: its hit, and the lower-cased text it matches against. */
export interface SearchRow {
  hit: SearchHit;
  haystack: string;
}

/** The search rows of a pack's entities: computed once (at import, or when the bundled pack loads). */
export function searchRows(pack: { id: string; title: string }, entities: Iterable<Entity>): SearchRow[] {
  return [...entities].map((e) => ({
    hit: { ref: entityRef(pack.id, e.id), name: e.name, type: e.type, kind: e.kind, pack: pack.title },
    haystack: [e.name, e.type, ...e.aliases.map((a) => a.text)].join('\n').toLowerCase(),
  }));
}

/** Rows whose name, type or aliases hold the query (two characters at least), names that start with it first. */
export function matchRows(rows: readonly SearchRow[], query: string, limit = 12): SearchHit[] {
  const q = query.trim().toLowerCase();
  if (q.length < 2) return [];
  const found = rows.filter((row) => row.haystack.includes(q));
  found.sort((a, b) => Number(!a.hit.name.toLowerCase().startsWith(q)) - Number(!b.hit.name.toLowerCase().startsWith(q)));
  return found.slice(0, limit).map((row) => row.hit);
}

const memoryRows = new WeakMap<object, SearchRow[]>();

/** Search a pack held in memory. */
export function searchEntities(
  pack: { manifest: { id: string; title: string }; entities: ReadonlyMap<string, Entity> },
  query: string,
): SearchHit[] {
  let rows = memoryRows.get(pack);
  if (!rows) memoryRows.set(pack, (rows = searchRows(pack.manifest, pack.entities.values())));
  return matchRows(rows, query);
}
