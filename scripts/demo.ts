/**
 * `npm run demo`: the built extension in headless Chromium on the demo article. Prints what it
 * found and writes screenshots to demo-output/: the annotated page, a person's card in light and
 * dark mode, an event's card with its timeline, and the popup with its page list.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { highlightedTexts, launchChromium } from '../tests/support/chromium';
import { openAnnotated, openPopup, waitForCard } from '../tests/support/page-helpers';
import { startServer } from '../tests/support/server';

const out = resolve(import.meta.dirname, '../demo-output');
mkdirSync(out, { recursive: true });

/** Rest the pointer on the first highlight reading `text` (scrolled to the upper part of the view) and screenshot its card. */
async function hoverAndShoot(page: Page, text: string, file: string): Promise<void> {
  const point = await page.evaluate((wanted) => {
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('summit-lens')) continue;
      for (const range of highlight) {
        if (range.toString() !== wanted) continue;
        scrollBy(0, (range as Range).getBoundingClientRect().top - 220);
        // Near the end, so a name nested at its start is not what the pointer rests on.
        const rects = (range as Range).getClientRects();
        const last = rects[rects.length - 1]!;
        return { x: last.right - Math.min(6, last.width / 2), y: last.top + last.height / 2 };
      }
    }
    return undefined;
  }, text);
  if (!point) throw new Error(`no "${text}" highlight to hover`);
  await page.mouse.move(point.x, point.y, { steps: 4 });
  await waitForCard(page);
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(out, file) });
  const heading = await page.evaluate(
    () => document.querySelector('[data-summit-lens-host]')?.shadowRoot?.querySelector('[role="dialog"] h2')?.textContent,
  );
  console.log(`Hovering "${text}" opened the card for: ${heading} → ${file}`);
  await page.keyboard.press('Escape');
  await waitForCard(page, false);
}

const server = await startServer();
const articleUrl = server.url('/demo/article.html');
let failed = false;

const light = await launchChromium();
try {
  const page = await openAnnotated(light, articleUrl);
  const found = await highlightedTexts(page);
  console.log(`Summit Lens found ${found.length} mentions on the demo article:`);
  const byKind = new Map<string, string[]>();
  for (const { name, text } of found) byKind.set(name, [...(byKind.get(name) ?? []), text]);
  for (const [name, texts] of byKind)
    console.log(
      `  ${name.replace('summit-lens-', '').padEnd(13)} ${texts.length.toString().padStart(3)}  ${[...new Set(texts)].join(', ')}`,
    );
  const [annotate, nlp] = await page.evaluate(() =>
    ['summit-lens:annotate', 'summit-lens:nlp'].map((name) => performance.getEntriesByName(name).map((e) => e.duration)),
  );
  const stats: unknown = await page.evaluate(
    () => (performance.getEntriesByName('summit-lens:annotate')[0] as PerformanceMeasure | undefined)?.detail,
  );
  if (stats) console.log('Scan:', JSON.stringify(stats));
  if (annotate?.length) {
    console.log(
      `Annotated in ${annotate[0]!.toFixed(1)} ms from idle start to highlights drawn; ${(nlp?.[0] ?? 0).toFixed(1)} ms of it waiting for compromise in the background.`,
    );
  }
  await page.screenshot({ path: join(out, 'annotated.png') });
  await hoverAndShoot(page, 'Xi Jinping', 'card.png');
  await hoverAndShoot(page, 'Kuala Lumpur talks', 'card-event.png');

  const { popup } = await openPopup(light.context, light.extensionId, page);
  await popup.setViewportSize({ width: 360, height: 760 });
  await popup
    .getByRole('region', { name: 'On this page' })
    .getByRole('heading', { name: /People/ })
    .waitFor();
  await popup.waitForTimeout(300);
  await popup.screenshot({ path: join(out, 'popup.png'), fullPage: true });
  console.log('Popup with its page list → popup.png');
  if (light.offMachineRequests.length) {
    console.error('Requests tried to leave the machine:', light.offMachineRequests);
    failed = true;
  }
} finally {
  await light.close();
}

const dark = await launchChromium({ colorScheme: 'dark' });
try {
  const page = await openAnnotated(dark, articleUrl);
  await hoverAndShoot(page, 'Xi Jinping', 'card-dark.png');
} finally {
  await dark.close();
  await server.close();
}
console.log(`Screenshots written to ${out}`);
if (failed) process.exitCode = 1;
