import './startup-mark.ts';
import browser from 'webextension-polyfill';
import { LIFELINE_PORT } from '../common/lifeline.ts';
import { parsePageReply, type ToPage } from '../common/messages/to-page.ts';
import { t } from '../common/i18n.ts';
import { loadSettings } from '../common/settings.ts';
import { lookUp } from '../core/lookup.ts';
import { mark, timedAsync } from '../core/timing.ts';
import { installNlp } from './load-nlp.ts';
import { PackRuntime } from './packs.ts';
import { createRouter } from './router.ts';

const packs = new PackRuntime(browser.storage.local);
/** Distinct entities marked per tab, so the badge can be redrawn when its setting changes. */
const entitiesByTab = new Map<number, number>();
const MENU_ID = 'summit-lens-lookup';

async function drawBadge(tabId: number, entities: number): Promise<void> {
  const { badge } = await loadSettings(browser.storage.sync);
  await browser.action.setBadgeText({ tabId, text: badge && entities > 0 ? String(entities) : '' });
}

/** Ask a tab's page something; its reply is checked like any message, and a page without our script is no error. */
async function askPage<T extends ToPage>(tabId: number, message: T): Promise<void> {
  try {
    parsePageReply(message.type, await browser.tabs.sendMessage(tabId, message));
  } catch (error) {
    console.warn('[Summit Lens] this page has no Summit Lens content script', error);
  }
}

// Registered synchronously at the top level: a service worker woken by an event must find them.
browser.runtime.onMessage.addListener(
  createRouter({
    extensionId: browser.runtime.id,
    cardData: (ref) => packs.card(ref),
    find: (text, named) => timedAsync('bg:find', async () => (await packs.detector()).find(text, named)),
    pageMentions: (tabId, entities) => {
      entitiesByTab.set(tabId, entities);
      return drawBadge(tabId, entities);
    },
    listPacks: () => packs.summaries(),
    search: (query) => packs.search(query),
  }),
);

browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local') packs.changed(Object.keys(changes));
  if (area !== 'sync' || !('badge' in changes)) return;
  for (const [tabId, entities] of entitiesByTab) void drawBadge(tabId, entities).catch(() => entitiesByTab.delete(tabId));
});

// A page's lifeline is only ever held open; any other port is not ours to keep.
browser.runtime.onConnect.addListener((port) => {
  if (port.name !== LIFELINE_PORT) port.disconnect();
});

browser.tabs.onRemoved.addListener((tabId) => entitiesByTab.delete(tabId));
// A tab loading a new page starts without a count; its content script reports one if it finds any.
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'loading') entitiesByTab.delete(tabId);
});

browser.runtime.onInstalled.addListener(() => {
  browser.contextMenus.create({ id: MENU_ID, title: t('menuLookUp'), contexts: ['selection'] });
});

browser.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId !== MENU_ID || tab?.id === undefined) return;
  const query = (info.selectionText ?? '').slice(0, 500);
  void (async () => {
    const entity = await lookUp(await packs.detector(), query);
    await askPage(tab.id!, { type: 'show-card', entity, query });
  })();
});

browser.commands.onCommand.addListener(async (command) => {
  if (command !== 'next-mention') return;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id !== undefined) await askPage(tab.id, { type: 'next-mention' });
});

installNlp();
mark('bg:listening');
