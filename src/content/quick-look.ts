import { lowerKeepingOffsets } from '../core/alias-index.ts';
import { INVISIBLE, toOriginal, withoutInvisible } from '../core/invisible.ts';
import { findKeys } from '../core/key-probe.ts';
import { pagePattern, pagePrefilter, pageProbes } from './alias-table.ts';
import { blockAround, skippedUnder, type Budget } from './page-text.ts';

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
export async function blocksWorthReading(root: Node, budget: Budget): Promise<{ blocks: Node[] | null; chars: number }> {
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
