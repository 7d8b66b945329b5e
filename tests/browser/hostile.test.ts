import { describe, expect, it } from 'vitest';
import type { LensPage } from '../../harness/driver.ts';
import {
  annotateStats,
  cardHeading,
  highlightedTexts,
  hoverMention,
  pointAt,
  waitForAnnotated,
  waitForCard,
  waitForHighlights,
  waitForNoHighlights,
} from '../../harness/page-helpers.ts';
import { BROWSER, withLensBrowser } from '../support/suite.ts';

const { server, browser } = withLensBrowser();

async function open(path: string): Promise<LensPage> {
  const page = await browser.newPage();
  await page.goto(server.url(path));
  return page;
}

const texts = async (page: LensPage) => (await highlightedTexts(page)).map((h) => h.text);

describe(`regions that are never touched (${BROWSER})`, () => {
  it('leaves form fields, editors, code, SVG text, noscript and controls alone', async () => {
    const page = await open('/fixtures/hostile/untouched.html');
    await waitForHighlights(page);
    expect(await texts(page)).toEqual(['Gimhae Air Base']);
    expect(page.errors).toEqual([]);
  });

  it('stays out of a document in designMode', async () => {
    const page = await open('/fixtures/hostile/designmode.html');
    await waitForAnnotated(page);
    expect(await texts(page)).toEqual([]);
  });
});

describe(`frames and shadow roots (${BROWSER})`, () => {
  it('annotates the top document only; frames of any origin are left alone and nothing breaks', async () => {
    const page = await open('/fixtures/hostile/frames.html');
    await waitForHighlights(page);
    await page.sleep(500);
    expect(await texts(page)).toEqual(['Gimhae Air Base']);
    const inFrames = await page.evaluateInFrames(() => [...CSS.highlights.keys()].filter((k) => k.startsWith('summit-lens')));
    expect(inFrames.flat()).toEqual([]);
    expect(page.errors).toEqual([]);
  });

  it('does not reach into the page’s own shadow roots', async () => {
    const page = await open('/fixtures/hostile/shadow.html');
    await waitForHighlights(page);
    expect(await texts(page)).toEqual(['Gimhae Air Base']);
  });
});

