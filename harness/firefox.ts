/**
 * Debian's Firefox ESR with the built extension installed as a temporary add-on, driven by
 * puppeteer-core over WebDriver BiDi (no geckodriver exists here).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { checkLoaded, lensPageOver, pollUntil, type LaunchOptions, type LensBrowser, type LensPage, type PageLike } from './driver.ts';

export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '../dist/firefox');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const GECKO_ID = 'summit-lens@summitlens.invalid';

/**
 * Firefox's own services (remote settings polls firefox.settings.services.mozilla.com whatever the
 * prefs say). They are refused like everything else but kept apart: they are the browser's, not ours.
 */
const FIREFOX_OWN = /^https?:\/\/[^/]*\.(?:mozilla\.(?:com|net|org)|firefox\.com)(?::\d+)?\//;

/**
 * Every request that is not for loopback goes to this proxy, which writes it down and refuses it,
 * so no request leaves the machine and every attempt, from any page or the extension, is seen.
 * (Firefox never sends loopback traffic through a proxy.)
 */
async function startRefusingProxy(seen: string[], browserOwn: string[]): Promise<Server> {
  const record = (url: string) => (FIREFOX_OWN.test(url) ? browserOwn : seen).push(url);
  const proxy = createServer((req, res) => {
    record(req.url ?? '');
    res.writeHead(403).end();
  });
  proxy.on('connect', (req, socket) => {
    record(`https://${req.url ?? ''}/`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok));
  return proxy;
}

/**
 * The page-side BiDi log carries the extension's errors and the page's alike (Firefox reports a
 * content script's errors in the window's realm), so the stack decides: a frame in moz-extension://
 * is ours; a bare Error with no stack at all (an unhandled rejection) is counted too, while the
 * browser's own network and security messages, which are not Errors, are not.
 */
interface LogEntry {
  type: string;
  text: string | null;
  stackTrace?: { callFrames: { url: string }[] };
}
function isExtensionError(entry: LogEntry): boolean {
  if (entry.type !== 'javascript') return false;
  const frames = entry.stackTrace?.callFrames ?? [];
  if (frames.some((f) => f.url.startsWith('moz-extension://'))) return true;
  return frames.length === 0 && /^\w*Error: /.test(entry.text ?? '');
}

interface BidiContext {
  navigate(url: string, wait: 'none' | 'interactive' | 'complete'): Promise<void>;
  on(event: 'log', handler: (event: { entry: LogEntry }) => void): void;
}
const contextOf = (page: Page): BidiContext => (page.mainFrame() as unknown as { browsingContext: BidiContext }).browsingContext;

function wrapPuppeteerPage(page: Page): LensPage {
  const errors: string[] = [];
  contextOf(page).on('log', ({ entry }) => {
    if (isExtensionError(entry)) errors.push(entry.text ?? '(no message)');
  });
  return lensPageOver(page as unknown as PageLike, {
    browser: 'firefox',
    errors,
    goto: async (url) => {
      // page.goto never settles for moz-extension:// pages; their browsing context navigates fine.
      if (url.startsWith('moz-extension://')) await contextOf(page).navigate(url, 'complete');
      else checkLoaded(url, (await page.goto(url))?.status());
    },
    setViewport: (width, height) => page.setViewport({ ...page.viewport(), width, height }),
    tap: (x, y) => page.touchscreen.tap(x, y),
    touchDrag: async (from, to, steps = 8) => {
      const finger = await page.touchscreen.touchStart(from.x, from.y);
      for (let i = 1; i <= steps; i++) await finger.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
      await finger.end();
    },
    close: async () => {
      if (!page.isClosed()) await page.close();
    },
  });
}

function uuidFor(path: string): string {
  const hex = createHash('sha256').update(path).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Debian's language pack for Firefox ESR (firefox-esr-l10n-ko, -ja, -zh-cn), installed as a temporary add-on. */
function languagePack(locale: string): string {
  const path = `/usr/lib/firefox-esr/browser/extensions/langpack-${locale}@firefox-esr.mozilla.org.xpi`;
  if (!existsSync(path))
    throw new Error(`no Firefox language pack for ${locale} at ${path} (apt-get install firefox-esr-l10n-${locale.toLowerCase()})`);
  return path;
}

export async function launchFirefox(options: LaunchOptions = {}): Promise<LensBrowser> {
  const { withExtension = true } = options;
  const offMachineRequests: string[] = [];
  const browserOwnRequests: string[] = [];
  const proxy = await startRefusingProxy(offMachineRequests, browserOwnRequests);
  const proxyPort = (proxy.address() as AddressInfo).port;
  // Pinned, so the extension's pages have a known address.
  // A kept profile keeps its extension's address (its storage lives there): derived from the profile's path.
  const uuid = options.profileDir ? uuidFor(options.profileDir) : randomUUID();
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      ...(options.profileDir ? { userDataDir: options.profileDir } : {}),
      args: ['--remote-allow-system-access'],
      defaultViewport: { ...(options.viewport ?? { width: 1280, height: 900 }), hasTouch: options.touch ?? false },
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxyPort,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxyPort,
        // 0 = dark, 1 = light: what pages (and the card) see as prefers-color-scheme.
        'layout.css.prefers-color-scheme.content-override': options.colorScheme === 'dark' ? 0 : 1,
        // A temporary add-on is uninstalled when Firefox closes; a restart test installs it again and
        // needs its origin and storage as they were, as a reader's installed add-on would have them.
        'extensions.webextensions.keepStorageOnUninstall': true,
        'extensions.webextensions.keepUuidOnUninstall': true,
        ...(options.locale && { 'intl.locale.requested': options.locale }),
        ...(options.backgroundIdleMs !== undefined && { 'extensions.background.idle.timeout': options.backgroundIdleMs }),
      },
    });
  } catch (error) {
    proxy.close();
    throw error;
  }
  // The language pack first: the extension then starts with the interface language it will keep.
  if (options.locale) await browser.installExtension(languagePack(options.locale));
  if (withExtension) await browser.installExtension(FIREFOX_EXTENSION_DIR);
  const opened: LensPage[] = [];
  const open = async (): Promise<LensPage> => {
    const page = wrapPuppeteerPage(await browser.newPage());
    opened.push(page);
    return page;
  };
  const openExtensionPage = async (path: string): Promise<LensPage> => {
    const page = await open();
    await page.goto(`moz-extension://${uuid}/${path}`);
    return page;
  };
  return {
    name: 'firefox',
    offMachineRequests,
    newPage: open,
    openExtensionPage,
    closePages: async () => {
      for (const page of opened.splice(0)) await page.close().catch(() => {});
    },
    extensionRestarted: async () => {
      await pollUntil(
        async () => {
          const probe = await openExtensionPage('popup.html');
          try {
            return await probe.evaluate(() => Boolean(chrome.runtime?.id));
          } finally {
            await probe.close();
          }
        },
        10_000,
        'the extension to restart',
      );
    },
    // WebDriver BiDi has no command that suspends an event page; only its idle timer does.
    stopBackground: async () => false,
    close: async () => {
      await browser.close();
      await new Promise((ok) => proxy.close(ok));
    },
  };
}
