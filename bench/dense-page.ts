import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** About `bytes` of HTML, paragraph after paragraph of the labeled sentences: a page dense with mentions. */
export function denseMentionsPage(bytes: number): string {
  const lines = readFileSync(resolve(import.meta.dirname, '../tests/eval/dev.jsonl'), 'utf8')
    .trim()
    .split('\n');
  const sentences = lines.map((l) => (JSON.parse(l) as { text: string }).text);
  const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const parts = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dense</title><link rel="icon" href="data:,"></head><body><main>',
  ];
  let size = parts[0]!.length;
  for (let i = 0; size < bytes; i++) {
    const p = `<p>${escape(sentences[i % sentences.length]!)} ${escape(sentences[(i * 7 + 3) % sentences.length]!)}</p>\n`;
    parts.push(p);
    size += p.length;
  }
  parts.push('</main></body></html>');
  return parts.join('');
}
