import { aliasKey, foldForMatching, surfaceForm, type AliasEntry, type AliasIndex } from './alias-index.ts';
import { toOriginal, withoutInvisible } from './invisible.ts';
import type { MatchRule, Mention } from './types.ts';

/**
 * A place in the text where an alias (or a pattern's anchor word) matched, before the rules that
 * need the whole text ran. In the text, "\n" is a hard boundary: a block break the name cannot
 * cross. Callers turn soft line breaks into spaces (same length, so offsets stay true).
 */
export interface Candidate {
  entity: string;
  start: number;
  end: number;
  /** The alias text, or the pattern, that produced it. */
  alias: string;
  rule: MatchRule;
  /** Waiting for compromise: an ambiguous word to confirm, or an anchor whose sentence it searches. */
  needsNlp: boolean;
  anchor?: true;
  /** For descriptions: entities whose naming in the text also lets this one count. */
  context?: string[];
}

/** A sentence compromise must read; `offset` is where it starts in the text, span offsets are relative to it. */
export interface NlpQuestion {
  offset: number;
  sentence: string;
  spans: { candidate: number; start: number; end: number }[];
  /** Entities whose name patterns to try on this sentence. */
  patterns: string[];
}

export interface NlpAnswer {
  verdicts: boolean[];
  found: { entity: string; start: number; end: number; pattern: string }[];
}

export type NlpJudge = (questions: readonly NlpQuestion[]) => NlpAnswer[];

/** Titles that make an ambiguous surname safe ("President Lee", "Mr Wang", "Vice Premier He"). */
export const TITLE_WORDS =
  '(?:Mr|Mrs|Ms|Dr|Mx)\\.?|Madam|President|Vice[- ]Premier|Premier|Prime Minister|(?:Foreign|Commerce|Trade) Minister|Minister|(?:Treasury|Commerce|State) Secretary|Secretary of State|Secretary|Chairman|Ambassador|USTR|Representative|Spokesperson|Press Secretary';
