import { aliasKey, foldForMatching, type AliasIndex } from './alias-index.ts';
import { toOriginal, withoutInvisible } from './invisible.ts';
import { candidatesAt, type Candidate } from './local-rules.ts';
import { partitionPoint } from './search.ts';

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Lengths at which `matched` could end a shorter alias: after a word, before a non-word character, and the whole. */
function wordEnds(matched: string): number[] {
  const ends: number[] = [];
  for (let k = 1; k < matched.length; k++) {
    if (!WORD_CHAR.test(matched[k]!) && !/\s/.test(matched[k - 1]!)) ends.push(k);
  }
  ends.push(matched.length);
  return ends;
}

/**
 * One pass of the alias pattern over the whole text: the candidates, distractors and covered
 * duplicates removed. Matches may nest ("China" inside "U.S.-China summit"), so the pattern
 * restarts one character after each match.
 */
export function findCandidates(index: AliasIndex, text: string): Candidate[] {
  // Match without invisible characters, then map offsets back so every span is still an exact
  // slice of the original text.
  const { clean, removed } = withoutInvisible(text);
  const subject = foldForMatching(clean);
  // Folding keeps lengths; if it ever did not, offsets would lie, so nothing is matched.
  if (subject.length !== clean.length) return [];
  const candidates: Candidate[] = [];
  const blocked: [number, number][] = [];
  const { pattern } = index;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(subject); match; match = pattern.exec(subject)) {
    const start = match.index;
    const matched = clean.slice(start, start + match[0].length);
    const key = aliasKey(matched);
    if (index.blockerKeys.has(key)) blocked.push([start, start + matched.length]);
    // The pattern returns the longest alias at a position; shorter ones starting there nest
    // inside it ("Busan" in "Busan talks"). A shorter alias of an entity already matched longer
    // here is not a second mention ("Lee" in "Lee Jae-myung").
    const matchedHere = new Set<string>();
    for (const end of wordEnds(matched).reverse()) {
      const part = matched.slice(0, end);
      const partKey = end === matched.length ? key : aliasKey(part);
      const entries = index.entriesByKey.get(partKey)?.filter((e) => !matchedHere.has(e.entity));
      for (const c of entries?.length ? candidatesAt(clean, { start, matched: part }, entries) : []) {
        matchedHere.add(c.entity);
        candidates.push(c);
      }
      for (const entity of index.anchorsByKey.get(partKey) ?? []) {
        candidates.push({ entity, start, end: start + end, alias: part, rule: 'pattern', needsNlp: true, anchor: true });
      }
    }
    pattern.lastIndex = match.index + 1;
  }
  const kept = withoutCovered(blocked.length ? withoutBlocked(candidates, blocked) : candidates);
  if (!removed.length) return kept;
  return kept.map((c) => ({ ...c, start: toOriginal(removed, c.start), end: toOriginal(removed, c.end - 1) + 1 }));
}

/**
 * Drop candidates inside a distractor phrase ("Washington" in "George Washington"). Distractors
 * are sorted by start with a running maximum of their ends, so each candidate is one binary
 * search, however many distractors a long page holds.
 */
function withoutBlocked(candidates: Candidate[], blocked: [number, number][]): Candidate[] {
  const sorted = [...blocked].sort((a, b) => a[0] - b[0]);
  const maxEnd: number[] = [];
  sorted.forEach(([, e], i) => maxEnd.push(Math.max(e, i ? maxEnd[i - 1]! : 0)));
  return candidates.filter((c) => {
    if (c.anchor) return true;
    const lo = partitionPoint(sorted.length, (i) => sorted[i]![0] <= c.start);
    // A distractor starting at or before the candidate and ending at or after it contains it (no
    // distractor is itself an alias, so containing means longer).
    return lo === 0 || maxEnd[lo - 1]! < c.end;
  });
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
