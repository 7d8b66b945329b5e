// A sample of the real-page robustness run (`npm run corpus` runs all 130 pages): the pages in
// tests/fixtures/corpus, copied from the corpus with their licence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLensBrowser, type LensBrowser, type LensPage } from '../../harness/driver.ts';
import { checkPage } from '../../harness/corpus-check.ts';
import { startServer, type TestServer } from '../../harness/server.ts';
import { BROWSER } from '../support/suite.ts';

// Small and large, RTL, CJK, a page with a BOM, and ones that mention the story.
const SAMPLE = ['001', 'rtl-1', 'wikipedia', 'qq', 'la-nacion', 'nytimes-1', 'bbc-1', 'cnn', 'aclu'];

let server: TestServer;
let lens: LensBrowser;
let bare: LensBrowser;
let controller: LensPage;

beforeAll(async () => {
  server = await startServer();
  lens = await launchLensBrowser(BROWSER);
  bare = await launchLensBrowser(BROWSER, { withExtension: false });
  controller = await lens.openExtensionPage('popup.html');
});

afterAll(async () => {
  await lens?.close();
  await bare?.close();
  await server?.close();
});

describe(`real pages from the corpus (${BROWSER})`, () => {
  it.each(SAMPLE)('%s: same text, same DOM, same layout, no errors, nothing sent', async (name) => {
    const result = await checkPage(name, server.url(`/corpus/${name}.html`), lens, bare, controller);
    expect(result.failures).toEqual([]);
  });
});
