import { APOSTROPHE_GLYPHS, HYPHEN_GLYPHS } from './key-chars.ts';
import { COMMON_WORDS } from './key-gate.ts';
import { ANCHOR, BLOCKER, buildKeyTable, NAME, TITLED, type KeyTable } from './key-table.ts';
import { monthIndex } from './page-date.ts';
import type { Alias, Distractor, Entity, Kind, Relevance } from './types.ts';

/** One alias of one entity, as the matcher reads it. `entity` is the entity's reference ("pack/id"). */
export interface AliasEntry {
  entity: string;
  kind: Kind;
  /** The entity's display name (what a page lists it as). */
  name: string;
  alias: Alias;
  /** The years the entity places a text in: an event's own, or those of the dated events a place hosted. */
  era?: Era;
  /** An event's first month (year × 12 + month − 1): a page published well before it cannot be about it. */
  begins?: number;
  /** An event's related places, organizations, events and topics: naming one places a text in its time. */
  frame?: string[];
  /** Absent: story (see core/relevance.ts). */
  relevance?: Relevance;
}

/** First and last year, inclusive. */
export type Era = readonly [number, number];

/** What a pattern's match needs besides the words (ids are references in the pattern's pack). */
export interface PatternRule {
  context?: string[];
  sentenceWith?: string[];
}

/** An anchor word's entity and the name patterns it can start. */
export interface AnchorEntry {
  entity: string;
  kind: Kind;
  name: string;
  patterns: string[];
  era?: Era;
  begins?: number;
  frame?: string[];
  /** The rules of those patterns that have any, by pattern. */
  rules?: Record<string, PatternRule>;
  relevance?: Relevance;
}

/** Everything a pack says about one key (aliasKey form): the aliases it is, the patterns it anchors, whether it is a distractor. */
export interface KeyRecord {
  entries: AliasEntry[];
  anchors: AnchorEntry[];
  blocker?: true;
  /** A distractor only where one of these words (aliasKey form) is in the same paragraph. */
  near?: string[];
}

const APOSTROPHES = new RegExp(`[${APOSTROPHE_GLYPHS.slice(1)}]`, 'g');
const HYPHENS = new RegExp(`[${HYPHEN_GLYPHS.slice(1)}]`, 'g');
const SPACES = /[\s\u00a0]+/g;

/** The form two spellings share when they differ only in case, spacing, apostrophe or hyphen glyphs. */
export function aliasKey(text: string): string {
  return text.replace(APOSTROPHES, "'").replace(HYPHENS, '-').replace(SPACES, ' ').trim().toLowerCase();
}

/** The same as aliasKey but keeping case, to check case-sensitive aliases. */
export function surfaceForm(text: string): string {
  return text.replace(APOSTROPHES, "'").replace(HYPHENS, '-').replace(SPACES, ' ').trim();
}

const OTHER_SPACES = /[^\S\n ]/g;

/**
 * Lower case, offsets kept: "İ" is the one common letter that lower-cases to two characters, so it
 * is read as "I" first. (The page's quick look and the background's pass both fold this way.)
 */
export function lowerKeepingOffsets(text: string): string {
  return (text.includes('\u0130') ? text.replace(/\u0130/g, 'I') : text).toLowerCase();
}

/**
 * The text as the key table reads it: lower case, one kind of space (a line break stays a line
 * break: names never cross it), every offset kept.
 */
export function foldForMatching(text: string): string {
  return lowerKeepingOffsets(text).replace(OTHER_SPACES, ' ');
}

/** A reference to one entity of one pack: "summit-2025/xi-jinping". */
export const entityRef = (pack: string, id: string): string => `${pack}/${id}`;
/** The pack and the entity's own id in a reference. */
export function splitRef(ref: string): { pack: string; id: string } {
  const at = ref.indexOf('/');
  return { pack: ref.slice(0, at), id: ref.slice(at + 1) };
}

/**
 * A pack's keys, each with what it means, and the table that finds them in a text: what the page
 * and the background need of a pack to find its names, built once (at build time for the bundled
 * pack, at import for the others). Aliases' `context` ids become references in the same pack.
 */
