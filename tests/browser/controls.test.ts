import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { highlightedTexts, waitForHighlights, type ExtensionBrowser } from '../support/chromium';
import { axeViolations, cardHeading, cardOpen, openPopup, pointAt, waitForCard, openAnnotated } from '../support/page-helpers';
import type { TestServer } from '../support/server';
import { withLensBrowser } from '../support/suite';

let server: TestServer;
let browser: ExtensionBrowser;

withLensBrowser((s, b) => {
  server = s;
  browser = b;
});

// Each test's article has its own URL, so the popup finds that test's tab and no other.
let visit = 0;
function openArticle(): Promise<Page> {
  return openAnnotated(browser, server.url(`/demo/article.html?visit=${++visit}`));
}

const highlightNames = async (page: Page): Promise<string[]> => [...new Set((await highlightedTexts(page)).map((h) => h.name))].sort();

describe('the card, by pointer', () => {
  it('opens nothing when the pointer only passes over a mention', async () => {
    const page = await openArticle();
    const point = await pointAt(page, 'Gimhae Air Base');
    await page.mouse.move(point.x - 200, point.y + 200);
    await page.mouse.move(point.x, point.y, { steps: 2 });
    await page.mouse.move(point.x + 300, point.y + 300, { steps: 2 });
    await page.waitForTimeout(700);
    expect(await cardOpen(page)).toBe(false);
    await page.close();
  });

  it('stays open while the pointer travels into it, and closes after the grace period once it leaves', async () => {
    const page = await openArticle();
    const point = await pointAt(page, 'Gimhae Air Base');
    await page.mouse.move(point.x, point.y, { steps: 2 });
    await waitForCard(page);
    const box = await page.evaluate(() => {
      const rect = document.querySelector('[data-summit-lens-host]')!.shadowRoot!.querySelector('.panel')!.getBoundingClientRect();
      return { x: rect.left + 40, y: rect.top + 30 };
    });
    await page.mouse.move(box.x, box.y, { steps: 8 });
    await page.waitForTimeout(700);
    expect(await cardHeading(page)).toBe('Gimhae Air Base');
    await page.mouse.move(5, 5, { steps: 3 });
    await page.waitForTimeout(100);
    expect(await cardOpen(page)).toBe(true); // not gone at once: the grace period
    await waitForCard(page, false);
    await page.close();
  });

  it('closes on Escape', async () => {
    const page = await openArticle();
    const point = await pointAt(page, 'Xi Jinping');
    await page.mouse.move(point.x, point.y, { steps: 2 });
    await waitForCard(page);
    await page.keyboard.press('Escape');
    await waitForCard(page, false);
    await page.close();
  });

  it('switches to a related entity and back', async () => {
    const page = await openArticle();
    const point = await pointAt(page, 'Gimhae Air Base');
    await page.mouse.move(point.x, point.y, { steps: 2 });
    await waitForCard(page);
    const related = page.locator('[data-summit-lens-host] .related button').first();
    const name = await related.textContent();
    await related.click();
    await page.waitForFunction(
      (n) => document.querySelector('[data-summit-lens-host]')?.shadowRoot?.querySelector('h2')?.textContent === n,
      name,
    );
    await page.locator('[data-summit-lens-host] .back').click();
    await page.waitForFunction(
      () => document.querySelector('[data-summit-lens-host]')?.shadowRoot?.querySelector('h2')?.textContent === 'Gimhae Air Base',
    );
    await page.close();
  });

  it('passes axe-core with no violations', async () => {
    const page = await openArticle();
    const point = await pointAt(page, 'Kuala Lumpur talks');
    await page.mouse.move(point.x, point.y, { steps: 2 });
    await waitForCard(page);
    expect(await axeViolations(page, 'summit-lens-ui')).toEqual([]);
    await page.close();
  });
});

describe('the keyboard path', () => {
  it('moves to the next mention with its card focused, tabs through it, and Esc returns focus', async () => {
    const page = await openArticle();
    await page.locator('nav a').first().focus();
    const { popup, tabId } = await openPopup(browser.context, browser.extensionId, page);
    await page.bringToFront();
    // The command's handler sends exactly this to the active tab.
    await popup.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'next-mention' }), tabId);
    await waitForCard(page);
    const focus = () =>
      page.evaluate(() => {
        const host = document.querySelector('[data-summit-lens-host]');
        const inner = host?.shadowRoot?.activeElement;
        return {
          hostFocused: document.activeElement === host,
          inner: inner ? `${inner.tagName}.${inner.className}` : null,
          text: document.activeElement?.textContent,
        };
      });
    expect(await focus()).toMatchObject({ hostFocused: true, inner: expect.stringMatching(/^SECTION\.card/) });
    await page.keyboard.press('Tab');
    expect((await focus()).inner).toMatch(/^BUTTON|^A/);
    await page.keyboard.press('Escape');
    await waitForCard(page, false);
    expect(await page.evaluate(() => document.activeElement === document.querySelector('nav a'))).toBe(true);
    // The next command goes on to the following mention.
    const first = await page.evaluate(() => scrollY);
    await popup.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'next-mention' }), tabId);
    await waitForCard(page);
    expect(typeof first).toBe('number');
    await popup.close();
    await page.close();
  });
});

