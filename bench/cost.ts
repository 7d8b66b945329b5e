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
const profiles = [profileDir(), profileDir(), profileDir(), profileDir(), profileDir(), profileDir()];
const launch = async (name: string, i: number, extensionDir?: string): Promise<Variant> => ({
  name,
  profile: profiles[i]!,
  browser: await launchChromium(
    extensionDir ? { extensionDir, profileDir: profiles[i]! } : { withExtension: false, profileDir: profiles[i]! },
  ),
});
const variants: Variant[] = [
  await launch('none', 0),
  await launch('floor', 1, floorDir),
  // The floor's (empty) service worker stopped before each load just as the lens's cold one is:
  // whatever stopping a worker over DevTools costs falls in both cold columns alike.
  await launch('floor cold', 2, floorDir),
  // The floor that also hands a page with a name on it to its stopped worker: the least a cold
  // story page costs any design that reads in the background.
  await launch('floor wake', 3, wakeDir),
  await launch('lens warm', 4, EXTENSION),
  await launch('lens cold', 5, EXTENSION),
];
const [, , floorCold, floorWake, , cold] = variants as [Variant, Variant, Variant, Variant, Variant, Variant];
floorCold.before = (page) => stopServiceWorker(floorCold, page);
floorWake.before = (page) => stopServiceWorker(floorWake, page);
cold.before = (page) => stopServiceWorker(cold, page);
try {
  const rows = await wholeCpu(pages, variants, RUNS);
  console.log(`\nWhole CPU per page load, every browser process, ms (medians of ${RUNS}; added = minus "none"):`);
  console.log(
    `${'page'.padEnd(26)} ${'none'.padStart(8)} ${'floor +'.padStart(9)} ${'fl.cold +'.padStart(9)} ${'fl.wake +'.padStart(9)} ${'warm +'.padStart(9)} ${'cold +'.padStart(9)}`,
  );
  for (const r of rows) {
    const add = (v: string) => (r.cpuMs[v]! - r.cpuMs.none!).toFixed(0).padStart(9);
    console.log(
      `${r.page.padEnd(26)} ${r.cpuMs.none!.toFixed(0).padStart(8)} ${add('floor')} ${add('floor cold')} ${add('floor wake')} ${add('lens warm')} ${add('lens cold')}`,
    );
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
