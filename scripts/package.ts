/** `npm run package`: the two store zips, from dist/chrome and dist/firefox (run `npm run build` first). */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'dist/packages');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
mkdirSync(out, { recursive: true });
for (const target of ['chrome', 'firefox']) {
  const dir = join(root, 'dist', target);
  if (!existsSync(join(dir, 'manifest.json'))) {
    console.error(`dist/${target} is missing: run npm run build first.`);
    process.exit(1);
  }
  const filename = `summit-lens-${target}-${version}.zip`;
  execFileSync(
    join(root, 'node_modules/.bin/web-ext'),
    ['build', '--source-dir', dir, '--artifacts-dir', out, '--filename', filename, '--overwrite-dest'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  console.log(`dist/packages/${filename}`);
}
