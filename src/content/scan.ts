import { checkFound, FIND_MAX_CHARS } from '../common/found.ts';
import { lowerKeepingOffsets } from '../core/alias-index.ts';
import type { Kind, Mention } from '../core/types.ts';
import { INVISIBLE, toOriginal, withoutInvisible } from '../core/invisible.ts';
import { findKeys } from '../core/key-probe.ts';
import { kindOf, pagePattern, pagePrefilter, pageProbes } from './alias-table.ts';
import { blockAround, collectPageText, locate, skippedUnder, type Budget } from './page-text.ts';

/**
 * A mention on the page: where it starts and ends in the page's text nodes. Its Range is made the
 * first time something needs it: a page may hold tens of thousands of mentions, and only those
 * near the reader are drawn.
 */
export class PageMention {
  #range?: Range;

  constructor(
    readonly mention: Mention,
    readonly kind: Kind,
    readonly startNode: Text,
    readonly startOffset: number,
    readonly endNode: Text,
    readonly endOffset: number,
  ) {}

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

/** Characters of text per step of the quick look: a few milliseconds at most, even on text dense with names. */
const SCAN_WINDOW = 64 * 1024;
/** Room past a window's end for a name that starts inside it. */
const WINDOW_MARGIN = 128;
/**
 * Texts up to this long are searched with the keys' probes instead of the pattern: below it, an
 * `indexOf` per probe costs less than compiling the pattern, which takes about 0.7 ms whatever the
 * text (measured in Chromium on corpus pages: see the closing notes of issue 5).
 */
const PROBE_MAX_CHARS = 24 * 1024;

/**
 * Asks the background what a text mentions; `named`: entities the page's other text names. Answers
 * in the background's wire form (see common/found.ts), checked here before anything is drawn.
 */
export type RemoteFinder = (text: string, named: readonly string[]) => Promise<unknown>;

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

/** Every text node under a root and their data: joined by spaces, the least a content script can read. */
interface QuickText {
  text: string;
  nodes: Text[];
  parts: string[];
}

/** Every space but the plain one, line breaks included: the quick text has no blocks to keep apart. */
const OTHER_SPACES = /[^\S ]/g;
const NOTHING_REMOVED: readonly number[] = [];

/**
 * The quick text as the pattern reads it: lower case, one kind of space, without the invisible
 * characters that hide inside words. `removed`: where those were, to map offsets back (see
 * core/invisible.ts). Undefined if folding changed the length (offsets would lie).
 * The usual page needs neither the "İ" path nor the invisible characters' offsets; each is taken only when needed.
 */
function quickFold(text: string): { subject: string; removed: readonly number[] } | undefined {
  let lower = text.toLowerCase();
  if (lower.length !== text.length) {
    lower = lowerKeepingOffsets(text);
    if (lower.length !== text.length) return undefined;
  }
  const spaced = lower.replace(OTHER_SPACES, ' ');
  if (!INVISIBLE.test(spaced)) return { subject: spaced, removed: NOTHING_REMOVED };
  const { clean, removed } = withoutInvisible(spaced);
  return { subject: clean, removed };
}

/**
 * The blocks around a page's matches, outermost only, in page order: matches come in page order,
 * so a block inside the last one kept is read with it, and a block around the last ones kept
 * replaces them. However many there are, reading them costs less than reading the whole root
 * (measured: a 131 KB Wikipedia article with names in a few hundred paragraphs, 49 → 26–29 ms; the
 * 1 MB page with a name in every paragraph, 80 → 78 ms).
 */
function blockCollector(root: Node, quick: QuickText, removed: readonly number[]) {
  // Where each node's data starts in the quick text: needed only now, on a page with a match.
  const starts: number[] = [];
  let length = 0;
  for (const part of quick.parts) {
    starts.push(length);
    length += part.length + 1;
  }
  const blocks: Element[] = [];
  const skipped = skippedUnder(root);
  let node = 0;
  let lastParent: Element | null = null;
  return {
    blocks,
    add(place: number): void {
      const offset = removed.length ? toOriginal(removed, place) : place;
      // Places only grow: the node holding this one is at or after the last one's.
      while (node + 1 < starts.length && starts[node + 1]! <= offset) node++;
      const parent = quick.nodes[node]!.parentElement;
      if (!parent || parent === lastParent) return;
      lastParent = parent;
      if (skipped(parent)) return;
      const block = blockAround(parent, root);
      const last = blocks[blocks.length - 1];
      if (last && (last === block || last.contains(block))) return;
      while (blocks.length && block.contains(blocks[blocks.length - 1]!)) blocks.pop();
      blocks.push(block);
    },
  };
}

/**
 * What the prefilter's matches add up to, made at the first match (a page without one never
 * compiles it). A surname that needs a title ("He") without one counts for nothing; an anchor word
 * alone ("September") is not enough to read a page, but once a name is, the anchors' blocks are
 * read too (a name pattern may start there).
 */
function matchSorter(root: Node, quick: QuickText, subject: string, removed: readonly number[]) {
  const { anchorOnly, titled, titleBefore } = pagePrefilter();
  // Before the first name, places wait here; after it, each goes straight to the blocks.
  const waiting: number[] = [];
  let collector: ReturnType<typeof blockCollector> | undefined;
  return {
    add(at: number, key: string): void {
      const anchor = anchorOnly.has(key);
      if (!anchor && titled.has(key) && !titleBefore.test(subject.slice(Math.max(0, at - 40), at))) return;
      if (collector) {
        collector.add(at);
      } else if (anchor) {
        waiting.push(at);
      } else {
        collector = blockCollector(root, quick, removed);
        for (const place of [...waiting, at]) collector.add(place);
      }
    },
    /** The blocks worth reading, or null if nothing but anchors (or nothing at all) matched. */
    blocks: (): Node[] | null => collector?.blocks ?? null,
  };
}

/**
 * The quick look: one walk of the text and one pass of the prefilter (the pattern, or on a short
 * text the probes, which find the same keys without compiling it). Nothing of the story: null,
 * and the page costs no more. Otherwise the blocks that hold a match: the only text the background
 * needs to read, since no other text matched any alias.
 */
async function blocksWorthReading(root: Node, budget: Budget): Promise<{ blocks: Node[] | null; chars: number }> {
  // One walk of the text nodes, and nothing else per node.
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  const nodes: Text[] = [];
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    nodes.push(node);
    parts.push(node.data);
    if ((nodes.length & 255) === 0 && budget.exhausted()) await budget.next();
  }
  const quick: QuickText = { text: parts.join(' '), nodes, parts };
  const chars = quick.text.length;
  const folded = quickFold(quick.text);
  if (!folded) return { blocks: [root], chars };
  const { subject, removed } = folded;
  let sorter: ReturnType<typeof matchSorter> | undefined;
  if (subject.length <= PROBE_MAX_CHARS) {
    for (const { at, key } of findKeys(subject, pageProbes())) {
      (sorter ??= matchSorter(root, quick, subject, removed)).add(at, key);
    }
  } else {
    const pattern = pagePattern();
    for (let from = 0; from < subject.length; from += SCAN_WINDOW) {
      // A window of its own, one character before it for the word-boundary look-behind.
      const lo = Math.max(0, from - 1);
      const to = Math.min(subject.length, from + SCAN_WINDOW);
      const window = subject.slice(lo, Math.min(subject.length, to + WINDOW_MARGIN));
      pattern.lastIndex = from - lo;
      for (let match = pattern.exec(window); match && match.index + lo < to; match = pattern.exec(window)) {
        (sorter ??= matchSorter(root, quick, subject, removed)).add(match.index + lo, match[0]);
      }
      if (budget.exhausted()) await budget.next();
    }
  }
  // The engine keeps the last text a regular expression matched (for the legacy RegExp.lastMatch),
  // which here is a copy of the page's whole text; one match of a pattern already compiled lets it go.
  INVISIBLE.test('\u00ad');
  return { blocks: sorter ? sorter.blocks() : null, chars };
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
export async function scanPage(
  roots: Node | readonly Node[],
  find: RemoteFinder,
  budget: Budget,
  namedElsewhere: ReadonlySet<string> = new Set(),
): Promise<{ mentions: PageMention[]; stats: ScanStats }> {
  const worth: Node[] = [];
  let chars = 0;
  for (const root of Array.isArray(roots) ? (roots as readonly Node[]) : [roots as Node]) {
    const look = await blocksWorthReading(root, budget);
    chars += look.chars;
    // A loop, not push(...): a page may have more blocks than a call takes arguments.
    if (look.blocks) for (const block of look.blocks) worth.push(block);
  }
  const stats: ScanStats = { chars, readChars: 0, candidates: 0, nlpSentences: 0, nlpChars: 0, mentions: 0 };
  return worth.length ? readBlocks(worth, find, budget, namedElsewhere, stats) : { mentions: [], stats };
}

/** The blocks' text to the background, and its answer back to ranges over the page. */
async function readBlocks(
  blocks: Node[],
  find: RemoteFinder,
  budget: Budget,
  namedElsewhere: ReadonlySet<string>,
  stats: ScanStats,
): Promise<{ mentions: PageMention[]; stats: ScanStats }> {
  const pageText = await collectPageText(blocks, budget);
  stats.readChars = pageText.text.length;
  const named = new Set(namedElsewhere);
  const mentions: PageMention[] = [];
  for (const part of partsAtBlocks(pageText.text, FIND_MAX_CHARS)) {
    let found;
    const asked = performance.mark('summit-lens:find-start');
    try {
      found = checkFound(await budget.wait(find(part.text, [...named])), part.text.length);
    } catch (error) {
      console.warn('[Summit Lens] the background could not read this page', error);
      break;
    } finally {
      // Seen by the tests and the demo: what the page asked the background to read, and how long it waited.
      performance.measure('summit-lens:find', { start: asked.startTime, detail: { chars: part.text.length } });
    }
    if (!found) {
      console.warn('[Summit Lens] dropped a malformed answer from the background');
      break;
    }
    stats.candidates += found.candidates;
    stats.nlpSentences += found.nlpSentences;
    stats.nlpChars += found.nlpChars;
    const { ids, whys, spans } = found;
    // Mentions come in page order: each one's segment is at or after the last one's.
    let segment = 0;
    for (let i = 0; i < spans.length; i += 4) {
      if (i % 512 === 508 && budget.exhausted()) await budget.next();
      const entity = ids[spans[i]!]!;
      const kind = kindOf(entity);
      const start = part.offset + spans[i + 2]!;
      const end = part.offset + spans[i + 3]!;
      const from = locate(pageText, start, 'start', segment);
      const to = locate(pageText, end, 'end', from?.segment);
      if (!kind || !from || !to) continue;
      segment = from.segment;
      named.add(entity);
      const mention = { entity, start, end, text: pageText.text.slice(start, end), why: whys[spans[i + 1]!]! };
      mentions.push(new PageMention(mention, kind, from.node, from.offset, to.node, to.offset));
    }
  }
  stats.mentions = mentions.length;
  return { mentions, stats };
}
