import { afterAll, afterEach, beforeAll } from 'vitest';
import { browserFromEnv, launchLensBrowser, type BrowserName, type LensBrowser } from './driver';
import { startServer, type TestServer } from './server';

/** The browser this run of the browser tests drives (SUMMIT_LENS_BROWSER, set per vitest project). */
export const BROWSER: BrowserName = browserFromEnv();

/**
 * One loopback server and one browser with the built extension for a test file, handed to the
 * file as they start; pages a test leaves open (a failed one) are closed before the next test.
 */
export function withLensBrowser(ready: (server: TestServer, browser: LensBrowser) => void): void {
  let server: TestServer | undefined;
  let browser: LensBrowser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchLensBrowser(BROWSER);
    ready(server, browser);
  });
  afterEach(async () => {
    await browser?.closePages();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
}
