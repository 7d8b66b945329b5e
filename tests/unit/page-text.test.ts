// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { bundledTables, local, checked, findChecked } from './helpers.ts';
import { collectPageText, locate, type Budget } from '../../src/content/page-text.ts';
import { partsAtBlocks, scanPage } from '../../src/content/scan.ts';
import { encodeFound } from '../../src/common/found.ts';
import { bundledDetector, bundledLoaded } from '../../src/core/detector.ts';
import { splitRef } from '../../src/core/alias-index.ts';
import { findMentions } from '../../src/core/matcher.ts';

/** The background's reading, in process. */
const find = findChecked;

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
    const start = locate(pageText, { offset: 0, edge: 'start' })!;
    const end = locate(pageText, { offset: 'Xi Jinping'.length, edge: 'end' })!;
    expect(start.node.data).toBe('Xi');
    expect(end.node.data).toBe(' Jinping');
    expect(end.offset).toBe(' Jinping'.length);
  });

  it('finds the same place from any hint at or before it', async () => {
    const root = body(Array.from({ length: 40 }, (_, i) => `<p>Para <b>${i}</b> <i>x</i>y</p>`).join(''));
    const pageText = await collectPageText(root, unlimited);
    for (let offset = 0; offset <= pageText.text.length; offset++) {
      for (const edge of ['start', 'end'] as const) {
        const plain = locate(pageText, { offset, edge });
        const hints = plain ? [0, 1, plain.segment >> 1, plain.segment - 1, plain.segment] : [0, 3];
        for (const hint of hints)
          expect(locate(pageText, { offset, edge, hint: Math.max(0, hint) }), `${offset} ${edge} ${hint}`).toEqual(plain);
      }
    }
  });

  it('yields to the page between slices', async () => {
    const root = body(Array.from({ length: 200 }, (_, i) => `<p>Paragraph ${i} about Busan.</p>`).join(''));
    let yields = 0;
    // Always over budget: the walk yields at every check, and it checks every 32 text nodes; the join has a slice of its own.
    const tight: Budget = { exhausted: () => true, next: async () => void yields++, wait: (p) => p };
    await collectPageText(root, tight);
    expect(yields).toBe(Math.floor(200 / 32) + 1);
  });
});

