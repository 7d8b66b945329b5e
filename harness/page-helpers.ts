import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { asExpression, type LensBrowser, type LensPage } from './driver.ts';

/** Text and kind of every range in the page's `summit-lens*` highlights. */
export function highlightedTexts(page: LensPage): Promise<{ name: string; text: string }[]> {
  return page.evaluate(() => {
    const out: { name: string; text: string }[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('summit-lens')) continue;
      for (const range of highlight) out.push({ name, text: range.toString() });
    }
    return out;
  });
}

export const highlightKinds = async (page: LensPage): Promise<string[]> =>
  [...new Set((await highlightedTexts(page)).map((h) => h.name))].sort();

/**
 * Highlights are drawn and the first scan is whole: a cold background answers a page early (what
 * plain rules settle) and compromise's reading follows, so highlights alone may be the early ones.
 */
export function waitForHighlights(page: LensPage, timeout = 15_000): Promise<void> {
  return page.waitFor(
    () =>
      [...CSS.highlights.keys()].some((k) => k.startsWith('summit-lens')) &&
      performance.getEntriesByName('summit-lens:annotate').length > 0,
    undefined,
    timeout,
  );
}

export function waitForNoHighlights(page: LensPage, timeout = 10_000): Promise<void> {
  return page.waitFor(() => ![...CSS.highlights.keys()].some((k) => k.startsWith('summit-lens')), undefined, timeout);
}

/** The extension has finished its first pass over the page (with or without anything to mark). */
export function waitForAnnotated(page: LensPage, timeout = 20_000): Promise<void> {
  return page.waitFor(() => performance.getEntriesByName('summit-lens:annotate').length > 0, undefined, timeout);
}

/** The first pass's figures, as the content script recorded them. */
export function annotateStats<T>(page: LensPage): Promise<T> {
  return page.evaluate(() => (performance.getEntriesByName('summit-lens:annotate')[0] as PerformanceMeasure).detail as T);
}

/**
 * The open card: the dialog in the host's shadow root, in a panel a reader can see. (While the
 * pointer rests on a mention the card may already be rendered there, unseen, with visibility: hidden.)
 */
export function cardHeading(page: LensPage): Promise<string | null> {
  return page.evaluate(() => {
    const panel = document.querySelector('[data-summit-lens-host]')?.shadowRoot?.querySelector<HTMLElement>('.panel');
    if (!panel || panel.hidden || getComputedStyle(panel).visibility !== 'visible') return null;
    return panel.querySelector('[role="dialog"] h2')?.textContent ?? null;
  });
}

export function cardOpen(page: LensPage): Promise<boolean> {
  return page.evaluate(() => {
    const panel = document.querySelector('[data-summit-lens-host]')?.shadowRoot?.querySelector<HTMLElement>('.panel');
    return Boolean(panel && !panel.hidden && getComputedStyle(panel).visibility === 'visible' && panel.querySelector('[role="dialog"]'));
  });
}

export function waitForCard(page: LensPage, open = true): Promise<void> {
  return page.waitFor((want) => {
    const panel = document.querySelector('[data-summit-lens-host]')?.shadowRoot?.querySelector<HTMLElement>('.panel');
    const visible = Boolean(
      panel && !panel.hidden && getComputedStyle(panel).visibility === 'visible' && panel.querySelector('[role="dialog"]'),
    );
    return visible === want;
  }, open);
}

/**
 * A point on the first highlighted range with this text, scrolled into view: near its end, so a
 * name nested at its start ("Kuala Lumpur" in "Kuala Lumpur talks") is not what the pointer rests on.
 * `top` puts the range that many pixels below the top of the view instead of in the middle.
 */
export async function pointAt(page: LensPage, text: string, top?: number): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(
    ({ wanted, top }) => {
      for (const [name, highlight] of CSS.highlights) {
        if (!name.startsWith('summit-lens')) continue;
        for (const range of highlight) {
          if (range.toString() !== wanted) continue;
          if (top === null) (range.startContainer.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
          else scrollBy(0, (range as Range).getBoundingClientRect().top - top);
          const rects = (range as Range).getClientRects();
          const rect = rects[rects.length - 1]!;
          return { x: rect.right - Math.min(6, rect.width / 2), y: rect.top + rect.height / 2 };
        }
      }
      return null;
    },
    { wanted: text, top: top ?? null },
  );
  if (!point) throw new Error(`no highlight reads "${text}"`);
  return point;
}

