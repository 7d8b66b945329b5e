/** `npm run bench:compare`: the last `npm run bench` (bench/results.json) against bench/baseline.json, side by side. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface Summary {
  quiet: { medianLensOverFloor: number; maxLensOverFloor: number; medianHeapDeltaKB: number; medianTaskDeltaMs: number };
  withMentions: { medianLensOverFloor: number; maxLensOverFloor: number; medianTaskDeltaMs: number };
  longestTaskMs: number;
  longestObservedLongTaskMs: number;
  demo: { coldDrawnMs: number; warmDrawnMs: number };
  cardPaintMs: { median: number; max: number };
  bytes: { contentScript: number; onDemandCardUi: number };
}

const read = (file: string): { summary: Summary; runs: number } | undefined => {
  try {
    return JSON.parse(readFileSync(resolve(import.meta.dirname, file), 'utf8'));
  } catch {
    return undefined;
  }
};
const now = read('results.json');
const before = read('baseline.json');
if (!now || !before) {
  console.error('Needs bench/results.json (npm run bench) and bench/baseline.json.');
  process.exit(2);
}
const f = (x: number | undefined, digits = 1): string => (x === undefined || x === null || !Number.isFinite(x) ? '–' : x.toFixed(digits));
const rows: [string, number | undefined, number | undefined, number?][] = [
  ['no-mention pages: median ΔTaskDuration (ms)', before.summary.quiet.medianTaskDeltaMs, now.summary.quiet.medianTaskDeltaMs],
  [
    'pages with mentions: median ΔTaskDuration (ms)',
    before.summary.withMentions.medianTaskDeltaMs,
    now.summary.withMentions.medianTaskDeltaMs,
  ],
  ['no-mention pages: median lens/floor', before.summary.quiet.medianLensOverFloor, now.summary.quiet.medianLensOverFloor, 2],
  ['no-mention pages: max lens/floor', before.summary.quiet.maxLensOverFloor, now.summary.quiet.maxLensOverFloor, 2],
  [
    'pages with mentions: median lens/floor',
    before.summary.withMentions.medianLensOverFloor,
    now.summary.withMentions.medianLensOverFloor,
    2,
  ],
  ['pages with mentions: max lens/floor', before.summary.withMentions.maxLensOverFloor, now.summary.withMentions.maxLensOverFloor, 2],
  ['longest long task after load (ms)', before.summary.longestObservedLongTaskMs, now.summary.longestObservedLongTaskMs, 0],
  ['no-mention pages: median heap added (KB)', before.summary.quiet.medianHeapDeltaKB, now.summary.quiet.medianHeapDeltaKB, 0],
  ['demo article: highlights after load, warm (ms)', before.summary.demo.warmDrawnMs, now.summary.demo.warmDrawnMs, 0],
  ['demo article: highlights after load, cold (ms)', before.summary.demo.coldDrawnMs, now.summary.demo.coldDrawnMs, 0],
  ['card painted after intent, median (ms)', before.summary.cardPaintMs.median, now.summary.cardPaintMs.median],
  ['content script (KB)', before.summary.bytes.contentScript / 1024, now.summary.bytes.contentScript / 1024],
];
console.log(`${'measure'.padEnd(50)} ${'baseline'.padStart(10)} ${'now'.padStart(10)}`);
for (const [name, a, b, digits] of rows) console.log(`${name.padEnd(50)} ${f(a, digits).padStart(10)} ${f(b, digits).padStart(10)}`);
console.log(
  `(baseline: ${before.runs} run(s) per page; now: ${now.runs}. The baseline build had no metered slices, so its lens/floor is blank.)`,
);
