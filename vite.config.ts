import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type UserConfig } from 'vite';
import { bundledTablePlugin } from './scripts/bundled-table-plugin.ts';
import { compromiseSnapshotPlugin } from './scripts/compromise-snapshot-plugin.ts';

const root = import.meta.dirname;
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
/** The browsers the manifest says it supports are the ones the code is built for. */
const manifest = JSON.parse(readFileSync(resolve(root, 'manifest.json'), 'utf8')) as {
  minimum_chrome_version: string;
  browser_specific_settings: { gecko: { strict_min_version: string } };
};
export const BUILD_TARGETS = [
  `chrome${manifest.minimum_chrome_version}`,
  `firefox${manifest.browser_specific_settings.gecko.strict_min_version.split('.')[0]}`,
];
/** What the code sees as build-time constants (the CLI and the Packs view compare it with a pack's minAppVersion). */
export const DEFINES = { 'process.env.NODE_ENV': JSON.stringify('production'), __SUMMIT_LENS_VERSION__: JSON.stringify(version) };
export const STAGE_DIR = resolve(root, 'dist/.stage');

/** Content scripts declared in a manifest are classic scripts, and Chrome's service worker loads best as one file: both are IIFEs. */
const SCRIPT_ENTRIES = {
  content: 'src/content/index.ts',
  background: 'src/background/index.ts',
  // compromise, loaded by the background on first need (src/background/load-nlp.ts).
  nlp: 'src/background/nlp-entry.ts',
} as const;

export default defineConfig(({ mode }): UserConfig => {
  const common: UserConfig = {
    plugins: [bundledTablePlugin(root), compromiseSnapshotPlugin(root)],
    define: DEFINES,
    build: {
      outDir: STAGE_DIR,
      emptyOutDir: false,
      target: BUILD_TARGETS,
      reportCompressedSize: false,
      modulePreload: false,
      // NO_MINIFY=1 npm run build: readable bundles, for profiling the page script by function name.
      ...(process.env.NO_MINIFY ? { minify: false } : {}),
    },
  };
  if (mode === 'cli') {
    // The command line on the same core, bundled whole so it runs after `npm ci && npm run build` with nothing else.
    return {
      ...common,
      ssr: { noExternal: true, target: 'node' },
      build: {
        ...common.build,
        outDir: resolve(root, 'dist/cli'),
        emptyOutDir: true,
        target: 'node20',
        ssr: resolve(root, 'src/cli/index.ts'),
        rolldownOptions: { output: { entryFileNames: 'summit-lens.mjs', format: 'es' } },
      },
    };
  }
  if (mode === 'card-ui' || mode === 'checks') {
    // Loaded by the content script with import() when first needed (a card; an answer or a request
    // to check): ES modules, web-accessible.
    return {
      ...common,
      build: {
        ...common.build,
        lib: { entry: resolve(root, `src/content/${mode}.ts`), formats: ['es'], fileName: () => `${mode}.js` },
      },
    };
  }
  if (mode === 'content' || mode === 'background' || mode === 'nlp') {
    return {
      ...common,
      build: {
        ...common.build,
        lib: { entry: resolve(root, SCRIPT_ENTRIES[mode]), formats: ['iife'], name: `summitLens_${mode}`, fileName: () => `${mode}.js` },
      },
    };
  }
  // The extension's own pages, each an HTML entry: the popup, and the Packs view (options page).
  const page = mode === 'options' ? 'options' : 'popup';
  return {
    ...common,
    root: resolve(root, `src/${page}`),
    base: './',
    build: { ...common.build, rolldownOptions: { input: resolve(root, `src/${page}/${page}.html`) } },
  };
});
