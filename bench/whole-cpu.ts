/**
 * The extension's whole cost to the reader's machine: CPU time of every process of the browser
 * (browser, renderers, GPU, utilities, the extension's service worker) added by loading a page,
 * against the same browser with no extension and with a floor extension (a content script that
 * walks the text once and runs one regular expression over every alias: the least any such tool
 * could do; and the same floor handing a page with a name on it to its stopped service worker,
 * the least any design that reads in the background could do), in the same run. Summit Lens is
 * measured with its background woken from stopped (cold, as after 30 s idle) and already running
 * (warm). Linux: per-thread CPU time from
 * /proc/<pid>/task/<tid>/schedstat (nanoseconds), summed over the browser's process tree.
 * Also the background's start-up breakdown, from its own user timings (src/core/timing.ts).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, stopServiceWorkers, type ExtensionBrowser } from '../harness/chromium.ts';
import { bundledPack } from '../src/core/packs/bundled.ts';
import { floorPattern } from './floor-pattern.ts';
import { median } from './stats.ts';

/** After load, every variant gets the same window of time before its CPU is read. */
const WINDOW_MS = 2_500;

function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** pid → parent pid, for every process. */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readOr(`/proc/${name}/stat`);
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[1]) map.set(Number(name), Number(fields[1]));
  }
  return map;
}

/** The browser launched with this profile, and every process under it. */
function browserProcesses(profile: string): number[] {
  const tree = parents();
  const roots = [...tree.keys()].filter((pid) => readOr(`/proc/${pid}/cmdline`).split('\0').includes(`--user-data-dir=${profile}`));
  const inTree = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, parent] of tree) {
      if (!inTree.has(pid) && inTree.has(parent)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  return [...inTree];
}

/** CPU time of each of the browser's threads so far, in ns. */
function cpuByThread(profile: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of browserProcesses(profile)) {
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const ns = Number(readOr(`/proc/${pid}/task/${tid}/schedstat`).split(' ')[0]);
      if (Number.isFinite(ns)) out.set(`${pid}/${tid}`, ns);
    }
  }
  return out;
}

/** ms of CPU the browser's threads spent between two readings (threads born in between count whole). */
function spentMs(before: Map<string, number>, after: Map<string, number>): number {
  let ns = 0;
  for (const [thread, now] of after) ns += now - (before.get(thread) ?? 0);
  return ns / 1e6;
}

/**
 * A content script doing the floor's work, as a built extension in a folder. With `wake`, a page
 * where the expression found something also hands its text to the service worker, which answers
 * with its length: what any design that reads in the background pays at the least (the worker
 * woken, its script run, the text sent there and an answer back), before it reads a word.
 */
export function floorExtension({ wake = false }: { wake?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'summit-lens-floor-ext-'));
  const pattern = floorPattern(bundledPack().entities);
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: wake ? 'Floor that wakes its worker' : 'Floor',
      version: '1.0.0',
      // The harness waits for an extension's service worker; the plain floor's does nothing.
      background: { service_worker: 'bg.js' },
      content_scripts: [{ matches: ['http://*/*'], js: ['content.js'], run_at: 'document_idle' }],
    }),
  );
  writeFileSync(
    join(dir, 'bg.js'),
    wake ? 'chrome.runtime.onMessage.addListener((message, sender, reply) => { reply({ length: message.text.length }); });' : '',
  );
  writeFileSync(
    join(dir, 'content.js'),
    `(() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const parts = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) parts.push(n.data);
  const text = parts.join('\\n');
  const folded = text.toLowerCase();
  const re = new RegExp(${JSON.stringify(pattern.source)}, ${JSON.stringify(pattern.flags)});
  let found = 0;
  while (re.exec(folded)) found++;
  document.documentElement.dataset.floorFound = String(found);
  ${wake ? 'if (found) chrome.runtime.sendMessage({ text }).then((answer) => { document.documentElement.dataset.floorWoke = String(answer.length); });' : ''}
})();`,
  );
  return dir;
}

