/**
 * `npm run corpus` (after `npm run build`): every page of ../shared/corpus/pages, scripts stripped,
 * on loopback, external requests refused, checked with and without the extension (see
 * tests/support/corpus-check.ts). Prints a summary and exits 1 if any page fails a check.
 * `-- --pages NAME` limits the run to pages whose name contains NAME; `-- --browser firefox` runs
 * it in Firefox ESR instead of Chromium.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { BROWSERS, launchLensBrowser, type BrowserName } from '../tests/support/driver';
import { checkPage, type PageCheck } from '../tests/support/corpus-check';
import { startServer } from '../tests/support/server';

const filterAt = process.argv.indexOf('--pages');
const filter = filterAt > 0 ? process.argv[filterAt + 1] : undefined;
const browserAt = process.argv.indexOf('--browser');
const browserName = (browserAt > 0 ? process.argv[browserAt + 1] : 'chromium') as BrowserName;
if (!BROWSERS.includes(browserName)) {
  console.error(`--browser must be one of ${BROWSERS.join(', ')}`);
  process.exit(2);
}
const dir = resolve(import.meta.dirname, '../../shared/corpus/pages');
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.html') && (!filter || f.includes(filter)))
  .sort();
if (names.length === 0) {
  console.error(`No corpus page matches ${filter ? `"${filter}"` : 'in ' + dir}`);
  process.exit(2);
}

const server = await startServer();
const lens = await launchLensBrowser(browserName);
const bare = await launchLensBrowser(browserName, { withExtension: false });
const controller = await lens.openExtensionPage('popup.html');
const results: PageCheck[] = [];
const started = Date.now();
try {
  for (const file of names) {
    results.push(await checkPage(file, server.url(`/corpus/${file}`), lens, bare, controller));
    if (results.length % 10 === 0) console.error(`… ${results.length}/${names.length}`);
  }
} finally {
  await lens.close();
  await bare.close();
  await server.close();
}

const failed = results.filter((r) => r.failures.length);
const withMentions = results.filter((r) => r.mentions > 0);
console.log(`Corpus run (${browserName}): ${results.length} pages in ${((Date.now() - started) / 1000).toFixed(0)} s`);
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
