import type { KeyRecord } from './alias-index.ts';
import type { KeyLookup, PackTable } from './candidates.ts';
import { findMentionsInTurns, type Found } from './matcher.ts';
import { bundledPack } from './packs/bundled.ts';
import { loadPack, type LoadedPack } from './packs/loaded.ts';
import type { PageDate } from './page-date.ts';
import type { NlpJudge } from './sentences.ts';

/**
 * The matcher over a set of packs, with compromise brought in only when a text asks something
 * plain words cannot settle. This module does not import compromise: the background loads it
 * on demand (background/load-nlp.ts), node binds it at once (detector.ts).
 */
export interface Detector {
  readonly packs: readonly PackTable[];
  readonly lookup: KeyLookup;
  /**
   * The mentions in one page's text (`named`: entities its other text already names), letting
   * other work run between batches of sentences for compromise (see findMentionsInTurns).
   */
  find(text: string, named?: ReadonlySet<string>, options?: FindOptions): Promise<Found>;
}

/** What a page tells the detector besides its text. */
export interface FindOptions {
  /** When the page was published, from its address (pageDateOf in page-date.ts). */
  pageDate?: PageDate;
  /**
   * The page can take an answer before compromise has read (and will ask again for the rest): if
   * compromise is not loaded yet, the answer holds what plain rules settle and says it is
   * incomplete, and compromise is loaded right after it is sent.
   */
  early?: boolean;
}

/** Where compromise's judge comes from: at hand, or loaded on first need. */
export type JudgeSource = () => NlpJudge | Promise<NlpJudge>;

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
/** Sentences compromise reads between two turns (a few kilobytes): another tab's message waits for one batch, not the page. */
export const NLP_BATCH = 50;

export function createDetector({
  packs,
  lookup,
  judge,
  judgeReady = () => true,
}: {
  packs: readonly PackTable[];
  lookup: KeyLookup;
  judge: JudgeSource;
  /** Whether `judge` answers without loading anything (an early find waits for it only if so). */
  judgeReady?: () => boolean;
}): Detector {
  return {
    packs,
    lookup,
    find: async (text, named, options) => {
      const early = Boolean(options?.early) && !judgeReady();
      const found = await findMentionsInTurns({
        packs,
        lookup,
        judge,
        text,
        named,
        pageDate: options?.pageDate,
        pause: nextTask,
        batch: NLP_BATCH,
        early,
      });
      // The page asks again for the rest at once: compromise starts loading once this answer is on its way.
      if (found.incomplete)
        setTimeout(() => {
          void Promise.resolve()
            .then(judge)
            .catch(() => {});
        }, 0);
      return found;
    },
  };
}

/** The records of those keys a pack in memory has. */
export function recordsOf(records: ReadonlyMap<string, KeyRecord> | undefined, keys: readonly string[]): Map<string, KeyRecord> {
  const out = new Map<string, KeyRecord>();
  for (const key of keys) {
    const record = records?.get(key);
    if (record) out.set(key, record);
  }
  return out;
}

/** A key lookup over packs held in memory. */
export function memoryLookup(packs: readonly LoadedPack[]): KeyLookup {
  const byId = new Map(packs.map((p) => [p.manifest.id, p]));
  return (pack, keys) => recordsOf(byId.get(pack)?.records, keys);
}

let bundled: LoadedPack | undefined;

/** The bundled pack, loaded once. */
export function bundledLoaded(): LoadedPack {
  return (bundled ??= loadPack(bundledPack()));
}
