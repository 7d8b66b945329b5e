import type { Era } from './alias-index.ts';
import { inAnotherName, type Candidate } from './local-rules.ts';
import { latestMonth, type PageDate } from './page-date.ts';
import { partitionPoint } from './search.ts';
import { SentenceBounds, type NlpAnswer, type NlpQuestion } from './sentences.ts';
import { timeAnchors, type TimeAnchors } from './time-anchors.ts';
import { TITLE_WORDS } from './titles.ts';
import type { MatchRule, Mention } from './types.ts';

const CONFIDENCE: Record<MatchRule, number> = {
  name: 0.95,
  title: 0.98,
  dateline: 0.95,
  nlp: 0.9,
  pattern: 0.9,
  described: 0.8,
  surname: 0.85,
};

/**
 * Fold compromise's answers back in: confirmed words stay, rejected ones go, anchors give way to
 * the names their patterns found (with their patterns' rules). A missing answer rejects (a missed
 * name beats a wrong one).
 */
export function settleCandidates(
  candidates: readonly Candidate[],
  questions: readonly NlpQuestion[],
  answers: readonly (NlpAnswer | undefined)[],
): Candidate[] {
  const confirmed = new Set<number>();
  const found: Candidate[] = [];
  // An entity's anchors share its era and frame; each carries the rules of its own patterns only, so
  // a match's rule is looked up across all of them (the first anchor in the text may be another word's).
  const anchorOf = new Map<string, Candidate>();
  const rulesOf = new Map<string, NonNullable<Candidate['rules']>>();
  for (const c of candidates) {
    if (!c.anchor) continue;
    if (!anchorOf.has(c.entity)) anchorOf.set(c.entity, c);
    if (c.rules) rulesOf.set(c.entity, { ...rulesOf.get(c.entity), ...c.rules });
  }
  questions.forEach((q, qi) => {
    const answer = answers[qi];
    if (!answer) return;
    q.spans.forEach((span, si) => {
      if (answer.verdicts[si] === true) confirmed.add(span.candidate);
    });
    for (const f of answer.found) {
      if (!q.patterns.includes(f.entity) || f.start < 0 || f.end > q.sentence.length || f.end <= f.start) continue;
      // Right after an acronym, the phrase is that body's gathering: "APEC meeting in South Korea", "G20 talks in Osaka".
      if (ACRONYM_BEFORE.test(q.sentence.slice(Math.max(0, f.start - 12), f.start))) continue;
      const match: Candidate = {
        entity: f.entity,
        start: q.offset + f.start,
        end: q.offset + f.end,
        alias: f.pattern,
        rule: 'pattern',
        needsNlp: false,
      };
      const anchor = anchorOf.get(f.entity);
      if (anchor?.era) match.era = anchor.era;
      if (anchor?.begins !== undefined) match.begins = anchor.begins;
      if (anchor?.timed) match.timed = true;
      if (anchor?.frame) match.frame = anchor.frame;
      const rule = rulesOf.get(f.entity)?.[f.pattern];
      if (rule?.context) {
        match.context = rule.context;
        match.needsContext = true;
      }
      if (rule?.sentenceWith) match.sentenceWith = rule.sentenceWith;
      found.push(match);
    }
  });
  const kept = candidates
    .filter((c, i) => !c.anchor && (!c.needsNlp || confirmed.has(i)))
    .map((c) => (c.needsNlp ? { ...c, needsNlp: false } : c));
  return [...kept, ...found];
}

const APPOSED_GAP = new RegExp(`^,[\\s\\u00a0]+(?:(?:${TITLE_WORDS})[\\s\\u00a0]+)?$`, 'u');
const ACRONYM_BEFORE = /(?:^|[^\p{L}\p{N}])\p{Lu}[\p{Lu}\p{N}]+[^\S\n]+$/u;

