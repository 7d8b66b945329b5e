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
 * longest slice are the extension's own cost on the page's main thread. Once `signal` aborts,
 * the next yield or wait throws its reason: the work stops at its next slice boundary.
 */
export function sliceBudget({ sliceMs = SLICE_MS, signal }: { sliceMs?: number; signal?: AbortSignal } = {}): MeteredBudget {
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
      signal?.throwIfAborted();
      open();
    },
    async wait<T>(pending: Promise<T>): Promise<T> {
      close();
      let answer: T;
      try {
        answer = await pending;
      } finally {
        signal?.throwIfAborted();
        open();
      }
      return answer;
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
export async function whenIdle(
  doc: Document,
  {
    signal,
    idleWaitMs = 1500,
    loadWaitMs = 3000,
    settleMs = 50,
  }: { signal: AbortSignal; idleWaitMs?: number; loadWaitMs?: number; settleMs?: number },
): Promise<void> {
  if (doc.readyState !== 'complete') {
    await abortable(signal, (done, cleanup) => {
      const timer = setTimeout(done, loadWaitMs);
      doc.defaultView?.addEventListener('load', done, { once: true, signal });
      cleanup(() => clearTimeout(timer));
    });
  }
  // A moment after load: the frames that show the loaded page, and the page's own after-load work, go first.
  await abortable(signal, (done, cleanup) => {
    const timer = setTimeout(done, settleMs);
    cleanup(() => clearTimeout(timer));
  });
  await abortable(signal, (done, cleanup) => {
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(done, { timeout: idleWaitMs });
      cleanup(() => cancelIdleCallback(handle));
    } else {
      const timer = setTimeout(done, 50);
      cleanup(() => clearTimeout(timer));
    }
  });
}

/**
 * A wait that ends when `start` calls `done`, or rejects with the signal's reason when it aborts;
 * either way the timer or callback `start` registered (through `cleanup`) is cancelled.
 */
function abortable(signal: AbortSignal, start: (done: () => void, cleanup: (undo: () => void) => void) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    signal.throwIfAborted();
    let undo = (): void => {};
    const onAbort = (): void => {
      undo();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    start(
      () => {
        signal.removeEventListener('abort', onAbort);
        undo();
        resolve();
      },
      (cleanup) => {
        undo = cleanup;
      },
    );
  });
}
