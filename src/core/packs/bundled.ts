import manifest from '../../../assets/packs/summit-2025/pack.json';
import people from '../../../assets/packs/summit-2025/people.json';
import places from '../../../assets/packs/summit-2025/places.json';
import organizations from '../../../assets/packs/summit-2025/organizations.json';
import events from '../../../assets/packs/summit-2025/events.json';
import topics from '../../../assets/packs/summit-2025/topics.json';
import distractors from '../../../assets/packs/summit-2025/distractors.json';
import type { Entity } from '../types.ts';
import type { Pack } from './schema.ts';

export { BUNDLED_PACK_ID } from './bundled-id.ts';

/** Its source files by name, as pack.json lists them. */
export const BUNDLED_FILES: Record<string, { entities: unknown[] }> = {
  'people.json': people,
  'places.json': places,
  'organizations.json': organizations,
  'events.json': events,
  'topics.json': topics,
};

/**
 * The bundled pack, assembled from its source folder as `summit-lens pack build` would build it.
 * The build and the tests check it against the schema (scripts/check-pack.ts), so it is trusted here.
 */
export function bundledPack(): Pack {
  const { $schema: _schema, files, distractors: _file, ...head } = manifest;
  const entities = files.flatMap((file) => (BUNDLED_FILES[file]?.entities ?? []) as Entity[]);
  return { ...head, entities, distractors: distractors.phrases } as Pack;
}
