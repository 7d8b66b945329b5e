import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { highlightedTexts, waitForHighlights, type ExtensionBrowser } from '../support/chromium';
import { cardHeading, extensionErrors, pointAt, waitForCard } from '../support/page-helpers';
import type { TestServer } from '../support/server';
import { withLensBrowser } from '../support/suite';

let server: TestServer;
let browser: ExtensionBrowser;

withLensBrowser((s, b) => {
  server = s;
  browser = b;
});

/** Errors thrown in the extension's isolated world on this page, via the DevTools protocol. */
async function watchErrors(page: Page): Promise<{ errors: string[]; cdp: CDPSession }> {
  return extensionErrors(browser, page);
}

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const { errors } = await watchErrors(page);
  await page.goto(server.url(path));
  return { page, errors };
}

const annotated = (page: Page) =>
  page.waitForFunction(() => performance.getEntriesByName('summit-lens:annotate').length > 0, undefined, { timeout: 15_000 });
const texts = async (page: Page) => (await highlightedTexts(page)).map((h) => h.text);

describe('regions that are never touched', () => {
  it('leaves form fields, editors, code, SVG text, noscript and controls alone', async () => {
    const { page, errors } = await open('/fixtures/hostile/untouched.html');
    await waitForHighlights(page);
    expect(await texts(page)).toEqual(['Busan']);
    expect(errors).toEqual([]);
  });

  it('stays out of a document in designMode', async () => {
    const { page } = await open('/fixtures/hostile/designmode.html');
    await annotated(page);
    expect(await texts(page)).toEqual([]);
  });
});

describe('frames and shadow roots', () => {
  it('annotates the top document only; frames of any origin are left alone and nothing breaks', async () => {
    const { page, errors } = await open('/fixtures/hostile/frames.html');
    await waitForHighlights(page);
    await page.waitForTimeout(500);
    expect(await texts(page)).toEqual(['Gyeongju']);
    for (const frame of page.frames().slice(1)) {
      const inFrame = await frame.evaluate(() => [...CSS.highlights.keys()].filter((k) => k.startsWith('summit-lens'))).catch(() => []);
      expect(inFrame).toEqual([]);
    }
    expect(errors).toEqual([]);
  });

  it('does not reach into the page’s own shadow roots', async () => {
    const { page } = await open('/fixtures/hostile/shadow.html');
    await waitForHighlights(page);
    expect(await texts(page)).toEqual(['Tokyo']);
  });
});

describe('a hostile or strict page', () => {
  it('keeps highlights and the card working under a strict Content-Security-Policy', async () => {
    const { page, errors } = await open('/fixtures/hostile/strict.csp.html');
    await waitForHighlights(page);
    expect(await texts(page)).toContain('Gimhae Air Base');
    const point = await pointAt(page, 'Gimhae Air Base');
    await page.mouse.move(point.x, point.y, { steps: 2 });
    await waitForCard(page);
    expect(await cardHeading(page)).toBe('Gimhae Air Base');
    const styled = await page.evaluate(() => {
      const panel = document.querySelector('[data-summit-lens-host]')!.shadowRoot!.querySelector('.panel')!;
      return getComputedStyle(panel).position;
    });
    expect(styled).toBe('fixed');
    expect(errors).toEqual([]);
  });

  it('works on a page that redefines globals and prototypes', async () => {
    const { page, errors } = await open('/fixtures/hostile/clash.html');
    // The page removed MutationObserver, which the harness's own waiting needs: poll by hand.
    for (let i = 0; i < 100 && !(await page.evaluate(() => performance.getEntriesByName('summit-lens:annotate').length > 0)); i++) {
      await page.waitForTimeout(100);
    }
    const stats = await page.evaluate(
      () => (performance.getEntriesByName('summit-lens:annotate')[0] as PerformanceMeasure).detail as { mentions: number },
    );
    expect(stats.mentions).toBe(4);
    expect(errors).toEqual([]);
  });

  it('stands down quietly when the page keeps removing its UI host', async () => {
    const { page, errors } = await open('/fixtures/hostile/host-hostile.html');
    await waitForHighlights(page);
    for (let i = 0; i < 3; i++) {
      const point = await pointAt(page, 'Gimhae Air Base');
      await page.mouse.move(5, 5);
      await page.waitForTimeout(350);
      await page.mouse.move(point.x, point.y, { steps: 2 });
      await page.waitForTimeout(600);
    }
    const removals = await page.evaluate(() => (window as unknown as { removals: number }).removals);
    // A new host only when a card is prepared or opened, never a fight: at most two per hover.
    expect(removals).toBeGreaterThan(0);
    expect(removals).toBeLessThanOrEqual(6);
    expect(errors).toEqual([]);
    expect((await texts(page)).length).toBeGreaterThan(0);
  });

  it('keeps its work bounded on a page that changes 1,000 nodes a second for ten seconds', async () => {
    const { page, errors } = await open('/fixtures/hostile/storm.html');
    await waitForHighlights(page);
    await page.waitForFunction(() => (window as unknown as { stormDone: boolean }).stormDone, undefined, { timeout: 20_000 });
    await page.waitForTimeout(1000);
    const rescans = await page.evaluate(() => performance.getEntriesByName('summit-lens:rescan').length);
    const busyMs = await page.evaluate(() =>
      performance
        .getEntriesByName('summit-lens:rescan')
        .reduce((n, e) => n + ((e as PerformanceMark).detail as { busyMs: number }).busyMs, 0),
    );
    console.log(
      `mutation storm: ${rescans} rescans, ${busyMs.toFixed(0)} ms of main thread in 10 s (${(busyMs / 100).toFixed(1)}% CPU share)`,
    );
    expect(busyMs).toBeLessThan(1000);
    // At most one batch per 250 ms over ten seconds, and nothing once the page is still.
    expect(rescans).toBeGreaterThan(5);
    expect(rescans).toBeLessThanOrEqual(45);
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => performance.getEntriesByName('summit-lens:rescan').length)).toBe(rescans);
    expect(await texts(page)).toContain('Donald Trump');
    expect(errors).toEqual([]);
  });
});

describe('the extension reloaded under an open page', () => {
  it('tears the orphaned script down without errors', async () => {
    const { page, errors } = await open('/demo/article.html');
    await waitForHighlights(page);
    const point = await pointAt(page, 'Gimhae Air Base');
    const extensionPage = await browser.context.newPage();
    await extensionPage.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await extensionPage.evaluate(() => chrome.runtime.reload()).catch(() => {});
    await page.bringToFront();
    await page.waitForTimeout(1500);
    await page.mouse.move(point.x, point.y, { steps: 3 });
    await page.waitForFunction(() => ![...CSS.highlights.keys()].some((k) => k.startsWith('summit-lens')), undefined, { timeout: 10_000 });
    expect(errors).toEqual([]);
    // The reloaded extension's worker is back for the other tests.
    await browser.context.waitForEvent('serviceworker', { timeout: 10_000 }).catch(() => undefined);
  });
});
