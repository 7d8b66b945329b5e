/**
 * The pack part of the benchmark: what a large imported pack (bench/generated-pack.ts, 10,000
 * entities, 50,000 aliases) costs, measured beside the bundled pack alone in the same run:
 * - importing it in the Packs view: time to usable, the view's peak JS heap, what it stores;
 * - pages without mentions: the extension's main-thread time with the bundled pack alone and with
 *   both (the target: a ratio of at most 1.2);
 * - the extension's whole cost per page: its main-thread time plus the background's work for the
 *   page (the page's wait for the background's answer, when the page asks);
 * - the background woken from stopped to its first answer, with and without the large pack.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { importPackInView } from '../harness/page-helpers.ts';
import { launchChromium, stopServiceWorkers, wrapPlaywrightPage, type ExtensionBrowser } from '../harness/chromium.ts';
import type { TestServer } from '../harness/server.ts';
import { writePackFile } from '../src/core/packs/file.ts';
import { generatedPack } from './generated-pack.ts';
import { lensSample, settle } from './measure.ts';
import { median } from './stats.ts';

export interface PacksReport {
  pack: { entities: number; aliases: number; fileKB: number };
  import: { usableMs: number; peakHeapMB: number; storedMB: number; pageTablesKB: number; pageRestsKB: number };
  quiet: { pages: number; bundledMs: number; bothMs: number; ratio: number; worstRatio: number };
  wholeCost: { quietMs: { bundled: number; both: number }; mentionsMs: { bundled: number; both: number } };
  wakeMs: { bundled: number; both: number };
}

/** The page's wait for the background's answers (0 when it asked nothing). */
const findWaitMs = (page: Page): Promise<number> =>
  page.evaluate(() => performance.getEntriesByName('summit-lens:find').reduce((n, e) => n + e.duration, 0));

async function importLarge(browser: ExtensionBrowser, file: { name: string; bytes: Uint8Array }): Promise<PacksReport['import']> {
  const viewPage = await browser.context.newPage();
  await viewPage.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const view = await wrapPlaywrightPage(browser.context, viewPage);
  const cdp = await browser.context.newCDPSession(viewPage);
  await cdp.send('Performance.enable');
  const usage = (): Promise<number> => viewPage.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  const before = await usage();
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const { metrics } = await cdp.send('Performance.getMetrics');
      peak = Math.max(peak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
      await new Promise((ok) => setTimeout(ok, 50));
    }
  })();
  const t0 = performance.now();
  const said = await importPackInView(view, file);
  const usableMs = performance.now() - t0;
  sampling = false;
  await sampler;
  if (!said.includes('Imported')) throw new Error(`the large pack did not import: ${said}`);
  const storedMB = ((await usage()) - before) / 1024 / 1024;
  const [pageTablesKB, pageRestsKB] = await viewPage.evaluate(async () => [
    (await chrome.storage.local.getBytesInUse('pageTables')) / 1024,
    (await chrome.storage.local.getBytesInUse('pageTableRests')) / 1024,
  ]);
  await viewPage.close();
  return { usableMs, peakHeapMB: peak / 1024 / 1024, storedMB, pageTablesKB: pageTablesKB!, pageRestsKB: pageRestsKB! };
}

