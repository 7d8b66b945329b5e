import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedPack } from '../../bench/generated-pack.ts';
import { readPackSource } from '../../src/cli/pack-source.ts';
import { writePackFile } from '../../src/core/packs/file.ts';
import type { Pack } from '../../src/core/packs/schema.ts';
import { launchLensBrowser, type LensBrowser, type LensPage } from '../../harness/driver.ts';
import {
  cardHeading,
  highlightedTexts,
  hoverMention,
  importPackInView,
  openPopup,
  waitForCard,
  waitForControl,
  waitForHighlights,
} from '../../harness/page-helpers.ts';
import { startServer, type TestServer } from '../../harness/server.ts';
import { APP_VERSION } from '../../scripts/check-pack.ts';
import { BROWSER } from '../support/suite.ts';

const SECOND_PACK = resolve(import.meta.dirname, '../fixtures/packs/thai-cambodia-2025');
let pack: Pack;
let file: { name: string; bytes: Uint8Array };
let server: TestServer;
let browser: LensBrowser;
let profile: string;
/** A large made-up pack (read through the word gate, its tables in two parts), and a page naming two of its entities. */
const largePack = generatedPack({ entities: 700, id: 'large-browser-test' });
const largeNames = [largePack.entities[3]!.name, largePack.entities[8]!.name];
const largePages = mkdtempSync(join(tmpdir(), 'summit-lens-large-page-'));

beforeAll(async () => {
  const checked = await readPackSource(SECOND_PACK, APP_VERSION);
  if (!checked.pack) throw new Error(`the test pack does not validate: ${checked.problems.join('; ')}`);
  pack = checked.pack;
  file = { name: 'thai-cambodia-2025.slpack', bytes: await writePackFile(pack) };
  writeFileSync(
    join(largePages, 'story.html'),
    `<!doctype html><meta charset="utf-8"><title>Made-up news</title><p>The weather held all week.</p><p>On Monday ${largeNames[0]} met ${largeNames[1]} to sign papers.</p>`,
  );
  server = await startServer({ mounts: { '/large/': largePages } });
  // A kept profile, so the restart test finds what was imported.
  profile = mkdtempSync(join(tmpdir(), 'summit-lens-packs-profile-'));
  browser = await launchLensBrowser(BROWSER, { profileDir: profile });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(largePages, { recursive: true, force: true });
});

const texts = async (page: LensPage): Promise<string[]> => (await highlightedTexts(page)).map((h) => h.text);

async function openTwoStories(): Promise<LensPage> {
  const page = await browser.newPage();
  await page.goto(server.url('/fixtures/two-packs.html'));
  await waitForHighlights(page);
  return page;
}

/** A switch in the Packs view, by the pack's title. */
async function setPackEnabled(view: LensPage, title: string, on: boolean): Promise<void> {
  await view.evaluate(
    ({ title, on }) => {
      const label = [...document.querySelectorAll('.pack .label')].find((l) => l.firstChild?.textContent === title);
      const button = document.querySelector<HTMLButtonElement>(`[role="switch"][aria-labelledby="${label!.id}"]`)!;
      if ((button.getAttribute('aria-checked') === 'true') !== on) button.click();
    },
    { title, on },
  );
}

