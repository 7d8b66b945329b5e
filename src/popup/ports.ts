import browser from 'webextension-polyfill';
import type Browser from 'webextension-polyfill';
import { parsePageReply, type PageReply, type PageState, type ToPage } from '../common/messages/to-page.ts';
import { readSettings, isSettingsChange, type NormalizedSettings } from '../common/settings.ts';

/** Everything the popup needs from the browser, in one place, so the component only renders. */
export interface PopupPorts {
  storage: Browser.Storage.StorageArea;
  readSettings(): Promise<NormalizedSettings>;
  onSettingsChanged(listener: () => void): () => void;
  /** The current tab's page, or null where no content script runs (browser pages, the store). */
  pageState(): Promise<PageState | null>;
  reveal(entity: string): Promise<void>;
  shortcut(): Promise<string | undefined>;
  close(): void;
}

/**
 * The tab the popup speaks for: the active one, or the one named by `?tab=ID` when the popup page
 * is opened in a tab of its own (as the browser tests and keyboard users of some setups do).
 */
async function activeTabId(): Promise<number | undefined> {
  const named = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(named) && named > 0) return named;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** Ask the page in the popup's tab; its reply is checked like any message (undefined if out of shape). */
async function toActiveTab<T extends ToPage>(message: T): Promise<PageReply<T['type']> | undefined> {
  const tabId = await activeTabId();
  if (tabId === undefined) throw new Error('no active tab');
  return parsePageReply(message.type, await browser.tabs.sendMessage(tabId, message));
}

export function browserPorts(): PopupPorts {
  const storage = browser.storage.sync;
  return {
    storage,
    readSettings: () => readSettings(storage),
    onSettingsChanged(listener) {
      const handler = (changes: Record<string, unknown>, area: string): void => {
        if (area === 'sync' && isSettingsChange(changes)) listener();
      };
      browser.storage.onChanged.addListener(handler);
      return () => browser.storage.onChanged.removeListener(handler);
    },
    async pageState() {
      try {
        return (await toActiveTab({ type: 'get-page-state' })) ?? null;
      } catch {
        return null;
      }
    },
    async reveal(entity) {
      await toActiveTab({ type: 'reveal', entity }).catch(() => {});
    },
    async shortcut() {
      const commands = await browser.commands.getAll().catch(() => []);
      return commands.find((c) => c.name === 'next-mention')?.shortcut || undefined;
    },
    close: () => window.close(),
  };
}
