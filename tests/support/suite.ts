import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium, type ExtensionBrowser } from './chromium';
import { startServer, type TestServer } from './server';

/**
 * One loopback server and one Chromium with the built extension for a test file, handed to the
 * file as they start; pages a test leaves open (a failed one) are closed before the next test.
 */
export function withLensBrowser(ready: (server: TestServer, browser: ExtensionBrowser) => void): void {
  let server: TestServer | undefined;
  let browser: ExtensionBrowser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    ready(server, browser);
  });
  afterEach(async () => {
    for (const page of browser?.context.pages() ?? []) if (!page.isClosed()) await page.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
}
