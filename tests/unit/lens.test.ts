// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkFound, encodeFound } from '../../src/common/found.ts';
import type { CheckedFound } from '../../src/common/found-read.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../src/common/settings.ts';
import { Highlighter, type Marked } from '../../src/content/highlighter.ts';
import { Lens, type LensDeps } from '../../src/content/lens.ts';
import { ScanSession } from '../../src/content/session.ts';
import { watchPage } from '../../src/content/watch.ts';
import { bundledDetector } from '../../src/core/detector.ts';
import { bundledTables, local } from './helpers.ts';

function page(html: string): void {
  document.body.replaceChildren();
  // Test fixtures are our own literals; the product never parses strings as HTML.
  const template = document.createElement('template');
  template.innerHTML = html;
  document.body.append(template.content);
}

/** The background's reading, in process, counting the questions. */
function fakeBackground() {
  const asked: string[] = [];
  const find = async (text: string, named: readonly string[]) => {
    asked.push(text);
    return checkFound(encodeFound(await bundledDetector().find(text, new Set(named))), text.length);
  };
  return { asked, find };
}

/** A highlighter that remembers what it was last asked to draw. */
function fakeHighlighter() {
  const state = { drawn: [] as readonly Marked[], clears: 0 };
  return {
    state,
    draw(marks: readonly Marked[]) {
      state.drawn = marks;
    },
    clear() {
      state.clears += 1;
      state.drawn = [];
    },
  };
}

function lensWith(overrides: Partial<LensDeps> = {}) {
  const life = new AbortController();
  const background = fakeBackground();
  const highlighter = fakeHighlighter();
  const reports: number[] = [];
  const lens = new Lens({
    doc: document,
    signal: life.signal,
    alive: () => true,
    find: background.find,
    fetchEntity: async () => null,
    loadCardUi: () => Promise.reject(new Error('no card in this test')),
    report: (n) => reports.push(n),
    highlighter,
    canDraw: () => true,
    ...overrides,
  });
  return { lens, life, background, highlighter, reports };
}

