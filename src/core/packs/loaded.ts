import { entityRef, packKeys, type KeyRecord } from '../alias-index.ts';
import type { KeyTable } from '../key-table.ts';
import type { Entity } from '../types.ts';
import type { Pack, PackManifest } from './schema.ts';

/** A pack held in memory, ready to read texts with: its entities, its keys' records and their table. */
export interface LoadedPack {
  manifest: PackManifest;
  entities: ReadonlyMap<string, Entity>;
  records: ReadonlyMap<string, KeyRecord>;
  table: KeyTable;
}

/** What a card or a search needs of a pack: its manifest and its entities by id, without its keys. */
export type PackEntities = Pick<LoadedPack, 'manifest' | 'entities'>;

export function packEntities(pack: Pack): PackEntities {
  const { entities, distractors: _distractors, ...manifest } = pack;
  return { manifest, entities: new Map((entities as Entity[]).map((e) => [e.id, e])) };
}

export function loadPack(pack: Pack): LoadedPack {
  return { ...packEntities(pack), ...packKeys(pack.id, pack.entities as Entity[], pack.distractors) };
}

/** The entity a reference names, in whichever of these packs holds it. */
export function entityByRef(packs: readonly LoadedPack[], ref: string): { pack: LoadedPack; entity: Entity } | undefined {
  for (const pack of packs) {
    const prefix = `${pack.manifest.id}/`;
    if (!ref.startsWith(prefix)) continue;
    const entity = pack.entities.get(ref.slice(prefix.length));
    return entity ? { pack, entity } : undefined;
  }
  return undefined;
}

export { entityRef };
