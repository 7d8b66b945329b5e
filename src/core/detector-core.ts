import type { KeyRecord } from './alias-index.ts';
import type { KeyLookup, PackTable } from './candidates.ts';
import { answerInTurns, earlyAnswer, readText, type Found, type Reading, type TurnsRequest } from './matcher.ts';
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
   * other work run between batches of sentences for compromise (see matcher.ts, answerInTurns).
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
  /**
   * The last early answer's reading, until the next find: a page dense with names would otherwise
   * have its keys looked up and its rules run twice. A detector's packs and lookup never change.
   */
  let earlyRead: { text: string; read: Reading } | undefined;
  return {
    packs,
    lookup,
    find: async (text, named, options) => {
      const request: TurnsRequest = { packs, lookup, judge, text, named, pageDate: options?.pageDate, pause: nextTask, batch: NLP_BATCH };
      // The page asks again right after an early answer: the same text's reading is taken up, not redone.
      const kept = earlyRead?.text === text ? earlyRead.read : undefined;
      earlyRead = undefined;
      const read = kept ?? (await readText(request));
      if (options?.early && !judgeReady() && read.questions.length) {
        earlyRead = { text, read };
        // The page asks again for the rest at once: compromise starts loading once this answer is on its way.
        setTimeout(
          () =>
            void Promise.resolve()
              .then(judge)
              .catch(() => {}),
        );
        return earlyAnswer(request, read);
      }
      return answerInTurns(request, read);
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
