import { aliasKey, foldForMatching, splitRef, type AnchorEntry, type KeyRecord } from './alias-index.ts';
import { toOriginal, withoutInvisible } from './invisible.ts';
import { continuesWord } from './key-chars.ts';
import { tokenize, walkKeys, type KeyTable } from './key-table.ts';
import { candidatesAt, workPlaces, type Candidate } from './local-rules.ts';
import { partitionPoint } from './search.ts';
import type { Kind, Relevance } from './types.ts';

/** A pack as the matcher needs it before reading a text: its id and its key table. */
export interface PackTable {
  id: string;
  table: KeyTable;
}

/**
 * The records of a pack's exact keys: from memory (the bundled pack, node), or fetched for one text
 * from the extension's storage (imported packs). A key the pack does not have is absent.
 */
export type KeyLookup = (pack: string, keys: readonly string[]) => Map<string, KeyRecord> | Promise<Map<string, KeyRecord>>;

/** Non-word characters a key may end with ("U.S.", "100%"): the walk's token ends before them. */
const MAX_TRAILING = 3;

/** Where the key table found something: a start, the end of its last token, and the spellings to look up. */
interface Hit {
  pack: string;
  start: number;
  /** The surface forms the key may be (its tokens, then with up to MAX_TRAILING trailing characters). */
  surfaces: string[];
}

/** A text read for keys: the text without invisible characters, where those were, and what the tables found. */
export interface KeyHits {
  clean: string;
  removed: number[];
  hits: Hit[];
  /** Every key to look up, per pack. */
  keys: Map<string, string[]>;
}

/**
 * The first step: every place a pack's table finds a key, with the exact spellings to look up.
 * (Matching runs without invisible characters; offsets map back at the end, so every span is an
 * exact slice of the original text.)
 */
export function findKeys(packs: readonly PackTable[], text: string): KeyHits {
  const { clean, removed } = withoutInvisible(text);
  const subject = foldForMatching(clean);
  const hits: Hit[] = [];
  const keys = new Map<string, string[]>();
  // Folding keeps lengths; if it ever did not, offsets would lie, so nothing is matched.
  if (subject.length !== clean.length || !packs.length) return { clean, removed, hits, keys };
  const tokens = tokenize(subject);
  for (const { id, table } of packs) {
    const wanted = new Set<string>();
    walkKeys(table, subject, tokens, ({ start, end }) => {
      // The table ignores what separates tokens; a line break is a block's end, and no name crosses it.
      if (subject.slice(start, end).includes('\n')) return;
      const surfaces = [clean.slice(start, end)];
      // A key may end in punctuation its last token does not hold ("U.S.", "100%"), never in a word.
      for (let k = end; k < end + MAX_TRAILING && k < clean.length; k++) {
        const code = subject.charCodeAt(k);
        if (code === 32 || code === 10 || continuesWord(code)) break;
        if (!continuesWord(subject.charCodeAt(k + 1))) surfaces.push(clean.slice(start, k + 1));
      }
      for (const surface of surfaces) wanted.add(aliasKey(surface));
      hits.push({ pack: id, start, surfaces });
    });
    if (wanted.size) keys.set(id, [...wanted]);
  }
  return { clean, removed, hits, keys };
}

/**
 * The second step, once the keys' records are at hand: the candidates, distractors and covered
 * duplicates removed. Names may nest ("China" inside "U.S.-China summit"): every key at every
 * place counts.
 */
export function findCandidates(found: KeyHits, records: ReadonlyMap<string, ReadonlyMap<string, KeyRecord>>): Candidate[] {
  const { clean, removed, hits } = found;
  const candidates: Candidate[] = [];
  const blocked = new Map<string, [number, number][]>();
  // Longest first at each place: a shorter alias of an entity already matched longer there is not a
  // second mention ("Lee" in "Lee Jae-myung").
  const forms = hits.flatMap(({ pack, start, surfaces }) => surfaces.map((surface) => ({ pack, start, surface })));
  forms.sort((a, b) => a.start - b.start || b.surface.length - a.surface.length);
  let matchedHere = new Set<string>();
  // A person named in full here: another person's surname at the same place is part of that name
  // ("Wang" in "Wang Yi" is not Wang Wentao), while a place inside an event's name still counts.
  // By pack: another pack's reading of the same words is its own (both packs know "Donald Trump").
  let personHere = new Set<string>();
  let here = -1;
  // Where the text names a kind of work (local-rules.ts), found at the first match that needs it.
  let works: readonly number[] | undefined;
  for (const { pack, start, surface } of forms) {
    const record = records.get(pack)?.get(aliasKey(surface));
    if (!record) continue;
    if (start !== here) {
      here = start;
      matchedHere = new Set();
      personHere = new Set();
    }
    if (record.blocker || (record.near && nearInParagraph(clean, start, record.near))) {
      blocked.set(pack, [...(blocked.get(pack) ?? []), [start, start + surface.length]]);
    }
    const entries = record.entries.filter((e) => !matchedHere.has(e.entity) && !(personHere.has(pack) && e.kind === 'person'));
    const found = entries.length ? candidatesAt(clean, { start, matched: surface }, entries, (works ??= workPlaces(clean))) : [];
    for (const c of found) {
      matchedHere.add(c.entity);
      candidates.push(c);
    }
    if (found.length && entries.some((e) => e.kind === 'person' && found.some((c) => c.entity === e.entity))) personHere.add(pack);
    for (const { entity, era, begins, kind, rules, frame } of record.anchors) {
      const anchor: Candidate = {
        entity,
        start,
        end: start + surface.length,
        alias: surface,
        rule: 'pattern',
        needsNlp: true,
        anchor: true,
      };
      if (era) anchor.era = era;
      if (begins !== undefined) anchor.begins = begins;
      if (era && kind === 'event') anchor.timed = true;
      if (rules) anchor.rules = rules;
      if (frame) anchor.frame = frame;
      candidates.push(anchor);
    }
  }
  const kept = withoutCovered(blocked.size ? withoutBlocked(candidates, blocked) : candidates);
  if (!removed.length) return kept;
  return kept.map((c) => ({ ...c, start: toOriginal(removed, c.start), end: toOriginal(removed, c.end - 1) + 1 }));
}