const TITLE_BEFORE = new RegExp(`(?:^|[^\\p{L}])(${TITLE_WORDS})([^\\S\\n]+)$`, 'u');
const POSSESSIVE_OR_WORD_AFTER = /^['\u2019\u02bc](\p{L}*)/u;
const DATELINE_AFTER = /^[\s\u00a0]*(?:,|[-\u2013\u2014]|\(|\/)/u;
/** What may stand before a dateline on its line: nothing, or other datelines ("BEIJING/WASHINGTON"). */
const DATELINE_BEFORE = /^[\s\u00a0]*(?:[\p{Lu}][\p{Lu} .'-]*\/)*$/u;
const LOOKBEHIND = 40;

const CONFIDENCE: Record<MatchRule, number> = {
  name: 0.95,
  title: 0.98,
  dateline: 0.95,
  nlp: 0.9,
  pattern: 0.9,
  described: 0.8,
};

/** The title right before `start`, if there is one, and where it begins. */
function titleBefore(text: string, start: number): { title: string; start: number } | undefined {
  const m = TITLE_BEFORE.exec(text.slice(Math.max(0, start - LOOKBEHIND), start));
  return m ? { title: m[1]!, start: start - m[2]!.length - m[1]!.length } : undefined;
}

function atDatelinePosition(text: string, start: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  return DATELINE_BEFORE.test(text.slice(lineStart, start));
}

const CAPITALISED_WORD_BEFORE = /\p{Lu}[\p{L}'\u2019.-]*[\s\u00a0]+$/u;
const CAPITALISED_WORD_AFTER = /^[\s\u00a0]+\p{Lu}/u;

/**
 * A surname standing next to another capitalised word may belong to someone else ("Germaine
 * Greer", "Anwar Sadat") or not ("On Thursday Greer"): compromise decides those, and only those.
 */
function besideCapitalisedWord(text: string, start: number, end: number): boolean {
  return CAPITALISED_WORD_BEFORE.test(text.slice(Math.max(0, start - 30), start)) || CAPITALISED_WORD_AFTER.test(text.slice(end, end + 3));
}

/** Apply the rules that need only the text around one match; returns the candidates it allows. */
function candidatesAt(text: string, start: number, matched: string, entries: AliasEntry[]): Candidate[] {
  const end = start + matched.length;
  const after = POSSESSIVE_OR_WORD_AFTER.exec(text.slice(end, end + 12));
  // "Xi'an" is a city, not Xi: only the possessive 's may follow an apostrophe.
  if (after && after[1] !== '' && after[1] !== 's') return [];
  const out: Candidate[] = [];
  for (const entry of entries) {
    const { alias } = entry;
    if (!alias.caseInsensitive && surfaceForm(matched) !== surfaceForm(alias.text)) continue;
    let candidateStart = start;
    let rule: MatchRule = 'name';
    if (alias.dateline) {
      if (!atDatelinePosition(text, start) || !DATELINE_AFTER.test(text.slice(end, end + 4))) continue;
      rule = 'dateline';
    } else if (entry.kind === 'person' && !/\s/.test(alias.text)) {
      const title = titleBefore(text, start);
      if (title && (!alias.titles || alias.titles.includes(title.title))) {
        // The convention counts "Mr Xi" and "President Lee" whole; a full name stands without its title.
        candidateStart = title.start;
        rule = 'title';
        // A title only one of the sharers can hold settles a shared surname ("Commerce Minister Wang").
        if (alias.needsNamed && alias.titles && !entries.some((other) => other !== entry && other.alias.titles?.includes(title.title))) {
          out.push({ entity: entry.entity, start: candidateStart, end, alias: alias.text, rule, needsNlp: false });
          continue;
        }
      } else if (alias.needsTitle) {
        continue;
      }
    } else if (alias.needsTitle) {
      continue;
    }
    if (alias.needsNamed) rule = 'described';
    const surnameAlone = entry.kind === 'person' && rule === 'name' && !/\s/.test(alias.text);
    const needsNlp = rule !== 'title' && (Boolean(alias.nlp) || (surnameAlone && besideCapitalisedWord(text, start, end)));
    const candidate: Candidate = {
      entity: entry.entity,
      start: candidateStart,
      end,
      alias: alias.text,
      rule: needsNlp ? 'nlp' : rule,
      needsNlp,
    };
    if (alias.context) candidate.context = alias.context;
    out.push(candidate);
  }
  return out;
}

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
      for (const c of entries?.length ? candidatesAt(clean, start, part, entries) : []) {
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
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]![0] <= c.start) lo = mid + 1;
      else hi = mid;
    }
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

// Without the u flag (and \p{Lu}) the engine runs this several times faster over a long page.
const SENTENCE_END = /[.!?]["'\u201d\u2019)]*[\s\u00a0]+(?=[A-Z\u00C0-\u00DE\u0391-\u03A9\u0410-\u042F"'\u201c\u2018(])|\n/g;
const MAX_SENTENCE = 600;

/**
 * Where the text's sentences end, found in one pass and searched by halving after that: a page
 * with thousands of candidates must not read its text again for each one.
 */
class SentenceBounds {
  /** Index of each sentence-ending match, and where the next sentence starts after it. */
  readonly #at: number[] = [];
  readonly #next: number[] = [];
  readonly #length: number;

  constructor(text: string) {
    this.#length = text.length;
    SENTENCE_END.lastIndex = 0;
    for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) {
      this.#at.push(m.index);
      this.#next.push(m.index + m[0].length);
    }
  }

  /** The sentence around [start, end), no more than MAX_SENTENCE characters either side of it. */
  around(start: number, end: number): [number, number] {
    const at = this.#at;
    // The last sentence start at or before `start`.
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#next[mid]! <= start) lo = mid + 1;
      else hi = mid;
    }
    const sentenceStart = Math.max(lo > 0 ? this.#next[lo - 1]! : 0, start - MAX_SENTENCE, 0);
    // The first sentence end at or after `end`.
    lo = 0;
    hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid]! < end) lo = mid + 1;
      else hi = mid;
    }
    const sentenceEnd = Math.min(lo < at.length ? at[lo]! + 1 : this.#length, end + MAX_SENTENCE, this.#length);
    return [sentenceStart, sentenceEnd];
  }
}

/** The sentence around [start, end): compromise reads a sentence, never the whole page. */
export function sentenceAround(text: string, start: number, end: number): [number, number] {
  return new SentenceBounds(text).around(start, end);
}

/** Group what compromise must decide by sentence, so each sentence is tagged once. */
export function nlpQuestions(text: string, candidates: readonly Candidate[]): NlpQuestion[] {
  const bySentence = new Map<number, NlpQuestion>();
  let bounds: SentenceBounds | undefined;
  candidates.forEach((c, i) => {
    if (!c.needsNlp) return;
    bounds ??= new SentenceBounds(text);
    const [from, to] = bounds.around(c.start, c.end);
    let question = bySentence.get(from);
    if (!question) {
      question = { offset: from, sentence: text.slice(from, to), spans: [], patterns: [] };
      bySentence.set(from, question);
    }
    if (c.anchor) {
      if (!question.patterns.includes(c.entity)) question.patterns.push(c.entity);
    } else {
      question.spans.push({ candidate: i, start: c.start - from, end: c.end - from });
    }
  });
  return [...bySentence.values()];
}

/**
 * Fold compromise's answers back in: confirmed words stay, rejected ones go, anchors give way to
 * the names their patterns found. A missing answer rejects (a missed name beats a wrong one).
 */
export function settleCandidates(
  candidates: readonly Candidate[],
  questions: readonly NlpQuestion[],
  answers: readonly (NlpAnswer | undefined)[],
): Candidate[] {
  const confirmed = new Set<number>();
  const found: Candidate[] = [];
  questions.forEach((q, qi) => {
    const answer = answers[qi];
    if (!answer) return;
    q.spans.forEach((span, si) => {
      if (answer.verdicts[si] === true) confirmed.add(span.candidate);
    });
    for (const f of answer.found) {
      if (!q.patterns.includes(f.entity) || f.start < 0 || f.end > q.sentence.length || f.end <= f.start) continue;
      found.push({
        entity: f.entity,
        start: q.offset + f.start,
        end: q.offset + f.end,
        alias: f.pattern,
        rule: 'pattern',
        needsNlp: false,
      });
    }
  });
  const kept = candidates
    .filter((c, i) => !c.anchor && (!c.needsNlp || confirmed.has(i)))
    .map((c) => (c.needsNlp ? { ...c, needsNlp: false } : c));
  return [...kept, ...found];
}

/**
 * The rules that need the whole text: descriptions count only where their entity is named
 * elsewhere, a short form shared by two entities goes to the one named nearest before it, a
 * span inside a longer span of the same entity is dropped.
 */
export function resolveMentions(
  text: string,
  candidates: readonly Candidate[],
  namedElsewhere: ReadonlySet<string> = new Set(),
): Mention[] {
  const kept = candidates.filter((c) => !c.needsNlp && !c.anchor);
  const namedAt = new Map<string, number[]>();
  for (const c of kept) {
    if (c.rule === 'described') continue;
    const list = namedAt.get(c.entity) ?? [];
    list.push(c.start);
    namedAt.set(c.entity, list);
  }
  for (const list of namedAt.values()) list.sort((a, b) => a - b);
  // Named in this text, or (for a page scanned in parts) in the parts already scanned.
  const isNamed = (id: string): boolean => namedAt.has(id) || namedElsewhere.has(id);
  const named = (c: Candidate): boolean => isNamed(c.entity) || (c.context ?? []).some(isNamed);
  // Names in start order, to find the one right after a description without scanning them all.
  const names = kept.filter((c) => c.rule !== 'described').sort((a, b) => a.start - b.start);
  const nameRightAfter = (c: Candidate, gap: RegExp): Candidate | undefined => {
    let lo = 0;
    let hi = names.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (names[mid]!.start <= c.end) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < names.length && names[i]!.start - c.end <= 12; i++) {
      if (gap.test(text.slice(c.end, names[i]!.start))) return names[i];
    }
    return undefined;
  };
  // A job title right before the entity's own name is part of the name's phrase, not a second mention
  // ("US Trade Representative Jamieson Greer").
  const titleBeforeName = (c: Candidate): boolean => nameRightAfter(c, /^[\s\u00a0]+$/)?.entity === c.entity;
  // A description set off by a comma before a name means that name ("his Chinese counterpart, He Lifeng").
  const apposedTo = (c: Candidate): string | undefined => nameRightAfter(c, /^,[\s\u00a0]+$/)?.entity;
  const describedAt = new Set(kept.filter((c) => c.rule === 'described').map((c) => `${c.entity}@${c.start}`));
  const described = kept.filter((c) => {
    if (c.rule !== 'described' || !named(c) || titleBeforeName(c)) return false;
    const apposed = apposedTo(c);
    if (apposed === undefined || apposed === c.entity) return true;
    // Apposed to another entity: this reading loses if that entity shares the description.
    return !describedAt.has(`${apposed}@${c.start}`);
  });
  // Where one described span could be two entities ("Mr Wang"), keep the one named most recently.
  const bySpan = new Map<string, Candidate[]>();
  for (const c of described) {
    const key = `${c.start}:${c.end}`;
    bySpan.set(key, [...(bySpan.get(key) ?? []), c]);
  }
  const chosen: Candidate[] = kept.filter((c) => c.rule !== 'described');
  for (const group of bySpan.values()) {
    if (group.length === 1) {
      chosen.push(group[0]!);
      continue;
    }
    // How far back the entity was last named (namedAt lists are in text order).
    const distance = (c: Candidate): number => {
      const starts = namedAt.get(c.entity) ?? [];
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid]! < c.start) lo = mid + 1;
        else hi = mid;
      }
      return lo > 0 ? c.start - starts[lo - 1]! : Number.POSITIVE_INFINITY;
    };
    const ranked = [...group].sort((a, b) => distance(a) - distance(b));
    if (distance(ranked[0]!) < distance(ranked[1]!)) chosen.push(ranked[0]!);
  }
  // Same entity, overlapping spans: the longer one wins ("Donald Trump" over "Trump").
  chosen.sort((a, b) => a.start - b.start || b.end - a.end);
  const result: Mention[] = [];
  const lastEndByEntity = new Map<string, number>();
  for (const c of chosen) {
    if ((lastEndByEntity.get(c.entity) ?? -1) > c.start) continue;
    lastEndByEntity.set(c.entity, c.end);
    result.push({
      entity: c.entity,
      start: c.start,
      end: c.end,
      text: text.slice(c.start, c.end),
      why: { alias: c.alias, rule: c.rule, confidence: CONFIDENCE[c.rule] },
    });
  }
  return result;
}

