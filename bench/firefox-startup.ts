/**
 * `npm run bench:firefox-startup` (after a build): the start-up breakdown of bench:cost in Firefox
 * ESR, whose event page has the same life cycle as Chrome's service worker. WebDriver BiDi cannot
 * suspend an event page and Firefox exposes no per-process CPU to it, so this reads only the
 * background's own timings (src/core/timing.ts): Firefox is launched with a short idle timeout,
 * left until the event page is suspended, then the demo article wakes it. The popup reads the
 * timings from the event page (runtime.getBackgroundPage).
 */
import { launchFirefox } from '../harness/firefox.ts';
import { startServer } from '../harness/server.ts';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(arg('--runs') ?? 3);
const IDLE_MS = 3_000;

const server = await startServer();
const rows: Record<string, number>[] = [];
try {
  for (let run = 0; run < RUNS; run++) {
    // A fresh browser each run: the first wake is the one that loads nlp.js.
    const firefox = await launchFirefox({ backgroundIdleMs: IDLE_MS });
    try {
      const page = await firefox.newPage();
      await page.goto('about:blank');
      // The event page started with the install; let it idle out.
      await new Promise((ok) => setTimeout(ok, IDLE_MS * 2.5));
      const navigated = Date.now();
      await page.goto(server.url('/demo/article.html'));
      await page.waitFor(() => [...CSS.highlights.keys()].some((name) => name.startsWith('summit-lens')), undefined, 20_000);
      const popup = await firefox.openExtensionPage('popup.html');
      const timings = await popup.evaluate(async (since) => {
        const ext = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window | null> } } }).browser;
        const bg = await ext.runtime.getBackgroundPage();
        if (!bg) return {};
        const out: Record<string, number> = {};
        const start = bg.performance.getEntriesByName('summit-lens:bg:start')[0]?.startTime ?? 0;
        for (const e of bg.performance.getEntries()) {
          if (!e.name.startsWith('summit-lens:')) continue;
          const name = e.name.slice('summit-lens:'.length);
          out[name] = e.entryType === 'mark' ? e.startTime - start : (out[name] ?? 0) + e.duration;
        }
        out['evaluation (before the first module)'] = start;
        // Started after the article was asked for: woken by it, not left running since the install.
        out['woken by the article (1 = yes)'] = bg.performance.timeOrigin >= since ? 1 : 0;
        return out;
      }, navigated);
      rows.push(timings);
    } finally {
      await firefox.close();
    }
  }
} finally {
  await server.close();
}
const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
console.log(`\nFirefox ESR: the event page woken from suspended by the demo article (its own timings, ms; ${RUNS} runs, median):`);
for (const name of names) {
  const values = rows
    .map((r) => r[name])
    .filter((v): v is number => v !== undefined)
    .sort((a, b) => a - b);
  const median = values[Math.floor(values.length / 2)] ?? NaN;
  console.log(`  ${name.padEnd(40)} ${median.toFixed(1).padStart(8)}   (${values.map((v) => v.toFixed(0)).join(', ')})`);
}
