import * as v from 'valibot';
import { ENTITY_ID, PartialDateSchema as partialDate } from '../ids.ts';
import { KINDS, RELEVANCES } from '../types.ts';
import { PACK_FORMAT, PACK_LIMITS } from './limits.ts';
import { patternProblems } from './pattern.ts';

/**
 * The one truth about what a fact pack is: valibot schemas, from which the JSON Schema in
 * schemas/ is generated (scripts/pack-json-schema.ts) for authors' editors. A pack is untrusted
 * input: text stays text, links are https only, every size is bounded (limits.ts), and event
 * patterns must fit a small grammar (pattern.ts).
 */

const { chars } = PACK_LIMITS;

/** An editor's pointer to the JSON Schema (schemas/): allowed in every file of a pack, and ignored. */
const $schema = v.optional(v.pipe(v.string(), v.maxLength(500)));

/** Text a reader sees: trimmed, not empty, bounded, and never markup (the card renders it as text, and a pack that carries tags is not what it says). */
const text = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `must be at most ${max} characters`),
    v.check((value) => !/<[a-zA-Z!/?]/.test(value), 'must be plain text, not HTML'),
  );
const id = v.pipe(v.string(), v.maxLength(chars.id, `must be at most ${chars.id} characters`), v.regex(ENTITY_ID, 'must be kebab-case'));
const httpsUrl = v.pipe(
  v.string(),
  v.maxLength(chars.url, `must be at most ${chars.url} characters`),
  v.url('must be a URL'),
  v.startsWith('https://', 'must be an https URL'),
);
const list = <T extends v.GenericSchema>(item: T, max: number, what: string) =>
  v.pipe(v.array(item), v.maxLength(max, `has more than ${max} ${what}`));

const SourceSchema = v.strictObject({
  outlet: text(chars.outlet),
  via: v.optional(text(chars.outlet)),
  date: v.optional(partialDate),
  dateInferred: v.optional(v.literal(true)),
  url: httpsUrl,
});

const FactSchema = v.strictObject({
  text: text(chars.fact),
  date: partialDate,
  unconfirmed: v.optional(v.literal(true)),
  sources: v.pipe(list(SourceSchema, PACK_LIMITS.sourcesPerFact, 'sources'), v.minLength(1, 'needs at least one source')),
});

const AliasSchema = v.strictObject({
  text: v.pipe(
    text(chars.alias),
    v.check((value) => /^[\p{L}\p{N}]/u.test(value), 'must start with a letter or digit'),
  ),
  caseInsensitive: v.optional(v.literal(true)),
  needsTitle: v.optional(v.literal(true)),
  needsNamed: v.optional(v.literal(true)),
  dateline: v.optional(v.literal(true)),
  nlp: v.optional(v.literal(true)),
  /** needsTitle: only these titles qualify ("Vice Premier He", not "Premier He"). */
  titles: v.optional(list(text(chars.aliasTitle), PACK_LIMITS.titlesPerAlias, 'titles')),
  /** needsNamed: naming any of these entities also lets the description count. */
  context: v.optional(list(id, PACK_LIMITS.contextPerAlias, 'context ids')),
  /** Counts only in a sentence that also names one of these entities. */
  sentenceWith: v.optional(list(id, PACK_LIMITS.contextPerAlias, 'entity ids')),
});

const PatternSchema = v.strictObject({
  match: v.pipe(
    text(chars.pattern),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      for (const problem of patternProblems(dataset.value)) addIssue({ message: problem });
    }),
  ),
  anchors: v.pipe(list(text(chars.alias), PACK_LIMITS.anchorsPerPattern, 'anchor words'), v.minLength(1, 'needs at least one anchor word')),
  /** The match counts only where the entity or one of these is named in the same text. */
  context: v.optional(list(id, PACK_LIMITS.contextPerAlias, 'context ids')),
  /** The match counts only in a sentence that also names one of these entities. */
  sentenceWith: v.optional(list(id, PACK_LIMITS.contextPerAlias, 'entity ids')),
});