/** What the whole pipeline found in a text, and how much of it needed compromise. */
export interface Found {
  mentions: Mention[];
  candidates: number;
  nlpSentences: number;
  nlpChars: number;
}

function candidatesAndQuestions(index: AliasIndex, text: string): { candidates: Candidate[]; questions: NlpQuestion[] } {
  const candidates = findCandidates(index, text);
  return { candidates, questions: candidates.length ? nlpQuestions(text, candidates) : [] };
}

function settled(
  text: string,
  { candidates, questions }: { candidates: Candidate[]; questions: NlpQuestion[] },
  answers: readonly NlpAnswer[],
  namedElsewhere: ReadonlySet<string>,
): Found {
  return {
    mentions: resolveMentions(text, settleCandidates(candidates, questions, answers), namedElsewhere),
    candidates: candidates.length,
    nlpSentences: questions.length,
    nlpChars: questions.reduce((n, q) => n + q.sentence.length, 0),
  };
}

/**
 * The whole pipeline in one synchronous call, for node. `namedElsewhere`: entities already named
 * in other text of the same page (a description may stand for them here). If compromise fails,
 * the ambiguous candidates stay unmarked: a missed name beats a wrong one.
 */
export function findMentions(index: AliasIndex, text: string, judge: NlpJudge, namedElsewhere: ReadonlySet<string> = new Set()): Found {
  const asked = candidatesAndQuestions(index, text);
  let answers: NlpAnswer[] = [];
  if (asked.questions.length) {
    try {
      answers = judge(asked.questions);
    } catch (error) {
      console.warn('[Summit Lens] language analysis failed', error);
    }
  }
  return settled(text, asked, answers, namedElsewhere);
}

/**
 * The same, for the background: compromise reads `batch` sentences at a time and `pause()` comes
 * between batches, so a page dense with ambiguous names (seconds of tagging) does not hold up
 * other tabs' messages, a card's facts among them, until it is done.
 */
export async function findMentionsInTurns(
  index: AliasIndex,
  text: string,
  judge: NlpJudge,
  pause: () => Promise<void>,
  namedElsewhere: ReadonlySet<string>,
  batch: number,
): Promise<Found> {
  const asked = candidatesAndQuestions(index, text);
  let answers: NlpAnswer[] = [];
  try {
    for (let i = 0; i < asked.questions.length; i += batch) {
      if (i > 0) await pause();
      answers.push(...judge(asked.questions.slice(i, i + batch)));
    }
  } catch (error) {
    answers = [];
    console.warn('[Summit Lens] language analysis failed', error);
  }
  return settled(text, asked, answers, namedElsewhere);
}

export function annotate(index: AliasIndex, text: string, judge: NlpJudge): Mention[] {
  return findMentions(index, text, judge).mentions;
}
