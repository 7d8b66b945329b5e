/**
 * The labelled sets in tests/eval/ (dev.jsonl is for tuning, holdout.jsonl is kept unseen) and the
 * scorer over the bundled pack (src/cli/score.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluate as score, type EvalItem, type Report } from '../src/cli/score.ts';
import { bundledDetector, bundledLoaded } from '../src/core/detector.ts';
import { splitRef } from '../src/core/alias-index.ts';

export * from '../src/cli/score.ts';

export const EVAL_DIR = resolve(import.meta.dirname, '../tests/eval');

export type SetName = 'dev' | 'holdout' | 'holdout-blind' | 'real-classes';

export function loadSet(name: SetName): EvalItem[] {
  return readFileSync(resolve(EVAL_DIR, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as EvalItem);
}

/** The bundled pack's detector on a set. */
export function evaluate(items: EvalItem[]): Report {
  const { entities } = bundledLoaded();
  return score(items, bundledDetector(), (ref) => entities.get(splitRef(ref).id)?.kind);
}
