/** The benchmark's summary, its targets, and the table it prints (measure.ts takes the figures). */
import type { PageRow } from './measure.ts';
import { median } from './stats.ts';

export interface Extra {
  coldDrawnMs: number;
  warmDrawnMs: number;
  cardPaintMs: number[];
  contentBytes: number;
  cssBytes: number;
  onDemandBytes: number;
  offMachine: string[];
}

function fmtRow(r: PageRow): string {
  const n = (x: number, d = 1): string => (Number.isFinite(x) ? x.toFixed(d) : '–');
  return [
    r.page.slice(0, 34).padEnd(34),
    n(r.htmlKB, 0).padStart(6),
    n(r.textKB, 0).padStart(5),
    String(r.mentions).padStart(5),
    n(r.floorMs).padStart(7),
    n(r.lensMs).padStart(7),
    n(r.lensOverFloor, 2).padStart(6),
    n(r.taskDeltaMs).padStart(8),
    n(r.longestMs).padStart(7),
    n(r.loadToDrawnMs, 0).padStart(7),
    n(r.heapDeltaKB, 0).padStart(7),
    n(r.naiveMs, 0).padStart(7),
    n(r.naiveOverLens, 0).padStart(6),
  ].join(' ');
}

const HEADER = [
  'page'.padEnd(34),
  'htmlKB'.padStart(6),
  'txtKB'.padStart(5),
  'ment.'.padStart(5),
  'floor'.padStart(7),
  'lens'.padStart(7),
  'l/f'.padStart(6),
  'ΔtaskMs'.padStart(8),
  'longest'.padStart(7),
  'drawnMs'.padStart(7),
  'ΔheapKB'.padStart(7),
  'naive'.padStart(7),
  'n/l'.padStart(6),
].join(' ');

