import * as v from 'valibot';
import type { Distractor, Entity } from '../types.ts';
import { PACK_FORMAT, PACK_LIMITS } from './limits.ts';
import { TITLE_WORDS } from '../titles.ts';
import type { Refusal } from './file.ts';
import { PackSchema, type Pack } from './schema.ts';

const KNOWN_TITLE = new RegExp(`^(?:${TITLE_WORDS})$`);

/** A pack that passed every check, or every problem found (never both). */
export type Checked = { pack: Pack; problems: [] } | { pack?: undefined; problems: string[]; refusal?: Refusal };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** -1, 0 or 1 as version a is lower, equal or higher than b ("0.10.0" > "0.9.3"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return Math.sign(d);
  }
  return 0;
}

/** valibot's message, or plainer words for a field that is missing or not one a pack has. */
export function message(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'schema' && issue.input === undefined && issue.type !== 'undefined') return 'is missing';
  if (issue.type === 'never' || issue.expected === 'never') return 'is not a field a pack has (check its spelling)';
  return issue.message;
}

/** "entities[12].facts[0].url" with the entity named by its id where it has one. */
function where(issue: v.BaseIssue<unknown>, entities: unknown): string {
  const path = issue.path ?? [];
  if (path[0]?.key === 'entities' && typeof path[1]?.key === 'number') {
    const index = path[1].key;
    const entity = Array.isArray(entities) ? (entities[index] as { id?: unknown } | undefined) : undefined;
    const who =
      isRecord(entity) && typeof entity.id === 'string' ? `entity "${entity.id.slice(0, 64)}" (#${index + 1})` : `entity #${index + 1}`;
    const field = path
      .slice(2)
      .map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`))
      .join('')
      .replace(/^\./, '');
    return `${who}: ${field || '(the entity)'}`;
  }
  const field = path
    .map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`))
    .join('')
    .replace(/^\./, '');
  return field || '(the pack)';
}

/**
 * Problems no pack of any format can get past, checked before anything else so that a newer pack
 * says what it needs rather than listing every field this build does not know.
 */
export function versionProblems(data: Record<string, unknown>, appVersion: string): string[] {
  const refusal = versionRefusal(data, appVersion);
  if (refusal?.reason === 'newer-format')
    return [`needs pack format ${refusal.format}; this Summit Lens reads format ${PACK_FORMAT}. Update Summit Lens to import it.`];
  if (refusal?.reason === 'newer-app')
    return [`needs Summit Lens ${refusal.version} or newer; this is ${appVersion}. Update Summit Lens to import it.`];
  return [];
}

function versionRefusal(data: Record<string, unknown>, appVersion: string): Refusal | undefined {
  const { format, minAppVersion } = data;
  if (typeof format === 'number' && Number.isInteger(format) && format > PACK_FORMAT) return { reason: 'newer-format', format };
  if (typeof minAppVersion === 'string' && /^\d+\.\d+\.\d+$/.test(minAppVersion) && compareVersions(minAppVersion, appVersion) > 0)
    return { reason: 'newer-app', version: minAppVersion };
  return undefined;
}

/**
 * A parsed pack checked whole: its format and the app version it needs, its schema (every issue,
 * named by entity and field), then what no single entity can check (integrity below). `file`
 * prefixes every problem.
 */
export function checkPack(data: unknown, { file, appVersion }: { file: string; appVersion: string }): Checked {
  const named = (problems: string[]): { problems: string[] } => ({ problems: problems.map((p) => `${file}: ${p}`) });
  if (!isRecord(data))
    return { ...named(['is not a fact pack (expected a JSON object with a manifest and entities)']), refusal: { reason: 'not-a-pack' } };
  const refusal = versionRefusal(data, appVersion);
  if (refusal) return { ...named(versionProblems(data, appVersion)), refusal };
  const parsed = v.safeParse(PackSchema, data);
  if (!parsed.success) return named(parsed.issues.map((issue) => `${where(issue, data.entities)} ${message(issue)}`));
  const { $schema: _editorsOnly, ...pack } = parsed.output;
  const integrity = integrityProblems(pack.entities as Entity[], pack.distractors);
  return integrity.length ? named(integrity) : { pack, problems: [] };
}

/**
 * What no single entity can check: unique ids, links that resolve, aliases that do not collide
 * with each other or with a distractor, titles the matcher knows, the pack's total size.
 */
export function integrityProblems(entities: readonly Entity[], distractors: readonly Distractor[] = []): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const e of entities) {
    if (ids.has(e.id)) problems.push(`entity "${e.id}": id is used twice`);
    ids.add(e.id);
  }
  const aliasCount = entities.reduce((n, e) => n + e.aliases.length, 0);
  if (aliasCount > PACK_LIMITS.aliases) problems.push(`(the pack) has ${aliasCount} aliases; at most ${PACK_LIMITS.aliases} are read`);
  const byKind = new Map(entities.map((e) => [e.id, e.kind]));
  const aliasOwners = new Map<string, { id: string; shared: boolean }[]>();
  for (const e of entities) {
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
    (e.patterns ?? []).forEach((p, i) => {
      for (const c of p.context ?? []) if (!ids.has(c)) problems.push(`entity "${e.id}": patterns[${i}].context "${c}" does not exist`);
      for (const c of p.sentenceWith ?? [])
        if (!ids.has(c)) problems.push(`entity "${e.id}": patterns[${i}].sentenceWith "${c}" does not exist`);
    });
    if (!e.aliases.some((a) => !a.needsNamed && !a.dateline)) {
      problems.push(`entity "${e.id}": no alias can name it on its own (all need context)`);
    }
    for (const a of e.aliases) {
      for (const c of a.context ?? []) if (!ids.has(c)) problems.push(`entity "${e.id}": alias "${a.text}" context "${c}" does not exist`);
      for (const c of a.sentenceWith ?? [])
        if (!ids.has(c)) problems.push(`entity "${e.id}": alias "${a.text}" sentenceWith "${c}" does not exist`);
      // The matcher reads a title only before a one-word alias of a person (local-rules.ts).
      const titledAlias = e.kind === 'person' && !/\s/.test(a.text);
      if (a.needsTitle && !titledAlias)
        problems.push(`entity "${e.id}": alias "${a.text}" has needsTitle, which only a person's one-word alias can use`);
      for (const title of a.titles ?? []) {
        if (!KNOWN_TITLE.test(title))
          problems.push(`entity "${e.id}": alias "${a.text}" title "${title}" is not one the matcher reads (see docs/packs.md)`);
      }
      const key = a.text.toLowerCase();
      aliasOwners.set(key, [...(aliasOwners.get(key) ?? []), { id: e.id, shared: Boolean(a.needsNamed) }]);
    }
  }
  const distractorKeys = new Set(distractors.map((d) => (typeof d === 'string' ? d : d.phrase).toLowerCase()));
  for (const alias of aliasOwners.keys()) {
    if (distractorKeys.has(alias)) problems.push(`distractor "${alias}" is also an alias: it would hide that alias everywhere`);
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
