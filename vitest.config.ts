import { defineConfig } from 'vitest/config';
import { bundledTablePlugin } from './scripts/bundled-table-plugin.ts';
import { DEFINES } from './vite.config.ts';

export default defineConfig({
  plugins: [bundledTablePlugin(import.meta.dirname)],
  define: { __SUMMIT_LENS_VERSION__: DEFINES.__SUMMIT_LENS_VERSION__ },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node', setupFiles: ['tests/unit/setup.ts'] },
      },
      // Real browsers with the built extension, one project per browser over the same test files:
      // one file at a time, generous start-up time. npm runs the two projects one after the other.
      ...(['chromium', 'firefox'] as const).map((browser) => ({
        extends: true as const,
        test: {
          name: `browser-${browser}`,
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          env: { SUMMIT_LENS_BROWSER: browser },
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      })),
    ],
  },
});
