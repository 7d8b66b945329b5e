/**
 * `npm run corpus` (after `npm run build`): every page of the 130-page corpus (`-- --corpus DIR`,
 * SUMMIT_LENS_CORPUS, or ../shared/corpus/pages; see harness/corpus-pages.ts), scripts stripped,
 * on loopback, external requests refused, checked with and without the extension (see
 * harness/corpus-check.ts). Prints a summary and exits 1 if any page fails a check.
 * `-- --pages NAME` limits the run to pages whose name contains NAME; `-- --browser firefox` runs
 * it in Firefox ESR instead of Chromium.
 * `-- --highlights` only loads each page with the extension as a reader has it and counts the
 * pages with any highlight, listing what each shows (the relevance measure; faster, no checks).
 * With `-- --corpus DIR` it reads other pages, such as the eval sets composed into pages
 * (`npm run eval -- --pages --write DIR`).
 */
import { BROWSERS, launchLensBrowser, type BrowserName } from '../harness/driver.ts';
import { checkPage, pageHighlights, type PageCheck, type PageHighlights } from '../harness/corpus-check.ts';
import { fullCorpusOrExit } from '../harness/corpus-pages.ts';
import { startServer } from '../harness/server.ts';

const filterAt = process.argv.indexOf('--pages');
const filter = filterAt > 0 ? process.argv[filterAt + 1] : undefined;
const browserAt = process.argv.indexOf('--browser');
const browserName = (browserAt > 0 ? process.argv[browserAt + 1] : 'chromium') as BrowserName;
if (!BROWSERS.includes(browserName)) {
  console.error(`--browser must be one of ${BROWSERS.join(', ')}`);
  process.exit(2);
}
const corpus = fullCorpusOrExit('npm run corpus');
const pages = corpus.pages.filter((page) => !filter || page.name.includes(filter));
if (pages.length === 0) {
  console.error(`No corpus page in ${corpus.dir} matches "${filter}"`);
  process.exit(2);
}

const server = await startServer({ corpus: corpus.pages });

if (process.argv.includes('--highlights')) {
  const lensOnly = await launchLensBrowser(browserName);
  const seen: PageHighlights[] = [];
  try {
    for (const { name } of pages) {
      seen.push(await pageHighlights(name, server.url(`/corpus/${name}.html`), lensOnly));
      if (seen.length % 10 === 0) console.error(`… ${seen.length}/${pages.length}`);
    }
  } finally {
    await lensOnly.close();
    await server.close();
  }
  const lit = seen.filter((p) => p.texts.length > 0);
  console.log(`Highlights (${browserName}, ${corpus.dir}): ${lit.length} of ${seen.length} pages with any highlight`);
  for (const p of lit) {
    const counts = new Map<string, number>();
    for (const text of p.texts) counts.set(text, (counts.get(text) ?? 0) + 1);
    const shown = [...counts].map(([text, n]) => (n > 1 ? `${text} ×${n}` : text)).join(', ');
    console.log(`  ${p.page}: ${p.texts.length} — ${shown.length > 200 ? `${shown.slice(0, 200)}…` : shown}`);
  }
  const unfinished = seen.filter((p) => !p.finished);
  if (unfinished.length) console.log(`  never finished annotating: ${unfinished.map((p) => p.page).join(', ')}`);
  process.exit(unfinished.length ? 1 : 0);
}

const lens = await launchLensBrowser(browserName);
const bare = await launchLensBrowser(browserName, { withExtension: false });
const controller = await lens.openExtensionPage('popup.html');
const results: PageCheck[] = [];
const started = Date.now();
try {
  for (const { name } of pages) {
    results.push(await checkPage(name, server.url(`/corpus/${name}.html`), lens, bare, controller));
    if (results.length % 10 === 0) console.error(`… ${results.length}/${pages.length}`);
  }
} finally {
  await lens.close();
  await bare.close();
  await server.close();
}

const failed = results.filter((r) => r.failures.length);
const withMentions = results.filter((r) => r.mentions > 0);
console.log(`Corpus run (${browserName}, ${corpus.dir}): ${results.length} pages in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`  pages with mentions: ${withMentions.length} (${withMentions.reduce((n, r) => n + r.mentions, 0)} highlights in all)`);
const checks = [
  'uncaught errors',
  'body text changed',
  'page DOM changed',
  'layout shifted',
  'highlights stayed after switching off',
  'DOM not as it was after switching off',
  'requests the extension added',
  'never finished annotating',
];
for (const check of checks)
  console.log(`  ${check.padEnd(40)} ${results.filter((r) => r.failures.some((f) => f.startsWith(check))).length} pages`);
console.log(`  failures: ${failed.length}`);
for (const r of failed) console.log(`  ✗ ${r.page}: ${r.failures.join('; ')}`);
process.exitCode = failed.length ? 1 : 0;
