import type { ToBackground } from '../common/messages.ts';
import { parseToContent } from '../common/to-content.ts';
import { activeOn, isSettingsChange, loadSettings } from '../common/settings.ts';
import type { CardData } from '../core/card-data.ts';
import { ext, extensionAlive, onMessage } from './ext.ts';
import { Lens } from './lens.ts';

let orphaned = false;

/**
 * After the extension is reloaded or removed, this script keeps running in pages that were open
 * but can no longer reach the extension: it takes its highlights and UI away and goes quiet.
 */
function orphanedNow(): boolean {
  if (orphaned) return true;
  if (extensionAlive()) return false;
  orphaned = true;
  lens.stop();
  console.info('[Summit Lens] the extension was reloaded or removed; this page’s highlights are withdrawn');
  return true;
}

async function send(message: ToBackground): Promise<unknown> {
  if (orphanedNow()) throw new Error('Summit Lens is no longer running here');
  try {
    return await ext.runtime.sendMessage(message);
  } catch (error) {
    if (orphanedNow()) throw new Error('Summit Lens is no longer running here');
    throw error;
  }
}

const host = location.host;
// A page starts with no count on the toolbar (the browser clears a tab's badge when it navigates),
// so a page with nothing of the story never sends a message at all.
let lastReported = 0;

function report(entities: number): void {
  if (entities === lastReported || orphaned) return;
  lastReported = entities;
  send({ type: 'page-mentions', entities }).catch(() => {});
}

const lens = new Lens({
  doc: document,
  alive: () => !orphanedNow(),
  find: (text, named) => send({ type: 'find', text, named: [...named] }),
  loadCardUi: () => {
    if (orphanedNow()) return Promise.reject(new Error('Summit Lens is no longer running here'));
    return import(/* @vite-ignore */ ext.runtime.getURL('card-ui.js')) as Promise<typeof import('./card-ui.ts')>;
  },
  fetchEntity: async (id) => {
    const answer = (await send({ type: 'get-entity', id })) as Partial<CardData> | null | undefined;
    if (
      !answer?.entity ||
      answer.entity.id !== id ||
      typeof answer.reviewed !== 'string' ||
      !answer.names ||
      !Array.isArray(answer.timeline)
    ) {
      return undefined;
    }
    return answer as CardData;
  },
  report,
});

// Back from the back-forward cache: the badge was cleared when the tab left this page.
addEventListener('pageshow', (event) => {
  if (!event.persisted) return;
  lastReported = 0;
  report(lens.state(host, location.href).entities.length);
});

async function apply(): Promise<void> {
  const settings = await loadSettings(ext.storage.sync);
  await lens.apply(settings, activeOn(settings, host));
}

ext.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' && isSettingsChange(changes) && !orphanedNow()) void apply();
});

onMessage((message, sender) => {
  if (sender.id !== ext.runtime.id) return undefined;
  const request = parseToContent(message);
  if (!request) {
    console.warn('[Summit Lens] dropped a malformed message', message);
    return undefined;
  }
  switch (request.type) {
    case 'get-page-state':
      return Promise.resolve(lens.state(host, location.href));
    case 'reveal':
      return lens.reveal(request.entity);
    case 'next-mention':
      return lens.next();
    case 'show-card':
      return lens.showLookup(request.entity, request.query).then(() => true);
  }
});

void apply();