/**
 * How long before an event a page may already be about it. Meetings are floated and previewed
 * months ahead (Trump and Xi traded invitations in their June 2025 call; Anwar invited Trump to
 * October's Kuala Lumpur summits in July), so a preview is a real mention; from more than about
 * half a year before, the same words name an earlier meeting. Counted from the last month the
 * page's date allows, so a date without its month never cuts a preview short.
 */
export const PREVIEW_MONTHS = 6;

const overlaps = (era: Era, from: number, to: number): boolean => from <= era[1] && to >= era[0];

/**
 * An event's mention stands only in a text about its time. The years said nearest to it decide:
 * those of its clause, else of its sentence. Where neither says one, the text decides by what it
 * names: a text that names dated things (the pack's events, the places that hosted them) only from
 * before the event, and nothing the event relates to, was written before it happened. ("The 2005
 * APEC summit in Busan" is not the 2025 meeting; nor is the "Xi-Trump meeting" of a text about
 * Osaka in 2019. A text about 2019 may still look back at the 2018 Buenos Aires summit.)
 *
 * Between the two comes the page's own date, where its address gives one (page-date.ts): a page
 * published more than PREVIEW_MONTHS before an event began cannot be about it, whatever names it
 * holds. It never overrides a year the text writes, and a page published after an event says
 * nothing about it (looking back is what news does).
 */
function inItsTime(
  c: Candidate,
  anchors: TimeAnchors,
  dated: readonly Candidate[],
  isNamed: (id: string) => boolean,
  pageDate: PageDate | undefined,
): boolean {
  const era = c.era!;
  for (const years of [anchors.inClause(c.start, c.end), anchors.inSentence(c.start, c.end)]) {
    if (years.length) return years.some(([from, to]) => overlaps(era, from, to));
  }
  // A record stored before events had their month begins in the January of its first year: the
  // earliest it can, so such a page keeps more, never less.
  if (pageDate && (c.begins ?? era[0] * 12) - latestMonth(pageDate) > PREVIEW_MONTHS) return false;
  let earlier = false;
  for (const d of dated) {
    // "Their first talks since the Osaka meeting": a dated thing named as a reference point does not date the text.
    if (d.entity === c.entity || anchors.isReference(d.start)) continue;
    if (overlaps(era, ...d.era!)) return true;
    if (d.era![1] < era[0]) earlier = true;
  }
  return !earlier || (c.frame ?? []).some(isNamed);
}

/** Right after an event's phrase, where it is held: "at G20", "in Osaka", "at the UN". */
const VENUE_AFTER = /^[^\S\n]+(?:at|in)[^\S\n]+(?:the[^\S\n]+)?/u;
/** A gathering or body named by its acronym ("G20", "G-20", "UNGA"). */
const ACRONYM_AT = /^\p{Lu}(?:-?[\p{Lu}\p{N}])+(?![\p{L}\p{N}])/u;

/**
 * An event's phrase followed by another venue names another meeting: "the meeting between Trump
 * and Xi at G20" is not the one at APEC in Busan, nor is one "in Osaka". The venue is another
 * venue when it is a place or event dated to other years, or a gathering named by an acronym the
 * event does not relate to. A venue the pack does not date ("in South Korea", "in Beijing") says
 * nothing either way.
 */
function atAnotherVenue(text: string, c: Candidate, all: readonly Candidate[]): boolean {
  const venue = VENUE_AFTER.exec(text.slice(c.end, c.end + 16));
  if (!venue) return false;
  const at = c.end + venue[0].length;
  const there = all.filter((d) => d.start === at && d.entity !== c.entity);
  if (there.length) {
    const own = (d: Candidate): boolean => (c.frame ?? []).includes(d.entity) || (d.era !== undefined && overlaps(c.era!, ...d.era));
    return !there.some(own) && there.some((d) => d.era !== undefined);
  }
  return ACRONYM_AT.test(text.slice(at, at + 12));
}

