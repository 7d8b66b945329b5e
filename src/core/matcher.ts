import type { AliasIndex } from './alias-index.ts';
import { findCandidates } from './candidates.ts';
import { resolveMentions, settleCandidates } from './discourse.ts';
import type { Candidate } from './local-rules.ts';
import { nlpQuestions, type NlpAnswer, type NlpJudge, type NlpQuestion } from './sentences.ts';
import type { Mention } from './types.ts';

export interface Found {
  mentions: Mention[];
  candidates: number;
  nlpSentences: number;
  nlpChars: number;
}

/** What to look for and where. */
export interface FindRequest {
  index: AliasIndex;
  judge: NlpJudge;
  text: string;
  /** Entities already named in other text of the same page: a description may stand for them here. */
  named?: ReadonlySet<string>;
}

interface Asked {
  candidates: Candidate[];
  questions: NlpQuestion[];
}

function candidatesAndQuestions(index: AliasIndex, text: string): Asked {
  const candidates = findCandidates(index, text);
  return { candidates, questions: candidates.length ? nlpQuestions(text, candidates) : [] };
}

function settled({ text, named = new Set() }: FindRequest, { candidates, questions }: Asked, answers: readonly NlpAnswer[]): Found {
  return {
    mentions: resolveMentions(text, settleCandidates(candidates, questions, answers), named),
    candidates: candidates.length,
    nlpSentences: questions.length,
    nlpChars: questions.reduce((n, q) => n + q.sentence.length, 0),
  };
}

/**
 * The whole pipeline in one synchronous call, for node. If compromise fails, the ambiguous
 * candidates stay unmarked: a missed name beats a wrong one.
 */
export function findMentions(request: FindRequest): Found {
  const asked = candidatesAndQuestions(request.index, request.text);
  let answers: NlpAnswer[] = [];
  if (asked.questions.length) {
    try {
      answers = request.judge(asked.questions);
    } catch (error) {
      console.warn('[Summit Lens] language analysis failed', error);
    }
  }
  return settled(request, asked, answers);
}

/**
 * The same, for the background: compromise reads `batch` sentences at a time and `pause()` comes
 * between batches, so a page dense with ambiguous names (seconds of tagging) does not hold up
 * other tabs' messages, a card's facts among them, until it is done.
 */
export async function findMentionsInTurns(request: FindRequest & { pause: () => Promise<void>; batch: number }): Promise<Found> {
  const { judge, pause, batch } = request;
  const asked = candidatesAndQuestions(request.index, request.text);
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
  return settled(request, asked, answers);
}

export function annotate(index: AliasIndex, text: string, judge: NlpJudge): Mention[] {
  return findMentions({ index, judge, text }).mentions;
}
