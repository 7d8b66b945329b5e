/**
 * `npm run demo`: the built extension in headless Chromium on the demo article. Prints what it
 * found and writes screenshots of the annotated page, an open card and the popup to demo-output/.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { highlightedTexts, launchChromium, waitForHighlights } from '../tests/support/chromium';
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
        const rect = (range as Range).getBoundingClientRect();
        scrollBy(0, rect.top - 220);
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
  await page.waitForFunction(() => document.querySelector('[data-summit-lens-host]')?.shadowRoot?.querySelector('[role="dialog"]'));
  await page.waitForTimeout(100);
  await page.screenshot({ path: join(out, file) });
  const heading = await page.evaluate(
    () => document.querySelector('[data-summit-lens-host]')?.shadowRoot?.querySelector('[role="dialog"] h2')?.textContent,
  );
  console.log(`Hovering "${text}" opened the card for: ${heading}`);
}

const server = await startServer();
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  await page.goto(server.url('/demo/article.html'));
  await waitForHighlights(page);
  const found = await highlightedTexts(page);
  const [annotate, nlp] = await page.evaluate(() =>
    ['summit-lens:annotate', 'summit-lens:nlp'].map((name) => performance.getEntriesByName(name).map((e) => e.duration)),
  );
  console.log(`Summit Lens found ${found.length} mentions on the demo article:`);
  const byKind = new Map<string, string[]>();
  for (const { name, text } of found) byKind.set(name, [...(byKind.get(name) ?? []), text]);
  for (const [name, texts] of byKind)
    console.log(
      `  ${name.replace('summit-lens-', '').padEnd(13)} ${texts.length.toString().padStart(3)}  ${[...new Set(texts)].join(', ')}`,
    );
  const stats: unknown = await page.evaluate(
    () => (performance.getEntriesByName('summit-lens:annotate')[0] as PerformanceMeasure | undefined)?.detail,
  );
  if (stats) console.log('Scan:', JSON.stringify(stats));
  if (annotate?.length) {
    const nlpMs = nlp?.[0] ?? 0;
    console.log(
      `Annotated in ${annotate[0]!.toFixed(1)} ms from idle start to highlights drawn; ${nlpMs.toFixed(1)} ms of it waiting for compromise in the background.`,
    );
  }
  await page.screenshot({ path: join(out, 'annotated.png') });

  await hoverAndShoot(page, 'Xi Jinping', 'card.png');
  await page.keyboard.press('Escape');
  await hoverAndShoot(page, 'Kuala Lumpur talks', 'card-event.png');

  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 340, height: 230 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await popup.getByRole('switch', { checked: true }).waitFor();
  await popup.waitForTimeout(300);
  await popup.screenshot({ path: join(out, 'popup.png') });
  console.log(`Screenshots written to ${out}: annotated.png, card.png, card-event.png, popup.png`);
  if (browser.offMachineRequests.length) {
    console.error('Requests tried to leave the machine:', browser.offMachineRequests);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await server.close();
}