export async function benchPacks({
  server,
  extensionDir,
  quietUrls,
  mentionUrls,
  runs,
}: {
  server: TestServer;
  extensionDir: string;
  quietUrls: string[];
  mentionUrls: string[];
  runs: number;
}): Promise<PacksReport> {
  const pack = generatedPack();
  const bytes = await writePackFile(pack);
  const profile = mkdtempSync(join(tmpdir(), 'summit-lens-bench-packs-'));
  const bundled = await launchChromium({ extensionDir });
  const both = await launchChromium({ extensionDir, profileDir: profile });
  try {
    const imported = await importLarge(both, { name: 'generated.slpack', bytes });
    const sample = async (browser: ExtensionBrowser, url: string): Promise<{ busy: number; find: number } | undefined> => {
      const page = await browser.context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      const lens = await lensSample(page);
      const find = lens ? await findWaitMs(page) : NaN;
      await settle(page);
      await page.close();
      return lens ? { busy: lens.busyMs, find } : undefined;
    };
    const perPage = async (urls: string[]) => {
      const rows: { bundled: { busy: number; find: number }; both: { busy: number; find: number } }[] = [];
      for (const url of urls) {
        const a: { busy: number; find: number }[] = [];
        const b: { busy: number; find: number }[] = [];
        for (let run = 0; run < runs; run++) {
          const x = await sample(bundled, url);
          const y = await sample(both, url);
          if (x) a.push(x);
          if (y) b.push(y);
        }
        const mid = (list: { busy: number; find: number }[]) => ({
          busy: median(list.map((s) => s.busy)),
          find: median(list.map((s) => s.find)),
        });
        rows.push({ bundled: mid(a), both: mid(b) });
      }
      return rows;
    };
    const quiet = await perPage(quietUrls);
    const mentions = await perPage(mentionUrls);
    const wake = async (browser: ExtensionBrowser): Promise<number> => {
      const times: number[] = [];
      for (let run = 0; run < runs; run++) {
        const page = await browser.context.newPage();
        await stopServiceWorkers(browser.context, page);
        await page.goto(server.url('/demo/article.html'), { waitUntil: 'load' });
        await lensSample(page);
        times.push(await findWaitMs(page));
        await page.close();
      }
      return median(times);
    };
    const ratios = quiet.map((r) => r.both.busy / r.bundled.busy).filter(Number.isFinite);
    return {
      pack: {
        entities: pack.entities.length,
        aliases: pack.entities.reduce((n, e) => n + e.aliases.length, 0),
        fileKB: bytes.length / 1024,
      },
      import: imported,
      quiet: {
        pages: quiet.length,
        bundledMs: median(quiet.map((r) => r.bundled.busy)),
        bothMs: median(quiet.map((r) => r.both.busy)),
        ratio: median(quiet.map((r) => r.both.busy)) / median(quiet.map((r) => r.bundled.busy)),
        worstRatio: Math.max(...ratios),
      },
      wholeCost: {
        quietMs: {
          bundled: median(quiet.map((r) => r.bundled.busy + r.bundled.find)),
          both: median(quiet.map((r) => r.both.busy + r.both.find)),
        },
        mentionsMs: {
          bundled: median(mentions.map((r) => r.bundled.busy + r.bundled.find)),
          both: median(mentions.map((r) => r.both.busy + r.both.find)),
        },
      },
      wakeMs: { bundled: await wake(bundled), both: await wake(both) },
    };
  } finally {
    await bundled.close();
    await both.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The pack part's lines of the report. */
export function printPacks(r: PacksReport): { name: string; met: boolean; figure: string }[] {
  console.log(
    `\nA large pack (${r.pack.entities.toLocaleString('en')} entities, ${r.pack.aliases.toLocaleString('en')} aliases, ${r.pack.fileKB.toFixed(0)} KB file):`,
  );
  console.log(
    `  import: usable after ${r.import.usableMs.toFixed(0)} ms; Packs view peak JS heap ${r.import.peakHeapMB.toFixed(0)} MB; stored ${r.import.storedMB.toFixed(1)} MB (IndexedDB and extension storage), of which the pages' tables ${r.import.pageTablesKB.toFixed(0)} KB read by every page and ${r.import.pageRestsKB.toFixed(0)} KB read where the first look opens`,
  );
  console.log(
    `  ${r.quiet.pages} pages without mentions: extension main thread median ${r.quiet.bundledMs.toFixed(2)} ms with the bundled pack alone, ${r.quiet.bothMs.toFixed(2)} ms with the large pack too (ratio ${r.quiet.ratio.toFixed(2)}, worst page ${r.quiet.worstRatio.toFixed(2)})`,
  );
  console.log(
    `  whole cost per page (page main thread + the background's work for it): quiet ${r.wholeCost.quietMs.bundled.toFixed(1)} → ${r.wholeCost.quietMs.both.toFixed(1)} ms; with mentions ${r.wholeCost.mentionsMs.bundled.toFixed(1)} → ${r.wholeCost.mentionsMs.both.toFixed(1)} ms`,
  );
  console.log(
    `  background stopped → first answer on the demo article: ${r.wakeMs.bundled.toFixed(0)} ms bundled alone, ${r.wakeMs.both.toFixed(0)} ms with the large pack`,
  );
  return [
    {
      name: 'large pack: pages without mentions, bundled + large / bundled alone ≤ 1.2 (medians)',
      met: r.quiet.ratio <= 1.2,
      figure: `${r.quiet.ratio.toFixed(2)} (${r.quiet.bundledMs.toFixed(2)} → ${r.quiet.bothMs.toFixed(2)} ms)`,
    },
  ];
}
