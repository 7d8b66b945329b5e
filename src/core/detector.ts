import type { KeyLookup, PackTable } from './candidates.ts';
import { findMentions, findMentionsInTurns, type Found } from './matcher.ts';
import { createCompromiseJudge } from './nlp.ts';
import { bundledPack } from './packs/bundled.ts';
import { loadPack, type LoadedPack } from './packs/loaded.ts';
import type { NlpJudge } from './sentences.ts';
import type { Mention } from './types.ts';

/** The matcher and compromise together, over a set of packs: node, the background. */
export interface Detector {
  readonly packs: readonly PackTable[];
  readonly lookup: KeyLookup;
  readonly judge: NlpJudge;
  /** All of a text's mentions at once (packs held in memory only). */
  annotate(text: string): Mention[];
  /**
   * The mentions in one page's text (`named`: entities its other text already names), letting
   * other work run between batches of sentences for compromise (see findMentionsInTurns).
   */
  find(text: string, named?: ReadonlySet<string>): Promise<Found>;
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
/** Sentences compromise reads between two turns (a few kilobytes): another tab's message waits for one batch, not the page. */
const NLP_BATCH = 50;

let judge: NlpJudge | undefined;
/** compromise's judge, made on first use: its lexicon is the largest thing the background loads. */
const sharedJudge = (): NlpJudge => (judge ??= createCompromiseJudge());

export function createDetector({ packs, lookup }: { packs: readonly PackTable[]; lookup: KeyLookup }): Detector {
  const detector: Detector = {
    packs,
    lookup,
    get judge() {
      return sharedJudge();
    },
    annotate: (text) => findMentions({ packs, lookup, judge: sharedJudge(), text }).mentions,
    find: (text, named) => findMentionsInTurns({ packs, lookup, judge: sharedJudge(), text, named, pause: nextTask, batch: NLP_BATCH }),
  };
  return detector;
}

/** A detector over packs held in memory. */
export function memoryDetector(packs: readonly LoadedPack[]): Detector {
  const byId = new Map(packs.map((p) => [p.manifest.id, p]));
  return createDetector({
    packs: packs.map((p) => ({ id: p.manifest.id, table: p.table })),
    lookup: (pack, keys) => {
      const records = byId.get(pack)?.records;
      const out = new Map();
      for (const key of keys) {
        const record = records?.get(key);
        if (record) out.set(key, record);
      }
      return out;
    },
  });
}

let bundled: { pack: LoadedPack; detector: Detector } | undefined;

/** The bundled pack, loaded once. */
export function bundledLoaded(): LoadedPack {
  bundled ??= (() => {
    const pack = loadPack(bundledPack());
    return { pack, detector: memoryDetector([pack]) };
  })();
  return bundled.pack;
}

/** The detector over the bundled pack alone, built once. */
export function bundledDetector(): Detector {
  bundledLoaded();
  return bundled!.detector;
}
