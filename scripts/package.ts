/**
 * `npm run package` (after a build): the two store zips, reproducible (scripts/zip.ts); the source
 * zip addons.mozilla.org asks for (the repository at HEAD, by git archive); SHA256SUMS; and the
 * store pictures (scripts/store-pictures.ts). `--zips-only` writes the store zips alone: that is
 * what `npm run build-for-amo` does from an unpacked source zip, where there is no git.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { reproducibleZip } from './zip.ts';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'dist/packages');
const zipsOnly = process.argv.includes('--zips-only');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function git(args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function inGitCheckout(): boolean {
  try {
    return git(['rev-parse', '--show-toplevel']) === root;
  } catch {
    return false;
  }
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const sums: string[] = [];
for (const target of ['chrome', 'firefox']) {
  const dir = join(root, 'dist', target);
  if (!existsSync(join(dir, 'manifest.json'))) {
    console.error(`dist/${target} is missing: run npm run build first.`);
    process.exit(1);
  }
  const name = `summit-lens-${target}-${version}.zip`;
  const bytes = reproducibleZip(dir);
  writeFileSync(join(out, name), bytes);
  sums.push(`${sha256(bytes)}  ${name}`);
}

if (!zipsOnly) {
  if (!inGitCheckout()) {
    console.error('The source zip is made from the git checkout, and this is not one: run with --zips-only, or from a clone.');
    process.exit(1);
  }
  if (git(['status', '--porcelain'])) {
    console.warn('Uncommitted changes: the source zip holds HEAD, so it would not rebuild these store zips. Commit first for a release.');
  }
  const name = `summit-lens-source-${version}.zip`;
  git(['archive', '--format=zip', `--prefix=summit-lens-source-${version}/`, '-o', join(out, name), 'HEAD']);
  sums.push(`${sha256(readFileSync(join(out, name)))}  ${name}`);
}

writeFileSync(join(out, 'SHA256SUMS'), `${sums.join('\n')}\n`);
for (const line of sums) console.log(`dist/packages/${line.split('  ')[1]}  sha256 ${line.split('  ')[0]}`);

if (!zipsOnly) {
  const { writeStorePictures } = await import('./store-pictures.ts');
  await writeStorePictures(join(root, 'dist/store'));
}
