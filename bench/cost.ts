/**
 * `npm run bench:cost` (after a build): the whole-CPU table and the background's start-up
 * breakdown (bench/whole-cpu.ts), on its own; `npm run bench` runs it too.
 */
import { join, resolve } from 'node:path';
import { fullCorpusOrExit } from '../harness/corpus-pages.ts';
import { startServer } from '../harness/server.ts';
import {
  backgroundTimings,
  cleanUp,
  floorExtension,
  launchChromium,
  profileDir,
  stopServiceWorker,
  wholeCpu,
  type Variant,
} from './whole-cpu.ts';

const root = resolve(import.meta.dirname, '..');
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const RUNS = Number(arg('--runs') ?? 3);
const EXTENSION = resolve(arg('--extension') ?? join(root, 'dist/chrome'));
const QUIET = (arg('--quiet') ?? '001,rtl-1,qq,la-nacion,aclu').split(',');
const LONG = (arg('--long') ?? 'wikipedia-2,yahoo-2').split(',');

const corpus = fullCorpusOrExit('npm run bench:cost');
const server = await startServer({ corpus: corpus.pages });
const have = new Set(corpus.pages.map((p) => p.name));
const pages = [
  ...QUIET.filter((n) => have.has(n)).map((name) => ({ name: `quiet: ${name}`, url: server.url(`/corpus/${name}.html`) })),
  { name: 'story: demo article', url: server.url('/demo/article.html') },
  ...LONG.filter((n) => have.has(n)).map((name) => ({ name: `long: ${name}`, url: server.url(`/corpus/${name}.html`) })),
];
const floorDir = floorExtension();
const wakeDir = floorExtension({ wake: true });
const profiles: string[] = [];
/** A browser with its own profile; `stopped`: its service worker is stopped before each load. */
const launch = async (name: string, extensionDir?: string, { stopped = false } = {}): Promise<Variant> => {
  const profile = profileDir();
  profiles.push(profile);
  const variant: Variant = {
    name,
    profile,
    browser: await launchChromium(extensionDir ? { extensionDir, profileDir: profile } : { withExtension: false, profileDir: profile }),
  };
  if (stopped) variant.before = (page) => stopServiceWorker(variant, page);
  return variant;
};
const variants: Variant[] = [
  await launch('none'),
  await launch('floor', floorDir),
  // The floor's (empty) service worker stopped before each load just as the lens's cold one is:
  // whatever stopping a worker over DevTools costs falls in both cold columns alike.
  await launch('floor cold', floorDir, { stopped: true }),
  // The floor that also hands a page with a name on it to its stopped worker: the least a cold
  // story page costs any design that reads in the background.
  await launch('floor wake', wakeDir, { stopped: true }),
  await launch('lens warm', EXTENSION),
  await launch('lens cold', EXTENSION, { stopped: true }),
];
const cold = variants.find((v) => v.name === 'lens cold')!;
/** The table's columns after "none": each variant's CPU over the bare browser's. */
const COLUMNS: [heading: string, variant: string][] = [
  ['floor +', 'floor'],
  ['fl.cold +', 'floor cold'],
  ['fl.wake +', 'floor wake'],
  ['warm +', 'lens warm'],
  ['cold +', 'lens cold'],
];
try {
  const rows = await wholeCpu(pages, variants, RUNS);
  console.log(`\nWhole CPU per page load, every browser process, ms (medians of ${RUNS}; added = minus "none"):`);
  console.log(`${'page'.padEnd(26)} ${'none'.padStart(8)} ${COLUMNS.map(([heading]) => heading.padStart(9)).join(' ')}`);
  for (const r of rows) {
    const added = COLUMNS.map(([, v]) => (r.cpuMs[v]! - r.cpuMs.none!).toFixed(0).padStart(9));
    console.log(`${r.page.padEnd(26)} ${r.cpuMs.none!.toFixed(0).padStart(8)} ${added.join(' ')}`);
  }
  console.log(
    "\nHighlights after the page's load, ms (medians; background running / woken from stopped; first: an early answer's, whole: compromise's read too):",
  );
  for (const r of rows) {
    const warm = r.drawnMs['lens warm'];
    const coldDrawn = r.drawnMs['lens cold'];
    if (!warm || !coldDrawn) continue;
    const ms = (n: number): string => n.toFixed(0).padStart(6);
    console.log(
      `${r.page.padEnd(26)} warm first ${ms(warm.first)} whole ${ms(warm.whole)}   cold first ${ms(coldDrawn.first)} whole ${ms(coldDrawn.whole)}`,
    );
  }
  // The start-up breakdown: one more cold load of the demo article, read from the background itself.
  const page = await cold.browser.context.newPage();
  await stopServiceWorker(cold, page);
  await page.goto(server.url('/demo/article.html'), { waitUntil: 'load' });
  await page.waitForFunction(() => performance.getEntriesByName('summit-lens:annotate').length > 0, undefined, { timeout: 20_000 });
  const timings = await backgroundTimings(cold.browser);
  console.log('\nThe background woken cold by the demo article (its own timings, ms):');
  for (const [name, ms] of Object.entries(timings)) console.log(`  ${name.padEnd(40)} ${ms.toFixed(1).padStart(8)}`);
} finally {
  for (const v of variants) await v.browser.close();
  await server.close();
  cleanUp([floorDir, wakeDir, ...profiles]);
}