/** A surname standing alone refers to the one person of that surname the text names in full, if only one is. */
function surnameOwner(
  group: readonly Candidate[],
  isNamed: (id: string) => boolean,
  foreign: (surname: string) => boolean,
): Candidate | undefined {
  const named = group.filter((c) => isNamed(c.entity));
  if (named.length !== 1 || foreign(named[0]!.alias)) return undefined;
  return named[0];
}

/**
 * The rules that need the whole text: descriptions and bare surnames count only where their entity
 * is named elsewhere, a short form shared by two entities goes to the one named nearest before it,
 * a phrase that needs a name in its sentence or its time in the text gets it or goes, a span inside
 * a longer span of the same entity is dropped.
 */
export function resolveMentions(
  text: string,
  candidates: readonly Candidate[],
  namedElsewhere: ReadonlySet<string> = new Set(),
  pageDate?: PageDate,
): Mention[] {
  const all = candidates.filter((c) => !c.needsNlp && !c.anchor);
  const conditional = (c: Candidate): boolean => c.rule === 'described' || c.rule === 'surname';
  let sentences: SentenceBounds | undefined;
  const sentenceOf = (c: Candidate): [number, number] => (sentences ??= new SentenceBounds(text)).around(c.start, c.end);
  // Names standing on their own, in start order: what a sentence or a text names before any rule below.
  const plain = all.filter((c) => !conditional(c)).sort((a, b) => a.start - b.start);
  const plainNamed = new Set(plain.filter((c) => !c.needsContext && !c.sentenceWith).map((c) => c.entity));
  const namesIn = (from: number, to: number, ids: readonly string[]): boolean => {
    for (let i = partitionPoint(plain.length, (n) => plain[n]!.start < from); i < plain.length && plain[i]!.start < to; i++) {
      if (ids.includes(plain[i]!.entity)) return true;
    }
    return false;
  };
  let anchors: TimeAnchors | undefined;
  const dated = all.filter((c) => c.era && c.rule !== 'described');
  const kept = all.filter((c) => {
    if (c.sentenceWith && !namesIn(...sentenceOf(c), c.sentenceWith)) return false;
    if (
      c.needsContext &&
      !plainNamed.has(c.entity) &&
      !namedElsewhere.has(c.entity) &&
      !c.context!.some((id) => plainNamed.has(id) || namedElsewhere.has(id))
    )
      return false;
    if (c.timed && !inItsTime(c, (anchors ??= timeAnchors(text)), dated, (id) => plainNamed.has(id) || namedElsewhere.has(id), pageDate))
      return false;
    if (c.timed && atAnotherVenue(text, c, all)) return false;
    return true;
  });

  const namedAt = new Map<string, number[]>();
  for (const c of kept) {
    if (conditional(c)) continue;
    const list = namedAt.get(c.entity) ?? [];
    list.push(c.start);
    namedAt.set(c.entity, list);
  }
  for (const list of namedAt.values()) list.sort((a, b) => a - b);
  // Named in this text, or (for a page scanned in parts) in the parts already scanned.
  const isNamed = (id: string): boolean => namedAt.has(id) || namedElsewhere.has(id);
  const named = (c: Candidate): boolean => isNamed(c.entity) || (c.context ?? []).some(isNamed);
  // Names in start order, to find the one right after a description without scanning them all.
  const names = kept.filter((c) => !conditional(c)).sort((a, b) => a.start - b.start);
  const nameRightAfter = (c: Candidate, gap: RegExp): Candidate | undefined => {
    for (let i = partitionPoint(names.length, (n) => names[n]!.start <= c.end); i < names.length && names[i]!.start - c.end <= 40; i++) {
      if (gap.test(text.slice(c.end, names[i]!.start))) return names[i];
    }
    return undefined;
  };
  // A description right before a name is part of the name's phrase, not a mention of its own
  // ("US Trade Representative Jamieson Greer"; "his Chinese counterpart Xi Jinping" is Xi, whoever else it could describe).
  const titleBeforeName = (c: Candidate): boolean => nameRightAfter(c, /^[\s\u00a0]+$/) !== undefined;
  // A title inside a description begins a name: "the Chinese President Xi" is President Xi.
  const titleInside = (c: Candidate): boolean => names.some((n) => n.rule === 'title' && n.start > c.start && n.start < c.end);
  // A description set off by a comma before a name means that name ("his Chinese counterpart, He Lifeng").
  // The name may carry its title: "his Chinese counterpart, Vice Premier He Lifeng".
  const apposedTo = (c: Candidate): string | undefined => nameRightAfter(c, APPOSED_GAP)?.entity;
  const describedAt = new Set(kept.filter((c) => c.rule === 'described').map((c) => `${c.entity}@${c.start}`));
  const described = kept.filter((c) => {
    if (c.rule !== 'described' || !named(c) || titleBeforeName(c) || titleInside(c)) return false;
    const apposed = apposedTo(c);
    if (apposed === undefined || apposed === c.entity) return true;
    // Apposed to another entity: this reading loses if that entity shares the description.
    return !describedAt.has(`${apposed}@${c.start}`);
  });
  // Where one described span could be two entities ("Mr Wang", "his Chinese counterpart"), keep the
  // one named most recently before it, or whose counterpart (`context`) was.
  const bySpan = new Map<string, Candidate[]>();
  for (const c of described) {
    const key = `${c.start}:${c.end}`;
    bySpan.set(key, [...(bySpan.get(key) ?? []), c]);
  }
  const chosen: Candidate[] = kept.filter((c) => !conditional(c));
  const lastBefore = (id: string, at: number): number => {
    const starts = namedAt.get(id) ?? [];
    const lo = partitionPoint(starts.length, (i) => starts[i]! < at);
    return lo > 0 ? at - starts[lo - 1]! : Number.POSITIVE_INFINITY;
  };
  for (const group of bySpan.values()) {
    if (group.length === 1) {
      chosen.push(group[0]!);
      continue;
    }
    const distance = (c: Candidate): number =>
      Math.min(lastBefore(c.entity, c.start), ...(c.context ?? []).map((id) => lastBefore(id, c.start)));
    const ranked = [...group].sort((a, b) => distance(a) - distance(b));
    if (distance(ranked[0]!) < distance(ranked[1]!)) chosen.push(ranked[0]!);
  }
  // Bare surnames: the one person of that surname named in full, and nobody else of that name in the text.
  const bySurnameSpan = new Map<string, Candidate[]>();
  for (const c of kept) {
    if (c.rule !== 'surname') continue;
    const key = `${c.start}:${c.end}`;
    bySurnameSpan.set(key, [...(bySurnameSpan.get(key) ?? []), c]);
  }
  if (bySurnameSpan.size) {
    const spans = names.filter((n) => n.rule !== 'dateline');
    const foreignBySurname = new Map<string, boolean>();
    const foreign = (surname: string): boolean => {
      let answer = foreignBySurname.get(surname);
      if (answer === undefined) foreignBySurname.set(surname, (answer = surnameElsewhere(text, surname, spans)));
      return answer;
    };
    for (const group of bySurnameSpan.values()) {
      const owner = surnameOwner(group, isNamed, foreign);
      if (owner) chosen.push(owner);
    }
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

/**
 * Whether the text names someone else of this surname: the surname inside a capitalised name that
 * none of the found names covers ("Wang Shouwen", "Lee Jae-yong", "Dan Wang").
 */
function surnameElsewhere(text: string, surname: string, names: readonly Candidate[]): boolean {
  const escaped = surname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const word = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu');
  for (const m of text.matchAll(word)) {
    const start = m.index;
    const end = start + surname.length;
    if (names.some((n) => n.start <= start && n.end >= end)) continue;
    if (inAnotherName(text, start, end)) return true;
  }
  return false;
}
