import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLensBrowser, type LensBrowser, type LensPage } from '../../harness/driver.ts';
import { highlightedTexts, waitForAnnotated, waitForHighlights } from '../../harness/page-helpers.ts';
import { startServer, type TestServer } from '../../harness/server.ts';
import { BROWSER } from '../support/suite.ts';

/** One made-up story, served at a path dated February 2017 and at one with no date. */
const STORY =
  '<!doctype html><meta charset="utf-8"><title>Envoy visit</title><h1>Envoy visit</h1>' +
  '<p>An envoy of Chinese President Xi Jinping met Donald Trump at the White House on Thursday.</p>' +
  '<p>Officials discussed arranging a meeting between Trump and Xi, though no date was set.</p>';
const EVENT = 'meeting between Trump and Xi';
const pages = mkdtempSync(join(tmpdir(), 'summit-lens-dated-pages-'));
let server: TestServer;
let browser: LensBrowser;

beforeAll(async () => {
  for (const folder of ['2017/02/10', 'news']) {
    mkdirSync(join(pages, folder), { recursive: true });
    writeFileSync(join(pages, folder, 'envoy-visit.html'), STORY);
  }
  server = await startServer({ mounts: { '/pages/': pages } });
  browser = await launchLensBrowser(BROWSER);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(pages, { recursive: true, force: true });
});

async function open(path: string): Promise<LensPage> {
  const page = await browser.newPage();
  await page.goto(server.url(path));
  await waitForAnnotated(page);
  await waitForHighlights(page);
  return page;
}

const texts = async (page: LensPage): Promise<string[]> => (await highlightedTexts(page)).map((h) => h.text);

describe(`a page's date in its address (${BROWSER})`, () => {
  it('marks no event that began years after the page was published, and the same page undated marks it', async () => {
    const undated = await open('/pages/news/envoy-visit.html');
    expect(await texts(undated)).toContain(EVENT);
    const dated = await open('/pages/2017/02/10/envoy-visit.html');
    const shown = await texts(dated);
    expect(shown).not.toContain(EVENT);
    // Only the event goes: the people and places on the page are still marked.
    expect(shown).toEqual(expect.arrayContaining(['Xi Jinping', 'Donald Trump', 'White House', 'Trump', 'Xi']));
  });
});
