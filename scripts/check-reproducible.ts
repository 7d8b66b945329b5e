/**
 * `npm run check:reproducible`: builds the committed HEAD twice, as a store reviewer would, and
 * fails unless the store zips are the same bytes. One build is from a git clone, the other from
 * the source zip that goes to addons.mozilla.org (unpacked into a longer path), at another time,
 * in another time zone and locale. On a difference it names the files inside the zips that differ.
 * Runs in CI (.ci/run); needs only the npm registry (npm ci).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { unzipSync } from 'fflate';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'summit-lens-repro-'));
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function run(cwd: string, command: string, args: string[], env: Record<string, string> = {}): void {
  execFileSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
}

function build(dir: string, env: Record<string, string>): Map<string, Uint8Array> {
  run(dir, 'npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline']);
  run(dir, 'npm', ['run', 'build-for-amo'], env);
  const out = join(dir, 'dist/packages');
  return new Map(
    readdirSync(out)
      .filter((f) => f.endsWith('.zip'))
      .map((f) => [f, readFileSync(join(out, f))]),
  );
}

try {
  const cloned = join(work, 'a');
  run(root, 'git', ['clone', '--quiet', '--no-hardlinks', root, cloned]);
  const first = build(cloned, { TZ: 'UTC', LANG: 'C.UTF-8' });

  // The second build starts from the source zip, as a reviewer's does.
  const sourceZip = join(work, 'source.zip');
  run(root, 'git', ['archive', '--format=zip', '--prefix=source/', '-o', sourceZip, 'HEAD']);
  const unpacked = join(work, 'another', 'deeper', 'place');
  for (const [path, bytes] of Object.entries(unzipSync(readFileSync(sourceZip)))) {
    if (path.endsWith('/')) continue;
    const target = join(unpacked, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
  const second = build(join(unpacked, 'source'), { TZ: 'Asia/Seoul', LANG: 'ko_KR.UTF-8' });

  let same = first.size > 0 && first.size === second.size;
  for (const [name, bytes] of first) {
    const other = second.get(name);
    const a = sha256(bytes);
    const b = other ? sha256(other) : 'missing';
    console.log(`${a === b ? 'same' : 'DIFFERENT'}  ${name}  ${a}${a === b ? '' : ` vs ${b}`}`);
    if (a === b) continue;
    same = false;
    if (!other) continue;
    const left = unzipSync(bytes);
    const right = unzipSync(other);
    for (const path of new Set([...Object.keys(left), ...Object.keys(right)])) {
      const l = left[path];
      const r = right[path];
      if (!l || !r || sha256(l) !== sha256(r)) console.log(`    differs inside: ${path}`);
    }
  }
  if (!same) {
    console.error('The store zips are not reproducible.');
    process.exitCode = 1;
  } else {
    console.log('Two clean builds of HEAD gave byte-identical store zips.');
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
