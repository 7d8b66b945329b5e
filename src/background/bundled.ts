import { keysJson } from 'virtual:summit-lens/bundled-keys';
import type { KeyRecord } from '../core/alias-index.ts';
import type { KeyTable } from '../core/key-table.ts';
import { bundledPack } from '../core/packs/bundled.ts';
import { packEntities, type LoadedPack, type PackEntities } from '../core/packs/loaded.ts';

let entities: PackEntities | undefined;
let loaded: LoadedPack | undefined;

/** The bundled pack's manifest and entities: all a card or a search needs (its keys are not parsed for them). */
export function bundledEntities(): PackEntities {
  return (entities ??= packEntities(bundledPack()));
}

/**
 * The bundled pack as core/packs/loaded.ts loads it, with its keys' records and table restored
 * from the build (scripts/bundled-table-plugin.ts) rather than built from its text on every wake.
 */
export function bundledRestored(): LoadedPack {
  if (!loaded) {
    const { records, table } = JSON.parse(keysJson) as { records: [string, KeyRecord][]; table: KeyTable };
    loaded = { ...bundledEntities(), records: new Map(records), table };
  }
  return loaded;
}
