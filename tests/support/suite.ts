import { afterAll, afterEach, beforeAll } from 'vitest';
import { browserFromEnv, launchLensBrowser, type BrowserName, type LaunchOptions, type LensBrowser } from '../../harness/driver.ts';
import { startServer, type TestServer } from '../../harness/server.ts';

/** The browser this run of the browser tests drives (SUMMIT_LENS_BROWSER, set per vitest project). */
export const BROWSER: BrowserName = browserFromEnv();

/** An object that stands for one made later (in beforeAll): every property is read from it at use. */
function later<T extends object>(current: () => T | undefined, what: string): T {
  return new Proxy({} as T, {
    get(_, key) {
      const target = current();
      if (!target) throw new Error(`the ${what} starts in beforeAll: use it inside a test`);
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * One loopback server and one browser with the built extension for a test file, started before
 * its tests (launched with `options`: a phone's screen, say); pages a test leaves open (a failed
 * one) are closed before the next test.
 */
export function withLensBrowser(options: LaunchOptions = {}): { server: TestServer; browser: LensBrowser } {
  let server: TestServer | undefined;
  let browser: LensBrowser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchLensBrowser(BROWSER, options);
  });
  afterEach(async () => {
    await browser?.closePages();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return { server: later(() => server, 'test server'), browser: later(() => browser, 'browser') };
}
