import type { Era } from './alias-index.ts';
import { partitionPoint } from './search.ts';
import { SentenceBounds } from './sentences.ts';

/**
 * When a text says things happened: the years it writes ("the 2005 APEC summit", "Dec. 1, 2018")
 * and Trump's terms ("during his first term": 2017–2021). A year that only marks a reference point
 * does not date what is around it: "the first since 2019", "who last met in 2019", "until
 * November 10, 2026", "by 2028".
 */
export interface TimeAnchors {
  /** The years said in the clause around [start, end) (between commas, semicolons, colons, dashes, brackets and sentence ends). */
  inClause(start: number, end: number): Era[];
  /** The years said in the sentence around [start, end). */
  inSentence(start: number, end: number): Era[];
  /** Whether what starts at `at` is a point of reference, not the time of its clause ("since the Osaka meeting"). */
  isReference(at: number): boolean;
}

const YEAR = /(?<![\p{L}\p{N}$€£¥.,'\u2019-])(1[89]\d\d|20\d\d)(?![\p{L}\p{N}%]|[.,]\d)/gu;
const TERMS: [RegExp, Era][] = [
  [/\b(?:his|Trump['\u2019]s|the|a) first (?:term|administration|presidency)\b|\bfirst Trump administration\b/gu, [2017, 2021]],
  [/\b(?:his|Trump['\u2019]s|the|a) second (?:term|administration|presidency)\b|\bsecond Trump administration\b/gu, [2025, 2029]],
];
/** Right before a year, a word that makes it a deadline or a limit ("until November 10, 2026", "by the end of 2028"). */
const LIMIT_BEFORE =
  /\b(?:until|till|through|by|before|since)\s+(?:the\s+(?:end|start|middle|beginning)\s+of\s+)?(?:(?:early|late|mid)[\s-]+)?(?:the\s+)?(?:\p{Lu}\p{Ll}+\.?\s+)?(?:\d{1,2},?\s+)?$/u;
/** Earlier in its clause, a word that makes a year a point of reference ("the first since they met in 2019", "who last met in 2019"). */
const REFERENCE_IN_CLAUSE = /\b(?:since|last)\b/iu;
/** Where a clause ends: punctuation that sets one off, or a sentence end (not the full stop of "Nov." or "U.S."). */
const CLAUSE_MARK = /[,;:()\u2014\u2013\n]|[.!?](?=["'\u201d\u2019)]?\s)/gu;
const ABBREVIATION_BEFORE = /(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St)|\b\p{Lu}|\.\p{Lu})$/u;

interface Said {
  at: number;
  era: Era;
}

export function timeAnchors(text: string): TimeAnchors {
  // Clause ends, in order, found once.
  const marks: number[] = [];
  for (const m of text.matchAll(CLAUSE_MARK)) {
    if (m[0] === '.' && ABBREVIATION_BEFORE.test(text.slice(Math.max(0, m.index - 5), m.index))) continue;
    marks.push(m.index);
  }
  const clauseStart = (at: number): number => {
    const i = partitionPoint(marks.length, (k) => marks[k]! < at);
    return i > 0 ? marks[i - 1]! + 1 : 0;
  };
  const clauseEnd = (at: number): number => {
    const i = partitionPoint(marks.length, (k) => marks[k]! < at);
    return i < marks.length ? marks[i]! : text.length;
  };
  const said: Said[] = [];
  for (const m of text.matchAll(YEAR)) {
    const before = text.slice(Math.max(0, m.index - 48), m.index);
    if (LIMIT_BEFORE.test(before) || REFERENCE_IN_CLAUSE.test(text.slice(clauseStart(m.index), m.index))) continue;
    const year = Number(m[1]);
    said.push({ at: m.index, era: [year, year] });
  }
  for (const [pattern, era] of TERMS) for (const m of text.matchAll(pattern)) said.push({ at: m.index, era });
  said.sort((a, b) => a.at - b.at);
  const between = (from: number, to: number): Era[] => {
    const out: Era[] = [];
    for (let i = partitionPoint(said.length, (k) => said[k]!.at < from); i < said.length && said[i]!.at < to; i++) out.push(said[i]!.era);
    return out;
  };
  let sentences: SentenceBounds | undefined;
  return {
    inClause: (start, end) => between(clauseStart(start), clauseEnd(end)),
    inSentence: (start, end) => between(...(sentences ??= new SentenceBounds(text)).around(start, end)),
    isReference: (at) => REFERENCE_IN_CLAUSE.test(text.slice(clauseStart(at), at)),
  };
}
