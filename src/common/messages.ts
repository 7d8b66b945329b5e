import * as v from 'valibot';
import { FIND_MAX_CHARS } from './found.ts';

/**
 * Messages between contexts: one tagged union per direction, checked on arrival. Anything else is
 * dropped and logged, never trusted. This file is the direction into the background; the one into
 * a page lives in to-content.ts, so the page script carries only its own schema.
 */
const int = v.pipe(v.number(), v.integer(), v.minValue(0));
const entityId = v.pipe(v.string(), v.maxLength(100), v.regex(/^[a-z0-9-]+$/));

/** To the background, from a page's content script or the popup. */
export const ToBackgroundSchema = v.variant('type', [
  v.object({ type: v.literal('get-entity'), id: entityId }),
  v.object({
    type: v.literal('find'),
    text: v.pipe(v.string(), v.maxLength(FIND_MAX_CHARS)),
    named: v.pipe(v.array(entityId), v.maxLength(500)),
  }),
  v.object({ type: v.literal('page-mentions'), entities: v.pipe(int, v.maxValue(1000)) }),
  v.object({ type: v.literal('lookup'), text: v.pipe(v.string(), v.maxLength(500)) }),
]);
export type ToBackground = v.InferOutput<typeof ToBackgroundSchema>;

export function parseToBackground(message: unknown): ToBackground | undefined {
  const result = v.safeParse(ToBackgroundSchema, message);
  return result.success ? result.output : undefined;
}

export type { PageState, ToContent } from './to-content.ts';
