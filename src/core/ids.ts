import * as v from 'valibot';

/**
 * An entity's id: lower-case words joined by hyphens ("xi-jinping"). The one rule, used by the
 * fact files' schema, every message that names an entity, and the background's answers.
 */
export const ENTITY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const ENTITY_ID_MAX = 100;

export const EntityIdSchema = v.pipe(
  v.string(),
  v.maxLength(ENTITY_ID_MAX, `must be at most ${ENTITY_ID_MAX} characters`),
  v.regex(ENTITY_ID, 'must be kebab-case'),
);

export const isEntityId = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= ENTITY_ID_MAX && ENTITY_ID.test(value);

/** A date as precise as the source allows: YYYY, YYYY-MM or YYYY-MM-DD. */
export const PartialDateSchema = v.pipe(v.string(), v.regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD'));
