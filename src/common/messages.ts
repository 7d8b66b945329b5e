import * as v from 'valibot';

/**
 * Messages from a page (content script) or the popup to the background, one tagged union, checked
 * on arrival: anything else is dropped and logged, never trusted.
 */
const int = v.pipe(v.number(), v.integer(), v.minValue(0));
const NlpQuestionSchema = v.object({
  offset: int,
  sentence: v.pipe(v.string(), v.maxLength(4000)),
  patterns: v.pipe(v.array(v.pipe(v.string(), v.maxLength(100))), v.maxLength(60)),
  spans: v.pipe(
    v.array(
      v.object({
        candidate: v.pipe(v.number(), v.integer()),
        start: v.pipe(v.number(), v.integer(), v.minValue(0)),
        end: v.pipe(v.number(), v.integer(), v.minValue(0)),
      }),
    ),
    v.maxLength(200),
  ),
});

export const ToBackgroundSchema = v.variant('type', [
  v.object({ type: v.literal('get-entity'), id: v.pipe(v.string(), v.maxLength(100)) }),
  v.object({ type: v.literal('judge'), questions: v.pipe(v.array(NlpQuestionSchema), v.maxLength(2000)) }),
]);

export type ToBackground = v.InferOutput<typeof ToBackgroundSchema>;

export function parseToBackground(message: unknown): ToBackground | undefined {
  const result = v.safeParse(ToBackgroundSchema, message);
  return result.success ? result.output : undefined;
}
