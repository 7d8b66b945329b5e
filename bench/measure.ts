/**
 * What one page load costs, measured in the page and through the DevTools protocol: the floor (the
 * least any content script could spend), the extension's own metered time, the protocol's task
 * time and heap, and the first scan's figures. No printing here: see report.ts.
 */
import type { BrowserContext, Page } from 'playwright-core';

export interface PageRow {
  page: string;
  htmlKB: number;
  textKB: number;
  candidates: number;
  mentions: number;
  floorMs: number;
  lensMs: number;
  lensOverFloor: number;
  taskDeltaMs: number;
  longestMs: number;
  longTaskMs: number;
  slices: number;
  loadToDrawnMs: number;
  heapDeltaKB: number;
  naiveMs: number;
  naiveOverLens: number;
}

export async function metrics(page: Page, context: BrowserContext): Promise<{ task: number; heap: number }> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const get = (name: string): number => list.find((m) => m.name === name)?.value ?? NaN;
  return { task: get('TaskDuration') * 1000, heap: get('JSHeapUsedSize') };
}

/** The floor, run in the page: walk every text node once, join, one regex pass over all aliases. */
export function floorInPage({ source, flags }: { source: string; flags: string }): { ms: number; chars: number; text: string } {
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) parts.push((n as Text).data);
  // The same single-pass form the extension uses: the aliases' pattern over the lower-cased text.
  const text = parts.join('\n').toLowerCase();
  const re = new RegExp(source, flags);
  while (re.exec(text));
  return { ms: performance.now() - t0, chars: text.length, text: document.body.innerText };
}

export interface LensSample {
  /** Main-thread tasks of 50 ms or more after load (the page's scripts are stripped, so these are the extension's and the rendering it causes). */
  longTaskMs: number;
  busyMs: number;
  longestMs: number;
  slices: number;
  candidates: number;
  mentions: number;
  loadToDrawnMs: number;
}

export async function lensSample(page: Page): Promise<LensSample | undefined> {
  try {
    await page.waitForFunction(() => performance.getEntriesByName('summit-lens:annotate').length > 0, undefined, { timeout: 20_000 });
  } catch {
    return undefined;
  }
  await page.waitForTimeout(100);
  return page.evaluate(() => {
    const m = performance.getEntriesByName('summit-lens:annotate')[0] as PerformanceMeasure;
    // The build before the metering (the baseline) reports no busy time: NaN keeps it out of medians.
    const d = { busyMs: NaN, longestMs: NaN, slices: NaN, ...(m.detail as object) } as {
      busyMs: number;
      longestMs: number;
      slices: number;
      candidates: number;
      mentions: number;
    };
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const longTasks = (
      (globalThis as { __summitLensLongTasks?: { startTime: number; duration: number }[] }).__summitLensLongTasks ?? []
    ).filter((t) => t.startTime >= nav.loadEventEnd);
    return {
      ...d,
      loadToDrawnMs: m.startTime + m.duration - nav.loadEventEnd,
      longTaskMs: Math.max(0, ...longTasks.map((t) => t.duration)),
    };
  });
}

/** After a page's load: its after-load work settles before the next measure. */
export const settle = (page: Page): Promise<void> => page.waitForTimeout(250);
