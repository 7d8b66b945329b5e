import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { packKeys } from '../src/core/alias-index.ts';
import { compactProbes, pageForm } from '../src/core/key-table.ts';
import type { Distractor, Entity } from '../src/core/types.ts';

const ID = 'virtual:summit-lens/bundled-table';
const KEYS_ID = 'virtual:summit-lens/bundled-keys';
const PACK_DIR = 'assets/packs/summit-2025';

/**
 * The bundled pack's keys, built at build time from its source folder: for the content script
 * only its key table (core/key-table.ts), a string a few kilobytes long, so the cards, the rules
 * and compromise stay in the background; for the background the keys' records and table
 * (alias-index.ts, packKeys), so a wake restores them with one JSON.parse instead of building
 * them from the pack's text again.
 */
export function bundledTablePlugin(root: string): Plugin {
  const dir = resolve(root, PACK_DIR);
  return {
    name: 'summit-lens-bundled-table',
    resolveId: (id) => (id === ID || id === KEYS_ID ? `\0${id}` : undefined),
    load(id) {
      if (id !== `\0${ID}` && id !== `\0${KEYS_ID}`) return undefined;
      const read = (file: string): unknown => {
        const path = resolve(dir, file);
        this.addWatchFile(path);
        return JSON.parse(readFileSync(path, 'utf8'));
      };
      const manifest = read('pack.json') as { id: string; files: string[]; distractors?: string };
      const entities = manifest.files.flatMap((file) => (read(file) as { entities: Entity[] }).entities);
      const distractors = manifest.distractors ? (read(manifest.distractors) as { phrases: Distractor[] }).phrases : [];
      const { records, table } = packKeys(manifest.id, entities, distractors);
      if (id === `\0${KEYS_ID}`) {
        // A string, parsed only when the background first reads a text or a card: quicker than the
        // same data as an object literal, and a wake for anything else does not pay for it.
        return `export const keysJson = ${JSON.stringify(JSON.stringify({ records: [...records], table }))};\n`;
      }
      const page = pageForm(table);
      if (!page.complete) throw new Error('The bundled pack has outgrown probes: the content script would need its hash tables');
      return `export const compact = ${JSON.stringify(compactProbes(page))};\n`;
    },
  };
}
