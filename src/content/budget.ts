import type { Budget } from './page-text';

/** Work slices this long keep every task well under the 50 ms a reader could feel. */
const SLICE_MS = 8;

function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function sliceBudget(sliceMs = SLICE_MS): Budget & { slices: number } {
  let sliceStart = performance.now();
  const budget = {
    slices: 1,
    exhausted: () => performance.now() - sliceStart > sliceMs,
    async next() {
      await yieldToPage();
      budget.slices += 1;
      sliceStart = performance.now();
    },
  };
  return budget;
}

/** Resolves when the page is idle (or after `timeoutMs` at the latest). */
export function whenIdle(timeoutMs = 1500): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: timeoutMs });
    else setTimeout(resolve, 50);
  });
}
