import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { compilePrefilter } from '../src/core/alias-index.ts';
import { TITLE_WORDS } from '../src/core/local-rules.ts';
import { toAliasSource } from '../src/core/facts/alias-source.ts';
import type { Entity } from '../src/core/types.ts';

const ID = 'virtual:summit-lens/alias-table';
const RESOLVED = `\0${ID}`;
const FACT_FILES = ['people', 'places', 'organizations', 'events', 'topics'];

/**
 * The content script needs only the prefilter (one pattern over every alias, and which keys are not
 * enough alone) and each entity's kind; the rules, the distractors and the cards stay in the
 * background. This module is that slice of the fact base, compiled at build time.
 */
export function aliasTablePlugin(root: string): Plugin {
  const factsDir = resolve(root, 'assets/facts');
  return {
    name: 'summit-lens-alias-table',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const aliasSources = FACT_FILES.flatMap((name) => {
        const file = resolve(factsDir, `${name}.json`);
        this.addWatchFile(file);
        const { entities } = JSON.parse(readFileSync(file, 'utf8')) as { entities: Entity[] };
        return entities.map(toAliasSource);
      });
      const compiled = compilePrefilter(aliasSources, TITLE_WORDS);
      return `export const compiled = ${JSON.stringify(compiled)};\n`;
    },
  };
}