/** Rests the pointer on a mention and waits for its card. */
export async function hoverMention(page: LensPage, text: string, top?: number): Promise<void> {
  const point = await pointAt(page, text, top);
  await page.moveMouse(point.x, point.y, 3);
  await waitForCard(page);
}

/** A new page at `url`, once the extension has drawn its highlights there. */
export async function openAnnotated(browser: LensBrowser, url: string): Promise<LensPage> {
  const page = await browser.newPage();
  await page.goto(url);
  await waitForHighlights(page);
  return page;
}

/**
 * The tab id the extension knows a page by, asked from an extension page. Without the "tabs"
 * permission tab URLs are hidden, so each tab's content script is asked where it is.
 */
export async function tabIdOf(extensionPage: LensPage, url: string): Promise<number> {
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
export async function openPopup(
  browser: LensBrowser,
  page: LensPage,
  /** The main switch's label in the browser's language ("Show highlights"), by which the popup is known to be ready. */
  mainSwitch: string | RegExp = /show highlights/i,
): Promise<{ popup: LensPage; tabId: number }> {
  // The switch is named by its label and the hint after it ("Show highlights" + "On every page"), so a label matches the start.
  const name = typeof mainSwitch === 'string' ? new RegExp(`^${mainSwitch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) : mainSwitch;
  const url = await page.evaluate(() => location.href);
  const probe = await browser.openExtensionPage('popup.html');
  const tabId = await tabIdOf(probe, url);
  await probe.close();
  const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
  await waitForControl(popup, { role: 'switch', name });
  return { popup, tabId };
}

/**
 * Finding controls the way a reader's assistive technology does: by role and accessible name, in
 * the document and in the Summit Lens card's shadow root, visible ones only.
 */
export type Role = 'button' | 'switch' | 'checkbox' | 'radio' | 'searchbox' | 'heading' | 'region' | 'link' | 'text';
export interface ControlQuery {
  role: Role;
  name: string | RegExp;
  /** Only inside the region with this name. */
  within?: string;
}
interface SerialQuery {
  role: Role;
  name: { exact?: string; source?: string; flags?: string };
  within?: string;
}
interface ControlFound {
  count: number;
  point: { x: number; y: number } | null;
  checked: boolean | null;
  text: string | null;
}

function serial(query: ControlQuery): SerialQuery {
  const name = typeof query.name === 'string' ? { exact: query.name } : { source: query.name.source, flags: query.name.flags };
  return { role: query.role, name, within: query.within };
}

/** Runs in the page: every visible match of the query, the first one scrolled into view. */
function findInPage(query: SerialQuery): ControlFound {
  const SELECTORS: Record<string, string> = {
    button: 'button, [role="button"]',
    switch: '[role="switch"]',
    checkbox: 'input[type="checkbox"]:not([role]), [role="checkbox"]',
    radio: 'input[type="radio"]:not([role]), [role="radio"]',
    searchbox: 'input[type="search"], [role="searchbox"]',
    heading: 'h1, h2, h3, h4, h5, h6, [role="heading"]',
    region: '[role="region"], section[aria-label], section[aria-labelledby]',
    link: 'a[href]',
    text: 'summary, label, p, span, div, li, button, a',
  };
  const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  const nameOf = (el: Element): string => {
    const root = el.getRootNode() as Document | ShadowRoot;
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy)
      return squash(
        labelledBy
          .split(/\s+/)
          .map((id) => root.getElementById(id)?.textContent ?? '')
          .join(' '),
      );
    const label = el.getAttribute('aria-label');
    if (label) return squash(label);
    const labels = (el as HTMLInputElement).labels;
    if (labels?.length) return squash([...labels].map((l) => l.textContent).join(' '));
    return squash(el.textContent);
  };
  const matches = (name: string) =>
    query.name.exact !== undefined ? name === query.name.exact : new RegExp(query.name.source!, query.name.flags).test(name);
  const visible = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const roots: ParentNode[] = [document];
  const hostRoot = document.querySelector('[data-summit-lens-host]')?.shadowRoot;
  if (hostRoot) roots.push(hostRoot);
  let scopes = roots;
  if (query.within) {
    scopes = roots.flatMap((r) => [...r.querySelectorAll(SELECTORS.region!)].filter((el) => nameOf(el) === query.within));
  }
  let found = scopes
    .flatMap((scope) => [...scope.querySelectorAll(SELECTORS[query.role]!)])
    .filter((el) => visible(el) && matches(nameOf(el)));
  // For plain text, the innermost element that reads it.
  if (query.role === 'text') found = found.filter((el) => !found.some((other) => other !== el && el.contains(other)));
  const first = found[0] as HTMLElement | undefined;
  if (!first) return { count: 0, point: null, checked: null, text: null };
  first.scrollIntoView({ block: 'center' });
  const rect = first.getBoundingClientRect();
  const aria = first.getAttribute('aria-checked');
  const checked = aria !== null ? aria === 'true' : 'checked' in first ? Boolean((first as HTMLInputElement).checked) : null;
  return { count: found.length, point: { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }, checked, text: first.textContent };
}

/** The page-side search as an expression, for `evaluate` and `waitFor`. */
const findExpression = (query: ControlQuery): string => asExpression(findInPage as (arg: never) => unknown, serial(query));

export function findControl(page: LensPage, query: ControlQuery): Promise<ControlFound> {
  return page.evaluate<ControlFound>(findExpression(query));
}

export async function waitForControl(page: LensPage, query: ControlQuery, timeout = 15_000): Promise<void> {
  await page.waitFor(`${findExpression(query)}.count > 0`, undefined, timeout).catch(() => {
    throw new Error(`no visible ${query.role} named ${String(query.name)}${query.within ? ` in "${query.within}"` : ''}`);
  });
}

/**
 * Clicks the control with the pointer, as a reader would, once it is there and has stopped
 * moving (a popup whose page list arrives late pushes what is below it down).
 */
export async function clickControl(page: LensPage, query: ControlQuery): Promise<void> {
  await waitForControl(page, query);
  let { point } = await findControl(page, query);
  for (let settled = 0, tries = 0; settled < 2 && tries < 40; tries++) {
    await page.sleep(50);
    const now = (await findControl(page, query)).point;
    settled = now && point && Math.abs(now.x - point.x) < 1 && Math.abs(now.y - point.y) < 1 ? settled + 1 : 0;
    point = now;
  }
  if (!point) throw new Error(`the ${query.role} named ${String(query.name)} went away before it could be clicked`);
  await page.click(point.x, point.y);
}

export async function isChecked(page: LensPage, query: ControlQuery): Promise<boolean | null> {
  return (await findControl(page, query)).checked;
}

/** Clicks a checkbox, radio or switch only if it is not already in the wanted state, then waits for that state. */
export async function setChecked(page: LensPage, query: ControlQuery, want: boolean): Promise<void> {
  if ((await isChecked(page, query)) !== want) await clickControl(page, query);
  await page.waitFor(`${findExpression(query)}.checked === ${want}`);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations for the page (or one element of it); the driver's evaluation is not subject to the page's CSP. */
export async function axeViolations(page: LensPage, selector?: string): Promise<{ id: string; impact: string | null; nodes: string[] }[]> {
  await page.evaluate(`${axeSource}; undefined`);
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
 * Import a pack in the Packs view the way a reader drops a file on it: a File in a DataTransfer,
 * dropped on the import area (`via: 'input'` sets it on the file input instead). Waits until the
 * view says how the import ended, and returns what it said.
 */
export async function importPackInView(
  packsPage: LensPage,
  file: { name: string; bytes: Uint8Array },
  via: 'drop' | 'input' = 'drop',
): Promise<string> {
  await packsPage.waitFor(() => document.querySelector('.import') !== null);
  await packsPage.evaluate(
    ({ name, base64, via }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name));
      if (via === 'input') {
        const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
        input.files = transfer.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      } else {
        document
          .querySelector('.import')!
          .dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
    },
    { name: file.name, base64: Buffer.from(file.bytes).toString('base64'), via },
  );
  // A boolean, not the element: Firefox's WebDriver BiDi does not hand a node back from the page.
  await packsPage.waitFor(
    () => document.querySelector('.import [role="status"].notice, .import [role="alert"]') !== null,
    undefined,
    60_000,
  );
  return packsPage.evaluate(() => document.querySelector('.import [role="status"].notice, .import [role="alert"]')!.textContent ?? '');
}