describe('scanPage', () => {
  it('turns mentions into ranges over the page text, names split across elements included', async () => {
    const root = body('<p>President <b>Trump</b> met <a href="#">Xi</a> Jinping in Busan.</p><textarea>Xi Jinping</textarea>');
    const { mentions } = await scanPage({ tables: bundledTables(), roots: root, find: find, budget: unlimited });
    expect(mentions.map((m) => [m.range.toString(), m.kind])).toEqual([
      ['President Trump', 'person'],
      ['Xi Jinping', 'person'],
      ['Busan', 'place'],
    ]);
  });

  it('asks the background nothing about a page where the quick look finds nothing of the story', async () => {
    // "September" only starts a name pattern, and "He" needs a title: neither is enough alone.
    const root = body('<p>A recipe for lemon cake. He baked it in September.</p><p>He said it was good.</p>');
    let asked = 0;
    const { mentions, stats } = await scanPage({
      tables: bundledTables(),
      roots: root,
      find: async () => (asked++, find('', [])),
      budget: unlimited,
    });
    expect(mentions).toEqual([]);
    expect(stats).toMatchObject({ readChars: 0, candidates: 0 });
    expect(asked).toBe(0);
  });

  it('asks once, with only the blocks worth reading, when a title makes a surname count', async () => {
    const root = body('<p>He baked a cake.</p><p>Vice Premier He arrived.</p>');
    const asked: string[] = [];
    const { mentions } = await scanPage({
      tables: bundledTables(),
      roots: root,
      find: async (text, named) => (asked.push(text), find(text, named)),
      budget: unlimited,
    });
    expect(asked).toEqual(['Vice Premier He arrived.']);
    expect(mentions.map((m) => [m.range.toString(), local(m.mention.entity)])).toEqual([['Vice Premier He', 'he-lifeng']]);
  });

  it('shows an early answer at once, then replaces it with the whole one, asking for the same text again', async () => {
    const root = body('<p>Trump flew to Busan.</p><p>Xi Jinping stayed in Gyeongju.</p>');
    const { createDetector } = await import('../../src/core/detector-core.ts');
    const { packs, lookup, judge } = bundledDetector();
    let ready = false;
    const detector = createDetector({ packs, lookup, judge: () => ((ready = true), judge), judgeReady: () => ready });
    const asked: boolean[] = [];
    const remote = checked(async (text, named) => encodeFound(await detector.find(text, new Set(named), { early: asked.at(-1) })));
    const shown: string[][] = [];
    const { mentions } = await scanPage({
      tables: bundledTables(),
      roots: root,
      find: (text, named, early) => (asked.push(Boolean(early)), remote(text, named)),
      budget: unlimited,
      early: (sofar) => shown.push(sofar.map((m) => m.range.toString())),
    });
    expect(asked).toEqual([true, false]);
    expect(shown).toEqual([['Busan', 'Xi Jinping', 'Gyeongju']]);
    expect(mentions.map((m) => m.range.toString())).toEqual(['Trump', 'Busan', 'Xi Jinping', 'Gyeongju']);
  });

  it('keeps what an early answer showed when the second ask fails', async () => {
    const root = body('<p>Trump flew to Busan.</p>');
    const { createDetector } = await import('../../src/core/detector-core.ts');
    const { packs, lookup, judge } = bundledDetector();
    const detector = createDetector({ packs, lookup, judge: () => judge, judgeReady: () => false });
    const earlyOnly = checked(async (text, named) => encodeFound(await detector.find(text, new Set(named), { early: true })));
    const warn = console.warn;
    console.warn = () => {};
    const { mentions } = await scanPage({
      tables: bundledTables(),
      roots: root,
      find: (text, named, early) => (early ? earlyOnly(text, named) : Promise.reject(new Error('gone'))),
      budget: unlimited,
      early: () => {},
    });
    console.warn = warn;
    expect(mentions.map((m) => m.range.toString())).toEqual(['Busan']);
  });

  it('leaves ambiguous candidates unmarked when the analysis fails in the background', async () => {
    const root = body('<p>Trump spoke in Busan.</p>');
    const { packs, lookup } = bundledDetector();
    const failing = async (text: string, named: readonly string[]) =>
      encodeFound(
        findMentions({
          packs,
          lookup,
          text,
          judge: () => {
            throw new Error('compromise is gone');
          },
          named: new Set(named),
        }),
      );
    const warn = console.warn;
    console.warn = () => {};
    const { mentions } = await scanPage({ tables: bundledTables(), roots: root, find: checked(failing), budget: unlimited });
    console.warn = warn;
    expect(mentions.map((m) => m.range.toString())).toEqual(['Busan']);
  });

  it('marks nothing, and says why, when the background is gone or answers out of shape', async () => {
    const root = body('<p>Xi Jinping spoke in Busan.</p>');
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args[0]);
    const gone = await scanPage({ tables: bundledTables(), roots: root, find: () => Promise.reject(new Error('gone')), budget: unlimited });
    const text = 'Xi Jinping spoke in Busan.';
    const outside = await scanPage({
      tables: bundledTables(),
      roots: root,
      find: checked(async () => ({ ...encodeFound(await bundledDetector().find(text)), spans: [0, 0, 20, 999] })),
      budget: unlimited,
    });
    const badRule = await scanPage({
      tables: bundledTables(),
      roots: root,
      find: checked(async () => ({ ...encodeFound(await bundledDetector().find(text)), whys: [['Xi', 'guess', 1]] })),
      budget: unlimited,
    });
    console.warn = warn;
    expect([gone, outside, badRule].map((r) => r.mentions.length)).toEqual([0, 0, 0]);
    expect(warnings).toEqual([
      '[Summit Lens] the background could not read this page',
      '[Summit Lens] dropped a malformed answer from the background',
      '[Summit Lens] dropped a malformed answer from the background',
    ]);
  });

  const filler = (n: number) => Array.from({ length: n }, (_, i) => `<p>Paragraph ${i} is about lemon cake and the weather.</p>`).join('');

  it('reads properly only the blocks where the quick look found something', async () => {
    const root = body(`${filler(100)}<p>Xi Jinping arrived in Busan.</p>${filler(100)}`);
    const { mentions, stats } = await scanPage({ tables: bundledTables(), roots: root, find: find, budget: unlimited });
    expect(mentions.map((m) => m.range.toString())).toEqual(['Xi Jinping', 'Busan']);
    expect(stats.chars).toBeGreaterThan(8000);
    expect(stats.readChars).toBe('Xi Jinping arrived in Busan.'.length);
  });

  it('reads only the blocks with names however many there are, not the whole page', async () => {
    const named = Array.from({ length: 60 }, () => `${filler(5)}<p>Xi Jinping arrived in Busan.</p>`).join('');
    const root = body(`${named}${filler(100)}`);
    const { mentions, stats } = await scanPage({ tables: bundledTables(), roots: root, find: find, budget: unlimited });
    expect(mentions).toHaveLength(120);
    // 60 blocks of 28 characters, each after a block break but the first.
    expect(stats.readChars).toBe(60 * 'Xi Jinping arrived in Busan.'.length + 59);
  });

  it('still knows a name from one block when a description stands in another', async () => {
    const root = body(`<p>Xi Jinping arrived.</p>${filler(20)}<p>The Chinese leader smiled.</p>`);
    const { mentions } = await scanPage({ tables: bundledTables(), roots: root, find: find, budget: unlimited });
    expect(mentions.map((m) => m.range.toString())).toEqual(['Xi Jinping', 'The Chinese leader']);
  });

  it('reads a block once when one holding a candidate sits inside another', async () => {
    const root = body('<div>Trump spoke first. <p>Xi Jinping replied.</p> Then Busan.</div><p>Nothing here.</p>');
    const { mentions, stats } = await scanPage({ tables: bundledTables(), roots: root, find: find, budget: unlimited });
    expect(mentions.map((m) => m.range.toString())).toEqual(['Trump', 'Xi Jinping', 'Busan']);
    expect(stats.readChars).toBeLessThan(60);
  });

  it('asks once for several changed blocks, each read as a block of its own', async () => {
    const root = body('<p>Xi Jinping arrived.</p><p>Lemon cake.</p><p>The Chinese leader smiled.</p>');
    const [first, , last] = [...root.children];
    const asked: string[] = [];
    const { mentions } = await scanPage({
      tables: bundledTables(),
      roots: [first!, last!],
      find: async (text, named) => (asked.push(text), find(text, named)),
      budget: unlimited,
    });
    expect(asked).toEqual(['Xi Jinping arrived.\nThe Chinese leader smiled.']);
    expect(mentions.map((m) => m.range.toString())).toEqual(['Xi Jinping', 'The Chinese leader']);
  });

  it('finds a dateline that stands in a block of its own', async () => {
    const root = body('<p><strong>BUSAN</strong> — The two leaders met.</p><p>Donald Trump spoke.</p>');
    const { mentions } = await scanPage({ tables: bundledTables(), roots: root, find: find, budget: unlimited });
    expect(mentions.map((m) => m.range.toString())).toEqual(['BUSAN', 'Donald Trump']);
  });
});

