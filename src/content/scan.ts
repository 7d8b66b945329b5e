import { findCandidates, nlpQuestions, resolveMentions, settleCandidates, type NlpAnswer, type NlpQuestion } from '../core/matcher';
import type { Kind, Mention } from '../core/types';
import { pageAliasIndex, kindOf } from './alias-table';
import { collectPageText, locate, type Budget } from './page-text';

export interface PageMention {
  mention: Mention;
  kind: Kind;
  range: Range;
}

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
  const candidates = findCandidates(pageAliasIndex(), pageText.text);
  const stats: ScanStats = { chars: pageText.text.length, candidates: candidates.length, nlpSentences: 0, nlpChars: 0, mentions: 0 };
  if (candidates.length === 0) return { mentions: [], stats };
  const questions = nlpQuestions(pageText.text, candidates);
  let answers: NlpAnswer[] = [];
  if (questions.length) {
    stats.nlpSentences = questions.length;
    stats.nlpChars = questions.reduce((n, q) => n + q.sentence.length, 0);
    try {
      performance.mark('summit-lens:nlp-start');
      answers = await judge(questions);
      performance.measure('summit-lens:nlp', 'summit-lens:nlp-start');
    } catch (error) {
      // Without compromise the ambiguous candidates stay unmarked: a missed name beats a wrong one.
      console.warn('[Summit Lens] language analysis unavailable', error);
    }
  }
  const mentions: PageMention[] = [];
  for (const mention of resolveMentions(pageText.text, settleCandidates(candidates, questions, answers), namedElsewhere)) {
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
