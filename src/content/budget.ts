import type { Budget } from './page-text';

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
  let slices = 1;
  let busyMs = 0;
  let longestMs = 0;
  const sliceLog: number[] = [];
  const close = (): void => {
    if (sliceStart === undefined) return;
    const spent = performance.now() - sliceStart;
    busyMs += spent;
    longestMs = Math.max(longestMs, spent);
    if (sliceLog.length < 64) sliceLog.push(Math.round(spent * 10) / 10);
    sliceStart = undefined;
  };
  const open = (): void => {
    slices += 1;
    sliceStart = performance.now();
  };
  return {
    get slices() {
      return slices;
    },
    get busyMs() {
      return busyMs;
    },
    get longestMs() {
      return longestMs;
    },
    sliceLog,
    exhausted: () => sliceStart !== undefined && performance.now() - sliceStart > sliceMs,
    async next() {
      close();
      await yieldToPage();
      open();
    },
    async wait(pending) {
      close();
      try {
        return await pending;
      } finally {
        open();
      }
    },
    finish: close,
  };
}

/** Resolves when the page is idle (or after `timeoutMs` at the latest). */
export function whenIdle(timeoutMs = 1500): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: timeoutMs });
    else setTimeout(resolve, 50);
  });
}
