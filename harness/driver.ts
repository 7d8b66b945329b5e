/**
 * The small surface the browser tests, the demo and the corpus run drive a browser through, so one
 * set of test definitions runs in Chromium (playwright-core) and in Firefox ESR (puppeteer-core over
 * WebDriver BiDi). Everything a test asks of a page goes through `evaluate`, the pointer and the
 * keyboard: no library-specific locators, so both browsers are asked exactly the same thing.
 */

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

export interface LaunchOptions {
  withExtension?: boolean;
  /** A profile folder to keep between launches (a restart test); a fresh one, removed on close, otherwise. */
  profileDir?: string;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /**
   * Chromium only: hosts served by the loopback server under a readable name (`{ 'harbourledger.example':
   * 'http://127.0.0.1:4321' }`), so a picture of the popup shows a site's name rather than a port.
   */
  hostAliases?: Record<string, string>;
  /**
   * The browser's interface language (BCP 47: "ko", "zh-CN"), which picks the extension's
   * catalogue: Chromium starts with --lang and the page locale to match; Firefox installs the
   * system's language pack for it (Debian's firefox-esr-l10n-*) and requests it.
   */
  locale?: string;
  /** A touch screen: taps and touch drags reach pages as a finger's (Chromium: `hasTouch`; Firefox: see firefox.ts). */
  touch?: boolean;
  /**
   * Firefox only: how long the event page may idle before Firefox suspends it (its
   * `extensions.background.idle.timeout`, 30 s by default): WebDriver BiDi cannot stop it, so a
   * bench that needs a cold background shortens the wait.
   */
  backgroundIdleMs?: number;
}

export interface LensPage {
  readonly browser: BrowserName;
  /** Uncaught errors thrown by the extension's code in this page since it was opened. */
  readonly errors: string[];
  /** Loads `url`; an http(s) page that answers with an error status (a fixture that is not there) throws. */
  goto(url: string): Promise<void>;
  /**
   * Runs `fn` in the page (for an extension page, with the extension's APIs). The function is sent
   * as source text, so it may use only its argument and the page's globals.
   */
  evaluate<R, A = undefined>(fn: ((arg: A) => R | Promise<R>) | string, arg?: A): Promise<R>;
  /** Polls `fn` in the page until it returns something truthy. Polling, not an observer: a hostile page may have removed MutationObserver. */
  waitFor<A = undefined>(fn: ((arg: A) => unknown) | string, arg?: A, timeout?: number): Promise<void>;
  moveMouse(x: number, y: number, steps?: number): Promise<void>;
  click(x: number, y: number): Promise<void>;
  /** A finger's tap (the browser must have been launched with `touch`). */
  tap(x: number, y: number): Promise<void>;
  /** A finger put down at `from`, dragged to `to` in `steps` moves, and lifted: a scroll, never a tap. */
  touchDrag(from: { x: number; y: number }, to: { x: number; y: number }, steps?: number): Promise<void>;
  press(key: 'Escape' | 'Tab' | 'Enter' | 'Space'): Promise<void>;
  type(text: string): Promise<void>;
  bringToFront(): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  screenshot(path: string, fullPage?: boolean): Promise<void>;
  /** `fn` run in each child frame that can be reached; frames that cannot be evaluated are skipped. */
  evaluateInFrames<R>(fn: () => R): Promise<R[]>;
  sleep(ms: number): Promise<void>;
  close(): Promise<void>;
}

export interface LensBrowser {
  readonly name: BrowserName;
  /** Requests that tried to leave the machine (all refused): anything but loopback and the browser's own schemes. */
  readonly offMachineRequests: string[];
  newPage(): Promise<LensPage>;
  /** One of the extension's own pages (`popup.html?tab=3`), loaded and ready to evaluate. */
  openExtensionPage(path: string): Promise<LensPage>;
  /** Closes every page opened through this browser that is still open. */
  closePages(): Promise<void>;
  /** After `runtime.reload()`: waits until the extension is running again. */
  extensionRestarted(): Promise<void>;
  /**
   * Stops the extension's background now, as the browser does after it idles (Chromium's service
   * worker, through DevTools). False where the driver has no way to (Firefox: WebDriver BiDi has
   * no command that suspends an event page; only its idle timer does).
   */
  stopBackground(): Promise<boolean>;
  close(): Promise<void>;
}

