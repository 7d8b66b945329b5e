import * as v from 'valibot';
import { contract } from './contract.ts';
import { EntityRefSchema } from '../../core/ids.ts';
import { KINDS } from '../../core/types.ts';
import { SELECTION_MAX_CHARS } from '../selection.ts';

/**
 * Everything a page's content script is asked (by the background: a keyboard command or the
 * context menu; by the popup: the page's mentions, a jump to one), and what it answers to each.
 * The page drops a request that fails its schema; the asker checks the reply the same way.
 */
export const ToPageSchema = v.variant('type', [
  /** What the page mentions, for the popup's list. */
  v.object({ type: v.literal('get-page-state') }),
  /** Scroll to the next mention of an entity and open its card. */
  v.object({ type: v.literal('reveal'), entity: EntityRefSchema }),
  /** The keyboard command: the next mention in reading order. */
  v.object({ type: v.literal('next-mention') }),
  /** The context-menu look-up: the card of what the selection names, or "no match" for the query. */
  v.object({ type: v.literal('show-card'), entity: v.nullable(EntityRefSchema), query: v.pipe(v.string(), v.maxLength(500)) }),
  /** The popup's "Show them on this page": every name found, on a page not about the story. */
  v.object({ type: v.literal('show-here') }),
]);
export type ToPage = v.InferOutput<typeof ToPageSchema>;

/** What a page reports to the popup. */
export const PageStateSchema = v.object({
  host: v.pipe(v.string(), v.maxLength(300)),
  url: v.pipe(v.string(), v.maxLength(8192)),
  active: v.boolean(),
  entities: v.pipe(
    v.array(
      v.object({
        id: EntityRefSchema,
        kind: v.picklist(KINDS),
        name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
        count: v.pipe(v.number(), v.integer(), v.minValue(1)),
      }),
    ),
    v.maxLength(5000),
  ),
  /** Found but not shown: the page does not look like it is about these packs' stories (core/relevance.ts). */
  unshown: v.object({
    packs: v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(200)),
    entities: v.pipe(v.number(), v.integer(), v.minValue(0)),
    mentions: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
  /** The text the reader has selected on the page, for the popup's look-up (where the browser has no context menu). */
  selection: v.optional(v.pipe(v.string(), v.maxLength(SELECTION_MAX_CHARS))),
});
export type PageState = v.InferOutput<typeof PageStateSchema>;

/** A page's answer to each request. */
export const { parseRequest: parseToPage, parseReply: parsePageReply } = contract(ToPageSchema, {
  'get-page-state': PageStateSchema,
  reveal: v.boolean(),
  'next-mention': v.boolean(),
  'show-card': v.literal(true),
  'show-here': v.literal(true),
});
export type PageReply<T extends ToPage['type']> = NonNullable<ReturnType<typeof parsePageReply<T>>>;
