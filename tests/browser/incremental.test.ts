import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LensPage } from '../../harness/driver.ts';
import { annotateStats, highlightedTexts, openAnnotated, waitForAnnotated } from '../../harness/page-helpers.ts';
import { BROWSER, withLensBrowser } from '../support/suite.ts';

const { server, browser } = withLensBrowser();

function openArticle(): Promise<LensPage> {
  return openAnnotated(browser, server.url('/demo/article.html'));
}

const texts = async (page: LensPage): Promise<string[]> => (await highlightedTexts(page)).map((h) => h.text);
const rescans = (page: LensPage) =>
  page.evaluate(() =>
    performance
      .getEntriesByName('summit-lens:rescan')
      .map((e) => (e as PerformanceMark).detail as { blocks: number; chars: number; added: number }),
  );

describe(`paying only where there is something to annotate (${BROWSER})`, () => {
  it('asks the background nothing on a page with nothing of the story, and compromise never ships to the page', async () => {
    const asked = (page: LensPage) => page.evaluate(() => performance.getEntriesByName('summit-lens:find').length);
    const page = await browser.newPage();
    await page.goto(server.url('/fixtures/plain.html'));
    await waitForAnnotated(page);
    const stats = await annotateStats(page);
    expect(stats).toMatchObject({ readChars: 0, candidates: 0, nlpSentences: 0, mentions: 0 });
    expect(await asked(page)).toBe(0);
    // The same check sees a question on a page that has something to annotate.
    expect(await asked(await openArticle())).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.querySelector('[data-summit-lens-host]'))).toBeNull();
    const content = readFileSync(
      resolve(import.meta.dirname, `../../dist/${BROWSER === 'firefox' ? 'firefox' : 'chrome'}/content.js`),
      'utf8',
    );
    // compromise's tagger carries these names; none may be in the script every page loads.
    expect(content).not.toMatch(/compromise|Adjective|PresentTense/);
  });

  it('works in slices that yield to the page on a long page', async () => {
    // The article names only the story's world (China, Japan): read whole only where the reader asks.
    const controller = await browser.openExtensionPage('popup.html');
    await controller.evaluate(() => chrome.storage.sync.set({ showUnrelated: true, settingsVersion: 2 }));
    try {
      const page = await browser.newPage();
      await page.goto(server.url('/corpus/wikipedia.html'));
      await waitForAnnotated(page);
      const stats = await annotateStats<{ slices: number; chars: number }>(page);
      expect(stats.chars).toBeGreaterThan(20_000);
      expect(stats.slices).toBeGreaterThan(1);
    } finally {
      await controller.evaluate(() => chrome.storage.sync.remove('showUnrelated'));
    }
  });
});

describe(`incremental rescans (${BROWSER})`, () => {
  it('annotates new text, reading only the new block', async () => {
    const page = await openArticle();
    expect(await texts(page)).not.toContain('Anwar Ibrahim');
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Later, Anwar Ibrahim welcomed the news in Kuala Lumpur.';
      document.querySelector('article p')!.after(p);
    });
    await page.waitFor(() => [...(CSS.highlights.get('summit-lens-person') ?? [])].some((r) => r.toString() === 'Anwar Ibrahim'));
    const [rescan] = await rescans(page);
    expect(rescan).toMatchObject({ blocks: 1, added: 2 });
    expect(rescan!.chars).toBeLessThan(100);
  });

  it('follows single-page navigation: old highlights released, new text annotated', async () => {
    const page = await openArticle();
    await page.evaluate(() => {
      history.pushState({}, '', '/demo/next-story');
      const main = document.querySelector('main') ?? document.body;
      const fresh = document.createElement('div');
      const p = document.createElement('p');
      p.textContent = 'Sanae Takaichi met Anwar Ibrahim in Tokyo.';
      fresh.append(p);
      main.replaceChildren(fresh);
    });
    await page.waitFor(() => [...(CSS.highlights.get('summit-lens-person') ?? [])].some((r) => r.toString() === 'Anwar Ibrahim'));
    const all = await highlightedTexts(page);
    const visibleText = await page.evaluate(() => document.body.textContent ?? '');
    // Every highlight still drawn is text that is on the page now.
    for (const { text } of all) expect(visibleText).toContain(text);
    expect(
      await page.evaluate(() => [...CSS.highlights.values()].every((h) => [...h].every((r) => (r as Range).startContainer.isConnected))),
    ).toBe(true);
  });

  it('does not follow changes inside editable regions', async () => {
    const page = await openArticle();
    await page.evaluate(() => {
      const editor = document.querySelector('[contenteditable="true"]')!;
      editor.append(document.createTextNode(' Sanae Takaichi agreed.'));
    });
    await page.sleep(600);
    expect(await rescans(page)).toEqual([]);
  });
});

describe(`a page with thousands of mentions (${BROWSER})`, () => {
  const drawnParagraphs = (page: LensPage) =>
    page.evaluate(() => {
      const numbers: number[] = [];
      for (const [name, highlight] of CSS.highlights) {
        if (!name.startsWith('summit-lens')) continue;
        for (const range of highlight) numbers.push(Number(/\d+/.exec(range.startContainer.textContent ?? '')?.[0]));
      }
      return { count: numbers.length, min: Math.min(...numbers), max: Math.max(...numbers) };
    });

  it('draws the mentions near the reader, and the window follows the scroll', async () => {
    const page = await browser.newPage();
    await page.goto(server.url('/fixtures/many-mentions.html'));
    await waitForAnnotated(page, 30_000);
    expect((await annotateStats<{ mentions: number }>(page)).mentions).toBe(5000);
    const top = await drawnParagraphs(page);
    expect(top.min).toBe(0);
    expect(top.count).toBeLessThanOrEqual(1500);
    await page.evaluate(() => document.querySelector('main p:last-child')!.scrollIntoView());
    await page.waitFor(() => {
      for (const [name, highlight] of CSS.highlights) {
        if (name.startsWith('summit-lens') && [...highlight].some((r) => r.startContainer.textContent?.startsWith('Paragraph 2499:')))
          return true;
      }
      return false;
    });
    const bottom = await drawnParagraphs(page);
    expect(bottom.count).toBeLessThanOrEqual(1500);
    expect(bottom.min).toBeGreaterThan(1000);
    // Redrawn in another style where the reader is, not left blank (the middle of the page, well inside the window).
    await page.evaluate(() => document.querySelector('main p:nth-child(1251)')!.scrollIntoView({ block: 'start' }));
    await page.waitFor(() =>
      [...(CSS.highlights.get('summit-lens-person') ?? [])].some((r) => r.startContainer.textContent?.startsWith('Paragraph 1250:')),
    );
    await page.sleep(300);
    const settings = await browser.openExtensionPage('popup.html');
    await settings.evaluate(() => chrome.storage.sync.set({ style: 'background', settingsVersion: 2 }));
    await page.waitFor(() =>
      [...(CSS.highlights.get('summit-lens-bg-person') ?? [])].some((r) => r.startContainer.textContent?.startsWith('Paragraph 1250:')),
    );
    expect((await drawnParagraphs(page)).count).toBeLessThanOrEqual(1500);
    await settings.evaluate(() => chrome.storage.sync.remove('style'));
  });
});
