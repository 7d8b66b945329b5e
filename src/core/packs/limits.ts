/**
 * How large a fact pack may be. A pack is untrusted input read inside the reader's browser: every
 * size is bounded so that no pack can exhaust memory or storage, or make a page slow. docs/packs.md
 * lists these; tests/unit/packs.test.ts checks that each is enforced.
 */
export const PACK_LIMITS = {
  /** The distributable file as imported (gzip-compressed or plain JSON). */
  fileBytes: 24 * 1024 * 1024,
  /** The JSON once decompressed. */
  jsonBytes: 96 * 1024 * 1024,
  entities: 20_000,
  /** Aliases over the whole pack. */
  aliases: 100_000,
  aliasesPerEntity: 50,
  distractors: 20_000,
  /** Words of a distractor that holds only near them ("Washington-based" near "Seattle"). */
  nearPerDistractor: 20,
  factsPerEntity: 10,
  sourcesPerFact: 10,
  relatedPerEntity: 50,
  participantsPerEvent: 50,
  patternsPerEntity: 10,
  anchorsPerPattern: 10,
  titlesPerAlias: 20,
  contextPerAlias: 20,
  authors: 20,
  /** Characters, by field. */
  chars: {
    id: 64,
    title: 120,
    description: 1000,
    name: 120,
    type: 120,
    summary: 240,
    role: 300,
    fact: 600,
    caveat: 400,
    alias: 80,
    pattern: 200,
    outlet: 120,
    url: 2000,
    author: 120,
    attribution: 1000,
    license: 100,
    placeName: 160,
    /** One of an alias's `titles`. */
    aliasTitle: 40,
    distractor: 160,
  },
} as const;

/** The pack format this build reads, and the manifest versions it understands. */
export const PACK_FORMAT = 1;
