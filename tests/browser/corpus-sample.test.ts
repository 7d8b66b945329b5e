// A sample of the real-page robustness run (`npm run corpus` runs all 130 pages).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ExtensionBrowser } from '../support/chromium';
import { checkPage } from '../support/corpus-check';
import { startServer, type TestServer } from '../support/server';

// Small and large, RTL, CJK, a page with a BOM, and ones that mention the story.
const SAMPLE = ['001.html', 'wikipedia-2.html', 'qq.html', 'la-nacion.html', 'nytimes-1.html', 'bbc-1.html', 'cnn.html', 'aclu.html'];

let server: TestServer;
let lens: ExtensionBrowser;
let bare: ExtensionBrowser;
let controller: Page;

beforeAll(async () => {
  server = await startServer();
  lens = await launchChromium();
  bare = await launchChromium({ withExtension: false });
  controller = await lens.context.newPage();
  await controller.goto(`chrome-extension://${lens.extensionId}/popup.html`);
});

afterAll(async () => {
  await lens?.close();
  await bare?.close();
  await server?.close();
});

describe('real pages from the corpus', () => {
  it.each(SAMPLE)('%s: same text, same DOM, same layout, no errors, nothing sent', async (file) => {
    const result = await checkPage(file, server.url(`/corpus/${file}`), lens, bare, controller);
    expect(result.failures).toEqual([]);
  });
});
