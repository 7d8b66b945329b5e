import { checkFound } from '../common/found-read.ts';
import type { ToBackground } from '../common/messages/to-background.ts';
import { selectionQuery } from '../common/selection.ts';
import { activeOn, isSettingsChange, loadSettings } from '../common/settings.ts';
import { ext, extensionAlive, holdLifeline, onMessage, untilAborted } from './ext.ts';
import { Lens } from './lens.ts';
import { readPageTables } from './tables.ts';
import { PAGE_TABLES_KEY } from '../common/packs/state.ts';
import type { PageTable } from '../core/key-table.ts';
import { info, warn } from '../core/log.ts';

/**
 * The page's lifetime: every listener, observer, timer and scan the content script starts ends
 * with it. It ends when the extension is reloaded, updated or removed under a page that still runs
 * this script: the highlights, the card and every listener go.
 */
const life = new AbortController();
const { signal } = life;

function endHere(): void {
  if (signal.aborted) return;
  life.abort(new DOMException('Summit Lens was reloaded or removed', 'AbortError'));
  lens.stop();
  info('the extension was reloaded or removed; this page’s highlights are withdrawn');
}

/** Whether the extension is gone from under this page (checked again before any work a reader starts). */
function orphanedNow(): boolean {
  if (signal.aborted) return true;
  if (extensionAlive()) return false;
  endHere();
  return true;
}

/**
 * A request to the background. Its reply is checked by whoever uses it: the scan (checkFound),
 * the card (its data's schema, in the card's own code), the badge report (ignored).
 */
async function send(message: ToBackground): Promise<unknown> {
  if (orphanedNow()) throw new Error('Summit Lens is no longer running here');
  try {
    return await ext.runtime.sendMessage(message);
  } catch (error) {
    if (orphanedNow()) throw new Error('Summit Lens is no longer running here');
    throw error;
  } finally {
    // The background is awake now in any case: a page with something drawn keeps a line to it.
    if (lastReported > 0) holdLifeline({ signal, onGone: endHere });
  }
}

const host = location.host;
// A page starts with no count on the toolbar (the browser clears a tab's badge when it navigates),
// so a page with nothing of the story never sends a message at all.
let lastReported = 0;

function report(entities: number): void {
  if (entities === lastReported || signal.aborted) return;
  lastReported = entities;
  send({ type: 'page-mentions', entities }).catch(() => {});
}

/** The toolbar lost this page's count or must draw it afresh: send it again (nothing, if there is none). */
function reportAgain(): void {
  lastReported = 0;
  report(lens.shownEntities);
}

let checks: Promise<typeof import('./checks.ts')> | undefined;
/** The message checks, fetched from the extension on first need (see checks.ts). */
function loadChecks(): Promise<typeof import('./checks.ts')> {
  checks ??= import(/* @vite-ignore */ ext.runtime.getURL('checks.js')) as Promise<typeof import('./checks.ts')>;
  return checks;
}

const lens = new Lens({
  doc: document,
  signal,
  alive: () => !orphanedNow(),
  find: async (text, named, early) => {
    return checkFound(await send({ type: 'find', text, named: [...named], early }), text.length);
  },
  loadCardUi: () => {
    if (orphanedNow()) return Promise.reject(new Error('Summit Lens is no longer running here'));
    return import(/* @vite-ignore */ ext.runtime.getURL('card-ui.js')) as Promise<typeof import('./card-ui.ts')>;
  },
  fetchEntity: (ref) => send({ type: 'get-entity', ref }),
  report,
});

// Back from the back-forward cache: the badge was cleared when the tab left this page.
addEventListener(
  'pageshow',
  (event) => {
    if (event.persisted) reportAgain();
  },
  { signal },
);

/** The reader's selection, for the popup's look-up (see common/selection.ts). */
function selectedText(): { selection?: string } {
  const selection = selectionQuery(document.getSelection()?.toString() ?? '');
  return selection ? { selection } : {};
}

let tables: Promise<readonly PageTable[]> | undefined;

async function apply(): Promise<void> {
  tables ??= readPageTables(ext.storage.local);
  const [settings, current] = await Promise.all([loadSettings(ext.storage.sync), tables]);
  if (!signal.aborted) await lens.apply(settings, activeOn(settings, host), current);
}

const onStorageChanged = (changes: Record<string, unknown>, area: string): void => {
  if (orphanedNow()) return;
  if (area === 'sync' && isSettingsChange(changes)) void apply();
  // The badge is drawn by the background from the pages' reports: it keeps no count per tab.
  if (area === 'sync' && 'badge' in changes) reportAgain();
  // A pack switched on or off, imported or removed: the page is read afresh with the new tables.
  if (area === 'local' && PAGE_TABLES_KEY in changes) {
    tables = undefined;
    void apply();
  }
};
ext.storage.onChanged.addListener(onStorageChanged);
untilAborted(signal, () => ext.storage.onChanged.removeListener(onStorageChanged));

onMessage(signal, (message, sender) => {
  if (sender.id !== ext.runtime.id) return undefined;
  return loadChecks().then(({ parseToPage }): unknown => {
    const request = parseToPage(message);
    if (!request) {
      warn('dropped a malformed message', message);
      return undefined;
    }
    switch (request.type) {
      case 'get-page-state':
        return lens.state(host, location.href).then((state) => ({ ...state, ...selectedText() }));
      case 'reveal':
        return lens.reveal(request.entity);
      case 'next-mention':
        return lens.next();
      case 'show-card':
        return lens.showLookup(request.entity, request.query).then(() => true as const);
      case 'show-here':
        return lens.showHere();
    }
  });
});

void apply();
