import { APOSTROPHE_GLYPHS, HYPHEN_GLYPHS } from './key-chars.ts';
import { COMMON_WORDS } from './key-gate.ts';
import { ANCHOR, BLOCKER, buildKeyTable, NAME, TITLED, type KeyTable } from './key-table.ts';
import type { Alias, Distractor, Entity, Kind, Relevance } from './types.ts';

/** One alias of one entity, as the matcher reads it. `entity` is the entity's reference ("pack/id"). */
export interface AliasEntry {
  entity: string;
  kind: Kind;
  /** The entity's display name (what a page lists it as). */
  name: string;
  alias: Alias;
  /** Absent: story (see core/relevance.ts). */
  relevance?: Relevance;
}

/** An anchor word's entity and the name patterns it can start. */
export interface AnchorEntry {
  entity: string;
  kind: Kind;
  name: string;
  patterns: string[];
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
  entities: readonly Pick<Entity, 'id' | 'kind' | 'name' | 'aliases' | 'patterns' | 'relevance'>[],
  distractors: readonly Distractor[] = [],
): { records: Map<string, KeyRecord>; table: KeyTable } {
  const records = new Map<string, KeyRecord>();
  const record = (key: string): KeyRecord => {
    let found = records.get(key);
    if (!found) records.set(key, (found = { entries: [], anchors: [] }));
    return found;
  };
  for (const entity of entities) {
    const ref = entityRef(pack, entity.id);
    // Only what differs from the default is kept: a pack that never says stores what it did before.
    const relevance = entity.relevance && entity.relevance !== 'story' ? { relevance: entity.relevance } : {};
    for (const alias of entity.aliases) {
      const key = aliasKey(alias.text);
      if (!key) continue;
      const inPack = alias.context ? { ...alias, context: alias.context.map((id) => entityRef(pack, id)) } : alias;
      record(key).entries.push({ entity: ref, kind: entity.kind, name: entity.name, alias: inPack, ...relevance });
    }
    const byAnchor = new Map<string, string[]>();
    for (const { match, anchors } of entity.patterns ?? []) {
      for (const anchor of anchors) {
        const key = aliasKey(anchor);
        if (key) byAnchor.set(key, [...(byAnchor.get(key) ?? []), match]);
      }
    }
    for (const [key, patterns] of byAnchor) {
      record(key).anchors.push({ entity: ref, kind: entity.kind, name: entity.name, patterns: [...new Set(patterns)], ...relevance });
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
