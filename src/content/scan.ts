import { CandidateScanner, nlpQuestions, resolveMentions, settleCandidates, type NlpAnswer, type NlpQuestion } from '../core/matcher';
import type { Kind, Mention } from '../core/types';
import { pageAliasIndex, kindOf } from './alias-table';
import { collectPageText, locate, type Budget } from './page-text';

export interface PageMention {
  mention: Mention;
  kind: Kind;
  range: Range;
}

/** Characters of text per step of the alias pass: about a millisecond of matching each. */
const SCAN_WINDOW = 64 * 1024;

const NLP_BATCH = 200;

export type RemoteJudge = (questions: NlpQuestion[]) => Promise<NlpAnswer[]>;

export interface ScanStats {
  chars: number;
  candidates: number;
  nlpSentences: number;
  nlpChars: number;
  mentions: number;
}

/**
 * Finds the story's mentions in the page: one walk of the text, one pass of the alias pattern,
 * and only the sentences that hold an ambiguous candidate go to compromise (in the background).
 */
export async function scanPage(
  root: Node,
  judge: RemoteJudge,
  budget: Budget,
  namedElsewhere: ReadonlySet<string> = new Set(),
): Promise<{ mentions: PageMention[]; stats: ScanStats }> {
  const pageText = await collectPageText(root, budget);
  // The alias pass starts a slice of its own and reads long pages in windows, yielding between them.
  await budget.next();
  const scanner = new CandidateScanner(pageAliasIndex(), pageText.text);
  for (let from = 0; from < scanner.length; from += SCAN_WINDOW) {
    scanner.scan(from, Math.min(scanner.length, from + SCAN_WINDOW));
    if (budget.exhausted()) await budget.next();
  }
  const candidates = scanner.finish();
  if (budget.exhausted()) await budget.next();
  const stats: ScanStats = { chars: pageText.text.length, candidates: candidates.length, nlpSentences: 0, nlpChars: 0, mentions: 0 };
  if (candidates.length === 0) return { mentions: [], stats };
  const questions = nlpQuestions(pageText.text, candidates);
  let answers: NlpAnswer[] = [];
  if (questions.length) {
    stats.nlpSentences = questions.length;
    stats.nlpChars = questions.reduce((n, q) => n + q.sentence.length, 0);
    try {
      performance.mark('summit-lens:nlp-start');
      // In batches: each message is copied on the page's main thread, so a page with thousands of
      // sentences sends them a slice at a time.
      for (let i = 0; i < questions.length; i += NLP_BATCH) {
        answers.push(...(await budget.wait(judge(questions.slice(i, i + NLP_BATCH)))));
        if (budget.exhausted()) await budget.next();
      }
      performance.measure('summit-lens:nlp', 'summit-lens:nlp-start');
    } catch (error) {
      answers = [];
      // Without compromise the ambiguous candidates stay unmarked: a missed name beats a wrong one.
      console.warn('[Summit Lens] language analysis unavailable', error);
    }
  }
  const mentions: PageMention[] = [];
  for (const mention of resolveMentions(pageText.text, settleCandidates(candidates, questions, answers), namedElsewhere)) {
    if (budget.exhausted()) await budget.next();
    const kind = kindOf(mention.entity);
    const start = locate(pageText, mention.start, 'start');
    const end = locate(pageText, mention.end, 'end');
    if (!kind || !start || !end) continue;
    const range = root.ownerDocument!.createRange();
    range.setStart(start.node, start.offset);
    range.setEnd(end.node, end.offset);
    mentions.push({ mention, kind, range });
  }
  stats.mentions = mentions.length;
  return { mentions, stats };
}
