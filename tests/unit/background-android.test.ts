import { describe, expect, it, vi } from 'vitest';
import type Browser from 'webextension-polyfill';
import { checkFound } from '../../src/common/found.ts';
import { foundAt, foundCount } from '../../src/common/found-read.ts';
import { startBackground, type BackgroundApi } from '../../src/background/start.ts';
// nlp.js, which the background loads as a script of its own on first need, defines the judge it reads.
import '../../src/background/nlp-entry.ts';

type Listener = (...args: never[]) => unknown;

/** An extension event: remembers its listeners so the test can fire it. */
function event() {
  const listeners: Listener[] = [];
  return {
    listeners,
    addListener: (listener: Listener) => void listeners.push(listener),
    removeListener: (listener: Listener) => void listeners.splice(listeners.indexOf(listener), 1),
    hasListener: (listener: Listener) => listeners.includes(listener),
  };
}

function memoryArea(data: Record<string, unknown> = {}) {
  return {
    get: async (keys: string[] | string | null) => {
      if (keys === null) return { ...data };
      const wanted = typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(wanted.filter((k) => k in data).map((k) => [k, data[k]]));
    },
    set: async (items: Record<string, unknown>) => void Object.assign(data, items),
    remove: async (key: string) => void delete data[key],
  };
}

const EXTENSION_ID = 'summit-lens@test';

/**
 * The browser object Firefox for Android gives an extension, as far as the background reads it:
 * runtime, storage, tabs and action, and no `contextMenus` and no `commands` at all (MDN's
 * compatibility data: neither exists there), so `browser.contextMenus.create` would throw.
 */
function androidBrowser() {
  const onMessage = event();
  const setBadgeText = vi.fn(async () => {});
  const api = {
    runtime: { id: EXTENSION_ID, onMessage, onConnect: event(), onInstalled: event() },
    storage: { sync: memoryArea(), local: memoryArea(), onChanged: event() },
    tabs: { onRemoved: event(), onUpdated: event(), sendMessage: vi.fn(), query: vi.fn(async () => []) },
    action: { setBadgeText },
  };
  /** A message as a page in tab 7 (or the popup, with no tab) sends it; the background's answer. */
  const send = async (message: unknown, tabId?: number): Promise<unknown> => {
    const sender = { id: EXTENSION_ID, ...(tabId === undefined ? {} : { tab: { id: tabId } }) } as Browser.Runtime.MessageSender;
    const answers = onMessage.listeners.map((listener) =>
      (listener as (m: unknown, s: Browser.Runtime.MessageSender) => unknown)(message, sender),
    );
    return Promise.all(answers).then((all) => all.find((a) => a !== undefined));
  };
  return { api: api as unknown as BackgroundApi, raw: api, send, setBadgeText };
}

describe('the background on a browser without context menus and commands (Firefox for Android)', () => {
  it('starts without touching either, and says which features it left out', () => {
    const { api } = androidBrowser();
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    let features: ReturnType<typeof startBackground> | undefined;
    expect(() => (features = startBackground(api))).not.toThrow();
    expect(features).toEqual({ selectionMenu: false, nextMentionCommand: false, badge: true });
    expect(info).toHaveBeenCalledWith(expect.stringContaining('no API for'), 'selectionMenu, nextMentionCommand');
    info.mockRestore();
  });

  it('detects mentions, serves cards and draws the badge', async () => {
    const browser = androidBrowser();
    vi.spyOn(console, 'info').mockImplementation(() => {});
    startBackground(browser.api);
    const text = 'President Trump met Xi Jinping at Gimhae Air Base in Busan.';
    const answer = checkFound(await browser.send({ type: 'find', text, named: [] }, 7), text.length);
    expect(answer).toBeDefined();
    const found = Array.from({ length: foundCount(answer!) }, (_, i) => foundAt(answer!, i));
    expect(found.map((m) => text.slice(m.start, m.end))).toEqual(expect.arrayContaining(['Xi Jinping', 'Gimhae Air Base', 'Busan']));

    const card = (await browser.send({ type: 'get-entity', ref: 'summit-2025/xi-jinping' })) as { entity: { name: string } } | null;
    expect(card?.entity.name).toBe('Xi Jinping');

    expect(await browser.send({ type: 'page-mentions', entities: 4 }, 7)).toBe(true);
    expect(browser.setBadgeText).toHaveBeenLastCalledWith({ tabId: 7, text: '4' });
    vi.restoreAllMocks();
  });

  it('still answers where the browser has no badge either', async () => {
    const browser = androidBrowser();
    delete (browser.raw as { action?: unknown }).action;
    vi.spyOn(console, 'info').mockImplementation(() => {});
    expect(startBackground(browser.api).badge).toBe(false);
    expect(await browser.send({ type: 'page-mentions', entities: 2 }, 3)).toBe(true);
    expect(browser.setBadgeText).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });
});

describe('the background on a desktop browser', () => {
  it('registers the selection menu and the keyboard command', () => {
    const browser = androidBrowser();
    const contextMenus = { create: vi.fn(), onClicked: event() };
    const commands = { onCommand: event() };
    const api = { ...browser.raw, contextMenus, commands } as unknown as BackgroundApi;
    expect(startBackground(api)).toEqual({ selectionMenu: true, nextMentionCommand: true, badge: true });
    expect(contextMenus.onClicked.listeners).toHaveLength(1);
    expect(commands.onCommand.listeners).toHaveLength(1);
    for (const listener of browser.raw.runtime.onInstalled.listeners) (listener as () => void)();
    expect(contextMenus.create).toHaveBeenCalledWith(expect.objectContaining({ contexts: ['selection'] }));
  });
});

describe('what wakes the background', () => {
  it('listens to no tab event: a page loading in any tab does not start a stopped service worker', () => {
    const browser = androidBrowser();
    vi.spyOn(console, 'info').mockImplementation(() => {});
    startBackground(browser.api);
    expect(browser.raw.runtime.onMessage.listeners).toHaveLength(1);
    expect(browser.raw.tabs.onUpdated.listeners).toEqual([]);
    expect(browser.raw.tabs.onRemoved.listeners).toEqual([]);
    vi.restoreAllMocks();
  });
});
