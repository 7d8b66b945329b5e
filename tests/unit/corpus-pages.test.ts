import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDirFrom, corpusPages, FIXTURE_CORPUS } from '../../harness/corpus-pages.ts';

describe('the real pages in the repository', () => {
  it('are the corpus pages byte for byte, with their licence and attribution beside them', () => {
    const sums = readFileSync(join(FIXTURE_CORPUS, 'SHA256SUMS'), 'utf8').trim().split('\n');
    const pages = corpusPages(FIXTURE_CORPUS);
    expect(pages.map((p) => `${p.name}.html`)).toEqual(sums.map((line) => line.split(/\s+/)[1]).sort());
    for (const line of sums) {
      const [sum, file] = line.split(/\s+/);
      expect(
        createHash('sha256')
          .update(readFileSync(join(FIXTURE_CORPUS, file!)))
          .digest('hex'),
        file,
      ).toBe(sum);
    }
    expect(readFileSync(join(FIXTURE_CORPUS, 'LICENSE'), 'utf8')).toContain('Apache License');
    expect(readFileSync(join(FIXTURE_CORPUS, 'NOTICE'), 'utf8')).toContain('Mozilla and Contributors');
  });
});

describe('finding the full corpus', () => {
  it('takes --corpus first, then SUMMIT_LENS_CORPUS, then the shared folder', () => {
    expect(corpusDirFrom(['--corpus', '/a'], { SUMMIT_LENS_CORPUS: '/b' })).toEqual({ dir: '/a', named: true });
    expect(corpusDirFrom([], { SUMMIT_LENS_CORPUS: '/b' })).toEqual({ dir: '/b', named: true });
    expect(corpusDirFrom([], {})).toMatchObject({ named: false });
    expect(corpusDirFrom([], {}).dir).toMatch(/shared\/corpus\/pages$/);
  });

  it("reads a folder of <name>.html files and Readability's own test-pages layout alike", () => {
    const dir = mkdtempSync(join(tmpdir(), 'summit-lens-corpus-'));
    writeFileSync(join(dir, 'flat.html'), '<p>a</p>');
    mkdirSync(join(dir, 'nested'));
    writeFileSync(join(dir, 'nested', 'source.html'), '<p>bb</p>');
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'notes.txt'), 'x');
    expect(corpusPages(dir)).toEqual([
      { name: 'flat', file: join(dir, 'flat.html'), bytes: 8 },
      { name: 'nested', file: join(dir, 'nested', 'source.html'), bytes: 9 },
    ]);
  });
});
