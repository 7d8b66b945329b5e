import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { highlightedTexts, type ExtensionBrowser } from '../support/chromium';
import { openAnnotated } from '../support/page-helpers';
import type { TestServer } from '../support/server';
import { withLensBrowser } from '../support/suite';

let server: TestServer;
let browser: ExtensionBrowser;

withLensBrowser((s, b) => {
  server = s;
  browser = b;
});

function openArticle(): Promise<Page> {
  return openAnnotated(browser, server.url('/demo/article.html'));
}

const texts = async (page: Page): Promise<string[]> => (await highlightedTexts(page)).map((h) => h.text);
const rescans = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByName('summit-lens:rescan')
      .map((e) => (e as PerformanceMark).detail as { blocks: number; chars: number; added: number }),
  );

describe('paying only where there is something to annotate', () => {
  it('never asks for language analysis on a page with no candidate, and compromise never ships to the page', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/fixtures/plain.html'));
    await page.waitForFunction(() => performance.getEntriesByName('summit-lens:annotate').length > 0);
    const stats = await page.evaluate(() => (performance.getEntriesByName('summit-lens:annotate')[0] as PerformanceMeasure).detail);
    expect(stats).toMatchObject({ candidates: 0, nlpSentences: 0, mentions: 0 });
    expect(await page.evaluate(() => performance.getEntriesByName('summit-lens:nlp').length)).toBe(0);
    expect(await page.evaluate(() => document.querySelector('[data-summit-lens-host]'))).toBeNull();
    const content = readFileSync(resolve(import.meta.dirname, '../../dist/chrome/content.js'), 'utf8');
    // compromise's tagger carries these names; none may be in the script every page loads.
    expect(content).not.toMatch(/compromise|Adjective|PresentTense/);
  });

  it('works in slices that yield to the page on a long page', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url('/corpus/wikipedia.html'));
    await page.waitForFunction(() => performance.getEntriesByName('summit-lens:annotate').length > 0, undefined, { timeout: 20_000 });
    const stats = await page.evaluate(
      () => (performance.getEntriesByName('summit-lens:annotate')[0] as PerformanceMeasure).detail as { slices: number; chars: number },
    );
    expect(stats.chars).toBeGreaterThan(20_000);
    expect(stats.slices).toBeGreaterThan(1);
  });
});

describe('incremental rescans', () => {
  it('annotates new text, reading only the new block', async () => {
    const page = await openArticle();
    expect(await texts(page)).not.toContain('Anwar Ibrahim');
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Later, Anwar Ibrahim welcomed the news in Kuala Lumpur.';
      document.querySelector('article p')!.after(p);
    });
    await page.waitForFunction(() => [...(CSS.highlights.get('summit-lens-person') ?? [])].some((r) => r.toString() === 'Anwar Ibrahim'));
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
    await page.waitForFunction(() => [...(CSS.highlights.get('summit-lens-person') ?? [])].some((r) => r.toString() === 'Anwar Ibrahim'));
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
    await page.waitForTimeout(600);
    expect(await rescans(page)).toEqual([]);
  });
});
