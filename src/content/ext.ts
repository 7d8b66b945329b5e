import type Browser from 'webextension-polyfill';
import { LIFELINE_PORT } from '../common/lifeline.ts';
import { warn } from '../core/log.ts';

/**
 * The few extension APIs the page script uses, straight from the browser: Firefox's `browser` and
 * Chrome's promise-returning `chrome` (MV3) need no polyfill for these, and every byte of the
 * content script is paid on every page. The popup and background keep webextension-polyfill.
 */
type MessageListener = (
  message: unknown,
  sender: Browser.Runtime.MessageSender,
  sendResponse: (response: unknown) => void,
) => boolean | undefined;

interface PageExtensionApi {
  runtime: Pick<Browser.Runtime.Static, 'sendMessage' | 'getURL' | 'id' | 'connect'> & {
    onMessage: { addListener(listener: MessageListener): void; removeListener(listener: MessageListener): void };
  };
  storage: { sync: Browser.Storage.StorageArea; local: Browser.Storage.StorageArea; onChanged: Browser.Storage.Static['onChanged'] };
}

const api = ((globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome) as PageExtensionApi;

export const ext = api;

/**
 * Undo an extension registration when the page's lifetime ends. Once the extension is gone,
 * Chromium throws "Extension context invalidated" from its APIs; there is nothing left to undo then.
 */
export function untilAborted(signal: AbortSignal, undo: () => void): void {
  signal.addEventListener(
    'abort',
    () => {
      try {
        undo();
      } catch {
        // The extension is gone, and its registrations with it.
      }
    },
    { once: true },
  );
}

/**
 * Answer messages with a promise in both browsers: Chrome's onMessage wants sendResponse and a
 * `true` return to keep the channel open, Firefox takes either.
 */
export function onMessage(
  signal: AbortSignal,
  handler: (message: unknown, sender: Browser.Runtime.MessageSender) => Promise<unknown> | undefined,
): void {
  const listener: MessageListener = (message, sender, sendResponse) => {
    const answer = handler(message, sender);
    if (!answer) return undefined;
    answer.then(sendResponse, (error: unknown) => {
      warn('failed to answer a message', error);
      sendResponse(undefined);
    });
    return true;
  };
  api.runtime.onMessage.addListener(listener);
  untilAborted(signal, () => api.runtime.onMessage.removeListener(listener));
}

/** False once the extension was reloaded or removed under a page that still runs this script. */
export function extensionAlive(): boolean {
  try {
    return Boolean(api.runtime?.id);
  } catch {
    return false;
  }
}

let lifeline: Browser.Runtime.Port | undefined;

/**
 * A port to the background whose disconnect says at once that the extension was reloaded, updated
 * or removed: Chromium leaves an orphaned content script running in open tabs, and without the
 * port it would only find out the next time it asked the extension for something. Firefox ends
 * the old script itself, so there no port is held (one would also keep its event page awake).
 * A port also closes when the background merely stops after being idle; then the extension is
 * still there, and the next message, which wakes the background anyway, opens a new one.
 */
export function holdLifeline({ signal, onGone }: { signal: AbortSignal; onGone(): void }): void {
  if (lifeline || signal.aborted || api.runtime.getURL('').startsWith('moz-extension:')) return;
  try {
    const port = api.runtime.connect({ name: LIFELINE_PORT });
    lifeline = port;
    port.onDisconnect.addListener(() => {
      lifeline = undefined;
      // Chromium closes the port a moment before it takes runtime.id away from an orphan.
      for (const ms of [0, 100, 400]) setTimeout(() => extensionAlive() || onGone(), ms);
    });
    untilAborted(signal, () => port.disconnect());
  } catch {
    if (!extensionAlive()) onGone();
  }
}
