/**
 * Real Chromium with the built extension loaded, driven by playwright-core. Pages from a plain
 * newContext() get no content scripts, so this is a persistent context on a fresh profile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { checkLoaded, lensPageOver, type LaunchOptions as LensLaunchOptions, type LensBrowser, type LensPage } from './driver.ts';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../dist/chrome');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** Requests that tried to leave the machine: anything but loopback, extension and data URLs. */
  offMachineRequests: string[];
  close(): Promise<void>;
}

export interface LaunchOptions extends LensLaunchOptions {
  /** Another build of the extension (the benchmark's baseline). */
  extensionDir?: string;
}

const LOCAL = /^(?:https?:\/\/(?:127\.0\.0\.1|localhost)(?::\d+)?\/|chrome-extension:|data:|blob:|about:|chrome:|devtools:)/;

export async function launchChromium(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const { withExtension = true, extensionDir = EXTENSION_DIR } = options;
  const profile = options.profileDir ?? mkdtempSync(join(tmpdir(), 'summit-lens-profile-'));
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
  if (options.locale) args.push(`--lang=${options.locale}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    ignoreDefaultArgs: ['--disable-extensions', '--headless'],
    viewport: options.viewport ?? { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    ...(options.locale && { locale: options.locale, env: { ...process.env, LANGUAGE: options.locale.replace('-', '_') } }),
    hasTouch: options.touch ?? false,
  });
  const offMachineRequests: string[] = [];
  // Every request from every context goes through here; one that leaves the machine is recorded and refused.
  const aliases = options.hostAliases ?? {};
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (LOCAL.test(url)) return route.continue();
    const parsed = new URL(url);
    const origin = parsed.protocol === 'http:' ? aliases[parsed.host] : undefined;
    if (origin) return route.fulfill({ response: await route.fetch({ url: `${origin}${parsed.pathname}${parsed.search}` }) });
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
      if (!options.profileDir) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A Playwright page behind the driver's surface. `errors` collects uncaught exceptions thrown in the
 * extension's isolated world (the page's own errors, like a stripped script's leftover onerror
 * handler, are not the extension's and are left out), read through the DevTools protocol.
 */
export async function wrapPlaywrightPage(context: BrowserContext, page: Page): Promise<LensPage> {
  const errors: string[] = [];
  const ours = new Set<number>();
  const cdp = await context.newCDPSession(page);
  cdp.on('Runtime.executionContextCreated', ({ context: created }) => {
    if (created.origin.startsWith('chrome-extension://') || (created.auxData as { type?: string } | undefined)?.type === 'isolated')
      ours.add(created.id);
  });
  cdp.on('Runtime.exceptionThrown', ({ exceptionDetails }) => {
    if (exceptionDetails.executionContextId === undefined || ours.has(exceptionDetails.executionContextId)) {
      errors.push(exceptionDetails.exception?.description ?? exceptionDetails.text);
    }
  });
  await cdp.send('Runtime.enable');
  return lensPageOver(page, {
    browser: 'chromium',
    errors,
    goto: async (url) => {
      const response = await page.goto(url);
      checkLoaded(url, response?.status());
    },
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    tap: (x, y) => page.touchscreen.tap(x, y),
    // Playwright has no touch drag; the DevTools protocol's touch events go through the browser's
    // own gesture recognition, so the page scrolls as under a finger.
    touchDrag: async (from, to, steps = 8) => {
      const point = (t: number) => [{ x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t }];
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(0) });
      for (let i = 1; i <= steps; i++) {
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(i / steps) });
        await page.waitForTimeout(16);
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    },
    close: async () => {
      await cdp.detach().catch(() => {});
      if (!page.isClosed()) await page.close();
    },
  });
}

/**
 * Stops the extension's service workers now, as the browser does after 30 s idle (DevTools'
 * Target.closeTarget, through `page`'s session); how many it stopped. `closePage` closes `page` after.
 */
export async function stopServiceWorkers(context: BrowserContext, page: Page, extensionId?: string, closePage = false): Promise<number> {
  const cdp = await context.newCDPSession(page);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const prefix = extensionId ? `chrome-extension://${extensionId}/` : 'chrome-extension://';
    const workers = targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(prefix));
    for (const worker of workers) await cdp.send('Target.closeTarget', { targetId: worker.targetId });
    return workers.length;
  } finally {
    await cdp.detach().catch(() => {});
    if (closePage) await page.close();
  }
}

export async function launchChromiumLens(options: LaunchOptions = {}): Promise<LensBrowser> {
  const browser = await launchChromium(options);
  const opened: LensPage[] = [];
  const open = async (): Promise<LensPage> => {
    const page = await wrapPlaywrightPage(browser.context, await browser.context.newPage());
    opened.push(page);
    return page;
  };
  return {
    name: 'chromium',
    offMachineRequests: browser.offMachineRequests,
    newPage: open,
    openExtensionPage: async (path) => {
      const page = await open();
      await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
      return page;
    },
    closePages: async () => {
      for (const page of opened.splice(0)) await page.close().catch(() => {});
    },
    extensionRestarted: async () => {
      await browser.context.waitForEvent('serviceworker', { timeout: 10_000 }).catch(() => undefined);
    },
    stopBackground: async () => (await stopServiceWorkers(browser.context, await browser.context.newPage(), browser.extensionId, true)) > 0,
    close: () => browser.close(),
  };
}
