import type { NlpJudge } from '../core/sentences.ts';
import { timedAsync } from '../core/timing.ts';
import type { NlpModule } from './nlp-entry.ts';
import { warn } from '../core/log.ts';

/**
 * compromise lives in its own script, nlp.js, loaded the first time a page's text asks it
 * something: most wakes of the background (a quiet page, a card, the popup) never need it, and it
 * is most of what the background would otherwise evaluate at every start.
 *
 * Chrome's service worker may not import() at all, and may importScripts() a script after it
 * was installed only if it imported that script while installing; so on install it imports nlp.js
 * once (installNlp), and from then on every wake may import it again when needed. Firefox's
 * background is an event page, a document: a script element loads it there.
 */
const NLP_SCRIPT = 'nlp.js';
const global = globalThis as typeof globalThis & {
  summitLensNlp?: NlpModule;
  /** A worker's: the project's types are the DOM's, which lack it. */
  importScripts?: (...urls: string[]) => void;
};

let loading: Promise<NlpJudge> | undefined;
let loaded = false;

export function loadJudge(): Promise<NlpJudge> {
  loading ??= timedAsync('nlp.js loaded', load).then(
    (judge) => {
      loaded = true;
      return judge;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** Whether compromise is loaded already: a text that needs it is answered at once, not after loading it. */
export const judgeLoaded = (): boolean => loaded;

async function load(): Promise<NlpJudge> {
  if (!global.summitLensNlp) {
    if (global.importScripts) {
      global.importScripts(NLP_SCRIPT);
    } else {
      await new Promise<void>((resolve, reject) => {
        const script = document.createElement('script');
        script.src = NLP_SCRIPT;
        script.addEventListener('load', () => resolve());
        script.addEventListener('error', () => reject(new Error(`${NLP_SCRIPT} did not load`)));
        document.head.append(script);
      });
    }
  }
  if (!global.summitLensNlp) throw new Error(`${NLP_SCRIPT} loaded but did not define the judge`);
  return global.summitLensNlp.createCompromiseJudge();
}

/** In a service worker, import nlp.js while installing, so that later wakes may import it (see above). */
export function installNlp(): void {
  if (!global.importScripts) return;
  self.addEventListener('install', () => {
    try {
      global.importScripts?.(NLP_SCRIPT);
    } catch (error) {
      warn('could not prepare language analysis', error);
    }
  });
}
