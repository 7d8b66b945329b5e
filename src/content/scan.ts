import { FIND_MAX_CHARS, foundAt, foundCount, type CheckedFound } from '../common/found-read.ts';
import type { PageTable } from '../core/key-table.ts';
import type { Kind, Mention, Relevance } from '../core/types.ts';
import { collectPageText, locate, type Budget, type PageText } from './page-text.ts';
import { blocksWorthReading } from './quick-look.ts';
import { warn } from '../core/log.ts';

/**
 * A mention on the page: where it starts and ends in the page's text nodes. Its Range is made the
 * first time something needs it: a page may hold tens of thousands of mentions, and only those
 * near the reader are drawn.
 */
export class PageMention {
  #range?: Range;
  readonly startNode: Text;
  readonly startOffset: number;
  readonly endNode: Text;
  readonly endOffset: number;

  constructor(
    readonly mention: Mention,
    /**
     * The entity's kind (its highlight), name (the popup's list) and how much it says about its
     * pack's story (core/relevance.ts), as the background labelled it.
     */
    readonly label: { kind: Kind; name: string; relevance: Relevance },
    at: { startNode: Text; startOffset: number; endNode: Text; endOffset: number },
  ) {
    this.startNode = at.startNode;
    this.startOffset = at.startOffset;
    this.endNode = at.endNode;
    this.endOffset = at.endOffset;
  }

  get kind(): Kind {
    return this.label.kind;
  }

  get range(): Range {
    if (!this.#range) {
      const range = this.startNode.ownerDocument.createRange();
      range.setStart(this.startNode, this.startOffset);
      range.setEnd(this.endNode, this.endOffset);
      this.#range = range;
    }
    return this.#range;
  }

  /** Where the mention is on screen (for the pointer: see hover.ts). */
  rects(): DOMRectList {
    return this.range.getClientRects();
  }

  /** Whether this mention starts before `other` in the page. */
  before(other: PageMention): boolean {
    if (this.startNode === other.startNode) return this.startOffset < other.startOffset;
    return (this.startNode.compareDocumentPosition(other.startNode) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  }
}

/**
 * Asks the background what a text mentions; `named`: entities the page's other text names;
 * `early`: an answer before compromise has read is welcome (see FindOptions.early). Resolves to the
 * answer checked against the text (common/found.ts), or undefined if it failed its check.
 */
export type RemoteFinder = (text: string, named: readonly string[], early?: boolean) => Promise<CheckedFound | undefined>;

export interface ScanStats {
  /** Characters of text the quick look read (every text node under the root). */
  chars: number;
  /** Characters read properly and sent to the background: only the blocks where the quick look found something. */
  readChars: number;
  candidates: number;
  nlpSentences: number;
  nlpChars: number;
  mentions: number;
}

/** The text in parts of at most `max` characters, cut after a block break where there is one. */
export function partsAtBlocks(text: string, max: number): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  for (let offset = 0; offset < text.length;) {
    let end = Math.min(text.length, offset + max);
    if (end < text.length) {
      const cut = text.lastIndexOf('\n', end - 1);
      if (cut > offset) end = cut + 1;
    }
    out.push({ text: text.slice(offset, end), offset });
    offset = end;
  }
  return out;
}

/**
 * Finds the story's mentions under one or more roots (the page, or the blocks that changed): one
 * walk of the text and one pass of the prefilter on the page; the blocks worth reading go to the
 * background together, which applies every rule and asks compromise about the ambiguous ones, off
 * this page's main thread. (Kept small: every page runs it, and the engine compiles a function on
 * its first call, so the reading is a function of its own.)
 */
