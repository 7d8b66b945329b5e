import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readPackSource } from '../src/cli/pack-source.ts';

const root = resolve(import.meta.dirname, '..');
export const BUNDLED_PACK_DIR = resolve(root, 'assets/packs/summit-2025');
export const APP_VERSION = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }).version;

/** Every problem in the bundled pack's source folder, each naming its file, entity and field: the checks an import makes. */
export async function bundledPackProblems(): Promise<string[]> {
  return (await readPackSource(BUNDLED_PACK_DIR, APP_VERSION)).problems;
}