const tables = bundledTables();
const settings = (changes: Partial<Settings> = {}): Settings => ({ ...structuredClone(DEFAULT_SETTINGS), ...changes });
const texts = (marks: readonly Marked[]) => marks.map((m) => m.range.toString());

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('the lens (scan session and presenter, with a fake background and highlighter)', () => {
  it('reads a page once it is idle and draws what the settings let through', async () => {
    page('<p>Mr Xi met Donald Trump in Busan.</p><p>Nothing else here.</p>');
    const { lens, highlighter, reports, background } = lensWith();
    await lens.apply(settings(), true, tables);
    expect(texts(highlighter.state.drawn)).toEqual(['Mr Xi', 'Donald Trump', 'Busan']);
    expect(reports.at(-1)).toBe(3);
    expect(background.asked).toEqual(['Mr Xi met Donald Trump in Busan.']);
    expect((await lens.state('example.org', 'https://example.org/')).entities.map((e) => local(e.id))).toEqual([
      'xi-jinping',
      'donald-trump',
      'busan',
    ]);

    await lens.apply(settings({ categories: { ...DEFAULT_SETTINGS.categories, place: false } }), true, tables);
    expect(texts(highlighter.state.drawn)).toEqual(['Mr Xi', 'Donald Trump']);
    // A redraw, not a second reading.
    expect(background.asked).toHaveLength(1);
  });

  it('sends nothing and draws nothing on a page without the story', async () => {
    page('<p>A recipe for bread, with flour and water.</p>');
    const { lens, highlighter, background, reports } = lensWith();
    await lens.apply(settings(), true, tables);
    expect(background.asked).toEqual([]);
    expect(highlighter.state.drawn).toEqual([]);
    expect(reports).toEqual([]);
  });

  it('clears everything when switched off, and reads again what changed meanwhile when back on', async () => {
    page('<p>Mr Xi spoke.</p>');
    const { lens, highlighter } = lensWith();
    await lens.apply(settings(), true, tables);
    await lens.apply(settings(), false, tables);
    expect(highlighter.state.drawn).toEqual([]);
    expect(await lens.state('h', 'u')).toMatchObject({ active: false, entities: [] });
    document.body.querySelector('p')!.textContent = 'Mr Xi spoke in Busan.';
    await lens.apply(settings(), true, tables);
    expect(texts(highlighter.state.drawn)).toEqual(['Mr Xi', 'Busan']);
  });

  it('cancels a scan that is still waiting for the background when stopped', async () => {
    page('<p>Mr Xi met Donald Trump in Busan.</p>');
    let answer: ((value: CheckedFound | undefined) => void) | undefined;
    const held = new Promise<CheckedFound | undefined>((resolve) => (answer = resolve));
    let asked = false;
    const { lens, highlighter, background } = lensWith({ find: () => ((asked = true), held) });
    const applied = lens.apply(settings(), true, tables);
    await vi.waitFor(() => expect(asked).toBe(true));
    lens.stop();
    answer!(
      checkFound(encodeFound(await bundledDetector().find('Mr Xi met Donald Trump in Busan.')), 'Mr Xi met Donald Trump in Busan.'.length),
    );
    await applied;
    expect(highlighter.state.drawn).toEqual([]);
    expect((await lens.state('h', 'u')).entities).toEqual([]);
    expect(background.asked).toEqual([]);
  });

  it('stop() ends the session’s scan where it waits: what the background answers then is dropped', async () => {
    page('<p>Mr Xi met Donald Trump in Busan.</p>');
    let answer: ((value: CheckedFound | undefined) => void) | undefined;
    const find = () => new Promise<CheckedFound | undefined>((resolve) => (answer = resolve));
    const session = new ScanSession({
      doc: document,
      signal: new AbortController().signal,
      find,
      tables: bundledTables,
      everything: () => false,
    });
    const scanned = session.firstScan();
    await vi.waitFor(() => expect(answer).toBeDefined());
    session.stop();
    answer!(
      checkFound(encodeFound(await bundledDetector().find('Mr Xi met Donald Trump in Busan.')), 'Mr Xi met Donald Trump in Busan.'.length),
    );
    await scanned;
    expect(session.found).toEqual([]);
  });

  it('ends with the page’s lifetime: no scan starts after it', async () => {
    page('<p>Mr Xi spoke.</p>');
    const { lens, life, background, highlighter } = lensWith();
    life.abort();
    await lens.apply(settings(), true, tables);
    expect(background.asked).toEqual([]);
    expect(highlighter.state.drawn).toEqual([]);
  });

  it('stops at the quick look on a page that names only the world, and shows it when the reader asks', async () => {
    page('<p>Our tours of Japan start in Tokyo.</p><p>In 2017 the White House looked to China.</p>');
    const { lens, highlighter, background, reports } = lensWith();
    await lens.apply(settings(), true, tables);
    expect(background.asked).toEqual([]);
    expect(highlighter.state.drawn).toEqual([]);
    expect(reports).toEqual([]);
    // The popup asks: the page is read now, so that it can say how many names it holds.
    const state = await lens.state('h', 'u');
    expect(state.entities).toEqual([]);
    expect(state.unshown).toEqual({ packs: ['summit-2025'], entities: 4, mentions: 4 });
    expect(highlighter.state.drawn).toEqual([]);
    // Nothing shown, so the badge stays at nothing (the page reports only a changed count).
    expect(reports.filter((n) => n > 0)).toEqual([]);
    await lens.showHere();
    expect(texts(highlighter.state.drawn)).toEqual(['Japan', 'Tokyo', 'White House', 'China']);
    expect(reports.at(-1)).toBe(4);
    expect((await lens.state('h', 'u')).unshown).toEqual({ packs: [], entities: 0, mentions: 0 });
  });

  it("reads and shows the world's names once the page names the story, and all of them with the setting on", async () => {
    page('<p>Our tours of Japan start in Tokyo.</p>');
    const { lens, highlighter, reports } = lensWith();
    await lens.apply(settings(), true, tables);
    expect(highlighter.state.drawn).toEqual([]);
    const p = document.createElement('p');
    p.textContent = 'Xi Jinping will not be on the tour.';
    document.body.append(p);
    await vi.waitFor(() => expect(texts(highlighter.state.drawn)).toEqual(['Japan', 'Tokyo', 'Xi Jinping']), { timeout: 3000 });
    expect(reports.at(-1)).toBe(3);

    page('<p>Our tours of China start in Beijing.</p>');
    const other = lensWith();
    await other.lens.apply(settings({ showUnrelated: true }), true, tables);
    expect(texts(other.highlighter.state.drawn)).toEqual(['China', 'Beijing']);
    await other.lens.apply(settings(), true, tables);
    expect(other.highlighter.state.drawn).toEqual([]);
    expect(other.reports.at(-1)).toBe(0);
  });

  it('follows the page: a new paragraph is read alone and drawn with the rest', async () => {
    page('<p>Mr Xi spoke.</p>');
    const { lens, highlighter, background } = lensWith();
    await lens.apply(settings(), true, tables);
    const p = document.createElement('p');
    p.textContent = 'Later, Anwar Ibrahim arrived in Kuala Lumpur.';
    document.body.append(p);
    await vi.waitFor(() => expect(texts(highlighter.state.drawn)).toEqual(['Mr Xi', 'Anwar Ibrahim', 'Kuala Lumpur']), { timeout: 3000 });
    expect(background.asked.at(-1)).toBe('Later, Anwar Ibrahim arrived in Kuala Lumpur.');
  });
});

