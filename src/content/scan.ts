import {
  CandidateScanner,
  mayMention,
  nlpQuestions,
  resolveMentions,
  settleCandidates,
  type NlpAnswer,
  type NlpQuestion,
} from '../core/matcher';
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
 * Every text node's data, joined by a space: the floor any content script pays to read a page.
 * (It cannot see a name split inside a word across elements, "<b>Tak</b>aichi", nor tell where a
 * paragraph starts, which an all-caps dateline needs; a page that names the story only in those
 * ways is not annotated.)
 */
async function joinedText(root: Node, budget: Budget): Promise<string> {
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  let count = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    parts.push((node as Text).data);
    if (++count % 256 === 0 && budget.exhausted()) await budget.next();
  }
  return parts.join(' ');
}

async function anyMention(text: string, budget: Budget): Promise<boolean> {
  const index = pageAliasIndex();
  for (let from = 0; from < text.length; from += SCAN_WINDOW) {
    // Windows overlap by more than any alias, so none is cut in two.
    if (mayMention(index, text.slice(from, from + SCAN_WINDOW + 256))) return true;
    if (budget.exhausted()) await budget.next();
  }
  return false;
}

/**
 * The engine keeps the last text a regular expression matched (for the legacy RegExp.lastMatch),
 * which here is a copy of the page's whole text; one empty match lets it go.
 */
function releaseLastMatch(): void {
  /(?:)/.exec('');
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
  // A quick look first, as cheap as a content script can be: the text nodes joined and one loose
  // pass of the aliases. Most pages have nothing of the story and stop here.
  const quick = await joinedText(root, budget);
  if (!(await anyMention(quick, budget))) {
    releaseLastMatch();
    return { mentions: [], stats: { chars: quick.length, candidates: 0, nlpSentences: 0, nlpChars: 0, mentions: 0 } };
  }
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
  if (candidates.length === 0) {
    releaseLastMatch();
    return { mentions: [], stats };
  }
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
  releaseLastMatch();
  return { mentions, stats };
}
