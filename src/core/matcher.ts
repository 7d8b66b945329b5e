import type { KeyRecord } from './alias-index.ts';
import {
  anchorPatterns,
  entityLabels,
  findCandidates,
  findKeys,
  type EntityLabel,
  type KeyHits,
  type KeyLookup,
  type PackTable,
} from './candidates.ts';
import { resolveMentions, settleCandidates } from './discourse.ts';
import type { Candidate } from './local-rules.ts';
import type { PageDate } from './page-date.ts';
import { settlePlainly } from './plain-verdicts.ts';
import { nlpQuestions, sentencesOf, type NlpAnswer, type NlpJudge, type NlpQuestion } from './sentences.ts';
import type { Mention } from './types.ts';
import { warn } from './log.ts';

/** What the whole pipeline found in a text, and how much of it needed compromise. */
export interface Found {
  mentions: Mention[];
  /** The kind and name of each entity mentioned. */
  labels: Map<string, EntityLabel>;
  candidates: number;
  nlpSentences: number;
  nlpChars: number;
  /** Sentences wait for compromise, which did not read them: what they would add is not here yet (earlyAnswer). */
  incomplete?: true;
}

/** What to look for and where. */
export interface FindRequest {
  packs: readonly PackTable[];
  lookup: KeyLookup;
  judge: NlpJudge;
  text: string;
  /** Entities already named in other text of the same page: a description may stand for them here. */
  named?: ReadonlySet<string>;
  /** When the page was published, where its address says (page-date.ts): it dates a text that does not date itself. */
  pageDate?: PageDate;
  /** Settle what plain words can before asking compromise (plain-verdicts.ts); off only to compare the two. */
  plainly?: boolean;
}

/**
 * A text's reading before compromise: its keys' candidates, what plain words settled, and the
 * questions left for compromise. The detector keeps an early answer's (detector-core.ts) for the
 * ask that follows it.
 */
export interface Reading {
  candidates: Candidate[];
  questions: NlpQuestion[];
  patterns: Map<string, string[]>;
  labels: Map<string, EntityLabel>;
}

type Records = Map<string, Map<string, KeyRecord>>;

/** The records of every key the tables found, pack by pack: at once from memory, or once fetched. */
function recordsOf(lookup: KeyLookup, hits: KeyHits): Records | Promise<Records> {
  const pending = [...hits.keys].map(([pack, keys]) => [pack, lookup(pack, keys)] as const);
  if (pending.every(([, r]) => !(r instanceof Promise))) return new Map(pending as [string, Map<string, KeyRecord>][]);
  return Promise.all(pending.map(async ([pack, r]) => [pack, await r] as const)).then((done) => new Map(done));
}

function ask(hits: KeyHits, records: Records, text: string, plainly: boolean): Reading {
  const found = findCandidates(hits, records);
  const patterns = anchorPatterns(records);
  // One search for the text's sentence ends, shared by both steps.
  const sentences = sentencesOf(text);
  const candidates = plainly && found.length ? settlePlainly(text, found, patterns, sentences) : found;
  return {
    candidates,
    questions: candidates.length ? nlpQuestions(text, candidates, sentences) : [],
    patterns,
    labels: entityLabels(records),
  };
}

function settled(
  { text, named = new Set(), pageDate }: Pick<FindRequest, 'text' | 'named' | 'pageDate'>,
  { candidates, questions, labels }: Reading,
  answers: readonly NlpAnswer[],
): Found {
  const mentions = resolveMentions(text, settleCandidates(candidates, questions, answers), named, pageDate);
  return {
    mentions,
    labels: new Map(mentions.map((m) => [m.entity, labels.get(m.entity)!])),
    candidates: candidates.length,
    nlpSentences: questions.length,
    nlpChars: questions.reduce((n, q) => n + q.sentence.length, 0),
  };
}

/**
 * The whole pipeline in one synchronous call, for node and packs held in memory. If compromise
 * fails, the ambiguous candidates stay unmarked: a missed name beats a wrong one.
 */
export function findMentions(request: FindRequest): Found {
  const hits = findKeys(request.packs, request.text);
  const records = recordsOf(request.lookup, hits);
  if (records instanceof Promise) throw new Error('findMentions reads packs held in memory; use readText and answerInTurns');
  const asked = ask(hits, records, request.text, request.plainly ?? true);
  let answers: NlpAnswer[] = [];
  if (asked.questions.length) {
    try {
      answers = request.judge(asked.questions, asked.patterns);
    } catch (error) {
      warn('language analysis failed', error);
    }
  }
  return settled(request, asked, answers);
}

/** What a background's find is asked: compromise comes from `judge` and reads `batch` sentences a turn. */
export type TurnsRequest = Omit<FindRequest, 'judge'> & {
  judge: () => NlpJudge | Promise<NlpJudge>;
  pause: () => Promise<void>;
  batch: number;
};

/** The keys of a text, their records (from storage, maybe) and the plain rules over them. */
export async function readText({ packs, lookup, text, plainly = true }: TurnsRequest): Promise<Reading> {
  const hits = findKeys(packs, text);
  return ask(hits, await recordsOf(lookup, hits), text, plainly);
}

/** The answer before compromise has read: its candidates stay unmarked, and the answer says so. */
export const earlyAnswer = (request: TurnsRequest, read: Reading): Found => ({ ...settled(request, read, []), incomplete: true });

/**
 * A reading answered in turns, for the background: compromise (`judge`, asked for only when a
 * sentence needs it: the background loads it then) reads `batch` sentences at a time and
 * `pause()` comes between batches, so a page dense with ambiguous names (seconds of tagging) does
 * not hold up other tabs' messages, a card's facts among them.
 */
export async function answerInTurns(request: TurnsRequest, read: Reading): Promise<Found> {
  const { pause, batch } = request;
  let answers: NlpAnswer[] = [];
  try {
    // compromise is fetched only for a text that asks it something.
    const judge = read.questions.length ? await request.judge() : undefined;
    for (let i = 0; judge && i < read.questions.length; i += batch) {
      if (i > 0) await pause();
      answers.push(...judge(read.questions.slice(i, i + batch), read.patterns));
    }
  } catch (error) {
    answers = [];
    warn('language analysis failed', error);
  }
  return settled(request, read, answers);
}
