import * as v from 'valibot';
import { EntityIdSchema, PartialDateSchema } from './ids.ts';
import { EntitySchema, ManifestSchema } from './packs/schema.ts';
import type { PackManifest } from './packs/schema.ts';
import { storyTimeline, type TimelineItem } from './timeline.ts';
import type { Entity } from './types.ts';

/** Which pack a card's facts come from, as the card names it. */
export interface CardPack {
  id: string;
  title: string;
  revision: number;
  reviewed: string;
  /** The facts' language (the card says so when it differs from the interface's). */
  language: string;
  /** The pack that ships with Summit Lens, as opposed to one the reader imported. */
  bundled: boolean;
}

/** Everything a card shows about one entity, as the background hands it to a page or the popup. */
export interface CardData {
  entity: Entity;
  pack: CardPack;
  /** Names of the entities this one links to (related, participants, place), by their ids in the pack. */
  names: Record<string, string>;
  /** For events: the pack's events to place this one among. */
  timeline: TimelineItem[];
}

const NAME = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

/**
 * A card's data as a page receives it: checked whole (the entity as strictly as a pack's, its
 * facts included, since the card sorts and shows them), so a malformed answer never reaches the card.
 */
export const CardDataSchema = v.strictObject({
  entity: EntitySchema,
  pack: v.strictObject({
    id: ManifestSchema.entries.id,
    title: ManifestSchema.entries.title,
    revision: ManifestSchema.entries.revision,
    reviewed: PartialDateSchema,
    language: ManifestSchema.entries.language,
    bundled: v.boolean(),
  }),
  names: v.pipe(
    v.record(EntityIdSchema, NAME),
    v.check((names) => Object.keys(names).length <= 200, 'links to too many entities'),
  ),
  timeline: v.pipe(
    v.array(v.strictObject({ id: EntityIdSchema, name: NAME, start: PartialDateSchema, end: v.optional(PartialDateSchema) })),
    v.maxLength(500),
  ),
});

/** What building a card needs of a pack, from memory or from the extension's storage. */
export interface CardSource {
  manifest: PackManifest;
  bundled: boolean;
  entity(id: string): Entity | undefined | Promise<Entity | undefined>;
  /** The pack's events in order (computed once per pack). */
  timeline(): TimelineItem[] | Promise<TimelineItem[]>;
}

export async function buildCardData(source: CardSource, id: string): Promise<CardData | undefined> {
  const entity = await source.entity(id);
  if (!entity) return undefined;
  const linked = new Set([...entity.related, ...(entity.event?.participants ?? []), ...(entity.event?.place ? [entity.event.place] : [])]);
  const names: Record<string, string> = {};
  for (const linkedId of linked) {
    const other = await source.entity(linkedId);
    if (other) names[linkedId] = other.name;
  }
  const { id: packId, title, revision, reviewed, language } = source.manifest;
  return {
    entity,
    pack: { id: packId, title, revision, reviewed, language, bundled: source.bundled },
    names,
    timeline: entity.event ? await source.timeline() : [],
  };
}

/** A pack in memory as a card source. */
export function memoryCardSource(pack: { manifest: PackManifest; entities: ReadonlyMap<string, Entity> }, bundled: boolean): CardSource {
  let timeline: TimelineItem[] | undefined;
  return {
    manifest: pack.manifest,
    bundled,
    entity: (id) => pack.entities.get(id),
    timeline: () => (timeline ??= storyTimeline(pack.entities.values())),
  };
}
