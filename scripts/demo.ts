/**
 * `npm run demo`: the built extension in headless Chromium on the demo article. Prints what it
 * found and writes screenshots of the annotated page, an open card and the popup to demo-output/.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { highlightedTexts, launchChromium, waitForHighlights } from '../tests/support/chromium';
import { startServer } from '../tests/support/server';

const out = resolve(import.meta.dirname, '../demo-output');
mkdirSync(out, { recursive: true });

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

  // Hover the first "Xi Jinping" in the article body and wait for the card.
  const box = await page.evaluate(() => {
    for (const [name, highlight] of CSS.highlights) {
      if (name !== 'summit-lens-person') continue;
      for (const range of highlight) {
        if (range.toString() !== 'Xi Jinping') continue;
        const rect = (range as Range).getBoundingClientRect();
        if (rect.top > 250 && rect.bottom < innerHeight - 300) return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
    }
    return undefined;
  });
  if (!box) throw new Error('no "Xi Jinping" highlight in view to hover');
  await page.mouse.move(box.x, box.y, { steps: 4 });
  await page.waitForFunction(() => {
    const host = document.querySelector('[data-summit-lens-host]');
    return Boolean(host?.shadowRoot?.querySelector('[role="dialog"]'));
  });
  await page.waitForTimeout(100);
  await page.screenshot({ path: join(out, 'card.png') });
  const cardText = await page.evaluate(
    () => document.querySelector('[data-summit-lens-host]')?.shadowRoot?.querySelector('[role="dialog"] h2')?.textContent,
  );
  console.log(`Hovering "Xi Jinping" opened the card for: ${cardText}`);

  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 340, height: 230 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await popup.getByRole('switch', { checked: true }).waitFor();
  await popup.waitForTimeout(300);
  await popup.screenshot({ path: join(out, 'popup.png') });
  console.log(`Screenshots written to ${out}: annotated.png, card.png, popup.png`);
  if (browser.offMachineRequests.length) {
    console.error('Requests tried to leave the machine:', browser.offMachineRequests);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await server.close();
}
