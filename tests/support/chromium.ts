/**
 * Real Chromium with the built extension loaded, driven by playwright-core. Pages from a plain
 * newContext() get no content scripts, so this is a persistent context on a fresh profile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../dist/chrome');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** Requests that tried to leave the machine: anything but loopback, extension and data URLs. */
  offMachineRequests: string[];
  close(): Promise<void>;
}

export interface LaunchOptions {
  withExtension?: boolean;
  /** Another build of the extension (the benchmark's baseline). */
  extensionDir?: string;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
}

const LOCAL = /^(?:https?:\/\/(?:127\.0\.0\.1|localhost)(?::\d+)?\/|chrome-extension:|data:|blob:|about:|chrome:|devtools:)/;

export async function launchChromium(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const { withExtension = true, extensionDir = EXTENSION_DIR } = options;
  const profile = mkdtempSync(join(tmpdir(), 'summit-lens-profile-'));
  const args = [
    '--headless=new',
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    '--disable-gpu',
  ];
  if (withExtension) args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    ignoreDefaultArgs: ['--disable-extensions', '--headless'],
    viewport: options.viewport ?? { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const offMachineRequests: string[] = [];
  // Every request from every context goes through here; one that leaves the machine is recorded and refused.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (LOCAL.test(url)) return route.continue();
    offMachineRequests.push(url);
    return route.abort();
  });
  let extensionId = '';
  if (withExtension) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    extensionId = new URL(worker.url()).host;
  }
  return {
    context,
    extensionId,
    offMachineRequests,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Text and kind of every range in the page's `summit-lens*` highlights. */
export function highlightedTexts(page: Page): Promise<{ name: string; text: string }[]> {
  return page.evaluate(() => {
    const out: { name: string; text: string }[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('summit-lens')) continue;
      for (const range of highlight) out.push({ name, text: range.toString() });
    }
    return out;
  });
}

export async function waitForHighlights(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction(() => [...CSS.highlights.keys()].some((k) => k.startsWith('summit-lens')), undefined, { timeout });
}