export function browserFromEnv(): BrowserName {
  const name = process.env.SUMMIT_LENS_BROWSER ?? 'chromium';
  if (!BROWSERS.includes(name as BrowserName)) throw new Error(`SUMMIT_LENS_BROWSER must be one of ${BROWSERS.join(', ')}, not "${name}"`);
  return name as BrowserName;
}

export async function launchLensBrowser(name: BrowserName, options: LaunchOptions = {}): Promise<LensBrowser> {
  if (name === 'firefox') return (await import('./firefox.ts')).launchFirefox(options);
  return (await import('./chromium.ts')).launchChromiumLens(options);
}

/** What a driver's goto does with the response: a test never reads a 404 page as the page it asked for. */
export function checkLoaded(url: string, status: number | undefined): void {
  if (status !== undefined && status >= 400) throw new Error(`${url} answered ${status}: the page a test asked for is not there`);
}

/** The shared polling loop behind `waitFor`. */
export async function pollUntil(check: () => Promise<unknown>, timeout: number, describe: string): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${describe}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

/**
 * A function sent to the page as source text, called with its argument. Script runners that keep
 * function names (tsx) wrap inner functions in a `__name` helper the page does not have; the
 * wrapper supplies a harmless one.
 */
export function asExpression(fn: ((arg: never) => unknown) | string, arg: unknown): string {
  if (typeof fn === 'string') return fn;
  return `(() => { const __name = (f) => f; return (${fn.toString()})(${arg === undefined ? '' : JSON.stringify(arg)}); })()`;
}

/** What playwright-core's and puppeteer-core's pages have in common, as far as the driver uses it. */
export interface PageLike {
  evaluate(expression: string): Promise<unknown>;
  mouse: { move(x: number, y: number, options: { steps: number }): Promise<void>; click(x: number, y: number): Promise<void> };
  keyboard: { press(key: string): Promise<void>; type(text: string): Promise<void> };
  bringToFront(): Promise<void>;
  frames(): { evaluate(expression: string): Promise<unknown> }[];
  screenshot(options: { path: `${string}.png`; fullPage: boolean }): Promise<unknown>;
}

/** The driver's page over either library's page; what differs is passed in. */
export function lensPageOver(
  page: PageLike,
  differences: Pick<LensPage, 'browser' | 'errors' | 'goto' | 'setViewport' | 'close' | 'tap' | 'touchDrag'>,
): LensPage {
  const evaluate = (fn: ((arg: never) => unknown) | string, arg: unknown) => page.evaluate(asExpression(fn, arg));
  return {
    ...differences,
    evaluate: (fn, arg) => evaluate(fn as (arg: never) => unknown, arg) as never,
    waitFor: (fn, arg, timeout = 15_000) =>
      pollUntil(() => evaluate(fn as (arg: never) => unknown, arg), timeout, fn.toString().slice(0, 120)),
    moveMouse: (x, y, steps = 1) => page.mouse.move(x, y, { steps }),
    click: (x, y) => page.mouse.click(x, y),
    press: (key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
    bringToFront: async () => {
      try {
        await page.bringToFront();
      } catch {
        // Firefox: activating a tab while another one (the popup, opened as a tab here) is closing
        // itself can fail with "no such frame"; once that tab is gone, activating works.
        await new Promise((resolve) => setTimeout(resolve, 250));
        await page.bringToFront();
      }
    },
    screenshot: async (path, fullPage = false) => {
      await page.screenshot({ path: path as `${string}.png`, fullPage });
    },
    evaluateInFrames: async (fn) => {
      const results = [];
      for (const frame of page.frames().slice(1)) {
        const result = await frame.evaluate(asExpression(fn, undefined)).catch(() => undefined);
        if (result !== undefined) results.push(result as Awaited<ReturnType<typeof fn>>);
      }
      return results;
    },
    sleep: (ms) => new Promise((ok) => setTimeout(ok, ms)),
  };
}
