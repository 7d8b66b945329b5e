import { defineConfig } from 'vitest/config';
import { aliasTablePlugin } from './scripts/alias-table-plugin.ts';

export default defineConfig({
  plugins: [aliasTablePlugin(import.meta.dirname)],
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node' },
      },
      {
        extends: true,
        // Real browsers with the built extension: one file at a time, generous start-up time.
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
