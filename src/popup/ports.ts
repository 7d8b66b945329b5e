import browser from 'webextension-polyfill';
import type Browser from 'webextension-polyfill';
import { parseBackgroundReply, type BackgroundReply, type ToBackground } from '../common/messages/to-background.ts';
import { parsePageReply, type PageReply, type PageState, type ToPage } from '../common/messages/to-page.ts';
import type { CardData } from '../core/card-data.ts';
import { readSettings, isSettingsChange, type NormalizedSettings } from '../common/settings.ts';
import { warn } from '../core/log.ts';

/** Everything the popup needs from the browser, in one place, so the component only renders. */
export interface PopupPorts {
  storage: Browser.Storage.StorageArea;
  readSettings(): Promise<NormalizedSettings>;
  onSettingsChanged(listener: () => void): () => void;
  /** The current tab's page, or null where no content script runs (browser pages, the store). */
  pageState(): Promise<PageState | null>;
  reveal(entity: string): Promise<void>;
  /** Every name the page found, shown there though it is not about the story. */
  showHere(): Promise<void>;
  shortcut(): Promise<string | undefined>;
  /** Entities of the enabled packs matching a query. */
  search(query: string): Promise<BackgroundReply<'search'>>;
  /** A card's data (undefined when the background had none, or sent one out of shape). */
  cardData(ref: string): Promise<CardData | undefined>;
  /** The installed packs, to name the active ones. */
  packs(): Promise<BackgroundReply<'list-packs'>>;
  /** The Packs view (the extension's options page). */
  openPacks(): void;
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

/** Ask the background; its reply is checked like any message (undefined if out of shape or unanswered). */
async function toBackground<T extends ToBackground>(message: T): Promise<BackgroundReply<T['type']> | undefined> {
  try {
    return parseBackgroundReply(message.type, await browser.runtime.sendMessage(message));
  } catch (error) {
    warn('the background did not answer', error);
    return undefined;
  }
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
    async showHere() {
      await toActiveTab({ type: 'show-here' }).catch(() => {});
    },
    async shortcut() {
      // Firefox for Android has no commands API (and no keyboard to press one): no shortcut is shown.
      if (!browser.commands?.getAll) return undefined;
      const commands = await browser.commands.getAll().catch(() => []);
      return commands.find((c) => c.name === 'next-mention')?.shortcut || undefined;
    },
    search: async (query) => (await toBackground({ type: 'search', query })) ?? [],
    cardData: async (ref) => (await toBackground({ type: 'get-entity', ref })) ?? undefined,
    packs: async () => (await toBackground({ type: 'list-packs' })) ?? [],
    openPacks: () => void browser.runtime.openOptionsPage(),
    close: () => window.close(),
  };
}
