import { lowerKeepingOffsets } from '../core/alias-index.ts';
import { INVISIBLE, toOriginal, withoutInvisible } from '../core/invisible.ts';
import { keyWords } from '../core/key-gate.ts';
import { probeScanner, type KeyFound } from '../core/key-probe.ts';
import { ANCHOR, NAME, TITLED, tokenize, walkKeys, walkWords, type PageTable, type TableHit } from '../core/key-table.ts';
import { TITLE_WORDS } from '../core/titles.ts';
import { blockAround, skippedUnder, type Budget } from './page-text.ts';

/** Characters of text per step of the quick look: 32 KB dense with names take about 8 ms (a slice), most text far less. */
const SCAN_WINDOW = 32 * 1024;
/** Room past a window's end for a name that starts inside it. */
const WINDOW_MARGIN = 256;

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

let titleBefore: RegExp | undefined;

/**
 * What the tables' finds add up to, made at the first one. A surname that needs a title ("He")
 * without one counts for nothing; an anchor word alone ("September") or a name of the story's
 * world alone ("China": its key is flagged as an anchor, see alias-index.ts) is not enough to read
 * a page, but once a name is, their blocks are read too (a name pattern may start there, and a page
 * about the story shows the world's names as well). `everything`: any find opens the page (the
 * reader asked to see names on pages that are not about the story).
 */
function matchSorter(root: Node, quick: QuickText, subject: string, removed: readonly number[], everything: boolean) {
  // Before the first name, places wait here; after it, each goes straight to the blocks.
  const waiting: number[] = [];
  let collector: ReturnType<typeof blockCollector> | undefined;
  return {
    add(at: number, flags: number): void {
      const anchor = !everything && !(flags & (NAME | TITLED)) && (flags & ANCHOR) !== 0;
      if (!(flags & NAME) && flags & TITLED) {
        titleBefore ??= new RegExp(`(?:^|[^a-z])(?:${TITLE_WORDS.toLowerCase()}) +$`);
        if (!titleBefore.test(subject.slice(Math.max(0, at - 40), at))) return;
      }
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
    /** Whether keys were found that did not open the page: the page was left unread, not empty. */
    held: (): boolean => !collector && waiting.length > 0,
  };
}

/**
 * The quick look: one walk of the text and one pass of each enabled pack's key table over its
 * words, whose cost does not grow with the number of names a pack knows (see key-table.ts).
 * Nothing of any pack, or only anchor words and names of the story's world: null, and the page
 * costs no more (`held` says which: keys were found, but none that opens the page). Otherwise the
 * blocks that hold a find: the only text the background needs to read, since no other text holds
 * any pack's key. `everything`: every find opens the page (see matchSorter).
 */
export async function blocksWorthReading(
  root: Node,
  tables: readonly PageTable[],
  budget: Budget,
  everything = false,
): Promise<{ blocks: Node[] | null; chars: number; held: boolean }> {
  // One walk of the text nodes, and nothing else per node.
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  const nodes: Text[] = [];
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    nodes.push(node);
    parts.push(node.data);
    if ((nodes.length & 255) === 0 && budget.exhausted()) await budget.next();
  }
  // Joining and folding a megabyte of text take 5-20 ms each: each starts its own slice if this one is spent.
  if (budget.exhausted()) await budget.next();
  const quick: QuickText = { text: parts.join(' '), nodes, parts };
  const chars = quick.text.length;
  if (!tables.length) return { blocks: null, chars, held: false };
  if (budget.exhausted()) await budget.next();
  const folded = quickFold(quick.text);
  if (!folded) return { blocks: [root], chars, held: false };
  if (budget.exhausted()) await budget.next();
  const { subject, removed } = folded;
  const hits: { at: number; flags: number }[] = [];
  // Small packs (the bundled one): one native pass per probe, each find a whole key, window by
  // window so that a page dense with names yields to the page between them.
  for (const table of tables) {
    if (!table.probes) continue;
    const scan = probeScanner(subject, table.probes);
    const keep = ({ at, key }: KeyFound): void => void hits.push({ at, flags: table.probeFlags![key]! });
    for (let to = SCAN_WINDOW; ; to += SCAN_WINDOW) {
      scan(Math.min(to, subject.length), keep);
      if (to >= subject.length) break;
      if (budget.exhausted()) await budget.next();
    }
  }
  // Large packs: the word gate, and where it opens, a walk from the words it found.
  const { open, words } = keyWords(subject, tables);
  if (open) {
    // What a walk follows past a key's first word is read only now (the rest of the page paid nothing for it).
    const large = await budget.wait(Promise.all(tables.filter((t) => !t.complete).map((t) => (t.withRest ? t.withRest() : t))));
    const keep = ({ start, flags }: TableHit): void => void hits.push({ at: start, flags });
    for (let from = 0; from < subject.length; from += SCAN_WINDOW) {
      const to = Math.min(subject.length, from + SCAN_WINDOW);
      const windowed = (hit: TableHit): void => {
        if (hit.start < to) keep(hit);
      };
      for (const table of large) {
        if (words) walkWords(table, subject, { words, from, to }, windowed);
        else walkKeys(table, subject, tokenize(subject, from, Math.min(subject.length, to + WINDOW_MARGIN)), windowed);
      }
      if (budget.exhausted()) await budget.next();
    }
  }
  // The block collector wants the finds in text order; with none, the sorter says nothing matched.
  if (budget.exhausted()) await budget.next();
  hits.sort((a, b) => a.at - b.at);
  const sorter = matchSorter(root, quick, subject, removed, everything);
  // A page dense with names has tens of thousands of finds, each placed in its block: in slices too.
  for (let i = 0; i < hits.length; i++) {
    sorter.add(hits[i]!.at, hits[i]!.flags);
    if ((i & 255) === 255 && budget.exhausted()) await budget.next();
  }
  // The engine keeps the last text a regular expression matched (for the legacy RegExp.input),
  // which here is a copy of the page's whole text; one match on a tiny one lets it go.
  INVISIBLE.test('\u00ad');
  return { blocks: sorter.blocks(), chars, held: sorter.held() };
}
