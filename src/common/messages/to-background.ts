import * as v from 'valibot';
import { contract } from './contract.ts';
import { CardDataSchema } from '../../core/card-data.ts';
import { EntityRefSchema } from '../../core/ids.ts';
import { ManifestSchema } from '../../core/packs/schema.ts';
import { KINDS } from '../../core/types.ts';
import { FIND_MAX_CHARS, FoundWireSchema } from '../found.ts';

/**
 * Everything the background is asked (by a page's content script, or by the popup), and what it
 * answers to each: one schema per request and per reply. The background drops a request that
 * fails its schema; whoever asked checks the reply the same way and drops one out of shape.
 */
export const ToBackgroundSchema = v.variant('type', [
  /** A card's data for one entity; null when the fact base has no such entity. */
  v.object({ type: v.literal('get-entity'), ref: EntityRefSchema }),
  /** What a page's text mentions (`named`: entities the page's other text already names). */
  v.object({
    type: v.literal('find'),
    text: v.pipe(v.string(), v.maxLength(FIND_MAX_CHARS)),
    named: v.pipe(v.array(EntityRefSchema), v.maxLength(500)),
    /** The page takes an early answer (see FindOptions.early in core/detector-core.ts). */
    early: v.optional(v.boolean()),
  }),
  /** How many distinct entities a page marks, for the toolbar badge. */
  v.object({ type: v.literal('page-mentions'), entities: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000)) }),
  /** The popup: the installed packs, to name the active ones. */
  v.object({ type: v.literal('list-packs') }),
  /** The popup: entities of the enabled packs whose name, type or aliases hold the query. */
  v.object({ type: v.literal('search'), query: v.pipe(v.string(), v.maxLength(200)) }),
]);
export type ToBackground = v.InferOutput<typeof ToBackgroundSchema>;

const BackgroundReplies = {
  'get-entity': v.nullable(CardDataSchema),
  /** Its spans are checked against the text by checkFound (common/found-read.ts). */
  find: FoundWireSchema,
  'page-mentions': v.literal(true),
  'list-packs': v.pipe(
    v.array(
      v.object({
        id: ManifestSchema.entries.id,
        title: ManifestSchema.entries.title,
        revision: ManifestSchema.entries.revision,
        enabled: v.boolean(),
        bundled: v.boolean(),
      }),
    ),
    v.maxLength(200),
  ),
  search: v.pipe(
    v.array(
      v.object({
        ref: EntityRefSchema,
        name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
        type: v.pipe(v.string(), v.maxLength(200)),
        kind: v.picklist(KINDS),
        pack: v.pipe(v.string(), v.maxLength(200)),
      }),
    ),
    v.maxLength(50),
  ),
};
export type BackgroundReply<T extends ToBackground['type']> = v.InferOutput<(typeof BackgroundReplies)[T]>;

export const { parseRequest: parseToBackground, parseReply: parseBackgroundReply } = contract(ToBackgroundSchema, BackgroundReplies);
