import type Browser from 'webextension-polyfill';

/**
 * The few extension APIs the page script uses, straight from the browser: Firefox's `browser` and
 * Chrome's promise-returning `chrome` (MV3) need no polyfill for these, and every byte of the
 * content script is paid on every page. The popup and background keep webextension-polyfill.
 */
interface PageExtensionApi {
  runtime: Pick<Browser.Runtime.Static, 'sendMessage' | 'getURL' | 'id'> & {
    onMessage: {
      addListener(
        listener: (
          message: unknown,
          sender: Browser.Runtime.MessageSender,
          sendResponse: (response: unknown) => void,
        ) => boolean | undefined,
      ): void;
    };
  };
  storage: { sync: Browser.Storage.StorageArea; onChanged: Browser.Storage.Static['onChanged'] };
}

const api = ((globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome) as PageExtensionApi;

export const ext = api;

/**
 * Answer messages with a promise in both browsers: Chrome's onMessage wants sendResponse and a
 * `true` return to keep the channel open, Firefox takes either.
 */
export function onMessage(handler: (message: unknown, sender: Browser.Runtime.MessageSender) => Promise<unknown> | undefined): void {
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const answer = handler(message, sender);
    if (!answer) return undefined;
    answer.then(sendResponse, (error: unknown) => {
      console.warn('[Summit Lens] failed to answer a message', error);
      sendResponse(undefined);
    });
    return true;
  });
}

/** False once the extension was reloaded or removed under a page that still runs this script. */
export function extensionAlive(): boolean {
  try {
    return Boolean(api.runtime?.id);
  } catch {
    return false;
  }
}
