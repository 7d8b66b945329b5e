import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { createInterface } from 'node:readline';
import { splitRef } from '../core/alias-index.ts';
import { bundledLoaded, memoryDetector, type MemoryDetector } from '../core/detector.ts';
import { writePackFile } from '../core/packs/file.ts';
import { loadPack, type LoadedPack } from '../core/packs/loaded.ts';
import { pageDateOf } from '../core/page-date.ts';
import type { Kind } from '../core/types.ts';
import { htmlVisibleText } from './html-text.ts';
import { readPackAt, readPackSource } from './pack-source.ts';
import { evaluate, goldSpans, type EvalItem, type Score } from './score.ts';

const USAGE = `Usage:
  summit-lens annotate [--pack FILE]... [--url URL] FILE...   annotate .txt or .html files; one JSON object per file
  summit-lens annotate [--pack FILE]... [--url URL] --jsonl   read {"id", "text", "url"?} lines on stdin; one JSON line out per line
  summit-lens eval [--pack FILE]... SET.jsonl     precision and recall on labelled sentences (an item's "url" dates it)
  summit-lens pack validate PATH                  check a pack's source folder or built file as an import would
  summit-lens pack build DIR -o FILE              build a pack's source folder into one importable file
  summit-lens --help

--pack FILE (repeatable) reads a built pack (or its source folder) besides the bundled one; a pack
with the bundled pack's id replaces it. Offsets are JavaScript string indices: into the file's own
characters for .txt, into its visible text (as the extension sees the page) for .html.
--url URL is the address the text was published at: a date in its path (/2017/02/, /20171102/,
/2017-11-02/) dates the text as the extension's does a page's; a line's own "url" comes first.`;

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** A command's packs, its detector over them, and where it writes. */
interface Run {
  io: Io;
  packs: LoadedPack[];
  detector: MemoryDetector;
  /** The address given with --url: where the annotated texts were published. */
  url?: string;
}

function describe({ packs, detector }: Run, text: string, url: string | undefined): object[] {
  return detector.annotate(text, { pageDate: pageDateOf(url) }).map((m) => {
    const { pack, id } = splitRef(m.entity);
    const entity = packs.find((p) => p.manifest.id === pack)?.entities.get(id);
    return { entity: id, name: entity?.name ?? id, kind: entity?.kind, pack, text: m.text, start: m.start, end: m.end, why: m.why };
  });
}

/** A soft line break inside a paragraph of a .txt file is a space; a blank line ends the paragraph. */
function softenLineBreaks(text: string): string {
  return text.replace(/\r\n|\r/g, (crlf) => (crlf.length === 2 ? ' \n' : '\n')).replace(/(?<!\n)\n(?![\n\s]*\n)/g, ' ');
}

function decodeText(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

async function annotateFile(file: string, run: Run): Promise<boolean> {
  const { io } = run;
  const type = extname(file).toLowerCase();
  if (!['.txt', '.html', '.htm'].includes(type)) {
    io.err(`summit-lens: ${file}: unsupported file type "${type || '(none)'}"; expected .txt or .html`);
    return false;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(
      `summit-lens: ${file}: cannot read (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code ?? error)})`,
    );
    return false;
  }
  const raw = decodeText(bytes);
  if (raw === undefined) {
    io.err(`summit-lens: ${file}: not a UTF-8 text file (binary content)`);
    return false;
  }
  // Same length as the file's text, so offsets index the file's own characters.
  const text = type === '.txt' ? softenLineBreaks(raw) : htmlVisibleText(raw);
  io.out(JSON.stringify({ file, mentions: describe(run, text, run.url) }));
  return true;
}

async function annotateJsonl(input: NodeJS.ReadableStream, run: Run): Promise<boolean> {
  const { io } = run;
  let ok = true;
  let lineNumber = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch (error) {
      io.err(`summit-lens: line ${lineNumber}: invalid JSON (${(error as Error).message})`);
      ok = false;
      continue;
    }
    const { id, text, url } = (item ?? {}) as { id?: unknown; text?: unknown; url?: unknown };
    if (typeof text !== 'string' || (typeof id !== 'string' && typeof id !== 'number') || (url !== undefined && typeof url !== 'string')) {
      io.err(`summit-lens: line ${lineNumber}: expected an object {"id": string or number, "text": string, "url"?: string}`);
      ok = false;
      continue;
    }
    io.out(JSON.stringify({ id, mentions: describe(run, text, url ?? run.url) }));
  }
  return ok;
}

/** Runs the command line; returns the exit code (0 all good, 1 some item failed or a pack was refused, 2 bad usage). */
export async function main(args: string[], input: NodeJS.ReadableStream, io: Io, appVersion = APP_VERSION): Promise<number> {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h') {
    (args.length === 0 ? io.err : io.out)(USAGE);
    return args.length === 0 ? 2 : 0;
  }
  const [command, ...rest] = args;
  const usage = (problem: string): number => {
    io.err(`summit-lens: ${problem}\n\n${USAGE}`);
    return 2;
  };
  if (command === 'pack') return packCommand(rest, io, appVersion, usage);
  if (command !== 'annotate' && command !== 'eval') return usage(`unknown command "${command}"`);
  const options = packOptions(rest);
  if ('problem' in options) return usage(options.problem);
  const urlAt = command === 'annotate' ? options.rest.indexOf('--url') : -1;
  const url = urlAt >= 0 ? options.rest[urlAt + 1] : undefined;
  if (urlAt >= 0) {
    if (!url || url.startsWith('--')) return usage('--url needs the address the text was published at');
    if (!URL.canParse(url)) return usage(`--url: "${url}" is not an address (e.g. https://example.org/2017/02/story.html)`);
    options.rest.splice(urlAt, 2);
  }
  const allowed = command === 'annotate' ? ['--jsonl'] : [];
  const unknown = options.rest.filter((a) => a.startsWith('--') && !allowed.includes(a));
  if (unknown.length) return usage(`unknown option ${unknown.join(', ')}`);
  const packs = await loadPacks(options.packs, io, appVersion);
  if (!packs) return 1;
  const run: Run = { io, packs, detector: memoryDetector(packs), url };
  const files = options.rest.filter((a) => a !== '--jsonl');
  if (command === 'eval') {
    if (files.length !== 1) return usage('eval needs one file of labelled sentences (.jsonl)');
    return (await evalFile(files[0]!, run)) ? 0 : 1;
  }
  if (options.rest.includes('--jsonl')) {
    if (files.length) return usage('--jsonl reads standard input; do not also name files');
    return (await annotateJsonl(input, run)) ? 0 : 1;
  }
  if (files.length === 0) return usage('annotate needs at least one file (or --jsonl)');
  let ok = true;
  for (const file of files) ok = (await annotateFile(file, run)) && ok;
  return ok ? 0 : 1;
}

