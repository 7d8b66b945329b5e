import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchLensBrowser, type LensBrowser } from '../../harness/driver.ts';
import { catalogueMessage } from '../../harness/locales.ts';
import { cardHeading, hoverMention, importPackInView, openAnnotated, openPopup, waitForControl } from '../../harness/page-helpers.ts';
import { startServer, type TestServer } from '../../harness/server.ts';
import { BROWSER } from '../support/suite.ts';

/** What the Korean catalogue says for `key`, with its placeholders filled from `values`. */
function ko(key: string, values: Record<string, string> = {}): string {
  return catalogueMessage('ko', key).replace(/\$([A-Z_]+)\$/g, (_, name: string) => values[name.toLowerCase()] ?? '');
}

// The browser itself in Korean (Chromium: --lang=ko; Firefox: its Korean language pack, requested):
// the extension must follow it with no setting of its own.
describe(`Summit Lens in a Korean ${BROWSER}`, () => {
  let server: TestServer;
  let browser: LensBrowser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchLensBrowser(BROWSER, { locale: 'ko' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a card framed in Korean, with the facts in English and the card saying so', async () => {
    const page = await openAnnotated(browser, server.url('/demo/article.html?locale=ko'));
    await hoverMention(page, 'Xi Jinping');
    expect(await cardHeading(page)).toBe('Xi Jinping');
    const card = await page.evaluate(() => {
      const root = document.querySelector('[data-summit-lens-host]')!.shadowRoot!;
      const text = (selector: string) => root.querySelector(selector)?.textContent ?? null;
      return {
        // The card's frame carries the interface's locale (a test page has no chrome.i18n of its own to ask).
        ui: root.querySelector('.card')?.getAttribute('lang') ?? null,
        kind: text('.kind'),
        asOf: text('.asof'),
        language: text('.language'),
        dates: [...root.querySelectorAll('.facts time')].map((t) => t.textContent ?? ''),
        pack: text('.pack'),
        close: root.querySelector('.close')!.getAttribute('aria-label'),
      };
    });
    expect(card.ui).toMatch(/^ko\b/);
    expect(card.kind).toMatch(new RegExp(`^${ko('kindPerson')} · `));
    expect(card.asOf).toMatch(/^\(\d{4}년 \d{1,2}월( \d{1,2}일)? 기준\)$/);
    expect(card.language).toBe(ko('cardFactsLanguage', { language: '영어' }));
    expect(card.dates.length).toBeGreaterThanOrEqual(2);
    for (const date of card.dates) expect(date).toMatch(/^\d{4}년 .* · .*(전|오늘|어제)$/);
    // With the revision once the bundled pack has had more than one (cardFromBundledRevision).
    expect(card.pack).toMatch(/^출처: Summit Lens 기본 팩 “.+”( 개정 \d+판)?\. 최종 검토 \d{4}년 \d{1,2}월 \d{1,2}일\.$/);
    expect(card.close).toBe(ko('cardClose'));
    expect(page.errors).toEqual([]);
  });

  it('shows the popup in Korean: its language, title, headings, switches and kinds', async () => {
    const page = await openAnnotated(browser, server.url('/demo/article.html?locale=ko&popup'));
    const { popup } = await openPopup(browser, page, ko('popupShowHighlights'));
    await waitForControl(popup, { role: 'heading', name: new RegExp(`^${ko('kindsPerson')}`), within: ko('popupOnPage') });
    const shown = await popup.evaluate(() => ({
      lang: document.documentElement.lang,
      title: document.title,
      h2: [...document.querySelectorAll('h2')].map((h) => h.textContent),
      search: document.querySelector('input[type="search"]')!.getAttribute('aria-label'),
      footer: document.querySelector('footer')!.textContent,
    }));
    expect(shown.lang).toMatch(/^ko\b/);
    expect(shown.title).toBe(ko('popupTitle'));
    expect(shown.h2).toEqual([ko('popupOnPage'), ko('popupSearch'), ko('packs')]);
    expect(shown.search).toBe(ko('popupSearch'));
    expect(shown.footer).toBe(ko('popupFooter'));
    await waitForControl(popup, { role: 'switch', name: new RegExp(ko('popupSiteHighlights', { host: '.+' })) });
    expect(page.errors).toEqual([]);
  });

  it('shows the Packs page in Korean', async () => {
    const view = await browser.openExtensionPage('options.html');
    await view.waitFor(() => document.querySelector('.pack') !== null);
    const shown = await view.evaluate(() => ({
      lang: document.documentElement.lang,
      title: document.title,
      h1: document.querySelector('h1')!.textContent,
      reviewed: document.querySelectorAll('.pack dd')[1]!.textContent,
    }));
    expect(shown.lang).toMatch(/^ko\b/);
    expect(shown.title).toBe(ko('optionsTitle'));
    expect(shown.h1).toBe(ko('packs'));
    expect(shown.reviewed).toMatch(/^\d{4}년 \d{1,2}월 \d{1,2}일$/);
    // A refused file: why, in Korean; the format's own problem line stays English, and the view says so.
    const said = await importPackInView(view, { name: 'empty.slpack', bytes: new Uint8Array() });
    expect(said).toContain(ko('importRefused', { file: 'empty.slpack' }));
    expect(said).toContain(ko('refusedEmpty'));
    expect(said).toContain(ko('importProblems_other', { count: '1' }));
    expect(said).toContain('empty.slpack: is empty');
    expect(view.errors).toEqual([]);
  });

  it('sends nothing off the machine', () => {
    expect(browser.offMachineRequests).toEqual([]);
  });
});
