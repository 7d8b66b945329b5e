import people from '../../../assets/facts/people.json';
import places from '../../../assets/facts/places.json';
import organizations from '../../../assets/facts/organizations.json';
import events from '../../../assets/facts/events.json';
import topics from '../../../assets/facts/topics.json';
import distractors from '../../../assets/facts/distractors.json';
import type { AliasSource, Entity, FactBase, NamePattern } from '../types.ts';
import { toAliasSource } from './alias-source.ts';

/** The day the bundled facts were last checked against their sources. */
export const FACTS_REVIEWED = '2025-11-25';

export const FACT_FILES: Record<string, unknown> = { people, places, organizations, events, topics };

/** The bundled fact base. The build and the tests validate it (schema.ts), so it is trusted here. */
export function loadFactBase(): FactBase {
  const entities = Object.values(FACT_FILES).flatMap((file) => (file as { entities: Entity[] }).entities);
  return { reviewed: FACTS_REVIEWED, entities };
}

/** Phrases that contain one of our aliases but name something else ("George Washington"). */
export const BLOCKERS: readonly string[] = distractors.phrases;

export function aliasSources(base: FactBase): AliasSource[] {
  return base.entities.map(toAliasSource);
}

export function patternsByEntity(base: FactBase): Map<string, NamePattern[]> {
  return new Map(base.entities.filter((e) => e.patterns?.length).map((e) => [e.id, e.patterns!]));
}
