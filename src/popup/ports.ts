import browser from 'webextension-polyfill';
import type Browser from 'webextension-polyfill';
import type { PageState, ToContent } from '../common/messages.ts';
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

async function toActiveTab(message: ToContent): Promise<unknown> {
  const tabId = await activeTabId();
  if (tabId === undefined) throw new Error('no active tab');
  return browser.tabs.sendMessage(tabId, message);
}

function isPageState(value: unknown): value is PageState {
  const v = value as Partial<PageState> | null;
  return typeof v?.host === 'string' && typeof v.active === 'boolean' && Array.isArray(v.entities);
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
        const state = await toActiveTab({ type: 'get-page-state' });
        return isPageState(state) ? state : null;
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
