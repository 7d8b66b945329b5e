import * as v from 'valibot';
import { EntityIdSchema as id, PartialDateSchema as partialDate } from '../ids.ts';
import { KINDS, type FactBase } from '../types.ts';

const text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));
const httpsUrl = v.pipe(v.string(), v.url('must be a URL'), v.startsWith('https://', 'must be an https URL'));

const SourceSchema = v.strictObject({
  outlet: text,
  via: v.optional(text),
  date: v.optional(partialDate),
  dateInferred: v.optional(v.literal(true)),
  url: httpsUrl,
});

const FactSchema = v.strictObject({
  text,
  date: partialDate,
  unconfirmed: v.optional(v.literal(true)),
  sources: v.pipe(v.array(SourceSchema), v.minLength(1, 'needs at least one source')),
});

const AliasSchema = v.strictObject({
  text,
  caseInsensitive: v.optional(v.literal(true)),
  needsTitle: v.optional(v.literal(true)),
  needsNamed: v.optional(v.literal(true)),
  dateline: v.optional(v.literal(true)),
  nlp: v.optional(v.literal(true)),
  titles: v.optional(v.array(text)),
  context: v.optional(v.array(id)),
});

export const EntitySchema = v.strictObject({
  id,
  kind: v.picklist(KINDS),
  name: text,
  type: text,
  summary: v.pipe(text, v.maxLength(240, 'must be one line (240 characters at most)')),
  role: v.strictObject({ text, asOf: partialDate }),
  facts: v.pipe(v.array(FactSchema), v.minLength(2, 'needs at least two facts'), v.maxLength(5, 'has more than five facts')),
  related: v.array(id),
  event: v.optional(
    v.strictObject({
      start: partialDate,
      end: v.optional(partialDate),
      place: v.optional(id),
      placeName: text,
      participants: v.array(id),
    }),
  ),
  aliases: v.pipe(v.array(AliasSchema), v.minLength(1, 'needs at least one alias')),
  patterns: v.optional(
    v.array(
      v.strictObject({
        match: text,
        anchors: v.pipe(v.array(text), v.minLength(1, 'needs at least one anchor word')),
      }),
    ),
  ),
  caveat: v.optional(text),
});

export const FactFileSchema = v.strictObject({ entities: v.array(EntitySchema) });

function describeIssue(issue: v.BaseIssue<unknown>, entities: unknown): string {
  const path = issue.path ?? [];
  const entityIndex = path[1]?.key;
  const entity = typeof entityIndex === 'number' && Array.isArray(entities) ? (entities[entityIndex] as { id?: unknown }) : undefined;
  const who = typeof entity?.id === 'string' ? `entity "${entity.id}"` : `entity #${String(entityIndex)}`;
  const field = path
    .slice(2)
    .map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`))
    .join('')
    .replace(/^\./, '');
  return `${who}: ${field || '(entity)'} ${issue.message}`;
}

/** Structure of one fact file; every problem names the entity and the field. */
export function validateFactFile(name: string, data: unknown): string[] {
  const result = v.safeParse(FactFileSchema, data);
  if (result.success) return [];
  const entities = (data as { entities?: unknown } | null)?.entities;
  return result.issues.map((issue) => `${name}: ${describeIssue(issue, entities)}`);
}

/** What no single entity can check: unique ids, links that resolve, aliases that do not collide. */
export function checkIntegrity(base: FactBase): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const e of base.entities) {
    if (ids.has(e.id)) problems.push(`entity "${e.id}": id is used twice`);
    ids.add(e.id);
  }
  const byKind = new Map(base.entities.map((e) => [e.id, e.kind]));
  const aliasOwners = new Map<string, { id: string; shared: boolean }[]>();
  for (const e of base.entities) {
    for (const r of e.related) if (!ids.has(r)) problems.push(`entity "${e.id}": related "${r}" does not exist`);
    if (e.related.includes(e.id)) problems.push(`entity "${e.id}": related lists itself`);
    if (e.kind === 'event' && !e.event) problems.push(`entity "${e.id}": event needs its event details`);
    if (e.kind !== 'event' && e.event) problems.push(`entity "${e.id}": only events have event details`);
    if (e.event) {
      if (e.event.place && byKind.get(e.event.place) !== 'place')
        problems.push(`entity "${e.id}": event.place "${e.event.place}" is not a place`);
      for (const p of e.event.participants) if (!ids.has(p)) problems.push(`entity "${e.id}": participant "${p}" does not exist`);
      if (e.event.end && e.event.end < e.event.start) problems.push(`entity "${e.id}": event ends before it starts`);
    }
    if (!e.aliases.some((a) => !a.needsNamed && !a.dateline)) {
      problems.push(`entity "${e.id}": no alias can name it on its own (all need context)`);
    }
    for (const a of e.aliases) {
      for (const c of a.context ?? []) if (!ids.has(c)) problems.push(`entity "${e.id}": alias "${a.text}" context "${c}" does not exist`);
      const key = a.text.toLowerCase();
      aliasOwners.set(key, [...(aliasOwners.get(key) ?? []), { id: e.id, shared: Boolean(a.needsNamed) }]);
    }
  }
  for (const [alias, owners] of aliasOwners) {
    const distinct = new Set(owners.map((o) => o.id));
    // A shared form is allowed only with a rule that decides between its owners (nearest named).
    if (distinct.size > 1 && owners.some((o) => !o.shared)) {
      problems.push(`alias "${alias}" maps to ${[...distinct].join(', ')} without needsNamed on each`);
    }
  }
  return problems;
}
