import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { bundledDetector } from '../core/detector.ts';
import { loadFactBase } from '../core/facts/index.ts';
import type { Mention } from '../core/types.ts';
import { htmlVisibleText } from './html-text.ts';

const USAGE = `Usage:
  summit-lens annotate FILE...      annotate .txt or .html files; one JSON object per file
  summit-lens annotate --jsonl      read {"id", "text"} lines on stdin; one JSON line out per line
  summit-lens --help

Offsets are JavaScript string indices: into the file's own characters for .txt, into its
visible text (as the extension sees the page) for .html.`;

interface Io {
  out(line: string): void;
  err(line: string): void;
}

const base = loadFactBase();
const entities = new Map(base.entities.map((e) => [e.id, e]));

function describe(mentions: Mention[]): object[] {
  return mentions.map((m) => {
    const entity = entities.get(m.entity)!;
    return { entity: m.entity, name: entity.name, kind: entity.kind, text: m.text, start: m.start, end: m.end, why: m.why };
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

async function annotateFile(file: string, io: Io): Promise<boolean> {
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
  io.out(JSON.stringify({ file, mentions: describe(bundledDetector().annotate(text)) }));
  return true;
}

async function annotateJsonl(input: NodeJS.ReadableStream, io: Io): Promise<boolean> {
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
    const { id, text } = (item ?? {}) as { id?: unknown; text?: unknown };
    if (typeof text !== 'string' || (typeof id !== 'string' && typeof id !== 'number')) {
      io.err(`summit-lens: line ${lineNumber}: expected an object {"id": string or number, "text": string}`);
      ok = false;
      continue;
    }
    io.out(JSON.stringify({ id, mentions: describe(bundledDetector().annotate(text)) }));
  }
  return ok;
}

/** Runs the command line; returns the exit code (0 all good, 1 some item failed, 2 bad usage). */
export async function main(args: string[], input: NodeJS.ReadableStream, io: Io): Promise<number> {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h') {
    (args.length === 0 ? io.err : io.out)(USAGE);
    return args.length === 0 ? 2 : 0;
  }
  const [command, ...rest] = args;
  if (command !== 'annotate') {
    io.err(`summit-lens: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  const unknown = rest.filter((a) => a.startsWith('--') && a !== '--jsonl');
  if (unknown.length) {
    io.err(`summit-lens: unknown option ${unknown.join(', ')}\n\n${USAGE}`);
    return 2;
  }
  const files = rest.filter((a) => a !== '--jsonl');
  if (rest.includes('--jsonl')) {
    if (files.length) {
      io.err('summit-lens: --jsonl reads standard input; do not also name files');
      return 2;
    }
    return (await annotateJsonl(input, io)) ? 0 : 1;
  }
  if (files.length === 0) {
    io.err(`summit-lens: annotate needs at least one file (or --jsonl)\n\n${USAGE}`);
    return 2;
  }
  let ok = true;
  for (const file of files) ok = (await annotateFile(file, io)) && ok;
  return ok ? 0 : 1;
}
