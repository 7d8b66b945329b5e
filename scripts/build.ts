/**
 * `npm run build`: three vite builds (content IIFE, background IIFE, popup page) into a stage,
 * the bundled pack checked as an import would check it, then dist/chrome and dist/firefox with their manifests.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build } from 'vite';
import { manifestFor, type Target } from './manifest.ts';
import { bundledPackProblems } from './check-pack.ts';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'dist');
const stage = join(dist, '.stage');
const TARGETS: Target[] = ['chrome', 'firefox'];

function sizes(dir: string): { file: string; bytes: number }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.(js|css|html)$/.test(d.name))
    .map((d) => {
      const path = join(d.parentPath, d.name);
      return { file: relative(dir, path), bytes: statSync(path).size };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

async function main(): Promise<void> {
  const problems = await bundledPackProblems();
  if (problems.length) {
    console.error(`The bundled pack has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  for (const mode of ['content', 'card-ui', 'checks', 'background', 'nlp', 'popup', 'options', 'cli']) {
    await build({ configFile: join(root, 'vite.config.ts'), mode, logLevel: 'warn' });
  }
  cpSync(join(root, 'assets/content.css'), join(stage, 'content.css'));
  cpSync(join(root, 'assets/icons'), join(stage, 'icons'), { recursive: true });
  cpSync(join(root, '_locales'), join(stage, '_locales'), { recursive: true });
  const source = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  for (const target of TARGETS) {
    const out = join(dist, target);
    cpSync(stage, out, { recursive: true });
    writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifestFor(source, target, version), null, 2)}\n`);
  }
  rmSync(stage, { recursive: true, force: true });
  console.log('Built dist/chrome and dist/firefox:');
  for (const { file, bytes } of sizes(join(dist, 'chrome')))
    console.log(`  ${file.padEnd(28)} ${(bytes / 1024).toFixed(1).padStart(7)} KB`);
}

await main();
