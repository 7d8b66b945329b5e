import { main } from './summit-lens.ts';

process.exitCode = await main(process.argv.slice(2), process.stdin, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
