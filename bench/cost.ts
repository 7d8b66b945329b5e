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
const profiles = [profileDir(), profileDir(), profileDir(), profileDir()];
const variants: Variant[] = [
  { name: 'none', profile: profiles[0]!, browser: await launchChromium({ withExtension: false, profileDir: profiles[0]! }) },
  { name: 'floor', profile: profiles[1]!, browser: await launchChromium({ extensionDir: floorDir, profileDir: profiles[1]! }) },
  { name: 'lens warm', profile: profiles[2]!, browser: await launchChromium({ extensionDir: EXTENSION, profileDir: profiles[2]! }) },
];
const cold: Variant = {
  name: 'lens cold',
  profile: profiles[3]!,
  browser: await launchChromium({ extensionDir: EXTENSION, profileDir: profiles[3]! }),
};
cold.before = (page) => stopServiceWorker(cold, page);
variants.push(cold);
try {
  const rows = await wholeCpu(pages, variants, RUNS);
  console.log(`\nWhole CPU per page load, every browser process, ms (medians of ${RUNS}; added = minus "none"):`);
  console.log(`${'page'.padEnd(26)} ${'none'.padStart(8)} ${'floor +'.padStart(9)} ${'warm +'.padStart(9)} ${'cold +'.padStart(9)}`);
  for (const r of rows) {
    const add = (v: string) => (r.cpuMs[v]! - r.cpuMs.none!).toFixed(0).padStart(9);
    console.log(`${r.page.padEnd(26)} ${r.cpuMs.none!.toFixed(0).padStart(8)} ${add('floor')} ${add('lens warm')} ${add('lens cold')}`);
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
  cleanUp([floorDir, ...profiles]);
}