describe(`fact packs (${BROWSER})`, () => {
  it('imports a pack from a dropped file, and open tabs highlight its names live, with cards that name the pack', async () => {
    const page = await openTwoStories();
    expect(await texts(page)).toContain('Xi Jinping');
    expect(await texts(page)).not.toContain('Hun Manet');
    const view = await browser.openExtensionPage('options.html');
    const said = await importPackInView(view, file);
    expect(said).toContain(`Imported “${pack.title}”, revision 1`);
    await view.waitFor(() => document.querySelectorAll('.pack').length === 2);
    await page.bringToFront();
    await page.waitFor(() => [...(CSS.highlights.get('summit-lens-person') ?? [])].some((r) => r.toString() === 'Hun Manet'));
    expect(await texts(page)).toEqual(
      expect.arrayContaining(['Hun Manet', 'Anutin Charnvirakul', 'Kuala Lumpur Peace Accord', 'Xi Jinping']),
    );
    // A name only the imported pack knows (the bundled pack has its own reading of the accord since revision 2).
    await hoverMention(page, 'Hun Manet');
    await waitForCard(page);
    expect(await cardHeading(page)).toBe('Hun Manet');
    const foot = await page.evaluate(
      () => document.querySelector('[data-summit-lens-host]')!.shadowRoot!.querySelector('.pack')!.textContent,
    );
    expect(foot).toContain(pack.title);
    expect(foot).toContain('a pack you imported');
    // Both packs know "Donald Trump": the card offers the other pack's reading of the same words.
    await hoverMention(page, 'Donald Trump');
    await page.waitFor(() => document.querySelector('[data-summit-lens-host]')!.shadowRoot!.querySelector('.also button') !== null);
    const cardPack = () => document.querySelector('[data-summit-lens-host]')!.shadowRoot!.querySelector('.card .pack')!.textContent!;
    const before = await page.evaluate(cardPack);
    const offered = await page.evaluate(() => {
      const button = document.querySelector('[data-summit-lens-host]')!.shadowRoot!.querySelector<HTMLButtonElement>('.also button')!;
      button.click();
      return button.textContent;
    });
    const other = before.includes(pack.title) ? 'The Trump–Xi meeting in Busan (2025)' : pack.title;
    expect(offered).toBe(`Donald Trump (${other})`);
    await page.waitFor(
      (title) => document.querySelector('[data-summit-lens-host]')!.shadowRoot!.querySelector('.card .pack')!.textContent!.includes(title),
      other,
    );
    expect(await cardHeading(page)).toBe('Donald Trump');
    expect(page.errors).toEqual([]);
    expect(view.errors).toEqual([]);
  });

  it('refuses a broken pack with every problem listed, and changes nothing', async () => {
    const view = await browser.openExtensionPage('options.html');
    await view.waitFor(() => document.querySelectorAll('.pack').length === 2);
    const broken = {
      ...pack,
      id: 'broken-pack',
      entities: pack.entities.map((e, i) => (i === 0 ? { ...e, summary: '<b>bold</b>', related: ['nobody'] } : e)),
    };
    const said = await importPackInView(view, { name: 'broken.slpack', bytes: await writePackFile(broken) }, 'input');
    expect(said).toContain('broken.slpack was not imported');
    const problems = await view.evaluate(() => [...document.querySelectorAll('.import .problems li')].map((li) => li.textContent));
    expect(problems).toEqual([expect.stringMatching(/entity "anutin-charnvirakul" \(#1\): summary must be plain text, not HTML/)]);
    // The schema stops before the integrity checks: the dangling link is reported once the text is fixed.
    expect(await view.evaluate(() => document.querySelectorAll('.pack').length)).toBe(2);
    const again = await importPackInView(view, file);
    expect(again).toContain('Nothing changed');
  });

  it('switches a pack off and its highlights leave open tabs live, and back on', async () => {
    const page = await openTwoStories();
    await page.waitFor(() => [...(CSS.highlights.get('summit-lens-person') ?? [])].some((r) => r.toString() === 'Hun Manet'));
    // The popup's list names the pack wherever two packs' entities share a name.
    const { popup } = await openPopup(browser, page);
    await waitForControl(popup, {
      role: 'button',
      name: new RegExp(`^Donald Trump · ${pack.title.replace(/[()]/g, '\\$&')}`),
      within: 'On this page',
    });
    await waitForControl(popup, { role: 'button', name: /^Donald Trump · The Trump–Xi meeting in Busan \(2025\)/, within: 'On this page' });
    await waitForControl(popup, { role: 'button', name: /^Hun Manet\s*\d+ mentions?$/, within: 'On this page' });
    await popup.close();
    const view = await browser.openExtensionPage('options.html');
    await view.waitFor(() => document.querySelectorAll('.pack').length === 2);
    await setPackEnabled(view, pack.title, false);
    await page.bringToFront();
    await page.waitFor(() => ![...(CSS.highlights.get('summit-lens-person') ?? [])].some((r) => r.toString() === 'Hun Manet'));
    // The other pack's highlights stay while the page is read again.
    expect(await texts(page)).toContain('Xi Jinping');
    await setPackEnabled(view, 'The Trump–Xi meeting in Busan (2025)', false);
    await page.waitFor(() => ![...CSS.highlights.keys()].some((k) => k.startsWith('summit-lens')));
    await setPackEnabled(view, 'The Trump–Xi meeting in Busan (2025)', true);
    await setPackEnabled(view, pack.title, true);
    await page.waitFor(() => [...(CSS.highlights.get('summit-lens-person') ?? [])].some((r) => r.toString() === 'Hun Manet'));
    expect(page.errors).toEqual([]);
  });

  it('keeps an imported pack through a browser restart (same profile)', async () => {
    await browser.close();
    browser = await launchLensBrowser(BROWSER, { profileDir: profile });
    const view = await browser.openExtensionPage('options.html');
    await view.waitFor(() => document.querySelectorAll('.pack').length === 2, undefined, 30_000);
    const page = await openTwoStories();
    await page.waitFor(() => [...(CSS.highlights.get('summit-lens-person') ?? [])].some((r) => r.toString() === 'Hun Manet'));
    expect(page.errors).toEqual([]);
  });

  it('finds the longer names of a large pack, whose tables a page reads in two parts', async () => {
    const view = await browser.openExtensionPage('options.html');
    const said = await importPackInView(view, { name: 'large.slpack', bytes: await writePackFile(largePack) });
    expect(said).toContain(`Imported “${largePack.title}”`);
    const page = await browser.newPage();
    await page.goto(server.url('/large/story.html'));
    await waitForHighlights(page);
    expect(await texts(page)).toEqual(expect.arrayContaining(largeNames));
    expect(page.errors).toEqual([]);
    expect(view.errors).toEqual([]);
  });
});
