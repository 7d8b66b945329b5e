import { buildAliasIndex, type AliasIndex } from './alias-index.ts';
import { aliasSources, BLOCKERS, loadFactBase, patternsByEntity } from './facts/index.ts';
import { annotate, findMentionsInTurns, type Found } from './matcher.ts';
import type { NlpJudge } from './sentences.ts';
import { createCompromiseJudge } from './nlp.ts';
import type { FactBase, Mention } from './types.ts';

/** The matcher and compromise together, for places that can run both in one call: node, the background. */
export interface Detector {
  index: AliasIndex;
  judge: NlpJudge;
  annotate(text: string): Mention[];
  /**
   * The mentions in one page's text (`named`: entities its other text already names), letting
   * other work run between batches of sentences for compromise (see findMentionsInTurns).
   */
  find(text: string, named?: ReadonlySet<string>): Promise<Found>;
}

export function createDetector(base: FactBase, blockers: readonly string[] = BLOCKERS): Detector {
  const index = buildAliasIndex(aliasSources(base), blockers);
  const judge = createCompromiseJudge(patternsByEntity(base));
  return {
    index,
    judge,
    annotate: (text) => annotate(index, text, judge),
    find: (text, named) => findMentionsInTurns({ index, judge, text, named, pause: nextTask, batch: NLP_BATCH }),
  };
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
/** Sentences compromise reads between two turns (a few kilobytes): another tab's message waits for one batch, not the page. */
const NLP_BATCH = 50;

let bundled: Detector | undefined;

/** The detector over the bundled fact base, built once. */
export function bundledDetector(): Detector {
  bundled ??= createDetector(loadFactBase());
  return bundled;
}
