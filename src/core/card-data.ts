import * as v from 'valibot';
import { EntitySchema } from './facts/schema.ts';
import { EntityIdSchema, PartialDateSchema } from './ids.ts';
import { storyTimeline, type TimelineItem } from './timeline.ts';
import type { Entity, FactBase } from './types.ts';

/** Everything a card shows about one entity, as the background hands it to a page. */
export interface CardData {
  entity: Entity;
  reviewed: string;
  /** Names of the entities this one links to (related, participants, place). */
  names: Record<string, string>;
  /** For events: the story's events to place this one among. */
  timeline: TimelineItem[];
}

const NAME = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

/**
 * A card's data as a page receives it: checked whole (the entity as strictly as a fact file, its
 * facts included, since the card sorts and shows them), so a malformed answer never reaches the card.
 */
export const CardDataSchema = v.strictObject({
  entity: EntitySchema,
  reviewed: PartialDateSchema,
  names: v.pipe(
    v.record(EntityIdSchema, NAME),
    v.check((names) => Object.keys(names).length <= 200, 'links to too many entities'),
  ),
  timeline: v.pipe(
    v.array(v.strictObject({ id: EntityIdSchema, name: NAME, start: PartialDateSchema, end: v.optional(PartialDateSchema) })),
    v.maxLength(200),
  ),
});

export function buildCardData(base: FactBase, id: string): CardData | undefined {
  const byId = new Map(base.entities.map((e) => [e.id, e]));
  const entity = byId.get(id);
  if (!entity) return undefined;
  const linked = new Set([...entity.related, ...(entity.event?.participants ?? []), ...(entity.event?.place ? [entity.event.place] : [])]);
  const names: Record<string, string> = {};
  for (const linkedId of linked) {
    const other = byId.get(linkedId);
    if (other) names[linkedId] = other.name;
  }
  return { entity, reviewed: base.reviewed, names, timeline: entity.event ? storyTimeline(base) : [] };
}
