import { isInline, isOwnNode, isSkipped } from './guards.ts';

export interface WatchOptions {
  root: Element;
  signal: AbortSignal;
  /** Called (at most once per quietMs) with the smallest set of changed blocks, or `full` after a burst too big to follow. */
  onChange(change: { blocks: Element[]; full: boolean }): void;
  quietMs?: number;
  /** More changed blocks than this in one batch: rescan the page once instead of block by block. */
  burstLimit?: number;
}

/** The block element a node's text belongs to; what a rescan reads again. */
function blockOf(node: Node): Element | null {
  let element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  while (element && isInline(element) && element.parentElement) element = element.parentElement;
  return element;
}

/** Inside something never scanned (an editor, a script, our own UI): its changes are not ours to follow. */
function ignored(node: Node, root: Element): boolean {
  for (
    let element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    element;
    element = element.parentElement
  ) {
    if (isSkipped(element) || isOwnNode(element)) return true;
    if (element === root) return false;
  }
  return true;
}

/**
 * Follows the page's changes (new paragraphs, infinite scroll, single-page navigation) and hands
 * over only what changed, in batches. Highlights never touch the DOM and the card
 * lives outside <body>, so Summit Lens never sees its own work here.
 */
export function watchPage({ root, signal, onChange, quietMs = 250, burstLimit = 400 }: WatchOptions): void {
  const dirty = new Set<Element>();
  let overflow = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    timer = undefined;
    if (signal.aborted) return;
    if (overflow) {
      dirty.clear();
      overflow = false;
      onChange({ blocks: [], full: true });
      return;
    }
    // Keep only the outermost changed blocks: a block inside another is read with it.
    const blocks = [...dirty].filter((block) => block.isConnected && ![...dirty].some((other) => other !== block && other.contains(block)));
    dirty.clear();
    if (blocks.length) onChange({ blocks, full: false });
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (overflow) break;
      const changed = record.type === 'characterData' ? [record.target] : [...record.addedNodes];
      if (record.type === 'childList' && record.removedNodes.length) changed.push(record.target);
      for (const node of changed) {
        if (ignored(node, root)) continue;
        const block = blockOf(node);
        if (block) dirty.add(block);
      }
      if (dirty.size > burstLimit) overflow = true;
    }
    // At most one batch per quietMs, even on a page that never stops changing.
    timer ??= setTimeout(flush, quietMs);
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(timer);
  });
}