declare const __SUMMIT_LENS_VERSION__: string;
/** This build's version (set by the build; 0.0.0 where the source runs unbuilt). */
const APP_VERSION = typeof __SUMMIT_LENS_VERSION__ === 'string' ? __SUMMIT_LENS_VERSION__ : '0.0.0';

/** The --pack FILE options taken out of the arguments. */
function packOptions(args: string[]): { packs: string[]; rest: string[] } | { problem: string } {
  const packs: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== '--pack') {
      rest.push(args[i]!);
      continue;
    }
    const file = args[i + 1];
    if (!file || file.startsWith('--')) return { problem: '--pack needs a pack file (or a pack folder) after it' };
    packs.push(file);
    i += 1;
  }
  return { packs, rest };
}

/** The bundled pack and the given ones; a given pack with the same id as one before it replaces it. */
async function loadPacks(paths: string[], io: Io, appVersion: string): Promise<LoadedPack[] | undefined> {
  const packs = new Map<string, LoadedPack>([[bundledLoaded().manifest.id, bundledLoaded()]]);
  for (const path of paths) {
    const checked = await readPackAt(path, appVersion);
    if (!checked.pack) {
      io.err(`summit-lens: pack ${path} was refused:`);
      for (const problem of checked.problems) io.err(`  ${problem}`);
      return undefined;
    }
    packs.set(checked.pack.id, loadPack(checked.pack));
  }
  return [...packs.values()];
}

async function evalFile(file: string, run: Run): Promise<boolean> {
  const { io, packs } = run;
  let items: EvalItem[];
  try {
    items = (await readFile(file, 'utf8'))
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as EvalItem);
    for (const item of items) goldSpans(item);
  } catch (error) {
    io.err(`summit-lens: ${file}: ${(error as Error).message}`);
    return false;
  }
  const kindOf = (ref: string): Kind | undefined => {
    const { pack, id } = splitRef(ref);
    return packs.find((p) => p.manifest.id === pack)?.entities.get(id)?.kind;
  };
  const report = evaluate(items, run.detector, kindOf);
  const fmt = (s: Score): string =>
    `P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;
  io.out(`${basename(file)}: ${items.length} items`);
  io.out(`Overall       ${fmt(report.overall)}`);
  for (const [kind, s] of Object.entries(report.byKind)) if (s.tp + s.fp + s.fn) io.out(`  ${kind.padEnd(12)}${fmt(s)}`);
  for (const r of report.results.filter((x) => x.wrong.length || x.missed.length)) {
    io.out(`- ${r.item.id}`);
    for (const s of r.wrong) io.out(`    wrong:  "${s.text}" → ${s.entity} @${s.start}`);
    for (const s of r.missed) io.out(`    missed: "${s.text}" → ${s.entity} @${s.start}`);
  }
  return true;
}

async function packCommand(args: string[], io: Io, appVersion: string, usage: (problem: string) => number): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === 'validate') {
    if (rest.length !== 1) return usage('pack validate needs one PATH (a pack folder or a built pack file)');
    const checked = await readPackAt(rest[0]!, appVersion);
    if (!checked.pack) {
      io.err(`summit-lens: ${rest[0]} is refused (${checked.problems.length} problem${checked.problems.length === 1 ? '' : 's'}):`);
      for (const problem of checked.problems) io.err(`  ${problem}`);
      return 1;
    }
    const { pack } = checked;
    io.out(
      `${rest[0]}: ${pack.title} (${pack.id}, revision ${pack.revision}): ${pack.entities.length} entities, ${pack.entities.reduce((n, e) => n + e.aliases.length, 0)} aliases; it would import.`,
    );
    return 0;
  }
  if (verb === 'build') {
    const out = rest.indexOf('-o');
    const output = out >= 0 ? rest[out + 1] : undefined;
    const dirs = rest.filter((_, i) => i !== out && i !== out + 1);
    if (!output || dirs.length !== 1) return usage('pack build needs a pack folder and -o FILE');
    const checked = await readPackSource(dirs[0]!, appVersion);
    if (!checked.pack) {
      io.err(`summit-lens: ${dirs[0]} cannot be built (${checked.problems.length} problem${checked.problems.length === 1 ? '' : 's'}):`);
      for (const problem of checked.problems) io.err(`  ${problem}`);
      return 1;
    }
    const bytes = await writePackFile(checked.pack);
    await writeFile(output, bytes);
    io.out(`${output}: ${checked.pack.title}, revision ${checked.pack.revision}, ${(bytes.length / 1024).toFixed(1)} KB`);
    return 0;
  }
  return usage(verb ? `unknown pack command "${verb}"` : 'pack needs validate or build');
}
