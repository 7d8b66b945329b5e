import type Browser from 'webextension-polyfill';
import { encodeFound, type FoundWire } from '../common/found.ts';
import { parseToBackground, type BackgroundReply, type ToBackground } from '../common/messages/to-background.ts';
import type { CardData } from '../core/card-data.ts';
import type { FindOptions } from '../core/detector-core.ts';
import type { Found } from '../core/matcher.ts';
import { pageDateOf } from '../core/page-date.ts';
import type { SearchHit } from '../core/packs/search.ts';
import type { PackSummary } from './packs.ts';
import { warn } from '../core/log.ts';

/** What answering a request needs, given by index.ts (the packs, the detector, the badge) or by a test. */
export interface RouterDeps {
  /** This extension's id: a message from any other sender is dropped. */
  extensionId: string;
  cardData(ref: string): Promise<CardData | undefined>;
  find(text: string, named: ReadonlySet<string>, options: FindOptions): Promise<Found>;
  /** A tab now marks this many distinct entities. */
  pageMentions(tabId: number, entities: number): Promise<void>;
  listPacks(): Promise<PackSummary[]>;
  search(query: string): Promise<SearchHit[]>;
}

type Handlers = {
  [T in ToBackground['type']]: (
    request: Extract<ToBackground, { type: T }>,
    sender: Browser.Runtime.MessageSender,
  ) => Promise<BackgroundReply<T>> | undefined;
};

/**
 * The background's answers, one per request type. A message from another sender, or one that
 * fails its schema, is dropped and logged: no answer at all, never a guess.
 */
export function createRouter(deps: RouterDeps): (message: unknown, sender: Browser.Runtime.MessageSender) => Promise<unknown> | undefined {
  const handlers: Handlers = {
    'get-entity': ({ ref }) => deps.cardData(ref).then((data) => data ?? null),
    // The page's date comes from the browser's word for where the text was sent from (the frame's
    // address, else its tab's), never from the message: a page cannot give itself another date.
    find: ({ text, named, early }, sender) =>
      deps
        .find(text, new Set(named), { pageDate: pageDateOf(sender.url ?? sender.tab?.url), early: Boolean(early) })
        .then((found): FoundWire => encodeFound(found)),
    'page-mentions': ({ entities }, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return undefined;
      return deps.pageMentions(tabId, entities).then(() => true as const);
    },
    'list-packs': () => deps.listPacks(),
    search: ({ query }) => deps.search(query),
  };
  return (message, sender) => {
    if (sender.id !== deps.extensionId) {
      warn('dropped a message from another sender', sender.id);
      return undefined;
    }
    const request = parseToBackground(message);
    if (!request) {
      warn('dropped a malformed message', message);
      return undefined;
    }
    const handle = handlers[request.type] as (request: ToBackground, sender: Browser.Runtime.MessageSender) => Promise<unknown> | undefined;
    return handle(request, sender);
  };
}