export function packKeys(
  pack: string,
  entities: readonly Pick<Entity, 'id' | 'kind' | 'type' | 'name' | 'aliases' | 'patterns' | 'event' | 'related' | 'relevance'>[],
  distractors: readonly Distractor[] = [],
): { records: Map<string, KeyRecord>; table: KeyTable } {
  const records = new Map<string, KeyRecord>();
  const record = (key: string): KeyRecord => {
    let found = records.get(key);
    if (!found) records.set(key, (found = { entries: [], anchors: [] }));
    return found;
  };
  const refs = (ids: readonly string[] | undefined): string[] | undefined => ids?.map((id) => entityRef(pack, id));
  const eras = entityEras(entities);
  const kinds = new Map(entities.map((e) => [e.id, e.kind]));
  for (const entity of entities) {
    const ref = entityRef(pack, entity.id);
    const era = eras.get(entity.id);
    const begins = entity.kind === 'event' && entity.event ? monthIndex(entity.event.start) : undefined;
    // Only what differs from the default is kept: a pack that never says stores what it did before.
    const relevance = entity.relevance && entity.relevance !== 'story' ? { relevance: entity.relevance } : {};
    // People turn up in texts of every year; what else an event relates to places a text in its time.
    const frame =
      entity.kind === 'event' && era
        ? refs(
            [...new Set([...(entity.event?.place ? [entity.event.place] : []), ...entity.related])].filter(
              (id) => kinds.get(id) !== 'person',
            ),
          )
        : undefined;
    for (const alias of entity.aliases) {
      const key = aliasKey(alias.text);
      if (!key) continue;
      const inPack =
        alias.context || alias.sentenceWith ? { ...alias, context: refs(alias.context), sentenceWith: refs(alias.sentenceWith) } : alias;
      if (!inPack.context) delete inPack.context;
      if (!inPack.sentenceWith) delete inPack.sentenceWith;
      const entry: AliasEntry = { entity: ref, kind: entity.kind, name: entity.name, alias: inPack, ...relevance };
      if (era) entry.era = era;
      if (begins !== undefined) entry.begins = begins;
      if (frame?.length) entry.frame = frame;
      record(key).entries.push(entry);
    }
    const byAnchor = new Map<string, string[]>();
    const rules: Record<string, PatternRule> = {};
    for (const { match, anchors, context, sentenceWith } of entity.patterns ?? []) {
      for (const anchor of anchors) {
        const key = aliasKey(anchor);
        if (key) byAnchor.set(key, [...(byAnchor.get(key) ?? []), match]);
      }
      if (context || sentenceWith) {
        rules[match] = {};
        if (context) rules[match].context = refs(context);
        if (sentenceWith) rules[match].sentenceWith = refs(sentenceWith);
      }
    }
    for (const [key, patterns] of byAnchor) {
      const unique = [...new Set(patterns)];
      const anchor: AnchorEntry = { entity: ref, kind: entity.kind, name: entity.name, patterns: unique, ...relevance };
      if (era) anchor.era = era;
      if (begins !== undefined) anchor.begins = begins;
      if (frame?.length) anchor.frame = frame;
      const own = unique.filter((match) => rules[match]);
      if (own.length) anchor.rules = Object.fromEntries(own.map((match) => [match, rules[match]!]));
      record(key).anchors.push(anchor);
    }
  }
  for (const distractor of distractors) {
    const key = aliasKey(typeof distractor === 'string' ? distractor : distractor.phrase);
    if (!key) continue;
    const found = record(key);
    if (typeof distractor === 'string') found.blocker = true;
    else found.near = [...new Set([...(found.near ?? []), ...distractor.near.map(aliasKey).filter(Boolean)])];
  }
  return {
    records,
    table: buildKeyTable(
      [...records].map(([key, r]) => [key, keyFlags(r)]),
      COMMON_WORDS,
    ),
  };
}

const yearOf = (date: string): number => Number(date.slice(0, 4));

/**
 * The years each entity places a text in: an event its own (start to end), a place those of the
 * events held there or in it ("Osaka" puts a text in 2019, where the pack's Osaka meeting was;
 * "Busan" in 2025). A country or a capital hosts too much to date anything.
 */
function entityEras(entities: readonly Pick<Entity, 'id' | 'kind' | 'type' | 'event' | 'related'>[]): Map<string, Era> {
  const eras = new Map<string, Era>();
  const datesText = new Set(entities.filter((e) => e.kind === 'place' && !/country|capital/i.test(e.type)).map((e) => e.id));
  const widen = (id: string, from: number, to: number): void => {
    const had = eras.get(id);
    eras.set(id, had ? [Math.min(had[0], from), Math.max(had[1], to)] : [from, to]);
  };
  for (const { id, kind, event, related } of entities) {
    if (kind !== 'event' || !event) continue;
    const from = yearOf(event.start);
    const to = event.end ? yearOf(event.end) : from;
    widen(id, from, to);
    if (event.place) widen(event.place, from, to);
    for (const place of related) if (datesText.has(place)) widen(place, from, to);
  }
  return eras;
}

/**
 * What a key means to a page that has not read it yet: a name (read the block), a surname that
 * counts only after a title, an anchor word that counts only once a name is found, a distractor.
 * A key that can name only entities of the story's world (China, Tokyo) is read like an anchor:
 * once the page holds a name that may say it is about the story, never on its own, so a page with
 * only such names stops at the quick look (see core/relevance.ts).
 */
function keyFlags({ entries, anchors, blocker, near }: KeyRecord): number {
  let flags = blocker || near ? BLOCKER : 0;
  const telling = entries.filter((e) => e.relevance !== 'world');
  if (telling.length) flags |= telling.every((e) => e.alias.needsTitle) ? TITLED : NAME;
  else if (entries.length || anchors.length) flags |= ANCHOR;
  return flags;
}
