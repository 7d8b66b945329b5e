import type Browser from 'webextension-polyfill';
import { LIFELINE_PORT } from '../common/lifeline.ts';
import { parsePageReply, type ToPage } from '../common/messages/to-page.ts';
import { t } from '../common/i18n.ts';
import { moveRestsApart } from '../common/packs/state.ts';
import { loadSettings } from '../common/settings.ts';
import { lookUp } from '../core/lookup.ts';
import { timedAsync } from '../core/timing.ts';
import { PackRuntime } from './packs.ts';
import { createRouter } from './router.ts';
import { info, warn } from '../core/log.ts';

/**
 * The extension APIs the background uses. Firefox for Android has no `contextMenus` (menus) and no
 * `commands` (MDN's compatibility data: both "not supported"), so those are optional and
 * feature-detected; `action` is there from Firefox 109 on both, and guarded all the same, since a
 * missing badge must never stop cards from working.
 */
export type BackgroundApi = Pick<Browser.Browser, 'runtime' | 'storage' | 'tabs'> &
  Partial<Pick<Browser.Browser, 'contextMenus' | 'commands' | 'action'>>;

/** What this browser let the background set up: the Android build of Firefox gets the first two false. */
export interface BackgroundFeatures {
  /** "Look up in Summit Lens" on selected text (else: the popup's look-up of the page's selection). */
  selectionMenu: boolean;
  /** The "next mention" keyboard command (else: the popup's list of the page's mentions). */
  nextMentionCommand: boolean;
  /** The count on the toolbar icon. */
  badge: boolean;
}

const MENU_ID = 'summit-lens-lookup';

/**
 * Every listener of the background, registered synchronously when it starts: a service worker or
 * event page woken by an event must find them. What the browser lacks is left out, never called.
 */
export function startBackground(api: BackgroundApi): BackgroundFeatures {
  const packs = new PackRuntime(api.storage.local);
  const { action, contextMenus, commands } = api;
  const features: BackgroundFeatures = {
    selectionMenu: typeof contextMenus?.create === 'function' && contextMenus.onClicked !== undefined,
    nextMentionCommand: commands?.onCommand !== undefined,
    badge: typeof action?.setBadgeText === 'function',
  };

  async function drawBadge(tabId: number, entities: number): Promise<void> {
    if (!features.badge) return;
    const { badge } = await loadSettings(api.storage.sync);
    await action!.setBadgeText({ tabId, text: badge && entities > 0 ? String(entities) : '' });
  }

  /** Ask a tab's page something; its reply is checked like any message, and a page without our script is no error. */
  async function askPage<T extends ToPage>(tabId: number, message: T): Promise<void> {
    try {
      parsePageReply(message.type, await api.tabs.sendMessage(tabId, message));
    } catch (error) {
      warn('this page has no Summit Lens content script', error);
    }
  }

  api.runtime.onMessage.addListener(
    createRouter({
      extensionId: api.runtime.id,
      cardData: (ref) => packs.card(ref),
      find: (text, named, options) => timedAsync('bg:find', async () => (await packs.detector()).find(text, named, options)),
      pageMentions: drawBadge,
      listPacks: () => packs.summaries(),
      search: (query) => packs.search(query),
    }),
  );

  // The badge setting is the pages' to apply: a page with a count reports it again when the
  // setting changes (content/index.ts). Keeping counts per tab here would need a tabs.onUpdated
  // listener, and Chrome wakes a stopped service worker for every page any tab loads.
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'local') packs.changed(Object.keys(changes));
  });

  // A page's lifeline is only ever held open; any other port is not ours to keep.
  api.runtime.onConnect.addListener((port) => {
    if (port.name !== LIFELINE_PORT) port.disconnect();
  });

  // Packs imported by an earlier version keep working as stored; an update stores their tables again in the form pages read least of.
  api.runtime.onInstalled.addListener(() => {
    void moveRestsApart(api.storage.local).catch((error: unknown) =>
      warn('the packs’ key tables could not be stored again; they keep working as they were', error),
    );
  });

  if (features.selectionMenu) {
    api.runtime.onInstalled.addListener(() => {
      contextMenus!.create({ id: MENU_ID, title: t('menuLookUp'), contexts: ['selection'] });
    });
    contextMenus!.onClicked.addListener((info, tab) => {
      if (info.menuItemId !== MENU_ID || tab?.id === undefined) return;
      const query = (info.selectionText ?? '').slice(0, 500);
      void (async () => {
        const entity = await lookUp(await packs.detector(), query);
        await askPage(tab.id!, { type: 'show-card', entity, query });
      })();
    });
  }

  if (features.nextMentionCommand) {
    commands!.onCommand.addListener(async (command) => {
      if (command !== 'next-mention') return;
      const [tab] = await api.tabs.query({ active: true, currentWindow: true });
      if (tab?.id !== undefined) await askPage(tab.id, { type: 'next-mention' });
    });
  }

  const missing = Object.entries(features).filter(([, present]) => !present);
  if (missing.length) info('this browser has no API for:', missing.map(([name]) => name).join(', '));
  return features;
}
