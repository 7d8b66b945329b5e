import { createDetector, bundledLoaded, memoryLookup, type Detector, type FindOptions } from './detector-core.ts';
import { findMentions } from './matcher.ts';
import { createCompromiseJudge } from './nlp.ts';
import type { LoadedPack } from './packs/loaded.ts';
import type { NlpJudge } from './sentences.ts';
import type { Mention } from './types.ts';

export * from './detector-core.ts';

/** A detector with compromise at hand (node: the CLI, the scripts, the tests), which can also answer at once. */
export interface MemoryDetector extends Detector {
  readonly judge: NlpJudge;
  /** All of a text's mentions at once (packs held in memory only). */
  annotate(text: string, options?: FindOptions): Mention[];
}

let judge: NlpJudge | undefined;
/** compromise's judge, made on first use: its lexicon is the largest thing the detector loads. */
export const sharedJudge = (): NlpJudge => (judge ??= createCompromiseJudge());

/** A detector over packs held in memory. */
export function memoryDetector(packs: readonly LoadedPack[]): MemoryDetector {
  const lookup = memoryLookup(packs);
  const tables = packs.map((p) => ({ id: p.manifest.id, table: p.table }));
  return {
    ...createDetector({ packs: tables, lookup, judge: sharedJudge }),
    get judge() {
      return sharedJudge();
    },
    annotate: (text, options) => findMentions({ packs: tables, lookup, judge: sharedJudge(), text, pageDate: options?.pageDate }).mentions,
  };
}

let bundled: MemoryDetector | undefined;

/** The detector over the bundled pack alone, built once. */
export function bundledDetector(): MemoryDetector {
  return (bundled ??= memoryDetector([bundledLoaded()]));
}