describe('the popup', () => {
  it('turns highlights off for this site only, live, and back on', async () => {
    const page = await openArticle();
    const { popup } = await openPopup(browser.context, browser.extensionId, page);
    const site = popup.getByRole('switch', { name: /highlights on 127\.0\.0\.1/i });
    await expect.poll(() => site.getAttribute('aria-checked')).toBe('true');
    await site.click();
    await page.waitForFunction(() => ![...CSS.highlights.keys()].some((k) => k.startsWith('summit-lens')));
    expect(await popup.getByRole('switch', { name: /show highlights/i }).getAttribute('aria-checked')).toBe('true');
    await site.click();
    await waitForHighlights(page);
    await popup.close();
    await page.close();
  });

  it('applies categories, style and first-mention-only live', async () => {
    const page = await openArticle();
    const { popup } = await openPopup(browser.context, browser.extensionId, page);
    await popup.getByText('Display options').click();
    await popup.getByRole('checkbox', { name: 'People' }).uncheck();
    await page.waitForFunction(() => !CSS.highlights.has('summit-lens-person') && CSS.highlights.has('summit-lens-place'));
    await popup.getByRole('radio', { name: 'Background' }).check();
    await page.waitForFunction(() => CSS.highlights.has('summit-lens-bg-place') && !CSS.highlights.has('summit-lens-place'));
    await popup.getByRole('checkbox', { name: 'First mention only' }).check();
    await page.waitForFunction(
      () => [...(CSS.highlights.get('summit-lens-bg-place') ?? [])].filter((r) => r.toString() === 'Busan').length === 1,
    );
    // Back to the defaults for the other tests.
    await popup.getByRole('checkbox', { name: 'First mention only' }).uncheck();
    await popup.getByRole('radio', { name: 'Underline' }).check();
    await popup.getByRole('checkbox', { name: 'People' }).check();
    await page.waitForFunction(() => CSS.highlights.has('summit-lens-person') && CSS.highlights.has('summit-lens-place'));
    expect(await highlightNames(page)).toEqual([
      'summit-lens-event',
      'summit-lens-organization',
      'summit-lens-person',
      'summit-lens-place',
      'summit-lens-topic',
    ]);
    await popup.close();
    await page.close();
  });

  it('lists what the page mentions by kind, and jumps to a mention with its card', async () => {
    const page = await openArticle();
    const { popup } = await openPopup(browser.context, browser.extensionId, page);
    const list = popup.getByRole('region', { name: 'On this page' });
    await list.getByRole('heading', { name: /People/ }).waitFor();
    for (const kind of ['People', 'Places', 'Organizations', 'Events', 'Topics'])
      await expect.poll(() => list.getByRole('heading', { name: new RegExp(kind) }).count()).toBe(1);
    await list.getByRole('button', { name: /^Sanae Takaichi\s*\d+ mentions?$/ }).click();
    await waitForCard(page);
    expect(await cardHeading(page)).toBe('Sanae Takaichi');
    await page.close();
  });

  it('finds any entity in the fact base and opens its card, even with no page', async () => {
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.getByRole('searchbox', { name: /search the fact base/i }).fill('osaka');
    await popup.getByRole('button', { name: /Trump–Xi meeting in Osaka/ }).click();
    await expect.poll(() => popup.locator('h2').first().textContent()).toBe('Trump–Xi meeting in Osaka (2019)');
    expect(await popup.locator('.timeline svg').count()).toBe(1);
    await popup.getByRole('button', { name: 'Close card' }).click();
    await popup.getByRole('searchbox').fill('zebra crossing');
    await popup.getByText('No entry matches').waitFor();
    await popup.close();
  });

  it('counts distinct entities on the toolbar badge, and the count can be turned off', async () => {
    const page = await openArticle();
    const { popup, tabId } = await openPopup(browser.context, browser.extensionId, page);
    const distinct = await popup.evaluate(
      async (id) => ((await chrome.tabs.sendMessage(id, { type: 'get-page-state' })) as { entities: unknown[] }).entities.length,
      tabId,
    );
    expect(distinct).toBeGreaterThan(20);
    await expect.poll(() => popup.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe(String(distinct));
    await popup.getByText('Display options').click();
    await popup.getByRole('checkbox', { name: /count on the toolbar icon/i }).uncheck();
    await expect.poll(() => popup.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('');
    await popup.getByRole('checkbox', { name: /count on the toolbar icon/i }).check();
    await expect.poll(() => popup.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe(String(distinct));
    await popup.close();
    await page.close();
  });

  it('passes axe-core with no violations', async () => {
    const page = await openArticle();
    const { popup } = await openPopup(browser.context, browser.extensionId, page);
    await popup
      .getByRole('region', { name: 'On this page' })
      .getByRole('heading', { name: /People/ })
      .waitFor();
    await popup.getByText('Display options').click();
    expect(await axeViolations(popup)).toEqual([]);
    await popup.close();
    await page.close();
  });
});

describe('"Look up in Summit Lens" on a selection', () => {
  it('opens the matching card, or says plainly that nothing matches', async () => {
    const page = await openArticle();
    const { popup, tabId } = await openPopup(browser.context, browser.extensionId, page);
    // What the context-menu handler does: ask the background, then tell the page.
    const entity = await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'lookup', text: 'the Chinese leader' }));
    expect(entity).toBe('xi-jinping');
    await popup.evaluate(
      ([id, e]) => chrome.tabs.sendMessage(id as number, { type: 'show-card', entity: e, query: 'the Chinese leader' }),
      [tabId, entity],
    );
    await waitForCard(page);
    expect(await cardHeading(page)).toBe('Xi Jinping');
    await page.keyboard.press('Escape');
    await waitForCard(page, false);
    const none = await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'lookup', text: 'banana bread' }));
    expect(none).toBeNull();
    await popup.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'show-card', entity: null, query: 'banana bread' }), tabId);
    await waitForCard(page);
    expect(await cardHeading(page)).toBe('No match');
    expect(await page.evaluate(() => document.querySelector('[data-summit-lens-host]')!.shadowRoot!.textContent)).toContain(
      '“banana bread”',
    );
    await popup.close();
    await page.close();
  });
});
