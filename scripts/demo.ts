/**
 * `npm run demo [-- --browser firefox]`: the built extension in headless Chromium (or Firefox ESR)
 * on the demo article. Prints what it found and writes screenshots to demo-output/ (Chromium) or
 * demo-output/firefox/: the annotated page, a person's card in light and dark mode, an event's
 * card with its timeline, the popup with its page list, and the Packs view: a broken pack refused
 * with its problems listed, then a second, real pack imported and highlighted beside the bundled one.
 * `-- --locale ko` (zh-CN, ja) starts the browser in that language and writes to a folder of that name.
 * On a phone-sized touch screen (390 × 844): a tapped card as a bottom sheet (light and dark), and
 * the popup and the Packs view 360 px wide, as Firefox for Android shows them in a tab.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BROWSERS, launchLensBrowser, type BrowserName, type LensPage } from '../harness/driver.ts';
import {
  cardHeading,
  clickControl,
  highlightedTexts,
  hoverMention,
  openAnnotated,
  openPopup,
  pointAt,
  waitForCard,
  waitForControl,
  type ControlQuery,
} from '../harness/page-helpers.ts';
import { catalogueMessage, localeFolder, LOCALES } from '../harness/locales.ts';
import { importPackInView } from '../harness/page-helpers.ts';
import { startServer } from '../harness/server.ts';
import { readPackSource } from '../src/cli/pack-source.ts';
import { writePackFile } from '../src/core/packs/file.ts';
import { APP_VERSION } from './check-pack.ts';

const browserAt = process.argv.indexOf('--browser');
const browserName = (browserAt > 0 ? process.argv[browserAt + 1] : 'chromium') as BrowserName;
if (!BROWSERS.includes(browserName)) {
  console.error(`--browser must be one of ${BROWSERS.join(', ')}, not "${process.argv[browserAt + 1] ?? ''}"`);
  process.exit(2);
}
// `--locale ko` (or zh-CN, ja): the browser in that language, pictures in demo-output/ko/ (demo-output/firefox/ko/).
const localeAt = process.argv.indexOf('--locale');
const locale = localeAt > 0 ? localeFolder(process.argv[localeAt + 1] ?? '') : 'en';
if (!locale) {
  console.error(`--locale must be one of ${Object.keys(LOCALES).join(', ')}, not "${process.argv[localeAt + 1] ?? ''}"`);
  process.exit(2);
}
const launchLocale = localeAt > 0 ? { locale: LOCALES[locale] } : {};
const out = resolve(import.meta.dirname, '../demo-output', browserName === 'chromium' ? '' : browserName, localeAt > 0 ? locale : '');
/** The popup's "People" heading in the demo's language, under "On this page". */
const peopleHeading: ControlQuery = {
  role: 'heading',
  name: new RegExp(`^${catalogueMessage(locale, 'kindsPerson')}`),
  within: catalogueMessage(locale, 'popupOnPage'),
};
mkdirSync(out, { recursive: true });

/** Rest the pointer on the first highlight reading `text` (scrolled to the upper part of the view) and screenshot its card. */
async function hoverAndShoot(page: LensPage, text: string, file: string): Promise<void> {
  await hoverMention(page, text, 220);
  await page.sleep(200);
  await page.screenshot(join(out, file));
  console.log(`Hovering "${text}" opened the card for: ${await cardHeading(page)} → ${file}`);
  await page.press('Escape');
  await waitForCard(page, false);
}

const server = await startServer();
const articleUrl = server.url('/demo/article.html');
let failed = false;

