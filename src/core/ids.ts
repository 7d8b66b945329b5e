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

/**
 * A reference to one entity of one pack, the pack's id and the entity's joined by a slash
 * ("summit-2025/xi-jinping"): two packs may both have a "china", and a page tells them apart.
 * Every message and answer that names an entity names it this way.
 */
export const ENTITY_REF = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const ENTITY_REF_MAX = 200;

export const EntityRefSchema = v.pipe(
  v.string(),
  v.maxLength(ENTITY_REF_MAX, `must be at most ${ENTITY_REF_MAX} characters`),
  v.regex(ENTITY_REF, 'must be a pack id and an entity id joined by "/"'),
);

/** A date as precise as the source allows: YYYY, YYYY-MM or YYYY-MM-DD. */
export const PartialDateSchema = v.pipe(
  v.string(),
  v.regex(/^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD (a real month and day)'),
);
