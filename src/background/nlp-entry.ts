// nlp.js: compromise and the judge over it, a script of its own that the background loads on
// first need (load-nlp.ts), not at every start.
import { createCompromiseJudge } from '../core/nlp.ts';

export interface NlpModule {
  createCompromiseJudge: typeof createCompromiseJudge;
}

(globalThis as typeof globalThis & { summitLensNlp?: NlpModule }).summitLensNlp = { createCompromiseJudge };
