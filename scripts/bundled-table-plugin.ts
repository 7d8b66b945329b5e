import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { packKeys } from '../src/core/alias-index.ts';
import { compactProbes, pageForm } from '../src/core/key-table.ts';
import type { Distractor, Entity } from '../src/core/types.ts';

const ID = 'virtual:summit-lens/bundled-table';
const RESOLVED = `\0${ID}`;
const PACK_DIR = 'assets/packs/summit-2025';

/**
 * The content script needs of the bundled pack only its key table (core/key-table.ts): a string a
 * few kilobytes long, built here at build time from the pack's source folder. The cards, the rules
 * and compromise stay in the background.
 */
export function bundledTablePlugin(root: string): Plugin {
  const dir = resolve(root, PACK_DIR);
  return {
    name: 'summit-lens-bundled-table',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const read = (file: string): unknown => {
        const path = resolve(dir, file);
        this.addWatchFile(path);
        return JSON.parse(readFileSync(path, 'utf8'));
      };
      const manifest = read('pack.json') as { id: string; files: string[]; distractors?: string };
      const entities = manifest.files.flatMap((file) => (read(file) as { entities: Entity[] }).entities);
      const distractors = manifest.distractors ? (read(manifest.distractors) as { phrases: Distractor[] }).phrases : [];
      const { table } = packKeys(manifest.id, entities, distractors);
      const page = pageForm(table);
      if (!page.complete) throw new Error('The bundled pack has outgrown probes: the content script would need its hash tables');
      return `export const compact = ${JSON.stringify(compactProbes(page))};\n`;
    },
  };
}