export const EntitySchema = v.strictObject({
  id,
  kind: v.picklist(KINDS, `must be one of ${KINDS.join(', ')}`),
  name: text(chars.name),
  type: text(chars.type),
  summary: text(chars.summary),
  role: v.strictObject({ text: text(chars.role), asOf: partialDate }),
  facts: v.pipe(list(FactSchema, PACK_LIMITS.factsPerEntity, 'facts'), v.minLength(1, 'needs at least one fact')),
  related: list(id, PACK_LIMITS.relatedPerEntity, 'related entities'),
  event: v.optional(
    v.strictObject({
      start: partialDate,
      end: v.optional(partialDate),
      place: v.optional(id),
      placeName: text(chars.placeName),
      participants: list(id, PACK_LIMITS.participantsPerEvent, 'participants'),
    }),
  ),
  aliases: v.pipe(list(AliasSchema, PACK_LIMITS.aliasesPerEntity, 'aliases'), v.minLength(1, 'needs at least one alias')),
  patterns: v.optional(list(PatternSchema, PACK_LIMITS.patternsPerEntity, 'patterns')),
  caveat: v.optional(text(chars.caveat)),
  /** How much naming it says a page is about the pack's story (core/relevance.ts); absent: story. */
  relevance: v.optional(v.picklist(RELEVANCES, `must be one of ${RELEVANCES.join(', ')}`)),
});

const VERSION = v.pipe(v.string(), v.regex(/^\d{1,4}\.\d{1,4}\.\d{1,4}$/, 'must be a version like 0.2.0'));

/** What a pack says about itself: pack.json in its source folder, and the head of its built file. */
export const ManifestSchema = v.strictObject({
  /** The pack format's version; this build reads PACK_FORMAT. */
  format: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** Stable across revisions: a higher revision of the same id replaces the older one. */
  id,
  title: text(chars.title),
  description: text(chars.description),
  /** The language of the facts (BCP 47: "en", "ko", "zh-Hans"). */
  language: v.pipe(v.string(), v.regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a language tag like en or zh-Hans')),
  revision: v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be 1 or more')),
  /** The stretch of time the facts cover. */
  period: v.pipe(
    v.strictObject({ from: partialDate, to: partialDate }),
    v.check(({ from, to }) => from <= to, 'must not end before it starts'),
  ),
  /** The day a person last checked the facts against their sources. */
  reviewed: partialDate,
  authors: v.pipe(list(text(chars.author), PACK_LIMITS.authors, 'authors'), v.minLength(1, 'needs at least one author')),
  attribution: v.optional(text(chars.attribution)),
  /** The licence of the pack's text (an SPDX id such as CC-BY-4.0). */
  license: text(chars.license),
  homepage: v.optional(httpsUrl),
  /** The lowest Summit Lens version that reads this pack. */
  minAppVersion: VERSION,
});

/** The source form's pack.json: the manifest, plus the data files it is built from. */
export const SourceManifestSchema = v.strictObject({
  ...ManifestSchema.entries,
  $schema,
  /** Entity files, each `{ "entities": [...] }`, in the order their entities are read. */
  files: v.pipe(v.array(v.pipe(v.string(), v.regex(/^[\w-]+\.json$/, 'must be a .json file name in the pack folder'))), v.minLength(1)),
  /** A file `{ "phrases": [...] }` of distractors, if the pack has any. */
  distractors: v.optional(v.pipe(v.string(), v.regex(/^[\w-]+\.json$/, 'must be a .json file name in the pack folder'))),
});

/** A distractor: a phrase, or a phrase that is one only where one of its `near` words is in the same paragraph. */
const DistractorSchema = v.union(
  [
    text(chars.distractor),
    v.strictObject({
      phrase: text(chars.distractor),
      near: v.pipe(list(text(chars.alias), PACK_LIMITS.nearPerDistractor, 'near words'), v.minLength(1, 'needs at least one word')),
    }),
  ],
  'must be a phrase, or { "phrase", "near" }',
);

export const EntityFileSchema = v.strictObject({ $schema, entities: v.array(EntitySchema) });
export const DistractorFileSchema = v.strictObject({
  $schema,
  about: v.optional(v.string()),
  phrases: list(DistractorSchema, PACK_LIMITS.distractors, 'distractors'),
});

/** The distributable pack: one JSON document (gzip-compressed in a .slpack file). */
export const PackSchema = v.strictObject({
  ...ManifestSchema.entries,
  $schema,
  entities: v.pipe(v.array(EntitySchema), v.maxLength(PACK_LIMITS.entities, `has more than ${PACK_LIMITS.entities} entities`)),
  /** Phrases that contain an alias but name something else ("George Washington"). */
  distractors: list(DistractorSchema, PACK_LIMITS.distractors, 'distractors'),
});

export type PackManifest = v.InferOutput<typeof ManifestSchema>;
export type Pack = v.InferOutput<typeof PackSchema>;
export type SourceManifest = v.InferOutput<typeof SourceManifestSchema>;

export { PACK_FORMAT };
