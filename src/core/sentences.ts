import type { Candidate } from './local-rules.ts';
import { partitionPoint } from './search.ts';

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

/** Reads sentences with compromise; `patterns`: the name patterns (compromise match strings) to try, by entity. */
export type NlpJudge = (questions: readonly NlpQuestion[], patterns: ReadonlyMap<string, readonly string[]>) => NlpAnswer[];

// Without the u flag (and \p{Lu}) the engine runs this several times faster over a long page.
const SENTENCE_END = /[.!?]["'\u201d\u2019)]*[\s\u00a0]+(?=[A-Z\u00C0-\u00DE\u0391-\u03A9\u0410-\u042F"'\u201c\u2018(])|\n/g;
const MAX_SENTENCE = 600;

/**
 * Where the text's sentences end, found in one pass and searched by halving after that: a page
 * with thousands of candidates must not read its text again for each one.
 */
export class SentenceBounds {
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
    const before = partitionPoint(at.length, (i) => this.#next[i]! <= start);
    const sentenceStart = Math.max(before > 0 ? this.#next[before - 1]! : 0, start - MAX_SENTENCE, 0);
    // The first sentence end at or after `end`.
    const after = partitionPoint(at.length, (i) => at[i]! < end);
    const sentenceEnd = Math.min(after < at.length ? at[after]! + 1 : this.#length, end + MAX_SENTENCE, this.#length);
    return [sentenceStart, sentenceEnd];
  }
}

/** The sentence around [start, end): compromise reads a sentence, never the whole page. */
export function sentenceAround(text: string, start: number, end: number): [number, number] {
  return new SentenceBounds(text).around(start, end);
}

/** A text's sentence bounds, found the first time they are asked for and shared after that. */
export function sentencesOf(text: string): () => SentenceBounds {
  let bounds: SentenceBounds | undefined;
  return () => (bounds ??= new SentenceBounds(text));
}

/** Group what compromise must decide by sentence, so each sentence is tagged once. */
export function nlpQuestions(text: string, candidates: readonly Candidate[], sentences = sentencesOf(text)): NlpQuestion[] {
  const bySentence = new Map<number, NlpQuestion>();
  candidates.forEach((c, i) => {
    if (!c.needsNlp) return;
    const [from, to] = sentences().around(c.start, c.end);
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
