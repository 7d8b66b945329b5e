import { isInline, isSkipped } from './guards';

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

function blockOf(node: Node): Node | null {
  let current = node.parentNode;
  while (current && current.nodeType === Node.ELEMENT_NODE && isInline(current as Element)) current = current.parentNode;
  return current;
}

/** Something that says when the current slice of work has used its share of the main thread. */
export interface Budget {
  exhausted(): boolean;
  next(): Promise<void>;
}

export async function collectPageText(root: Node, budget: Budget): Promise<PageText> {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.TEXT_NODE) return NodeFilter.FILTER_ACCEPT;
      const element = node as Element;
      if (isSkipped(element)) return NodeFilter.FILTER_REJECT;
      return element.tagName === 'BR' ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
    },
  });
  const parts: string[] = [];
  const segments: Segment[] = [];
  let length = 0;
  let lastBlock: Node | null = null;
  let node: Node | null;
  while ((node = walker.nextNode()) !== null) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      parts.push('\n');
      length += 1;
      continue;
    }
    const data = (node as Text).data;
    // Whitespace between inline elements ("<b>President</b> <i>Trump</i>") is part of the line;
    // it never decides where a block starts.
    if (data.trim() !== '') {
      const block = blockOf(node);
      if (block !== lastBlock && length > 0) {
        parts.push('\n');
        length += 1;
      }
      lastBlock = block;
    }
    segments.push({ node: node as Text, start: length });
    parts.push(data.replace(/[\n\r]/g, ' '));
    length += data.length;
    if (budget.exhausted()) await budget.next();
  }
  return { text: parts.join(''), segments };
}

/**
 * The text node and offset for a page-text offset. A range's start belongs to the segment it
 * begins in, its end to the segment it finishes in, so a name split across nodes maps cleanly.
 */
export function locate(pageText: PageText, offset: number, edge: 'start' | 'end'): { node: Text; offset: number } | undefined {
  const { segments } = pageText;
  let lo = 0;
  let hi = segments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = segments[mid]!.start;
    if (edge === 'start' ? start <= offset : start < offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  const seg = segments[found];
  if (!seg) return undefined;
  const local = offset - seg.start;
  const fits = edge === 'start' ? local < seg.node.data.length : local <= seg.node.data.length;
  return fits ? { node: seg.node, offset: local } : undefined;
}
