/**
 * Run by `npm version <new>` (the "version" lifecycle script), after npm has written the new
 * version into package.json and package-lock.json and before it commits: the manifest takes the
 * same version, and the changelog's "Unreleased" section becomes this release's, with a fresh
 * empty one above it. npm then commits all four and tags the release.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function releaseChangelog(changelog: string, version: string, date: string): string {
  const heading = '## Unreleased';
  if (!changelog.includes(heading)) throw new Error('CHANGELOG.md has no "## Unreleased" section to release');
  return changelog.replace(heading, `${heading}\n\n## ${version} — ${date}`);
}

export function withVersion(manifestText: string, version: string): string {
  const manifest = JSON.parse(manifestText) as Record<string, unknown>;
  return `${JSON.stringify({ ...manifest, version }, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(import.meta.dirname, '..');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const manifestPath = join(root, 'manifest.json');
  writeFileSync(manifestPath, withVersion(readFileSync(manifestPath, 'utf8'), version));
  const changelogPath = join(root, 'CHANGELOG.md');
  writeFileSync(changelogPath, releaseChangelog(readFileSync(changelogPath, 'utf8'), version, new Date().toISOString().slice(0, 10)));
  console.log(`manifest.json and CHANGELOG.md now say ${version}`);
}