describe(`a hostile or strict page (${BROWSER})`, () => {
  it('keeps highlights and the card working under a strict Content-Security-Policy', async () => {
    const page = await open('/fixtures/hostile/strict.csp.html');
    await waitForHighlights(page);
    expect(await texts(page)).toContain('Gimhae Air Base');
    await hoverMention(page, 'Gimhae Air Base');
    expect(await cardHeading(page)).toBe('Gimhae Air Base');
    const styled = await page.evaluate(() => {
      const panel = document.querySelector('[data-summit-lens-host]')!.shadowRoot!.querySelector('.panel')!;
      return getComputedStyle(panel).position;
    });
    expect(styled).toBe('fixed');
    expect(page.errors).toEqual([]);
  });

  it('works on a page that redefines globals and prototypes', async () => {
    const page = await open('/fixtures/hostile/clash.html');
    // The page removed MutationObserver; the driver polls, so waiting still works.
    await waitForAnnotated(page);
    expect((await annotateStats<{ mentions: number }>(page)).mentions).toBe(4);
    expect(page.errors).toEqual([]);
  });

  it('stands down quietly when the page keeps removing its UI host', async () => {
    const page = await open('/fixtures/hostile/host-hostile.html');
    await waitForHighlights(page);
    for (let i = 0; i < 3; i++) {
      const point = await pointAt(page, 'Gimhae Air Base');
      await page.moveMouse(5, 5);
      await page.sleep(350);
      // Straight onto the mention: a path across other mentions would rightly prepare their cards too.
      await page.moveMouse(point.x, point.y);
      await page.sleep(600);
    }
    const removals = await page.evaluate(() => (window as unknown as { removals: number }).removals);
    // A new host only when a card is prepared or opened, never a fight: at most two per hover.
    expect(removals).toBeGreaterThan(0);
    expect(removals).toBeLessThanOrEqual(6);
    expect(page.errors).toEqual([]);
    expect((await texts(page)).length).toBeGreaterThan(0);
  });

  it('keeps its work bounded on a page that changes 1,000 nodes a second for ten seconds', async () => {
    const page = await open('/fixtures/hostile/storm.html');
    await waitForHighlights(page);
    await page.waitFor(() => (window as unknown as { stormDone: boolean }).stormDone, undefined, 20_000);
    await page.sleep(1000);
    const rescans = await page.evaluate(() => performance.getEntriesByName('summit-lens:rescan').length);
    const busyMs = await page.evaluate(() =>
      performance
        .getEntriesByName('summit-lens:rescan')
        .reduce((n, e) => n + ((e as PerformanceMark).detail as { busyMs: number }).busyMs, 0),
    );
    console.log(
      `mutation storm (${BROWSER}): ${rescans} rescans, ${busyMs.toFixed(0)} ms of main thread in 10 s (${(busyMs / 100).toFixed(1)}% CPU share)`,
    );
    // Each rescan read the block that changed, never the whole page again.
    const { rescanChars, tickerChars } = await page.evaluate(() => {
      const walker = document.createTreeWalker(document.getElementById('ticker')!, NodeFilter.SHOW_TEXT);
      const parts: string[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push((node as Text).data);
      return {
        rescanChars: performance
          .getEntriesByName('summit-lens:rescan')
          .map((e) => ((e as PerformanceMark).detail as { chars: number }).chars),
        tickerChars: parts.join(' ').length,
      };
    });
    expect(tickerChars).toBeGreaterThan(1000);
    expect(Math.max(...rescanChars)).toBeLessThanOrEqual(tickerChars);
    // At most one batch per 250 ms over ten seconds, and nothing once the page is still.
    expect(rescans).toBeGreaterThan(5);
    expect(rescans).toBeLessThanOrEqual(45);
    await page.sleep(1000);
    expect(await page.evaluate(() => performance.getEntriesByName('summit-lens:rescan').length)).toBe(rescans);
    expect(await texts(page)).toContain('Donald Trump');
    expect(page.errors).toEqual([]);
  });
});

describe(`the extension reloaded under an open page (${BROWSER})`, () => {
  // Chromium leaves the old content script orphaned in open tabs and injects nothing new there: the
  // orphan must notice at once (its lifeline port to the background closes) and take its
  // highlights, card and listeners away with no reader action. Firefox ends the old script and
  // injects the reloaded extension's into open tabs: the page must come back annotated once, not twice.
  it(
    BROWSER === 'chromium'
      ? 'tears the orphaned script down within a second, with no reader action, without errors'
      : 'annotates the page afresh with the reloaded extension, once, without errors',
    async () => {
      const page = await open('/demo/article.html');
      await waitForHighlights(page);
      const before = (await highlightedTexts(page)).length;
      await hoverMention(page, 'Gimhae Air Base');
      await waitForCard(page);
      const extensionPage = await browser.openExtensionPage('popup.html');
      await page.bringToFront();
      await extensionPage.evaluate(() => chrome.runtime.reload()).catch(() => {});
      if (BROWSER === 'chromium') {
        await waitForNoHighlights(page, 1000);
        expect(await page.evaluate(() => document.querySelector('[data-summit-lens-host]'))).toBeNull();
        // Its listeners went too: resting on a former mention opens nothing.
        const point = await page.evaluate(() => {
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.textContent!.indexOf('Gimhae Air Base');
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at + 3);
            range.setEnd(node, at + 4);
            const rect = range.getBoundingClientRect();
            return { x: rect.left + 1, y: rect.top + rect.height / 2 };
          }
          return null;
        });
        await page.moveMouse(point!.x, point!.y, 3);
        await page.sleep(700);
        expect(await page.evaluate(() => document.querySelector('[data-summit-lens-host]'))).toBeNull();
      } else {
        await page.waitFor(() => performance.getEntriesByName('summit-lens:annotate').length === 2);
        expect((await highlightedTexts(page)).length).toBe(before);
        await hoverMention(page, 'Gimhae Air Base');
        expect(await page.evaluate(() => document.querySelectorAll('[data-summit-lens-host]').length)).toBe(1);
      }
      expect(page.errors).toEqual([]);
      // The reloaded extension is back for the other tests.
      await browser.extensionRestarted();
    },
  );
});