export function summarize(rows: PageRow[], extra: Extra, runs: number) {
  const quiet = rows.filter((r) => r.mentions === 0);
  const busy = rows.filter((r) => r.mentions > 0);
  const max = (xs: number[]): number => Math.max(...xs.filter(Number.isFinite));
  const summary = {
    pages: rows.length,
    pagesWithoutMentions: quiet.length,
    pagesWithMentions: busy.length,
    quiet: {
      medianLensOverFloor: median(quiet.map((r) => r.lensOverFloor)),
      maxLensOverFloor: max(quiet.map((r) => r.lensOverFloor)),
      pagesOver: quiet.filter((r) => r.lensOverFloor > 1.5).length,
      medianTaskDeltaMs: median(quiet.map((r) => r.taskDeltaMs)),
      medianHeapDeltaKB: median(quiet.map((r) => r.heapDeltaKB)),
      maxHeapDeltaKB: max(quiet.map((r) => r.heapDeltaKB)),
    },
    withMentions: {
      medianLensOverFloor: median(busy.map((r) => r.lensOverFloor)),
      maxLensOverFloor: max(busy.map((r) => r.lensOverFloor)),
      pagesOver: busy.filter((r) => r.lensOverFloor > 3).length,
      medianNaiveOverLens: median(busy.map((r) => r.naiveOverLens)),
      medianTaskDeltaMs: median(busy.map((r) => r.taskDeltaMs)),
    },
    longestTaskMs: max(rows.map((r) => r.longestMs)),
    longestObservedLongTaskMs: Math.max(0, ...rows.map((r) => r.longTaskMs)),
    demo: { coldDrawnMs: extra.coldDrawnMs, warmDrawnMs: extra.warmDrawnMs },
    cardPaintMs: { median: median(extra.cardPaintMs), max: max(extra.cardPaintMs), samples: extra.cardPaintMs },
    bytes: { contentScript: extra.contentBytes, contentCss: extra.cssBytes, onDemandCardUi: extra.onDemandBytes },
    offMachineRequests: extra.offMachine,
  };
  const targets = [
    [
      'no-mention pages: lens/floor ≤ 1.5 (median; max shown)',
      summary.quiet.medianLensOverFloor <= 1.5,
      `${summary.quiet.medianLensOverFloor.toFixed(2)} (max ${summary.quiet.maxLensOverFloor.toFixed(2)}; ${summary.quiet.pagesOver} of ${quiet.length} pages over 1.5)`,
    ],
    [
      'no-mention pages: JS heap added ≤ 1 MB (median; max shown)',
      summary.quiet.medianHeapDeltaKB <= 1024,
      `${summary.quiet.medianHeapDeltaKB.toFixed(0)} KB (max ${summary.quiet.maxHeapDeltaKB.toFixed(0)} KB)`,
    ],
    [
      'pages with mentions: lens/floor ≤ 3 (median; max shown)',
      summary.withMentions.medianLensOverFloor <= 3,
      `${summary.withMentions.medianLensOverFloor.toFixed(2)} (max ${summary.withMentions.maxLensOverFloor.toFixed(2)}; ${summary.withMentions.pagesOver} of ${busy.length} pages over 3)`,
    ],
    [
      'no extension task over 50 ms on any page',
      summary.longestTaskMs <= 50 && summary.longestObservedLongTaskMs === 0,
      `longest slice ${summary.longestTaskMs.toFixed(1)} ms; long tasks after load: ${summary.longestObservedLongTaskMs.toFixed(0)} ms`,
    ],
    ['demo article: highlights ≤ 300 ms after load, warm', summary.demo.warmDrawnMs <= 300, `${summary.demo.warmDrawnMs.toFixed(0)} ms`],
    ['demo article: highlights ≤ 1 s after load, cold', summary.demo.coldDrawnMs <= 1000, `${summary.demo.coldDrawnMs.toFixed(0)} ms`],
    [
      'card painted ≤ 16 ms after the intent deadline (median; max shown)',
      summary.cardPaintMs.median <= 16,
      `${summary.cardPaintMs.median.toFixed(1)} ms (max ${summary.cardPaintMs.max.toFixed(1)} ms)`,
    ],
    [
      'content script ≤ 40 KB minified',
      extra.contentBytes <= 40 * 1024,
      `${(extra.contentBytes / 1024).toFixed(1)} KB (+ ${(extra.cssBytes / 1024).toFixed(1)} KB CSS; ${(extra.onDemandBytes / 1024).toFixed(1)} KB card on demand)`,
    ],
    [
      'no request leaves the machine (the extension adds none to the pages’ own, all refused)',
      extra.offMachine.length === 0,
      `${extra.offMachine.length} added`,
    ],
  ] as const;

  console.log(`\nSummit Lens page-cost benchmark — ${rows.length} pages, ${runs} runs each, medians (ms unless marked)`);
  console.log('lens = extension main-thread time; l/f = lens/floor; ΔtaskMs = DevTools TaskDuration with − without; n/l = naive/lens\n');
  console.log(HEADER);
  console.log('All pages, summarized:');
  console.log(
    `  ${quiet.length} pages without mentions: lens/floor median ${summary.quiet.medianLensOverFloor.toFixed(2)}, max ${summary.quiet.maxLensOverFloor.toFixed(2)}; heap added median ${summary.quiet.medianHeapDeltaKB.toFixed(0)} KB`,
  );
  console.log(
    `  ${busy.length} pages with mentions: lens/floor median ${summary.withMentions.medianLensOverFloor.toFixed(2)}, max ${summary.withMentions.maxLensOverFloor.toFixed(2)}; naive/lens median ${summary.withMentions.medianNaiveOverLens.toFixed(0)}`,
  );
  console.log(
    `  longest extension slice ${summary.longestTaskMs.toFixed(1)} ms; longest main-thread task after load seen by a longtask observer ${summary.longestObservedLongTaskMs.toFixed(0)} ms (0: none over 50 ms); card painted ${summary.cardPaintMs.median.toFixed(1)} ms after intent (median)`,
  );
  console.log('\nWorst ten by lens/floor:');
  for (const r of [...rows].sort((a, b) => b.lensOverFloor - a.lensOverFloor).slice(0, 10)) console.log(fmtRow(r));
  console.log('\nThe demo article and the dense page:');
  for (const r of rows.filter((x) => x.page.startsWith('['))) console.log(fmtRow(r));
  console.log('\nTargets:');
  for (const [name, met, figure] of targets) console.log(`  ${met ? 'MET    ' : 'NOT MET'}  ${name}: ${figure}`);
  console.log('\n`npm run bench:compare` sets this run beside bench/baseline.json (the build before the performance work).');
  return {
    summary,
    targets: targets.map(([name, met, figure]): { name: string; met: boolean; figure: string } => ({ name, met, figure })),
  };
}
