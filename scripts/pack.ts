/**
 * `npm run pack -- validate PATH` and `npm run pack -- build DIR -o FILE`: the CLI's pack commands
 * from source, without a build (for pack authors working in this repository).
 */
import { main } from '../src/cli/summit-lens.ts';
import { APP_VERSION } from './check-pack.ts';

process.exitCode = await main(
  ['pack', ...process.argv.slice(2)],
  process.stdin,
  {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  },
  APP_VERSION,
);
