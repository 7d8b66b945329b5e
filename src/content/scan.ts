import {
  CandidateScanner,
  quickScanner,
  nlpQuestions,
  resolveMentions,
  settleCandidates,
  type NlpAnswer,
  type NlpQuestion,
} from '../core/matcher';
import type { Kind, Mention } from '../core/types';
import { pageAliasIndex, kindOf } from './alias-table';
import { blockAround, collectPageText, insideSkipped, locate, type Budget } from './page-text';

export interface PageMention {
  mention: Mention;
  kind: Kind;
  range: Range;
}

/** Characters of text per step of the alias pass: a few milliseconds at most, even on text dense with names. */
const SCAN_WINDOW = 16 * 1024;

const NLP_BATCH = 200;

/** Past this many blocks to read, the full pass reads the whole root instead. */
const MANY_BLOCKS = 48;

export type RemoteJudge = (questions: NlpQuestion[]) => Promise<NlpAnswer[]>;

export interface ScanStats {
  /** Characters of text the quick look read (every text node under the root). */
  chars: number;
  /** Characters the full pass read: only the blocks where the quick look found something. */
  readChars: number;
  candidates: number;
  nlpSentences: number;
  nlpChars: number;
  mentions: number;
}

/** Every text node under a root, their data joined by a space, and where each node's data starts in it. */
interface QuickText {
  text: string;
  nodes: Text[];
  starts: number[];
}

/**
 * The floor any content script pays to read a page: one walk of its text nodes, joined. (It
 * cannot see a name split inside a word across elements, "<b>Tak</b>aichi", so a block that
 * names the story only that way is not read.)
 */
async function quickText(root: Node, budget: Budget): Promise<QuickText> {
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  const nodes: Text[] = [];
  const starts: number[] = [];
  let length = 0;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    nodes.push(node);
    starts.push(length);
    parts.push(node.data);
    length += node.data.length + 1;
    if (nodes.length % 256 === 0 && budget.exhausted()) await budget.next();
  }
  return { text: parts.join(' '), nodes, starts };
}

/** The text node that holds quick-text offset `offset`. */
function nodeAt(quick: QuickText, offset: number): Text {
  let lo = 0;
  let hi = quick.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (quick.starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return quick.nodes[lo]!;
}

/**
 * The quick look: one pass of the aliases over the quick text, with the full pass's own local
 * rules. Nothing that is a name: null, and the page costs no more. Otherwise the blocks that hold
 * a candidate (names and event-pattern anchors alike), outermost only, in page order: the only
 * text the full pass needs to read, since no other text matched any alias.
 */
async function blocksWorthReading(root: Node, budget: Budget): Promise<{ blocks: Node[] | null; chars: number }> {
  const quick = await quickText(root, budget);
  const scanner = quickScanner(pageAliasIndex(), quick.text);
  for (let from = 0; from < scanner.length; from += SCAN_WINDOW) {
    scanner.scan(from, Math.min(scanner.length, from + SCAN_WINDOW));
    if (budget.exhausted()) await budget.next();
  }
  const candidates = scanner.finish();
  const chars = quick.text.length;
  if (!candidates.some((c) => !c.anchor)) return { blocks: null, chars };
  // Candidates come in page order, so their blocks do too: a block inside the last one kept is read
  // with it, and a block around the last ones kept replaces them.
  const outermost: Element[] = [];
  let lastParent: Element | null = null;
  for (const [i, candidate] of candidates.entries()) {
    if (i % 256 === 255 && budget.exhausted()) await budget.next();
    const parent = nodeAt(quick, candidate.start).parentElement;
    if (!parent || parent === lastParent) continue;
    lastParent = parent;
    if (insideSkipped(parent, root)) continue;
    const block = blockAround(parent, root);
    const last = outermost[outermost.length - 1];
    if (last && (last === block || last.contains(block))) continue;
    while (outermost.length && block.contains(outermost[outermost.length - 1]!)) outermost.pop();
    outermost.push(block);
    // Something of the story nearly everywhere: one walk of the whole root costs less than a walk per block.
    if (outermost.length > MANY_BLOCKS) return { blocks: [root], chars };
  }
  return { blocks: outermost, chars };
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
  // A quick look first, as cheap as a content script can be. Most pages have nothing of the story
  // and stop here; the others are read properly only where the look found something.
  const { blocks, chars } = await blocksWorthReading(root, budget);
  if (!blocks?.length) {
    releaseLastMatch();
    return { mentions: [], stats: { chars, readChars: 0, candidates: 0, nlpSentences: 0, nlpChars: 0, mentions: 0 } };
  }
  const pageText = await collectPageText(blocks, budget);
  // The alias pass starts a slice of its own and reads long pages in windows, yielding between them.
  await budget.next();
  const scanner = new CandidateScanner(pageAliasIndex(), pageText.text);
  for (let from = 0; from < scanner.length; from += SCAN_WINDOW) {
    scanner.scan(from, Math.min(scanner.length, from + SCAN_WINDOW));
    if (budget.exhausted()) await budget.next();
  }
  const candidates = scanner.finish();
  if (budget.exhausted()) await budget.next();
  const stats: ScanStats = {
    chars,
    readChars: pageText.text.length,
    candidates: candidates.length,
    nlpSentences: 0,
    nlpChars: 0,
    mentions: 0,
  };
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
