/**
 * The background's own timings, for the benchmark's start-up breakdown (bench/whole-cpu.ts reads
 * them from the service worker). User-timing entries are kept by the engine until cleared, so a
 * background that stays awake for hours keeps only the latest few hundred.
 */
const KEEP = 400;
let recorded = 0;

export function mark(name: string): void {
  performance.mark(`summit-lens:${name}`);
}

/** Runs `work` and records how long it took as a measure named `summit-lens:<name>`. */
export function timed<T>(name: string, work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    performance.measure(`summit-lens:${name}`, { start, end: performance.now() });
    if (++recorded > KEEP) {
      recorded = 0;
      performance.clearMeasures();
    }
  }
}

/** The same for work that finishes later. */
export async function timedAsync<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    performance.measure(`summit-lens:${name}`, { start, end: performance.now() });
    if (++recorded > KEEP) {
      recorded = 0;
      performance.clearMeasures();
    }
  }
}
