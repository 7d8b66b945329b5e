// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { collectPageText, locate, type Budget } from '../../src/content/page-text';
import { scanPage } from '../../src/content/scan';
import { bundledDetector } from '../../src/core/detector';

const unlimited: Budget = { exhausted: () => false, next: async () => {}, wait: (p) => p };

function body(html: string): HTMLElement {
  document.body.replaceChildren();
  // Test fixtures are our own literals; the product never parses strings as HTML.
  const template = document.createElement('template');
  template.innerHTML = html;
  document.body.append(template.content);
  return document.body;
}

describe('page text', () => {
  it('skips scripts, styles, form fields, editable regions and code', async () => {
    const root = body(`<p>Busan</p><script>Xi()</script><style>.Xi{}</style><textarea>Trump</textarea>
      <input value="Xi"><div contenteditable="true">Xi Jinping</div><pre>Tokyo</pre><noscript>Osaka</noscript><p>Tokyo</p>`);
    const { text } = await collectPageText(root, unlimited);
    expect(text.replace(/\s+/g, ' ').trim()).toBe('Busan Tokyo');
  });

  it('keeps inline elements in one line and separates blocks', async () => {
    const root = body('<p><a href="#">Xi</a> Jinping met <b>President</b> <i>Trump</i></p><p>Busan</p>');
    const { text } = await collectPageText(root, unlimited);
    expect(text).toBe('Xi Jinping met President Trump\nBusan');
  });

  it('reads a line break inside a paragraph as a space, offsets unchanged', async () => {
    const root = body('<p>Xi\nJinping</p>');
    const { text } = await collectPageText(root, unlimited);
    expect(text).toBe('Xi Jinping');
  });

  it('maps offsets back to text nodes for names split across elements', async () => {
    const root = body('<p><a href="#">Xi</a> Jinping</p>');
    const pageText = await collectPageText(root, unlimited);
    const start = locate(pageText, 0, 'start')!;
    const end = locate(pageText, 'Xi Jinping'.length, 'end')!;
    expect(start.node.data).toBe('Xi');
    expect(end.node.data).toBe(' Jinping');
    expect(end.offset).toBe(' Jinping'.length);
  });

  it('yields to the page between slices', async () => {
    const root = body(Array.from({ length: 200 }, (_, i) => `<p>Paragraph ${i} about Busan.</p>`).join(''));
    let yields = 0;
    // Always over budget: the walk yields at every check, and it checks every 32 text nodes.
    const tight: Budget = { exhausted: () => true, next: async () => void yields++, wait: (p) => p };
    await collectPageText(root, tight);
    expect(yields).toBe(Math.floor(200 / 32));
  });
});

describe('scanPage', () => {
  it('turns mentions into ranges over the page text, names split across elements included', async () => {
    const root = body('<p>President <b>Trump</b> met <a href="#">Xi</a> Jinping in Busan.</p><textarea>Xi Jinping</textarea>');
    const judge = async (q: Parameters<ReturnType<typeof bundledDetector>['judge']>[0]) => bundledDetector().judge(q);
    const { mentions } = await scanPage(root, judge, unlimited);
    expect(mentions.map((m) => [m.range.toString(), m.kind])).toEqual([
      ['President Trump', 'person'],
      ['Xi Jinping', 'person'],
      ['Busan', 'place'],
    ]);
  });

  it('does no language analysis on a page with no candidates', async () => {
    const root = body('<p>A recipe for lemon cake.</p>');
    let asked = 0;
    const { mentions, stats } = await scanPage(root, async () => (asked++, []), unlimited);
    expect(mentions).toEqual([]);
    expect(stats.candidates).toBe(0);
    expect(asked).toBe(0);
  });

  it('leaves ambiguous candidates unmarked when the analysis fails', async () => {
    const root = body('<p>Trump spoke in Busan.</p>');
    const warn = console.warn;
    console.warn = () => {};
    const { mentions } = await scanPage(root, () => Promise.reject(new Error('gone')), unlimited);
    console.warn = warn;
    expect(mentions.map((m) => m.range.toString())).toEqual(['Busan']);
  });

  const judge = async (q: Parameters<ReturnType<typeof bundledDetector>['judge']>[0]) => bundledDetector().judge(q);
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `<p>Paragraph ${i} is about lemon cake and the weather.</p>`).join('');

  it('reads properly only the blocks where the quick look found something', async () => {
    const root = body(`${filler(100)}<p>Xi Jinping arrived in Busan.</p>${filler(100)}`);
    const { mentions, stats } = await scanPage(root, judge, unlimited);
    expect(mentions.map((m) => m.range.toString())).toEqual(['Xi Jinping', 'Busan']);
    expect(stats.chars).toBeGreaterThan(8000);
    expect(stats.readChars).toBe('Xi Jinping arrived in Busan.'.length);
  });

  it('still knows a name from one block when a description stands in another', async () => {
    const root = body(`<p>Xi Jinping arrived.</p>${filler(20)}<p>The Chinese leader smiled.</p>`);
    const { mentions } = await scanPage(root, judge, unlimited);
    expect(mentions.map((m) => m.range.toString())).toEqual(['Xi Jinping', 'The Chinese leader']);
  });

  it('reads a block once when one holding a candidate sits inside another', async () => {
    const root = body('<div>Trump spoke first. <p>Xi Jinping replied.</p> Then Busan.</div><p>Nothing here.</p>');
    const { mentions, stats } = await scanPage(root, judge, unlimited);
    expect(mentions.map((m) => m.range.toString())).toEqual(['Trump', 'Xi Jinping', 'Busan']);
    expect(stats.readChars).toBeLessThan(60);
  });

  it('finds a dateline that stands in a block of its own', async () => {
    const root = body('<p><strong>BUSAN</strong> — The two leaders met.</p><p>Donald Trump spoke.</p>');
    const { mentions } = await scanPage(root, judge, unlimited);
    expect(mentions.map((m) => m.range.toString())).toEqual(['BUSAN', 'Donald Trump']);
  });
});
