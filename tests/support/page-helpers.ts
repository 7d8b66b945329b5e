import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { waitForHighlights, type ExtensionBrowser } from './chromium';

/**
 * The open card: the dialog in the host's shadow root, in a panel a reader can see. (While the
 * pointer rests on a mention the card may already be rendered there, unseen, with visibility: hidden.)
 */
export function cardHeading(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const panel = document.querySelector('[data-summit-lens-host]')?.shadowRoot?.querySelector<HTMLElement>('.panel');
    if (!panel || panel.hidden || getComputedStyle(panel).visibility !== 'visible') return null;
    return panel.querySelector('[role="dialog"] h2')?.textContent ?? null;
  });
}

export function cardOpen(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const panel = document.querySelector('[data-summit-lens-host]')?.shadowRoot?.querySelector<HTMLElement>('.panel');
    return Boolean(panel && !panel.hidden && getComputedStyle(panel).visibility === 'visible' && panel.querySelector('[role="dialog"]'));
  });
}

export async function waitForCard(page: Page, open = true): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const panel = document.querySelector('[data-summit-lens-host]')?.shadowRoot?.querySelector<HTMLElement>('.panel');
      const visible = Boolean(
        panel && !panel.hidden && getComputedStyle(panel).visibility === 'visible' && panel.querySelector('[role="dialog"]'),
      );
      return visible === want;
    },
    open,
    { polling: 50 },
  );
}

/**
 * A point on the first highlighted range with this text, scrolled into view: near its end, so a
 * name nested at its start ("Kuala Lumpur" in "Kuala Lumpur talks") is not what the pointer rests on.
 */
export async function pointAt(page: Page, text: string): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((wanted) => {
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('summit-lens')) continue;
      for (const range of highlight) {
        if (range.toString() !== wanted) continue;
        (range.startContainer.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
        const rects = (range as Range).getClientRects();
        const rect = rects[rects.length - 1]!;
        return { x: rect.right - Math.min(6, rect.width / 2), y: rect.top + rect.height / 2 };
      }
    }
    return null;
  }, text);
  if (!point) throw new Error(`no highlight reads "${text}"`);
  return point;
}

/**
 * The tab id the extension knows a page by, asked from an extension page. Without the "tabs"
 * permission tab URLs are hidden, so each tab's content script is asked where it is.
 */
export async function tabIdOf(extensionPage: Page, url: string): Promise<number> {
  const id = await extensionPage.evaluate(async (wanted) => {
    for (const tab of await chrome.tabs.query({})) {
      if (tab.id === undefined) continue;
      const state = (await chrome.tabs.sendMessage(tab.id, { type: 'get-page-state' }).catch(() => null)) as { url?: string } | null;
      if (state?.url === wanted) return tab.id;
    }
    return null;
  }, url);
  if (id === null) throw new Error(`no tab shows ${url}`);
  return id;
}

/** The popup, opened in a tab of its own and pointed at the given page's tab. */
export async function openPopup(context: BrowserContext, extensionId: string, page: Page): Promise<{ popup: Page; tabId: number }> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const tabId = await tabIdOf(popup, page.url());
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await popup.getByRole('switch', { name: /show highlights/i }).waitFor();
  return { popup, tabId };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations for the page (or one element of it), run through the DevTools protocol so page CSP does not apply. */
export async function axeViolations(page: Page, selector?: string): Promise<{ id: string; impact: string | null; nodes: string[] }[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (sel) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: unknown,
            opts: unknown,
          ): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    const context = sel ? { include: [[sel]] } : document;
    const result = await axe.run(context, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => JSON.stringify(n.target) + ' ' + ((n as { failureSummary?: string }).failureSummary ?? '')),
    }));
  }, selector);
}

/**
 * Uncaught exceptions thrown in the extension's isolated world on a page (the page's own errors,
 * like a stripped script's leftover onerror handler, are not the extension's and are left out).
 */
export async function extensionErrors(browser: ExtensionBrowser, page: Page): Promise<{ errors: string[]; cdp: CDPSession }> {
  const errors: string[] = [];
  const ours = new Set<number>();
  const cdp = await browser.context.newCDPSession(page);
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.origin.startsWith('chrome-extension://') || (context.auxData as { type?: string } | undefined)?.type === 'isolated')
      ours.add(context.id);
  });
  cdp.on('Runtime.exceptionThrown', ({ exceptionDetails }) => {
    if (exceptionDetails.executionContextId === undefined || ours.has(exceptionDetails.executionContextId)) {
      errors.push(exceptionDetails.exception?.description ?? exceptionDetails.text);
    }
  });
  await cdp.send('Runtime.enable');
  return { errors, cdp };
}

/** A new page at `url`, once the extension has drawn its highlights there. */
export async function openAnnotated(browser: ExtensionBrowser, url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(url);
  await waitForHighlights(page);
  return page;
}