describe('the quick look', () => {
  /** Whether the quick look sent the paragraph's text to the background at all. */
  async function asksAbout(text: string): Promise<boolean> {
    const root = body('<p></p>');
    root.firstElementChild!.textContent = text;
    let asked = false;
    await scanPage({ tables: bundledTables(), roots: root, find: async (t, named) => ((asked = true), find(t, named)), budget: unlimited });
    return asked;
  }

  it('says no for text with nothing of the story, and yes where anything could be', async () => {
    expect(await asksAbout('A recipe for lemon cake, baked in London in September at 100 degrees.')).toBe(false);
    expect(await asksAbout('Their degrees, taxis and theses. He said so.')).toBe(false);
    expect(await asksAbout('Mr Xi arrived.')).toBe(true);
    expect(await asksAbout('Tak\u00adaichi')).toBe(true);
    expect(await asksAbout('President\u00a0Lee spoke.')).toBe(true);
    // "İ" lower-cases to two characters: folded as "I", it neither hides a name nor makes the page read whole.
    expect(await asksAbout('\u0130stanbul: a recipe for lemon cake.')).toBe(false);
    expect(await asksAbout('\u0130stanbul first, then Busan.')).toBe(true);
  });

  it('never says no where the full pass finds a name that can tell the story (pattern-only texts are skipped by design)', async () => {
    const { loadSet } = await import('../../scripts/eval-lib.ts');
    const { entities } = bundledLoaded();
    const world = (ref: string): boolean => entities.get(splitRef(ref).id)?.relevance === 'world';
    let telling = 0;
    let worldOnly = 0;
    for (const item of [...loadSet('dev'), ...loadSet('holdout-blind')]) {
      const names = bundledDetector()
        .annotate(item.text.replace(/\n/g, ' '))
        .filter((m) => m.why.rule !== 'pattern');
      if (names.some((m) => !world(m.entity))) {
        telling += 1;
        expect(await asksAbout(item.text), item.id).toBe(true);
      } else if (names.length) worldOnly += 1;
    }
    expect(telling).toBeGreaterThan(100);
    // Texts that name only the story's world (China, Tokyo) exist in the sets; see the next test.
    expect(worldOnly).toBeGreaterThan(5);
    // Every labelled sentence through both passes: seconds on a busy machine.
  }, 30_000);

  it("stops at the quick look on text that names only the story's world", async () => {
    expect(await asksAbout('Our tours of Japan leave from Tokyo every week; China and South Korea follow in spring.')).toBe(false);
    expect(await asksAbout('In 2017 the new cabinet met at the White House in Washington.')).toBe(false);
    // One name of the story itself, and the whole text is read.
    expect(await asksAbout('In Tokyo, Xi Jinping was not expected.')).toBe(true);
  });
});

describe('a page too long for one message', () => {
  it('goes in parts cut after block breaks, none longer than the limit, nothing lost', () => {
    const text = Array.from({ length: 30 }, (_, i) => `Block ${i} ${'x'.repeat(i * 3)}`).join('\n');
    const parts = partsAtBlocks(text, 100);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    for (const { text: part, offset } of parts) {
      expect(part.length).toBeLessThanOrEqual(100);
      expect(text.slice(offset, offset + part.length)).toBe(part);
      // Every part but the last ends where a block ends.
      if (offset + part.length < text.length) expect(part.endsWith('\n')).toBe(true);
    }
    // One block longer than the limit is cut at the limit.
    expect(partsAtBlocks('y'.repeat(250), 100).map((p) => p.text.length)).toEqual([100, 100, 50]);
    expect(partsAtBlocks('', 100)).toEqual([]);
  });
});
