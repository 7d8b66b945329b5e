#!/usr/bin/env node
// The command line lives in dist/ (built with the extension, the same core); this only finds it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli/summit-lens.mjs', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write('summit-lens: not built yet; run `npm run build` first\n');
  process.exit(2);
}
await import(built);