export async function scanPage({
  roots,
  tables,
  find,
  budget,
  named = new Set(),
  everything = false,
  early,
}: {
  roots: Node | readonly Node[];
  /** The enabled packs' key tables. */
  tables: readonly PageTable[];
  find: RemoteFinder;
  budget: Budget;
  /** Entities the page's other text names (a rescan's unchanged blocks). */
  named?: ReadonlySet<string>;
  /** Read every block with a key, names of the story's world alone included (see quick-look.ts). */
  everything?: boolean;
  /** Given the mentions so far when the background answers early (a cold background: see FindOptions.early); the rest follows. */
  early?: (mentions: PageMention[]) => void;
}): Promise<{ mentions: PageMention[]; stats: ScanStats; held: boolean }> {
  const worth: Node[] = [];
  let chars = 0;
  let held = false;
  for (const root of Array.isArray(roots) ? (roots as readonly Node[]) : [roots as Node]) {
    const look = await blocksWorthReading(root, tables, budget, everything);
    chars += look.chars;
    held ||= look.held;
    // A loop, not push(...): a page may have more blocks than a call takes arguments.
    if (look.blocks) for (const block of look.blocks) worth.push(block);
  }
  const stats: ScanStats = { chars, readChars: 0, candidates: 0, nlpSentences: 0, nlpChars: 0, mentions: 0 };
  if (!worth.length) return { mentions: [], stats, held };
  return { ...(await readBlocks(worth, { find, budget, named, early }, stats)), held };
}

/** The blocks' text to the background, and its answer back to ranges over the page. */
async function readBlocks(
  blocks: Node[],
  {
    find,
    budget,
    named: namedElsewhere,
    early,
  }: { find: RemoteFinder; budget: Budget; named: ReadonlySet<string>; early?: (mentions: PageMention[]) => void },
  stats: ScanStats,
): Promise<{ mentions: PageMention[]; stats: ScanStats }> {
  const pageText = await collectPageText(blocks, budget);
  stats.readChars = pageText.text.length;
  const named = new Set(namedElsewhere);
  let mentions: PageMention[] = [];
  for (const part of partsAtBlocks(pageText.text, FIND_MAX_CHARS)) {
    // Sending copies the text (a megabyte takes milliseconds): not at the end of a spent slice.
    if (budget.exhausted()) await budget.next();
    let found;
    /** The mentions with this part's early answer, kept if the second ask fails: they were right, and shown. */
    let shown: PageMention[] | undefined;
    const asked = performance.mark('summit-lens:find-start');
    try {
      found = await budget.wait(find(part.text, [...named], Boolean(early)));
      if (found?.incomplete && early) {
        // What plain rules settled is shown now; the same text again for compromise's reading, which replaces it.
        shown = [...mentions];
        await place(found, part, { pageText, named: new Set(named), budget }, shown);
        // Drawing takes a slice of its own (tens of milliseconds for tens of thousands), and so does sending the text again.
        await budget.next();
        early(shown);
        await budget.next();
        found = await budget.wait(find(part.text, [...named]));
      }
    } catch (error) {
      // Stopped (the extension went, or highlights were switched off): not the background's failure.
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      warn('the background could not read this page', error);
      mentions = shown ?? mentions;
      break;
    } finally {
      // Seen by the tests and the demo: what the page asked the background to read, and how long it waited.
      performance.measure('summit-lens:find', { start: asked.startTime, detail: { chars: part.text.length } });
    }
    if (!found) {
      warn('dropped a malformed answer from the background');
      mentions = shown ?? mentions;
      break;
    }
    stats.candidates += found.candidates;
    stats.nlpSentences += found.nlpSentences;
    stats.nlpChars += found.nlpChars;
    await place(found, part, { pageText, named, budget }, mentions);
  }
  stats.mentions = mentions.length;
  return { mentions, stats };
}

/** An answer's mentions placed on the page, pushed onto `into`; each one's entity is added to `named`. */
async function place(
  found: CheckedFound,
  part: { offset: number },
  { pageText, named, budget }: { pageText: PageText; named: Set<string>; budget: Budget },
  into: PageMention[],
): Promise<void> {
  // Mentions come in page order: each one's segment is at or after the last one's.
  let segment = 0;
  for (let i = 0, n = foundCount(found); i < n; i++) {
    if (i % 128 === 127 && budget.exhausted()) await budget.next();
    const { entity, kind, name, relevance, why, start: from0, end: to0 } = foundAt(found, i);
    const start = part.offset + from0;
    const end = part.offset + to0;
    const from = locate(pageText, { offset: start, edge: 'start', hint: segment });
    const to = locate(pageText, { offset: end, edge: 'end', hint: from?.segment });
    if (!from || !to) continue;
    segment = from.segment;
    named.add(entity);
    const mention = { entity, start, end, text: pageText.text.slice(start, end), why };
    into.push(
      new PageMention(
        mention,
        { kind, name, relevance },
        { startNode: from.node, startOffset: from.offset, endNode: to.node, endOffset: to.offset },
      ),
    );
  }
}
