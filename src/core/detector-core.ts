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
}

/** Where compromise's judge comes from: at hand, or loaded on first need. */
export type JudgeSource = () => NlpJudge | Promise<NlpJudge>;

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
/** Sentences compromise reads between two turns (a few kilobytes): another tab's message waits for one batch, not the page. */
export const NLP_BATCH = 50;

export function createDetector({ packs, lookup, judge }: { packs: readonly PackTable[]; lookup: KeyLookup; judge: JudgeSource }): Detector {
  return {
    packs,
    lookup,
    find: (text, named, options) =>
      findMentionsInTurns({ packs, lookup, judge, text, named, pageDate: options?.pageDate, pause: nextTask, batch: NLP_BATCH }),
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
