import { mkdtempSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { manifestFor } from '../../scripts/manifest.ts';
import { releaseChangelog, withVersion } from '../../scripts/sync-version.ts';
import { reproducibleZip } from '../../scripts/zip.ts';
import { BUILD_TARGETS } from '../../vite.config.ts';

const root = resolve(import.meta.dirname, '../..');
const read = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));

describe('a release', () => {
  it('has one version: package.json, the manifest and the lock file agree', () => {
    const { version } = read('package.json');
    expect(read('manifest.json').version).toBe(version);
    expect(read('package-lock.json').version).toBe(version);
    expect(manifestFor(read('manifest.json'), 'chrome', version).version).toBe(version);
  });

  it('names the lowest browser versions it is built for, each in the manifest that browser reads', () => {
    const source = read('manifest.json');
    const chrome = manifestFor(source, 'chrome', '1.0.0');
    const firefox = manifestFor(source, 'firefox', '1.0.0') as { browser_specific_settings: { gecko: { strict_min_version: string } } };
    expect(BUILD_TARGETS).toEqual([
      `chrome${chrome.minimum_chrome_version}`,
      `firefox${parseInt(firefox.browser_specific_settings.gecko.strict_min_version)}`,
    ]);
    expect(firefox).not.toHaveProperty('minimum_chrome_version');
    expect(chrome).not.toHaveProperty('browser_specific_settings');
  });

  it('zips the same files to the same bytes, whatever their dates and the order they were written in', () => {
    const make = (order: string[], time: number) => {
      const dir = mkdtempSync(join(tmpdir(), 'summit-lens-zip-'));
      for (const name of order) {
        mkdirSync(join(dir, name, '..'), { recursive: true });
        writeFileSync(join(dir, name), `contents of ${name}`);
        utimesSync(join(dir, name), time, time);
      }
      return dir;
    };
    const a = make(['manifest.json', 'icons/icon-16.png', 'content.js'], 1_000_000_000);
    const b = make(['content.js', 'manifest.json', 'icons/icon-16.png'], 1_700_000_000);
    try {
      const zipA = reproducibleZip(a);
      expect(Buffer.from(zipA).equals(Buffer.from(reproducibleZip(b)))).toBe(true);
      expect(Object.keys(unzipSync(zipA))).toEqual(['content.js', 'icons/icon-16.png', 'manifest.json']);
      expect(new TextDecoder().decode(unzipSync(zipA)['manifest.json'])).toBe('contents of manifest.json');
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });

  it('turns the changelog’s Unreleased section into the release, and keeps an empty one above', () => {
    const before = '# Changelog\n\n## Unreleased\n\n- A thing.\n\n## 0.1.0 — 2026-11-26\n';
    expect(releaseChangelog(before, '0.2.0', '2026-12-10')).toBe(
      '# Changelog\n\n## Unreleased\n\n## 0.2.0 — 2026-12-10\n\n- A thing.\n\n## 0.1.0 — 2026-11-26\n',
    );
    expect(() => releaseChangelog('# Changelog\n', '0.2.0', '2026-12-10')).toThrow(/Unreleased/);
    expect(JSON.parse(withVersion('{"name":"x","version":"0.1.0"}', '0.2.0'))).toEqual({ name: 'x', version: '0.2.0' });
  });
});
