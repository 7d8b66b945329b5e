/**
 * `npm start`: build, then run a visible browser with the extension (web-ext run, which reloads
 * it when dist changes) and rebuild whenever src/, assets/ or manifest.json change.
 * `npm start -- --browser chromium` uses Chromium instead of Firefox.
 */
import { spawn, spawnSync } from 'node:child_process';
import { watch } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const browserArg = process.argv.indexOf('--browser');
const target = browserArg > 0 ? process.argv[browserArg + 1] : 'firefox';
if (target !== 'firefox' && target !== 'chromium') {
  console.error(`--browser must be "firefox" or "chromium", not "${target}"`);
  process.exit(2);
}
const rebuild = (): boolean => spawnSync('npx', ['tsx', 'scripts/build.ts'], { cwd: root, stdio: 'inherit' }).status === 0;
if (!rebuild()) process.exit(1);

const webExtArgs =
  target === 'firefox'
    ? ['run', '--source-dir', 'dist/firefox', '--firefox', process.env.FIREFOX ?? '/usr/bin/firefox-esr', '--url', 'about:debugging']
    : ['run', '--target', 'chromium', '--source-dir', 'dist/chrome', '--chromium-binary', process.env.CHROMIUM ?? '/usr/bin/chromium'];
const runner = spawn(join(root, 'node_modules/.bin/web-ext'), webExtArgs, { cwd: root, stdio: 'inherit' });

let timer: ReturnType<typeof setTimeout> | undefined;
const schedule = (): void => {
  clearTimeout(timer);
  timer = setTimeout(rebuild, 300);
};
for (const path of ['src', 'assets', 'manifest.json']) watch(join(root, path), { recursive: true }, schedule);
runner.on('exit', (code) => process.exit(code ?? 0));
