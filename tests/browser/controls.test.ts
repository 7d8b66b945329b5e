import { describe, expect, it } from 'vitest';
import type { LensPage } from '../../harness/driver.ts';
import {
  axeViolations,
  cardHeading,
  cardOpen,
  clickControl,
  findControl,
  highlightKinds,
  hoverMention,
  isChecked,
  openAnnotated,
  openPopup,
  pointAt,
  setChecked,
  waitForCard,
  waitForControl,
  waitForHighlights,
  waitForNoHighlights,
} from '../../harness/page-helpers.ts';
import { BROWSER, withLensBrowser } from '../support/suite.ts';

const { server, browser } = withLensBrowser();

// Each test's article has its own URL, so the popup finds that test's tab and no other.
let visit = 0;
function openArticle(): Promise<LensPage> {
  return openAnnotated(browser, server.url(`/demo/article.html?visit=${++visit}`));
}

const cardHeadingIs = (page: LensPage, heading: string) =>
  page.waitFor((want) => document.querySelector('[data-summit-lens-host]')?.shadowRoot?.querySelector('h2')?.textContent === want, heading);

describe(`the card, by pointer (${BROWSER})`, () => {
  it('opens nothing when the pointer only passes over a mention', async () => {
    const page = await openArticle();
    const point = await pointAt(page, 'Gimhae Air Base');
    await page.moveMouse(point.x - 200, point.y + 200);
    await page.moveMouse(point.x, point.y, 2);
    await page.moveMouse(point.x + 300, point.y + 300, 2);
    await page.sleep(700);
    expect(await cardOpen(page)).toBe(false);
  });

  it('stays open while the pointer travels into it, and closes after the grace period once it leaves', async () => {
    const page = await openArticle();
    await hoverMention(page, 'Gimhae Air Base');
    const box = await page.evaluate(() => {
      const rect = document.querySelector('[data-summit-lens-host]')!.shadowRoot!.querySelector('.panel')!.getBoundingClientRect();
      return { x: rect.left + 40, y: rect.top + 30 };
    });
    await page.moveMouse(box.x, box.y, 8);
    await page.sleep(700);
    expect(await cardHeading(page)).toBe('Gimhae Air Base');
    await page.moveMouse(5, 5, 3);
    await page.sleep(100);
    expect(await cardOpen(page)).toBe(true); // not gone at once: the grace period
    await waitForCard(page, false);
  });

  it('waits the hover delay the reader set before opening, applied live', async () => {
    const page = await openArticle();
    const settingsPage = await browser.openExtensionPage('popup.html');
    await settingsPage.evaluate(() => chrome.storage.sync.set({ hoverDelayMs: 1000 }));
    try {
      await page.bringToFront();
      const point = await pointAt(page, 'Gimhae Air Base');
      await page.moveMouse(point.x, point.y, 3);
      // Timers never fire early: at 600 ms a card waiting 1,000 ms cannot be open, however busy the machine.
      await page.sleep(600);
      expect(await cardOpen(page)).toBe(false);
      await waitForCard(page);
    } finally {
      await settingsPage.evaluate(() => chrome.storage.sync.remove('hoverDelayMs'));
      await settingsPage.close();
    }
  });

  it('stays open once pinned when the pointer leaves, until its close button', async () => {
    const page = await openArticle();
    await hoverMention(page, 'Gimhae Air Base');
    await clickControl(page, { role: 'button', name: 'Pin card' });
    await page.moveMouse(5, 5, 3);
    await page.sleep(900);
    expect(await cardHeading(page)).toBe('Gimhae Air Base');
    await clickControl(page, { role: 'button', name: 'Close card' });
    await waitForCard(page, false);
  });

  it('closes on Escape', async () => {
    const page = await openArticle();
    await hoverMention(page, 'Xi Jinping');
    await page.press('Escape');
    await waitForCard(page, false);
  });

  it('switches to a related entity and back', async () => {
    const page = await openArticle();
    await hoverMention(page, 'Gimhae Air Base');
    const related = await page.evaluate(() => {
      const button = document.querySelector('[data-summit-lens-host]')!.shadowRoot!.querySelector<HTMLElement>('.related button')!;
      button.scrollIntoView({ block: 'nearest' });
      const rect = button.getBoundingClientRect();
      return { name: button.textContent!, x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    });
    await page.click(related.x, related.y);
    await cardHeadingIs(page, related.name);
    await clickControl(page, { role: 'button', name: /Back$/ });
    await cardHeadingIs(page, 'Gimhae Air Base');
    expect(page.errors).toEqual([]);
  });

  it('passes axe-core with no violations', async () => {
    const page = await openArticle();
    await hoverMention(page, 'Kuala Lumpur talks');
    expect(await axeViolations(page, 'summit-lens-ui')).toEqual([]);
  });
});

describe(`the keyboard path (${BROWSER})`, () => {
  it('moves to the next mention with its card focused, tabs through it, and Esc returns focus', async () => {
    const page = await openArticle();
    await page.evaluate(() => document.querySelector<HTMLElement>('nav a')!.focus());
    const { popup, tabId } = await openPopup(browser, page);
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
        };
      });
    expect(await focus()).toMatchObject({ hostFocused: true, inner: expect.stringMatching(/^SECTION\.card/) });
    await page.press('Tab');
    expect((await focus()).inner).toMatch(/^BUTTON|^A/);
    await page.press('Escape');
    await waitForCard(page, false);
    expect(await page.evaluate(() => document.activeElement === document.querySelector('nav a'))).toBe(true);
    // The next command goes on to the following mention.
    await popup.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'next-mention' }), tabId);
    await waitForCard(page);
  });
});

