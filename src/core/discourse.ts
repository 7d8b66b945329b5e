import type { Candidate } from './local-rules.ts';
import { partitionPoint } from './search.ts';
import type { NlpAnswer, NlpQuestion } from './sentences.ts';
import type { MatchRule, Mention } from './types.ts';

const CONFIDENCE: Record<MatchRule, number> = {
  name: 0.95,
  title: 0.98,
  dateline: 0.95,
  nlp: 0.9,
  pattern: 0.9,
  described: 0.8,
};

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
    for (let i = partitionPoint(names.length, (n) => names[n]!.start <= c.end); i < names.length && names[i]!.start - c.end <= 12; i++) {
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
      const lo = partitionPoint(starts.length, (i) => starts[i]! < c.start);
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
