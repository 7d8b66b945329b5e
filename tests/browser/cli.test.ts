// The built command line (dist/cli), run as a reader would run it: after `npm run build`, no network.
import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = resolve(import.meta.dirname, '../../bin/summit-lens.js');

describe('the built summit-lens command', () => {
  it('annotates the demo article', () => {
    const out = execFileSync(process.execPath, [bin, 'annotate', resolve(import.meta.dirname, '../../assets/demo/article.html')], {
      encoding: 'utf8',
    });
    const result = JSON.parse(out);
    expect(result.mentions.length).toBeGreaterThan(100);
    expect(result.mentions.some((m: { entity: string }) => m.entity === 'busan-meeting-2025' || m.entity === 'xi-jinping')).toBe(true);
  });

  it('exits non-zero with a message on a missing file', () => {
    const run = spawnSync(process.execPath, [bin, 'annotate', '/no/such/file.txt'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/cannot read \(no such file\)/);
  });
});
