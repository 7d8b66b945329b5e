import type { Budget } from './page-text.ts';

/** Work slices this long keep every task well under the 50 ms a reader could feel. */
const SLICE_MS = 8;

function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export interface MeteredBudget extends Budget {
  /** How many slices the work took, the main-thread time they add up to, and the longest one. */
  readonly slices: number;
  readonly busyMs: number;
  readonly longestMs: number;
  /** The first slices' durations, for the benchmark's breakdown. */
  readonly sliceLog: readonly number[];
  /** Close the last slice (the measurements above are final after this). */
  finish(): void;
}

/**
 * Slices of at most about `sliceMs` that yield to the page in between, metered: the total and the
 * longest slice are the extension's own cost on the page's main thread.
 */
export function sliceBudget(sliceMs = SLICE_MS): MeteredBudget {
  let sliceStart: number | undefined = performance.now();
  const close = (): void => {
    if (sliceStart === undefined) return;
    const spent = performance.now() - sliceStart;
    budget.busyMs += spent;
    budget.longestMs = Math.max(budget.longestMs, spent);
    if (budget.sliceLog.length < 64) budget.sliceLog.push(Math.round(spent * 10) / 10);
    sliceStart = undefined;
  };
  const open = (): void => {
    budget.slices += 1;
    sliceStart = performance.now();
  };
  // The figures are plain properties, kept up to date as slices close.
  const budget = {
    slices: 1,
    busyMs: 0,
    longestMs: 0,
    sliceLog: [] as number[],
    exhausted: () => sliceStart !== undefined && performance.now() - sliceStart > sliceMs,
    async next() {
      close();
      await yieldToPage();
      open();
    },
    async wait<T>(pending: Promise<T>): Promise<T> {
      close();
      try {
        return await pending;
      } finally {
        open();
      }
    },
    finish: close,
  };
  return budget;
}

/**
 * Resolves once the page has loaded (or after `loadWaitMs`, for a page whose last image never
 * arrives) and its main thread is next idle (or after `idleWaitMs`): the page's own loading comes
 * first, and the reading starts when the machine is no longer busy decoding and painting it.
 */
export async function whenIdle(doc: Document, idleWaitMs = 1500, loadWaitMs = 3000, settleMs = 50): Promise<void> {
  if (doc.readyState !== 'complete') {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, loadWaitMs);
      doc.defaultView?.addEventListener(
        'load',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
  // A moment after load: the frames that show the loaded page, and the page's own after-load work, go first.
  await new Promise<void>((resolve) => setTimeout(resolve, settleMs));
  await new Promise<void>((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: idleWaitMs });
    else setTimeout(resolve, 50);
  });
}
