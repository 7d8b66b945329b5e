import { aliasKey } from './alias-index.ts';
import type { Detector } from './detector.ts';

/**
 * The entity a reader's selection names: the first mention the detector finds in it, or, when
 * the selection is a bare form the page rules would not accept alone ("Lee", "the Chinese
 * leader"), any entity that has it as an alias. Null when nothing matches.
 */
export function lookUp(detector: Detector, text: string): string | null {
  const query = text.trim();
  if (!query) return null;
  const [first] = detector.annotate(query);
  if (first) return first.entity;
  const entries = detector.index.entriesByKey.get(aliasKey(query)) ?? [];
  const entities = [...new Set(entries.map((e) => e.entity))];
  return entities.length === 1 ? entities[0]! : null;
}
