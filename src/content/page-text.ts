import { partitionPoint } from '../core/search.ts';
import { isInline, isSkipped } from './guards.ts';

/** One text node's place in the page text: page text [start, start + node.data.length) is its data. */
export interface Segment {
  node: Text;
  start: number;
}

/**
 * The page's visible prose as one string, with a map back to its text nodes. Block boundaries
 * become "\n" (the matcher never lets a name cross one); line breaks inside a text node become
 * spaces, so offsets stay equal to node offsets.
 */
export interface PageText {
  text: string;
  segments: Segment[];
}

/** Something that says when the current slice of work has used its share of the main thread. */
export interface Budget {
  exhausted(): boolean;
  /** Yield to the page and start a new slice. */
  next(): Promise<void>;
  /** Close the slice while waiting on work done elsewhere (the background), start a new one after. */
  wait<T>(pending: Promise<T>): Promise<T>;
}

const NOT_BLANK = /\S/;
const LINE_BREAK = /[\n\r]/g;
const LINE_BREAK_TEST = /[\n\r]/;

/** The nearest element around `element` that is not inline, `root` at most: what a line of text belongs to. */
export function blockAround(element: Element, root: Node): Element {
  let block = element;
  while (block !== root && isInline(block) && block.parentElement) block = block.parentElement;
  return block;
}

/**
 * Whether an element, or one above it up to `root`, is one whose text is never read, remembered
 * per element: the text nodes asked about share most of their ancestors.
 */
export function skippedUnder(root: Node): (element: Element | null) => boolean {
  const designMode = (root.ownerDocument ?? (root as Document)).designMode === 'on';
  const known = new Map<Element, boolean>();
  const skipped = (element: Element | null): boolean => {
    if (!element || designMode) return designMode;
    let result = known.get(element);
    if (result === undefined) {
      result = isSkipped(element) || (element !== root && skipped(element.parentElement));
      known.set(element, result);
    }
    return result;
  };
  return skipped;
}

/**
 * One pass over the text nodes only (no per-element callback into script), deciding "skipped?"
 * and "which block?" once per parent element and remembering it: most text nodes share a parent
 * with the one before them. Several roots (the blocks worth reading) are read in order, each
 * its own block.
 */
export async function collectPageText(roots: Node | readonly Node[], budget: Budget): Promise<PageText> {
  const list = Array.isArray(roots) ? (roots as readonly Node[]) : [roots as Node];
  const collected: Collected = { parts: [], segments: [], length: 0, sinceCheck: 0 };
  for (const root of list) await readRoot(root, budget, collected);
  // A megabyte of parts takes several milliseconds to join: a slice of its own if this one is spent.
  if (budget.exhausted()) await budget.next();
  return { text: collected.parts.join(''), segments: collected.segments };
}

/** The page text as it is being read: its parts so far, their segments, and their length. */
interface Collected {
  parts: string[];
  segments: Segment[];
  length: number;
  /** Text nodes since the clock was last asked. */
  sinceCheck: number;
}

async function readRoot(root: Node, budget: Budget, collected: Collected): Promise<void> {
  const { parts, segments } = collected;
  const doc = root.ownerDocument ?? (root as Document);
  const skipped = skippedUnder(root);
  const blockCache = new Map<Element, Element>();
  const blockOf = (element: Element): Element => {
    let block = blockCache.get(element);
    if (!block) blockCache.set(element, (block = blockAround(element, root)));
    return block;
  };
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let length = collected.length;
  let lastBlock: Element | null = null;
  let afterSkipped = false;
  let lastChar = '\n';
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    // Asking the clock for every node costs more than the nodes; every 32nd will do.
    if (++collected.sinceCheck === 32) {
      collected.sinceCheck = 0;
      if (budget.exhausted()) await budget.next();
    }
    const parent = node.parentElement;
    if (!parent || skipped(parent)) {
      // Text we do not read still separates what is around it: a name must not be stitched
      // together across a form field or an editor ("Donald<textarea>…</textarea> Trump").
      afterSkipped = true;
      continue;
    }
    const data = node.data;
    if (!NOT_BLANK.test(data)) {
      // Whitespace between elements is one space in the text ("<b>President</b> <i>Trump</i>")
      // and never a place a name starts or ends, so it needs no segment of its own.
      if (lastChar !== ' ' && lastChar !== '\n') {
        parts.push(' ');
        length += 1;
        lastChar = ' ';
      }
      continue;
    }
    const block = blockOf(parent);
    const afterBreak = afterSkipped || node.previousSibling?.nodeName === 'BR';
    afterSkipped = false;
    if ((block !== lastBlock || afterBreak) && length > 0) {
      parts.push('\n');
      length += 1;
    }
    lastBlock = block;
    segments.push({ node, start: length });
    parts.push(LINE_BREAK_TEST.test(data) ? data.replace(LINE_BREAK, ' ') : data);
    length += data.length;
    lastChar = data[data.length - 1]!;
  }
  collected.length = length;
}

/**
 * The text node and offset for a page-text offset. A range's start belongs to the segment it
 * begins in, its end to the segment it finishes in, so a name split across nodes maps cleanly.
 * `hint`: a segment at or before the answer (the last answer, when offsets come in page order),
 * from which the search gallops ahead instead of halving the whole list.
 */
export function locate(
  pageText: PageText,
  { offset, edge, hint = 0 }: { offset: number; edge: 'start' | 'end'; hint?: number | undefined },
): { node: Text; offset: number; segment: number } | undefined {
  const { segments } = pageText;
  const before = (i: number): boolean => (edge === 'start' ? segments[i]!.start <= offset : segments[i]!.start < offset);
  let from = 0;
  let to = segments.length;
  if (hint > 0 && hint < to && before(hint)) {
    // Gallop from the hint to a bound past the answer, then halve between.
    let step = 1;
    for (from = hint; from + step < to && before(from + step); step *= 2) from += step;
    to = Math.min(to, from + step);
  }
  const found = partitionPoint(to, before, from) - 1;
  const seg = segments[found];
  if (!seg) return undefined;
  const local = offset - seg.start;
  const fits = edge === 'start' ? local < seg.node.data.length : local <= seg.node.data.length;
  return fits ? { node: seg.node, offset: local, segment: found } : undefined;
}