export interface Variant {
  name: string;
  browser: ExtensionBrowser;
  profile: string;
  /** Called before each load (the cold background is stopped here). */
  before?: (page: Page) => Promise<void>;
}

/** Stop the extension's service worker, as the browser does after 30 s idle, and let it wind down. */
export async function stopServiceWorker(variant: Variant, page: Page): Promise<void> {
  await stopServiceWorkers(variant.browser.context, page);
  await page.waitForTimeout(300);
}

/**
 * ms from the page's load to the lens's first highlights (an early answer's, if the background
 * gave one: see FindOptions.early) and to the end of its first scan's drawing, if it drew any.
 */
function drawnAfterLoad(page: Page): Promise<{ first: number; whole: number } | undefined> {
  return page.evaluate(() => {
    const m = performance.getEntriesByName('summit-lens:annotate')[0];
    const early = performance.getEntriesByName('summit-lens:early-drawn')[0];
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    if (!m || !nav) return undefined;
    const whole = m.startTime + m.duration - nav.loadEventEnd;
    return { first: early ? early.startTime - nav.loadEventEnd : whole, whole };
  });
}

/** One load of `url` in `variant`: the CPU all of the browser's processes spent on it, and when the highlights were drawn, in ms. */
async function loadCpu(variant: Variant, url: string): Promise<{ cpuMs: number; drawnMs: { first: number; whole: number } | undefined }> {
  const page = await variant.browser.context.newPage();
  await page.goto('about:blank');
  await variant.before?.(page);
  const before = cpuByThread(variant.profile);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(WINDOW_MS);
  const after = cpuByThread(variant.profile);
  const drawnMs = await drawnAfterLoad(page);
  await page.close();
  return { cpuMs: spentMs(before, after), drawnMs };
}

export interface WholeCpuRow {
  page: string;
  /** Median CPU ms per load, by variant name. */
  cpuMs: Record<string, number>;
  /** Median ms from load to the first highlights and to the whole first drawing, by variant name, where every load drew them. */
  drawnMs: Record<string, { first: number; whole: number }>;
}

export async function wholeCpu(pages: { name: string; url: string }[], variants: Variant[], runs: number): Promise<WholeCpuRow[]> {
  const rows: WholeCpuRow[] = [];
  for (const target of pages) {
    const samples = new Map<string, Awaited<ReturnType<typeof loadCpu>>[]>(variants.map((v) => [v.name, []]));
    // Interleaved, so drift on the machine falls on every variant alike.
    for (let run = 0; run < runs; run++) for (const v of variants) samples.get(v.name)!.push(await loadCpu(v, target.url));
    const drawn = [...samples].flatMap(([name, list]) => {
      const times = list.map((s) => s.drawnMs);
      if (!times.every((t) => t !== undefined)) return [];
      return [[name, { first: median(times.map((t) => t!.first)), whole: median(times.map((t) => t!.whole)) }] as const];
    });
    rows.push({
      page: target.name,
      cpuMs: Object.fromEntries([...samples].map(([name, list]) => [name, median(list.map((s) => s.cpuMs))])),
      drawnMs: Object.fromEntries(drawn),
    });
  }
  return rows;
}

/** The background's own timings since it started: name → ms (marks: since start; measures: duration). */
export async function backgroundTimings(browser: ExtensionBrowser): Promise<Record<string, number>> {
  const worker = browser.context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  if (!worker) return {};
  return worker.evaluate(() => {
    const out: Record<string, number> = {};
    const start = performance.getEntriesByName('summit-lens:bg:start')[0]?.startTime ?? 0;
    for (const e of performance.getEntries()) {
      if (!e.name.startsWith('summit-lens:')) continue;
      const name = e.name.slice('summit-lens:'.length);
      if (e.entryType === 'mark') out[name] = e.startTime - start;
      else out[name] = (out[name] ?? 0) + e.duration;
    }
    out['evaluation (before the first module)'] = start;
    return out;
  });
}

export function profileDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'summit-lens-cpu-profile-'));
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function cleanUp(dirs: string[]): void {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

export { launchChromium };
