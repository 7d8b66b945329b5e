import { describe, expect, it } from 'vitest';
import type { LensPage } from '../../harness/driver.ts';
import {
  clickControl,
  highlightedTexts,
  openAnnotated,
  openPopup,
  waitForAnnotated,
  waitForControl,
  waitForHighlights,
  waitForNoHighlights,
} from '../../harness/page-helpers.ts';
import { BROWSER, withLensBrowser } from '../support/suite.ts';

const { server, browser } = withLensBrowser();

// Each test's page has its own URL, so the popup finds that test's tab and no other.
let visit = 0;
async function openUnrelated(): Promise<LensPage> {
  const page = await browser.newPage();
  await page.goto(server.url(`/fixtures/unrelated.html?visit=${++visit}`));
  await waitForAnnotated(page);
  return page;
}

const shown = async (page: LensPage): Promise<string[]> => (await highlightedTexts(page)).map((h) => h.text).sort();
const badgeIs = (popup: LensPage, tabId: number, text: string) =>
  popup.waitFor(async ({ id, text }) => (await chrome.action.getBadgeText({ tabId: id })) === text, { id: tabId, text });

describe(`a page that is not about the story (${BROWSER})`, () => {
  it('shows no highlight; the popup says why and shows the names on this page when asked, live', async () => {
    const page = await openUnrelated();
    expect(await shown(page)).toEqual([]);
    const { popup, tabId } = await openPopup(browser, page);
    await waitForControl(popup, { role: 'text', name: /does not look like it is about .*Busan/ });
    await waitForControl(popup, { role: 'text', name: /found 4 of its names here \(5 mentions\)/ });
    expect(await badgeIs(popup, tabId, '')).toBeUndefined();
    await clickControl(popup, { role: 'button', name: 'Show them on this page' });
    await waitForHighlights(page);
    expect(await shown(page)).toEqual(['Beijing', 'China', 'Japan', 'Japan', 'Tokyo']);
    await badgeIs(popup, tabId, '4');

    // Only this page: the same page opened again shows nothing.
    const again = await openUnrelated();
    expect(await shown(again)).toEqual([]);
  });

  it('shows the names on every page once the reader says so, and stops again when the setting is off', async () => {
    const page = await openUnrelated();
    const { popup } = await openPopup(browser, page);
    await clickControl(popup, { role: 'button', name: 'Show them on every page' });
    await waitForHighlights(page);
    const other = await openUnrelated();
    await waitForHighlights(other);
    expect(await shown(other)).toEqual(['Beijing', 'China', 'Japan', 'Japan', 'Tokyo']);
    await popup.evaluate(() => chrome.storage.sync.remove('showUnrelated'));
    await waitForNoHighlights(other);
    await waitForNoHighlights(page);
  });

  it('still highlights the demo article, which is about the story', async () => {
    const page = await openAnnotated(browser, server.url(`/demo/article.html?visit=${++visit}`));
    await waitForHighlights(page);
    expect((await shown(page)).length).toBeGreaterThan(50);
  });
});