describe('watching a page for changes', () => {
  it('hands over the changed blocks in one batch, and nothing inside editable regions', async () => {
    vi.useFakeTimers();
    page('<div id="feed"><p>one</p></div><div contenteditable="true"><p>draft</p></div>');
    const changes: { blocks: Element[]; full: boolean }[] = [];
    const watching = new AbortController();
    watchPage({ root: document.body, signal: watching.signal, onChange: (c) => changes.push(c), quietMs: 100 });
    const a = document.createElement('p');
    a.textContent = 'two';
    const b = document.createElement('p');
    b.textContent = 'three';
    document.getElementById('feed')!.append(a, b);
    document.querySelector('[contenteditable] p')!.textContent = 'edited';
    await vi.advanceTimersByTimeAsync(150);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.full).toBe(false);
    expect(changes[0]!.blocks.map((e) => e.textContent)).toEqual(['two', 'three']);
    watching.abort();
    document.getElementById('feed')!.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(150);
    expect(changes).toHaveLength(1);
  });

  it('asks for one full rescan after a burst too large to follow', async () => {
    vi.useFakeTimers();
    page('<div id="feed"></div>');
    const changes: { blocks: Element[]; full: boolean }[] = [];
    const watching = new AbortController();
    watchPage({ root: document.body, signal: watching.signal, onChange: (c) => changes.push(c), quietMs: 100, burstLimit: 5 });
    for (let i = 0; i < 20; i++) {
      const block = document.createElement('section');
      block.append(document.createElement('p'));
      document.getElementById('feed')!.append(block);
    }
    await vi.advanceTimersByTimeAsync(150);
    expect(changes).toEqual([{ blocks: [], full: true }]);
    watching.abort();
  });
});

describe('the highlighter', () => {
  /** The Custom Highlight API as far as the highlighter uses it (happy-dom has none). */
  function fakeHighlightApi() {
    const registry = new Map<string, Set<Range>>();
    class FakeHighlight extends Set<Range> {}
    vi.stubGlobal('Highlight', FakeHighlight);
    vi.stubGlobal('CSS', { highlights: registry });
    return registry;
  }

  function marks(count: number): Marked[] {
    page(`<p>${'Xi '.repeat(count)}</p>`);
    const text = document.querySelector('p')!.firstChild!;
    return Array.from({ length: count }, (_, i) => {
      const range = document.createRange();
      range.setStart(text, i * 3);
      range.setEnd(text, i * 3 + 2);
      return { kind: i % 2 ? 'person' : 'place', range };
    });
  }

  afterEach(() => vi.unstubAllGlobals());

  it('draws one highlight per kind and style, and takes them all away on clear', () => {
    const registry = fakeHighlightApi();
    const highlighter = new Highlighter();
    highlighter.draw(marks(4), 'underline');
    expect([...registry.keys()].sort()).toEqual(['summit-lens-person', 'summit-lens-place']);
    expect(registry.get('summit-lens-person')!.size).toBe(2);
    highlighter.draw(marks(2), 'background');
    expect([...registry.keys()].sort()).toEqual(['summit-lens-bg-person', 'summit-lens-bg-place']);
    highlighter.clear();
    expect(registry.size).toBe(0);
  });

  it('registers only a window around the reader on a page with thousands of mentions', () => {
    const registry = fakeHighlightApi();
    const highlighter = new Highlighter();
    highlighter.draw(marks(5000));
    const drawn = [...registry.values()].reduce((n, set) => n + set.size, 0);
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(5000);
    highlighter.clear();
    expect(registry.size).toBe(0);
  });
});