const light = await launchLensBrowser(browserName, launchLocale);
try {
  const page = await openAnnotated(light, articleUrl);
  const found = await highlightedTexts(page);
  console.log(`Summit Lens (${browserName}) found ${found.length} mentions on the demo article:`);
  const byKind = new Map<string, string[]>();
  for (const { name, text } of found) byKind.set(name, [...(byKind.get(name) ?? []), text]);
  for (const [name, texts] of byKind)
    console.log(
      `  ${name.replace('summit-lens-', '').padEnd(13)} ${texts.length.toString().padStart(3)}  ${[...new Set(texts)].join(', ')}`,
    );
  const [annotate, find] = await page.evaluate(() =>
    ['summit-lens:annotate', 'summit-lens:find'].map((name) => performance.getEntriesByName(name).map((e) => e.duration)),
  );
  const stats: unknown = await page.evaluate(
    () => (performance.getEntriesByName('summit-lens:annotate')[0] as PerformanceMeasure | undefined)?.detail,
  );
  if (stats) console.log('Scan:', JSON.stringify(stats));
  if (annotate?.length) {
    console.log(
      `Annotated in ${annotate[0]!.toFixed(1)} ms from idle start to highlights drawn; ${(find ?? []).reduce((a, b) => a + b, 0).toFixed(1)} ms of it waiting for the background (the rules and compromise).`,
    );
  }
  await page.screenshot(join(out, 'annotated.png'));
  await hoverAndShoot(page, 'Xi Jinping', 'card.png');
  await hoverAndShoot(page, 'Kuala Lumpur talks', 'card-event.png');

  const { popup } = await openPopup(light, page, catalogueMessage(locale, 'popupShowHighlights'));
  await popup.setViewport(360, 760);
  await waitForControl(popup, peopleHeading);
  await popup.sleep(300);
  await popup.screenshot(join(out, 'popup.png'), true);
  console.log('Popup with its page list → popup.png');

  // The Packs view: a pack with mistakes is refused with every problem named; the real one imports.
  const second = (await readPackSource(resolve(import.meta.dirname, '../tests/fixtures/packs/thai-cambodia-2025'), APP_VERSION)).pack!;
  const view = await light.openExtensionPage('options.html');
  await view.setViewport(900, 900);
  const broken = {
    ...second,
    entities: second.entities.map((e, i) =>
      i === 1
        ? { ...e, summary: 'Prime minister of <b>Cambodia</b>.' }
        : i === 2
          ? { ...e, facts: [{ ...e.facts[0]!, sources: [{ outlet: 'Blog', url: 'http://blog.example/post' }] }] }
          : e,
    ),
  };
  console.log(
    `Packs view, a broken pack: ${await importPackInView(view, { name: 'thai-cambodia-draft.slpack', bytes: await writePackFile(broken) })}`,
  );
  await view.screenshot(join(out, 'packs-refused.png'), true);
  console.log(
    `Packs view, the real pack: ${await importPackInView(view, { name: 'thai-cambodia-2025.slpack', bytes: await writePackFile(second) })}`,
  );
  await view.sleep(300);
  await view.screenshot(join(out, 'packs.png'), true);
  const both = await openAnnotated(light, server.url('/fixtures/two-packs.html'));
  await both.waitFor(() => [...(CSS.highlights.get('summit-lens-person') ?? [])].some((r) => r.toString() === 'Hun Manet'));
  await both.screenshot(join(out, 'two-packs.png'));
  await hoverAndShoot(both, 'Hun Manet', 'card-second-pack.png');
  // Both packs know Donald Trump: his card offers the other pack's reading, and the popup names the packs.
  await hoverAndShoot(both, 'Donald Trump', 'card-shared-name.png');
  const { popup: bothPopup } = await openPopup(light, both, catalogueMessage(locale, 'popupShowHighlights'));
  await bothPopup.setViewport(360, 640);
  await waitForControl(bothPopup, peopleHeading);
  await bothPopup.sleep(300);
  await bothPopup.screenshot(join(out, 'popup-two-packs.png'));
  console.log('Popup with two packs on → popup-two-packs.png');
  if (page.errors.length) {
    console.error('The extension threw on the page:', page.errors);
    failed = true;
  }
  if (light.offMachineRequests.length) {
    console.error('Requests tried to leave the machine:', light.offMachineRequests);
    failed = true;
  }
} finally {
  await light.close();
}

const dark = await launchLensBrowser(browserName, { colorScheme: 'dark', ...launchLocale });
try {
  const page = await openAnnotated(dark, articleUrl);
  await hoverAndShoot(page, 'Xi Jinping', 'card-dark.png');
} finally {
  await dark.close();
}

/** Tap the first highlight reading `text` (in the upper part of the view) and screenshot the sheet it opens. */
async function tapAndShoot(page: LensPage, text: string, file: string): Promise<void> {
  const point = await pointAt(page, text, 160);
  await page.tap(point.x, point.y);
  await waitForCard(page);
  await page.sleep(300);
  await page.screenshot(join(out, file));
  console.log(`Tapping "${text}" on a phone opened the sheet for: ${await cardHeading(page)} → ${file}`);
  await page.press('Escape');
  await waitForCard(page, false);
}

for (const colorScheme of ['light', 'dark'] as const) {
  const phone = await launchLensBrowser(browserName, { ...launchLocale, touch: true, viewport: { width: 390, height: 844 }, colorScheme });
  try {
    const page = await openAnnotated(phone, articleUrl);
    await tapAndShoot(page, 'Donald Trump', colorScheme === 'light' ? 'phone-card.png' : 'phone-card-dark.png');
    if (colorScheme === 'dark') continue;
    await tapAndShoot(page, 'Kuala Lumpur talks', 'phone-card-event.png');
    const { popup } = await openPopup(phone, page, catalogueMessage(locale, 'popupShowHighlights'));
    await popup.setViewport(360, 760);
    await waitForControl(popup, peopleHeading);
    await clickControl(popup, { role: 'text', name: catalogueMessage(locale, 'popupDisplayOptions') });
    await popup.sleep(300);
    await popup.screenshot(join(out, 'phone-popup.png'), true);
    console.log('Popup 360 px wide, display options open → phone-popup.png');
    const view = await phone.openExtensionPage('options.html');
    await view.setViewport(360, 760);
    await waitForControl(view, { role: 'heading', name: new RegExp(`^${catalogueMessage(locale, 'packs')}$`) });
    await view.sleep(300);
    await view.screenshot(join(out, 'phone-packs.png'), true);
    console.log('Packs view 360 px wide → phone-packs.png');
    if (page.errors.length) {
      console.error('The extension threw on the phone page:', page.errors);
      failed = true;
    }
  } finally {
    await phone.close();
  }
}
await server.close();
console.log(`Screenshots written to ${out}`);
if (failed) process.exitCode = 1;