describe(`the popup (${BROWSER})`, () => {
  it('turns highlights off for this site only, live, and back on', async () => {
    const page = await openArticle();
    const { popup } = await openPopup(browser, page);
    const site = { role: 'switch', name: /^highlights on 127\.0\.0\.1/i } as const;
    expect(await isChecked(popup, site)).toBe(true);
    await clickControl(popup, site);
    await waitForNoHighlights(page);
    expect(await isChecked(popup, { role: 'switch', name: /^show highlights/i })).toBe(true);
    await clickControl(popup, site);
    await waitForHighlights(page);
  });

  it('applies categories, style and first-mention-only live', async () => {
    const page = await openArticle();
    const { popup } = await openPopup(browser, page);
    await clickControl(popup, { role: 'text', name: 'Display options' });
    await setChecked(popup, { role: 'checkbox', name: 'People' }, false);
    await page.waitFor(() => !CSS.highlights.has('summit-lens-person') && CSS.highlights.has('summit-lens-place'));
    await setChecked(popup, { role: 'radio', name: 'Background' }, true);
    await page.waitFor(() => CSS.highlights.has('summit-lens-bg-place') && !CSS.highlights.has('summit-lens-place'));
    await setChecked(popup, { role: 'checkbox', name: 'First mention only' }, true);
    await page.waitFor(() => [...(CSS.highlights.get('summit-lens-bg-place') ?? [])].filter((r) => r.toString() === 'Busan').length === 1);
    // Back to the defaults for the other tests.
    await setChecked(popup, { role: 'checkbox', name: 'First mention only' }, false);
    await setChecked(popup, { role: 'radio', name: 'Underline' }, true);
    await setChecked(popup, { role: 'checkbox', name: 'People' }, true);
    await page.waitFor(() => CSS.highlights.has('summit-lens-person') && CSS.highlights.has('summit-lens-place'));
    expect(await highlightKinds(page)).toEqual([
      'summit-lens-event',
      'summit-lens-organization',
      'summit-lens-person',
      'summit-lens-place',
      'summit-lens-topic',
    ]);
  });

  it('lists what the page mentions by kind, and jumps to a mention with its card', async () => {
    const page = await openArticle();
    const { popup } = await openPopup(browser, page);
    for (const kind of ['People', 'Places', 'Organizations', 'Events', 'Topics']) {
      await waitForControl(popup, { role: 'heading', name: new RegExp(`^${kind}`), within: 'On this page' });
      expect((await findControl(popup, { role: 'heading', name: new RegExp(`^${kind}`), within: 'On this page' })).count).toBe(1);
    }
    await clickControl(popup, { role: 'button', name: /^Sanae Takaichi\s*\d+ mentions?$/, within: 'On this page' });
    await page.bringToFront();
    await waitForCard(page);
    expect(await cardHeading(page)).toBe('Sanae Takaichi');
  });

  it('finds any entity in the fact base and opens its card, even with no page', async () => {
    const popup = await browser.openExtensionPage('popup.html');
    await clickControl(popup, { role: 'searchbox', name: /search the packs/i });
    await popup.type('osaka');
    await clickControl(popup, { role: 'button', name: /Trump–Xi meeting in Osaka/ });
    await popup.waitFor(() => document.querySelector('h2')?.textContent === 'Trump–Xi meeting in Osaka (2019)');
    expect(await popup.evaluate(() => document.querySelectorAll('.timeline svg').length)).toBe(1);
    await clickControl(popup, { role: 'button', name: 'Close card' });
    await clickControl(popup, { role: 'searchbox', name: /search the packs/i });
    await popup.evaluate(() => document.querySelector<HTMLInputElement>('input[type="search"]')!.select());
    await popup.type('zebra crossing');
    await waitForControl(popup, { role: 'text', name: /^No entry matches/ });
  });

  it('counts distinct entities on the toolbar badge, and the count can be turned off', async () => {
    const page = await openArticle();
    const { popup, tabId } = await openPopup(browser, page);
    const distinct = await popup.evaluate(
      async (id) => ((await chrome.tabs.sendMessage(id, { type: 'get-page-state' })) as { entities: unknown[] }).entities.length,
      tabId,
    );
    expect(distinct).toBeGreaterThan(20);
    const badgeIs = (text: string) =>
      popup.waitFor(async ({ id, text }) => (await chrome.action.getBadgeText({ tabId: id })) === text, { id: tabId, text });
    await badgeIs(String(distinct));
    await clickControl(popup, { role: 'text', name: 'Display options' });
    const badge = { role: 'checkbox', name: /count on the toolbar icon/i } as const;
    await setChecked(popup, badge, false);
    await badgeIs('');
    await setChecked(popup, badge, true);
    await badgeIs(String(distinct));
  });

  it('passes axe-core with no violations', async () => {
    const page = await openArticle();
    const { popup } = await openPopup(browser, page);
    await waitForControl(popup, { role: 'heading', name: /^People/, within: 'On this page' });
    await clickControl(popup, { role: 'text', name: 'Display options' });
    expect(await axeViolations(popup)).toEqual([]);
  });
});

describe(`"Look up in Summit Lens" on a selection (${BROWSER})`, () => {
  it('opens the matching card, or says plainly that nothing matches', async () => {
    const page = await openArticle();
    const { popup, tabId } = await openPopup(browser, page);
    // What the context-menu handler sends the page once the background has looked the selection up
    // (the look-up itself: tests/unit/lookup.test.ts).
    await popup.evaluate(
      (id) => chrome.tabs.sendMessage(id, { type: 'show-card', entity: 'summit-2025/xi-jinping', query: 'the Chinese leader' }),
      tabId,
    );
    await page.bringToFront();
    await waitForCard(page);
    expect(await cardHeading(page)).toBe('Xi Jinping');
    await page.press('Escape');
    await waitForCard(page, false);
    await popup.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'show-card', entity: null, query: 'banana bread' }), tabId);
    await waitForCard(page);
    expect(await cardHeading(page)).toBe('No match');
    expect(await page.evaluate(() => document.querySelector('[data-summit-lens-host]')!.shadowRoot!.textContent)).toContain(
      '“banana bread”',
    );
    expect(page.errors).toEqual([]);
  });
});