/** A heading: a short line that ends without a sentence's punctuation ("China Set" above a paragraph). */
const HEADING = /^[^\n]{1,80}$/u;
const SENTENCE_END = /[.!?:;,"'\u201d\u2019)\]]$/u;

/**
 * Whether one of `words` (aliasKey form) stands as whole words in the paragraph around `at`: the
 * context that makes a conditional distractor one ("Washington-based" near "Seattle"). A line
 * break ends a paragraph, as it ends a block on the page; a heading is read with the paragraph
 * under it, which says what it heads about ("China Set" above a paragraph on porcelain).
 */
export function nearInParagraph(text: string, at: number, words: readonly string[]): boolean {
  const from = text.lastIndexOf('\n', at) + 1;
  let end = text.indexOf('\n', at);
  if (end < 0) end = text.length;
  const line = text.slice(from, end).trim();
  if (end < text.length && HEADING.test(line) && !SENTENCE_END.test(line)) {
    const next = /[^\s]/u.exec(text.slice(end));
    if (next) {
      const nextEnd = text.indexOf('\n', end + next.index);
      end = nextEnd < 0 ? text.length : nextEnd;
    }
  }
  const paragraph = aliasKey(text.slice(from, end));
  for (const word of words) {
    for (let i = paragraph.indexOf(word); i >= 0; i = paragraph.indexOf(word, i + 1)) {
      const j = i + word.length;
      if ((i === 0 || !continuesWord(paragraph.charCodeAt(i - 1))) && (j === paragraph.length || !continuesWord(paragraph.charCodeAt(j)))) {
        return true;
      }
    }
  }
  return false;
}

/** The name patterns the anchors found in a text may start, by entity. */
export function anchorPatterns(records: ReadonlyMap<string, ReadonlyMap<string, KeyRecord>>): Map<string, string[]> {
  const patterns = new Map<string, string[]>();
  for (const byKey of records.values()) {
    for (const { anchors } of byKey.values()) {
      for (const { entity, patterns: matches } of anchors as AnchorEntry[]) {
        patterns.set(entity, [...new Set([...(patterns.get(entity) ?? []), ...matches])]);
      }
    }
  }
  return patterns;
}

/** What a page needs to list an entity: its kind and name, and how much it says about its pack's story. */
export interface EntityLabel {
  kind: Kind;
  name: string;
  relevance: Relevance;
}

/** The kind and name of every entity the records mention, by reference. */
export function entityLabels(records: ReadonlyMap<string, ReadonlyMap<string, KeyRecord>>): Map<string, EntityLabel> {
  const labels = new Map<string, EntityLabel>();
  for (const byKey of records.values()) {
    for (const { entries, anchors } of byKey.values()) {
      for (const { entity, kind, name, relevance } of [...entries, ...anchors])
        labels.set(entity, { kind, name, relevance: relevance ?? 'story' });
    }
  }
  return labels;
}

/**
 * Drop candidates inside a distractor phrase ("Washington" in "George Washington"). Distractors
 * are sorted by start with a running maximum of their ends, so each candidate is one binary
 * search, however many distractors a long page holds.
 */
function withoutBlocked(candidates: Candidate[], blockedByPack: Map<string, [number, number][]>): Candidate[] {
  const inside = new Map<string, (c: Candidate) => boolean>();
  for (const [pack, blocked] of blockedByPack) {
    const sorted = [...blocked].sort((a, b) => a[0] - b[0]);
    const maxEnd: number[] = [];
    sorted.forEach(([, e], i) => maxEnd.push(Math.max(e, i ? maxEnd[i - 1]! : 0)));
    inside.set(pack, (c) => {
      const lo = partitionPoint(sorted.length, (i) => sorted[i]![0] <= c.start);
      // A distractor starting at or before the candidate and ending at or after it contains it (no
      // distractor of a pack is itself one of its aliases, so containing means longer).
      return lo > 0 && maxEnd[lo - 1]! >= c.end;
    });
  }
  // A pack's distractors speak for its own names only: another pack may name the very phrase.
  return candidates.filter((c) => c.anchor || !inside.get(splitRef(c.entity).pack)?.(c));
}

/**
 * Drop a candidate inside a longer, certain candidate of the same entity ("Jinping" inside "Xi
 * Jinping") before anything asks compromise about it. One sweep per entity, in start order.
 */
function withoutCovered(candidates: Candidate[]): Candidate[] {
  const byEntity = new Map<string, number[]>();
  candidates.forEach((c, i) => {
    if (c.anchor) return;
    const list = byEntity.get(c.entity);
    if (list) list.push(i);
    else byEntity.set(c.entity, [i]);
  });
  const covered = new Set<number>();
  for (const list of byEntity.values()) {
    list.sort((a, b) => candidates[a]!.start - candidates[b]!.start || candidates[b]!.end - candidates[a]!.end);
    let cover: Candidate | undefined;
    for (const i of list) {
      const c = candidates[i]!;
      if (cover && cover.end >= c.end && (cover.start !== c.start || cover.end !== c.end)) covered.add(i);
      if (!c.needsNlp && (!cover || c.end > cover.end)) cover = c;
    }
  }
  return covered.size ? candidates.filter((_, i) => !covered.has(i)) : candidates;
}
