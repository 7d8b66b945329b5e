/**
 * Where the real pages come from. `npm test` reads only the few in tests/fixtures/corpus (copied
 * into the repository with their licence). The long runs (`npm run corpus`, `npm run bench`) read
 * all 130 pages of Mozilla Readability's test suite from a folder named by `--corpus DIR` or
 * SUMMIT_LENS_CORPUS, or ../shared/corpus/pages beside the repository where that exists.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
export const FIXTURE_CORPUS = join(root, 'tests/fixtures/corpus');
const SHARED_CORPUS = resolve(root, '../shared/corpus/pages');
const READABILITY_COMMIT = 'ab4027a8b37669745016869a37a504727992b2ba';

export interface CorpusPage {
  /** The page's name in the suite ("bbc-1"); served as /corpus/<name>.html. */
  name: string;
  file: string;
  bytes: number;
}

/**
 * The pages in a folder, in either layout: one `<name>.html` per page (the shared copy, the
 * fixtures), or Readability's own `test-pages/<name>/source.html`.
 */
export function corpusPages(dir: string): CorpusPage[] {
  const pages: CorpusPage[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    let name: string | undefined;
    let file: string | undefined;
    if (entry.isFile() && entry.name.endsWith('.html')) {
      name = entry.name.slice(0, -'.html'.length);
      file = join(dir, entry.name);
    } else if (entry.isDirectory() && existsSync(join(dir, entry.name, 'source.html'))) {
      name = entry.name;
      file = join(dir, entry.name, 'source.html');
    }
    if (name && file) pages.push({ name, file, bytes: statSync(file).size });
  }
  return pages.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function corpusDirFrom(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): { dir: string; named: boolean } {
  const at = argv.indexOf('--corpus');
  if (at >= 0 && argv[at + 1]) return { dir: resolve(argv[at + 1]!), named: true };
  if (env.SUMMIT_LENS_CORPUS) return { dir: resolve(env.SUMMIT_LENS_CORPUS), named: true };
  return { dir: SHARED_CORPUS, named: false };
}

/**
 * The 130-page corpus for a long run, or a plain message on how to get it and a non-zero exit:
 * a long run never quietly measures fewer pages than it says.
 */
export function fullCorpusOrExit(command: string, argv: readonly string[] = process.argv): { dir: string; pages: CorpusPage[] } {
  const { dir, named } = corpusDirFrom(argv);
  const pages = existsSync(dir) && statSync(dir).isDirectory() ? corpusPages(dir) : [];
  if (pages.length) return { dir, pages };
  const where = named ? `No corpus pages in ${dir}.` : `No corpus folder: ${dir} does not exist.`;
  console.error(`${where}
${command} reads the 130 real pages of Mozilla Readability's test suite (Apache-2.0). To get them:

  git clone https://github.com/mozilla/readability.git
  git -C readability checkout ${READABILITY_COMMIT}
  ${command} -- --corpus readability/test/test-pages

(or set SUMMIT_LENS_CORPUS to that folder). A folder of <name>.html files works too.`);
  process.exit(2);
}
