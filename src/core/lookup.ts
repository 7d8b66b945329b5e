import { aliasKey } from './alias-index.ts';
import type { Detector } from './detector-core.ts';

/**
 * The entity a reader's selection names: the first mention the detector finds in it, or, when
 * the selection is a bare form the page rules would not accept alone ("Lee", "the Chinese
 * leader"), the one entity of any pack that has it as an alias. Null when nothing (or more than
 * one entity) matches.
 */
export async function lookUp(detector: Detector, text: string): Promise<string | null> {
  const query = text.trim();
  if (!query) return null;
  const { mentions } = await detector.find(query);
  if (mentions[0]) return mentions[0].entity;
  const key = aliasKey(query);
  const entities = new Set<string>();
  for (const { id } of detector.packs) {
    const records = await detector.lookup(id, [key]);
    for (const { entity } of records.get(key)?.entries ?? []) entities.add(entity);
  }
  return entities.size === 1 ? [...entities][0]! : null;
}
