/**
 * The checks the robustness run makes on one real page: loaded with and without the extension,
 * then with highlights switched off, compared. Shared by `npm run corpus` (all 130 pages) and a
 * sample in `npm test`.
 */
import type { LensBrowser, LensPage } from './driver.ts';
import { waitForAnnotated, waitForNoHighlights } from './page-helpers.ts';

export interface PageCheck {
  page: string;
  mentions: number;
  failures: string[];
}

interface Snapshot {
  text: string;
  html: string;
  layout: string;
}

function snapshot(page: LensPage): Promise<Snapshot> {
  return page.evaluate(() => {
    const elements = [...document.body.querySelectorAll('*')].slice(0, 3000);
    return {
      text: document.body.textContent ?? '',
      html: document.body.outerHTML,
      layout: elements
        .map((e) => {
          const r = e.getBoundingClientRect();
          return `${Math.round(r.x)},${Math.round(r.y)},${Math.round(r.width)},${Math.round(r.height)}`;
        })
        .join(';'),
    };
  });
}

/**
 * Loaded, and the page's own DOM quiet for 400 ms (at most 4 s): some corpus pages keep inline
 * event handlers that change their DOM for a while after load, with or without the extension.
 */
export async function settled(page: LensPage): Promise<void> {
  // A string, not a function: the script runners' name-keeping helpers do not exist in the page.
  await page.evaluate(`new Promise((resolve) => {
    const state = { timer: 0 };
    const observer = new MutationObserver(() => {
      clearTimeout(state.timer);
      state.timer = setTimeout(done, 400);
    });
    const limit = setTimeout(done, 4000);
    state.timer = setTimeout(done, 400);
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    function done() {
      observer.disconnect();
      clearTimeout(limit);
      resolve();
    }
  })`);
}

export async function checkPage(name: string, url: string, lens: LensBrowser, bare: LensBrowser, controller: LensPage): Promise<PageCheck> {
  const failures: string[] = [];
  bare.offMachineRequests.length = 0;
  lens.offMachineRequests.length = 0;

  const plain = await bare.newPage();
  await plain.goto(url);
  await settled(plain);
  const before = await snapshot(plain);
  await plain.close();

  const page = await lens.newPage();
  await page.goto(url);
  try {
    await waitForAnnotated(page);
  } catch {
    failures.push('never finished annotating');
  }
  await settled(page);
  const mentions = await page.evaluate(() =>
    [...CSS.highlights].filter(([name]) => name.startsWith('summit-lens')).reduce((n, [, h]) => n + h.size, 0),
  );
  const withLens = await snapshot(page);
  if (withLens.text !== before.text) failures.push('body text changed');
  if (withLens.html !== before.html) failures.push('page DOM changed (a node added, removed or split)');
  if (withLens.layout !== before.layout) failures.push('layout shifted');

  await controller.evaluate(() => chrome.storage.sync.set({ enabled: false, settingsVersion: 2 }));
  await waitForNoHighlights(page, 5000).catch(() => {
    failures.push('highlights stayed after switching off');
  });
  const off = await snapshot(page);
  if (off.html !== before.html) failures.push('DOM not as it was after switching off');
  await controller.evaluate(() => chrome.storage.sync.remove('enabled'));

  if (page.errors.length) failures.push(`uncaught errors: ${page.errors.slice(0, 3).join(' | ')}`);
  // Every request the page made was refused by the harness; the extension must add none of its own.
  const pageOwn = new Set(bare.offMachineRequests);
  const added = lens.offMachineRequests.filter((u) => !pageOwn.has(u));
  if (added.length) failures.push(`requests the extension added: ${added.slice(0, 3).join(', ')}`);
  await page.close();
  return { page: name, mentions, failures };
}

/** What a reader sees highlighted on one page: the highlighted texts, in no particular order. */
export interface PageHighlights {
  page: string;
  texts: string[];
  finished: boolean;
}

/** One page loaded with the extension as a reader has it, and the text of every highlight on it. */
export async function pageHighlights(name: string, url: string, lens: LensBrowser): Promise<PageHighlights> {
  const page = await lens.newPage();
  await page.goto(url);
  let finished = true;
  await waitForAnnotated(page).catch(() => {
    finished = false;
  });
  await settled(page);
  const texts = await page.evaluate(() =>
    [...CSS.highlights].filter(([name]) => name.startsWith('summit-lens')).flatMap(([, h]) => [...h].map((r) => (r as Range).toString())),
  );
  await page.close();
  return { page: name, texts, finished };
}
