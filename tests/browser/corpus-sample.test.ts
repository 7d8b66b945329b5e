// A sample of the real-page robustness run (`npm run corpus` runs all 130 pages).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLensBrowser, type LensBrowser, type LensPage } from '../support/driver';
import { checkPage } from '../support/corpus-check';
import { startServer, type TestServer } from '../support/server';
import { BROWSER } from '../support/suite';

// Small and large, RTL, CJK, a page with a BOM, and ones that mention the story.
const SAMPLE = ['001.html', 'wikipedia-2.html', 'qq.html', 'la-nacion.html', 'nytimes-1.html', 'bbc-1.html', 'cnn.html', 'aclu.html'];

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
  it.each(SAMPLE)('%s: same text, same DOM, same layout, no errors, nothing sent', async (file) => {
    const result = await checkPage(file, server.url(`/corpus/${file}`), lens, bare, controller);
    expect(result.failures).toEqual([]);
  });
});
