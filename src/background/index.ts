import browser from 'webextension-polyfill';
import { encodeFound } from '../common/found.ts';
import { parseToBackground } from '../common/messages.ts';
import { loadSettings } from '../common/settings.ts';
import { buildCardData } from '../core/card-data.ts';
import { bundledDetector } from '../core/detector.ts';
import { loadFactBase } from '../core/facts/index.ts';
import { lookUp } from '../core/lookup.ts';

const base = loadFactBase();
const detector = bundledDetector();
/** Distinct entities marked per tab, so the badge can be redrawn when its setting changes. */
const entitiesByTab = new Map<number, number>();
const MENU_ID = 'summit-lens-lookup';

async function drawBadge(tabId: number, entities: number): Promise<void> {
  const { badge } = await loadSettings(browser.storage.sync);
  await browser.action.setBadgeText({ tabId, text: badge && entities > 0 ? String(entities) : '' });
}

// Registered synchronously at the top level: a service worker woken by an event must find them.
browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id) {
    console.warn('[Summit Lens] dropped a message from another sender', sender.id);
    return undefined;
  }
  const request = parseToBackground(message);
  if (!request) {
    console.warn('[Summit Lens] dropped a malformed message', message);
    return undefined;
  }
  switch (request.type) {
    case 'get-entity':
      return Promise.resolve(buildCardData(base, request.id) ?? null);
    case 'find':
      return detector.find(request.text, new Set(request.named)).then(encodeFound);
    case 'lookup':
      return Promise.resolve(lookUp(detector, request.text));
    case 'page-mentions': {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return undefined;
      entitiesByTab.set(tabId, request.entities);
      return drawBadge(tabId, request.entities).then(() => true);
    }
  }
});

browser.storage.onChanged.addListener((changes, area) => {
  if (area !== 'sync' || !('badge' in changes)) return;
  for (const [tabId, entities] of entitiesByTab) void drawBadge(tabId, entities).catch(() => entitiesByTab.delete(tabId));
});

browser.tabs.onRemoved.addListener((tabId) => entitiesByTab.delete(tabId));
// A tab loading a new page starts without a count; its content script reports one if it finds any.
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'loading') entitiesByTab.delete(tabId);
});

browser.runtime.onInstalled.addListener(() => {
  browser.contextMenus.create({ id: MENU_ID, title: 'Look up in Summit Lens', contexts: ['selection'] });
});

browser.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId !== MENU_ID || tab?.id === undefined) return;
  const query = (info.selectionText ?? '').slice(0, 500);
  void browser.tabs.sendMessage(tab.id, { type: 'show-card', entity: lookUp(detector, query), query }).catch((error: unknown) => {
    console.warn('[Summit Lens] this page has no Summit Lens content script', error);
  });
});

browser.commands.onCommand.addListener(async (command) => {
  if (command !== 'next-mention') return;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id !== undefined) await browser.tabs.sendMessage(tab.id, { type: 'next-mention' }).catch(() => {});
});
