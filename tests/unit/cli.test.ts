import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/summit-lens.ts';
import { htmlVisibleText } from '../../src/cli/html-text.ts';

async function run(args: string[], stdin = ''): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, Readable.from([stdin]), { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'summit-lens-cli-'));
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('summit-lens annotate', () => {
  it('prints one JSON object per file with offsets into the file’s own characters', async () => {
    const text = 'BEIJING, Oct 30 — Mr Xi met\r\nDonald Trump’s team in Busan.\n';
    const path = file('a.txt', text);
    const { code, out } = await run(['annotate', path]);
    expect(code).toBe(0);
    const result = JSON.parse(out[0]!);
    expect(result.file).toBe(path);
    for (const m of result.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(result.mentions.map((m: { entity: string; text: string }) => `${m.text}=${m.entity}`)).toEqual([
      'BEIJING=beijing',
      'Mr Xi=xi-jinping',
      'Donald Trump=donald-trump',
      'Busan=busan',
    ]);
    expect(result.mentions[1]).toMatchObject({ name: 'Xi Jinping', kind: 'person', why: { rule: 'title' } });
  });

  it('reads only the visible text of an HTML file', async () => {
    const path = file(
      'a.html',
      '<html><head><title>Xi</title><script>Trump()</script></head><body><p><a href="#">Xi</a> Jinping &amp; <b>Trump</b></p><textarea>Busan</textarea></body></html>',
    );
    const { code, out } = await run(['annotate', path]);
    expect(code).toBe(0);
    expect(JSON.parse(out[0]!).mentions.map((m: { text: string }) => m.text)).toEqual(['Xi Jinping', 'Trump']);
  });

  it('reports a missing, binary or unsupported file clearly and still does the rest', async () => {
    const good = file('good.txt', 'Busan');
    const binary = file('bin.txt', Buffer.from([0x42, 0x00, 0xff, 0x10]));
    const { code, out, err } = await run(['annotate', join(dir, 'missing.txt'), binary, file('x.pdf', 'Busan'), good]);
    expect(code).toBe(1);
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0]!).file).toBe(good);
    expect(err.join('\n')).toMatch(/missing\.txt: cannot read \(no such file\)/);
    expect(err.join('\n')).toMatch(/bin\.txt: not a UTF-8 text file/);
    expect(err.join('\n')).toMatch(/x\.pdf: unsupported file type/);
  });

  it('annotates JSON lines from stdin, skipping bad lines with a message', async () => {
    const { code, out, err } = await run(
      ['annotate', '--jsonl'],
      '{"id":"a","text":"Mr Xi"}\n{oops\n\n{"id":2}\n{"id":3,"text":"Busan"}\n',
    );
    expect(code).toBe(1);
    expect(out.map((l) => JSON.parse(l).id)).toEqual(['a', 3]);
    expect(JSON.parse(out[0]!).mentions[0]).toMatchObject({ entity: 'xi-jinping', text: 'Mr Xi', start: 0, end: 5 });
    expect(err).toHaveLength(2);
    expect(err[0]).toMatch(/line 2: invalid JSON/);
    expect(err[1]).toMatch(/line 4: expected an object/);
  });

  it('dates the texts by --url, and each JSON line by its own "url" first', async () => {
    const text = 'Officials discussed arranging a meeting between Trump and Xi, though no date was set.';
    const path = file('undated.txt', text);
    const events = (line: string): string[] =>
      (JSON.parse(line).mentions as { entity: string; kind: string }[]).filter((m) => m.kind === 'event').map((m) => m.entity);
    expect(events((await run(['annotate', path])).out[0]!)).toEqual(['busan-meeting-2025']);
    expect(events((await run(['annotate', '--url', 'https://example.org/2017/02/10/talks.html', path])).out[0]!)).toEqual([]);
    expect(events((await run(['annotate', '--url', 'https://example.org/2025/10/31/talks.html', path])).out[0]!)).toEqual([
      'busan-meeting-2025',
    ]);
    const lines = [
      { id: 'dated', text, url: 'https://example.org/2017/02/10/talks.html' },
      { id: 'default', text },
      { id: 'later', text, url: 'https://example.org/2025/11/01/talks.html' },
    ];
    const { code, out } = await run(
      ['annotate', '--url', 'https://example.org/20170210/x', '--jsonl'],
      lines.map((l) => JSON.stringify(l)).join('\n'),
    );
    expect(code).toBe(0);
    expect(out.map(events)).toEqual([[], [], ['busan-meeting-2025']]);
    const bad = await run(['annotate', '--jsonl'], JSON.stringify({ id: 1, text, url: 2017 }));
    expect(bad.err[0]).toMatch(/line 1: expected an object/);
    expect((await run(['annotate', path, '--url'])).err[0]).toMatch(/--url needs the address/);
    expect((await run(['annotate', '--url', 'not an address', path])).err[0]).toMatch(/is not an address/);
  });

  it('explains bad usage', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['frobnicate'])).err[0]).toMatch(/unknown command "frobnicate"/);
    expect((await run(['annotate'])).err[0]).toMatch(/needs at least one file/);
    expect((await run(['annotate', '--fast', 'a.txt'])).err[0]).toMatch(/unknown option --fast/);
    expect((await run(['--help'])).code).toBe(0);
  });
});

describe('htmlVisibleText', () => {
  it('separates blocks, keeps inline runs together and drops hidden and editable text', () => {
    expect(
      htmlVisibleText('<div>Xi<br>Jinping</div><p>A <i>b</i></p><noscript>n</noscript><div contenteditable="true">e</div><pre>p</pre>'),
    ).toBe('Xi\nJinping\nA b\n');
  });
});
