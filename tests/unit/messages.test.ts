import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { checkFound, encodeFound, FIND_MAX_CHARS, FoundWireSchema } from '../../src/common/found.ts';
import { FOUND_MAX_ITEMS } from '../../src/common/found-read.ts';
import { parseBackgroundReply, parseToBackground } from '../../src/common/messages/to-background.ts';
import { parsePageReply, parseToPage } from '../../src/common/messages/to-page.ts';
import { createRouter } from '../../src/background/router.ts';
import { buildCardData, memoryCardSource } from '../../src/core/card-data.ts';
import { bundledDetector, bundledLoaded, type FindOptions } from '../../src/core/detector.ts';
import { local, ref } from './helpers.ts';

const source = memoryCardSource(bundledLoaded(), true);
const card = (await buildCardData(source, 'xi-jinping'))!;
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
/** Values any schema must refuse where it expects an object of its own. */
const junk = [null, undefined, 0, 'text', [], true, () => 1, Object.create(null)];
const withProto = (json: string): unknown => JSON.parse(json);

function quietly<T>(run: () => T): T {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  try {
    return run();
  } finally {
    warn.mockRestore();
  }
}

describe('requests to the background (from a page or the popup)', () => {
  it('accept the known requests as they are', () => {
    for (const good of [
      { type: 'get-entity', ref: ref('xi-jinping') },
      { type: 'find', text: 'Trump spoke in Busan.', named: [ref('xi-jinping')] },
      { type: 'page-mentions', entities: 3 },
      { type: 'list-packs' },
      { type: 'search', query: 'Busan' },
    ]) {
      expect(parseToBackground(good)).toEqual(good);
    }
  });

  it('drop wrong types, unknown types, oversized text and lists, bad ids and prototype keys', () => {
    for (const bad of [
      ...junk,
      'get-entity',
      { type: 'get-entity' },
      { type: 'get-entity', id: 'xi-jinping' },
      { type: 'get-entity', ref: 'xi-jinping' },
      { type: 'get-entity', ref: 42 },
      { type: 'get-entity', ref: 'summit-2025/<img src=x onerror=alert(1)>' },
      { type: 'get-entity', ref: `summit-2025/${'x'.repeat(200)}` },
      { type: 'search', query: 7 },
      { type: 'search', query: 'x'.repeat(201) },
      { type: 'lookup', text: 'Xi' },
      { type: 'eval', code: '1' },
      { type: '__proto__' },
      { type: 'find', text: 1, named: [] },
      { type: 'find', text: 'Trump', named: ['Not An Id'] },
      { type: 'find', text: 'Trump', named: ['xi-jinping'] },
      { type: 'find', text: 'Trump', named: ref('xi-jinping') },
      { type: 'find', text: 'x'.repeat(FIND_MAX_CHARS + 1), named: [] },
      { type: 'find', text: 'Trump', named: Array.from({ length: 501 }, () => ref('xi-jinping')) },
      { type: 'page-mentions', entities: -1 },
      { type: 'page-mentions', entities: 1.5 },
      { type: 'page-mentions', entities: 1e9 },
      withProto('{"__proto__": {"type": "get-entity", "ref": "summit-2025/xi-jinping"}}'),
      withProto('{"type": "get-entity", "ref": "__proto__"}'),
    ]) {
      expect(parseToBackground(bad), JSON.stringify(bad)?.slice(0, 80)).toBeUndefined();
    }
  });
});

describe("the background's replies", () => {
  it("take a card's data whole, and null for an entity the fact base does not have", () => {
    expect(parseBackgroundReply('get-entity', clone(card))).toEqual(card);
    expect(parseBackgroundReply('get-entity', null)).toBeNull();
    expect(parseBackgroundReply('page-mentions', true)).toBe(true);
  });

  it('drop a card with anything out of shape, its facts included', () => {
    const facts = card.entity.facts;
    const broken = [
      ...junk.filter((value) => value !== null),
      { ...card, entity: undefined },
      { ...card, pack: { ...card.pack, reviewed: 'yesterday' } },
      { ...card, pack: { ...card.pack, title: '<b>x</b>' } },
      { ...card, pack: undefined },
      { ...card, entity: { ...card.entity, facts: 'many' } },
      { ...card, entity: { ...card.entity, facts: [{ ...facts[0], date: 20251030 }, facts[1]] } },
      { ...card, entity: { ...card.entity, facts: [{ ...facts[0], sources: [] }, facts[1]] } },
      { ...card, entity: { ...card.entity, facts: [{ ...facts[0], sources: [{ outlet: 'X', url: 'javascript:alert(1)' }] }, facts[1]] } },
      { ...card, entity: { ...card.entity, facts: Array.from({ length: 50 }, () => facts[0]) } },
      { ...card, entity: { ...card.entity, summary: 'A <script>alert(1)</script> summary' } },
      { ...card, entity: { ...card.entity, kind: 'villain' } },
      { ...card, entity: { ...card.entity, id: 'Not An Id' } },
      { ...card, names: { 'Not An Id': 'x' } },
      { ...card, names: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`e-${i}`, 'x'])) },
      { ...card, timeline: Array.from({ length: 501 }, () => ({ id: 'a', name: 'a', start: '2025' })) },
      { ...card, timeline: [{ id: 'a', name: 'a', start: 'soon' }] },
      { ...card, extra: 1 },
    ];
    quietly(() => {
      for (const bad of broken) {
        const sent = typeof bad === 'object' && bad !== null ? clone(bad) : bad;
        expect(parseBackgroundReply('get-entity', sent), JSON.stringify(bad)?.slice(0, 100)).toBeUndefined();
      }
      expect(parseBackgroundReply('page-mentions', 'yes')).toBeUndefined();
    });
  });

  it('never let a prototype key through', () => {
    const parsed = parseBackgroundReply('get-entity', clone({ ...card, names: withProto('{"__proto__": {"polluted": true}}') }));
    expect(Object.hasOwn(parsed?.names ?? {}, '__proto__')).toBe(false);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('log what they drop', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    parseBackgroundReply('get-entity', { entity: 1 });
    expect(warn).toHaveBeenCalledWith('[Summit Lens] dropped a malformed reply to "get-entity"', expect.any(String));
    warn.mockRestore();
  });
});

describe("the background's answer to 'find'", () => {
  const text = 'President Trump met Xi Jinping in Busan. Mr Xi left for Beijing.';

  it('carries every mention, in order, in compact form', async () => {
    const { foundAt, foundCount } = await import('../../src/common/found-read.ts');
    const found = await bundledDetector().find(text);
    const checked = checkFound(clone(encodeFound(found)), text.length)!;
    const back = Array.from({ length: foundCount(checked) }, (_, i) => {
      const { entity, why, start, end } = foundAt(checked, i);
      return { entity, start, end, text: text.slice(start, end), why };
    });
    expect(back).toEqual(found.mentions);
    expect(found.mentions.map((m) => m.text)).toEqual(['President Trump', 'Xi Jinping', 'Busan', 'Mr Xi', 'Beijing']);
    // Five mentions of four entities: each entity id travels once, with its relevance.
    expect(checked.ids).toHaveLength(4);
    expect(Object.fromEntries(checked.ids.map((id, i) => [local(id), checked.relevance[i]]))).toEqual({
      'donald-trump': 'related',
      'xi-jinping': 'story',
      busan: 'related',
      beijing: 'world',
    });
  });

  it('is dropped whole when anything in it is out of shape', async () => {
    const good = encodeFound(await bundledDetector().find(text));
    expect(checkFound(good, text.length)).toBeDefined();
    for (const bad of [
      ...junk,
      'answers',
      { ...good, spans: good.spans.slice(1) },
      { ...good, spans: [0, 0, 5, 3] },
      { ...good, spans: [0, 0, 0, text.length + 1] },
      { ...good, spans: [0, 0, -1, 3] },
      { ...good, spans: [0, 0, 0.5, 3] },
      { ...good, spans: [9, 0, 0, 3] },
      { ...good, spans: [0, 9, 0, 3] },
      { ...good, spans: ['0', 0, 0, 3] },
      { ...good, spans: 'many' },
      { ...good, ids: ['<img src=x>'] },
      { ...good, ids: Array.from({ length: 100_001 }, () => 'xi-jinping') },
      { ...good, relevance: good.relevance.slice(1) },
      { ...good, relevance: good.relevance.map(() => 'central') },
      { ...good, whys: [['Trump', 'guess', 0.9]] },
      { ...good, whys: [['Trump', 'name']] },
      { ...good, candidates: -1 },
      { ...good, nlpChars: '12' },
      withProto(`{"__proto__": ${JSON.stringify(good)}}`),
    ]) {
      expect(checkFound(bad, text.length), JSON.stringify(bad)?.slice(0, 80)).toBeUndefined();
    }
  });
});

describe("the page's check of the answer to 'find', against the schema", () => {
  /** The contract as written: the schema, then each span's numbers against the lists and the text. */
  function bySchema(value: unknown, textLength: number) {
    const parsed = v.safeParse(FoundWireSchema, value);
    if (!parsed.success) return undefined;
    const { ids, kinds, names, relevance, whys, spans } = parsed.output;
    if (spans.length % 4 !== 0 || [kinds, names, relevance].some((list) => list.length !== ids.length)) return undefined;
    // Read by index: a hole is undefined, and refused (every() would skip it).
    for (let i = 0; i < spans.length; i++) if (!Number.isInteger(spans[i]) || spans[i]! < 0) return undefined;
    for (let i = 0; i < spans.length; i += 4) {
      const [id, reason, start, end] = spans.slice(i, i + 4) as [number, number, number, number];
      if (id >= ids.length || reason >= whys.length || start >= end || end > textLength) return undefined;
    }
    return parsed.output;
  }

  const text = 'President Trump met Xi Jinping in Busan on 30 October. Mr Xi then flew home to Beijing.';
  const FIELDS = ['ids', 'kinds', 'names', 'relevance', 'whys', 'spans', 'candidates', 'nlpSentences', 'nlpChars', 'incomplete', 'extra'];
  // Values at the edges of every rule the schema has, and of the types it accepts.
  const POOL: unknown[] = [
    undefined,
    null,
    true,
    false,
    0,
    1,
    3,
    -1,
    0.5,
    1e9,
    Number.NaN,
    Infinity,
    '',
    'x',
    '0',
    'a'.repeat(200),
    'a'.repeat(201),
    'a'.repeat(1000),
    'a'.repeat(1001),
    'person',
    'topic',
    'people',
    'story',
    'world',
    'central',
    'name',
    'surname',
    'guess',
    ref('xi-jinping'),
    'summit-2025/Xi',
    'xi-jinping',
    `${'a'.repeat(100)}/${'b'.repeat(100)}`,
    `${'a'.repeat(100)}/${'b'.repeat(101)}`,
    [],
    [0],
    {},
    ['Trump', 'name', 0.9],
    ['Trump', 'name', 0.9, 'more'],
    ['Trump', 'name'],
    ['Trump', 'guess', 1],
    [1, 'name', 1],
  ];
  const mutation = fc.record({
    field: fc.constantFrom(...FIELDS),
    how: fc.constantFrom('whole', 'item', 'tuple', 'delete', 'append', 'hole'),
    index: fc.nat(12),
    value: fc.constantFrom(...POOL),
  });
  type Mutation = { field: string; how: string; index: number; value: unknown };

  function mutate(answer: Record<string, unknown>, { field, how, index, value: shared }: Mutation): void {
    // A copy: the pool's arrays must not be changed, or end up inside themselves.
    const value = structuredClone(shared);
    const list = answer[field];
    if (how === 'delete') delete answer[field];
    else if (how === 'whole' || !Array.isArray(list)) answer[field] = value;
    else if (how === 'append') list.push(value);
    else if (how === 'hole') list.length += 1;
    else if (how === 'tuple' && Array.isArray(list[index % Math.max(1, list.length)]))
      (list[index % list.length] as unknown[])[index % 4] = value;
    else list[index % Math.max(1, list.length)] = value;
  }

  /** Both checks on one answer: the same verdict, and where kept, the same answer. */
  function agree(answer: Record<string, unknown>, length: number, said: string): boolean {
    const expected = bySchema(answer, length);
    const checked = checkFound(answer, length);
    expect(checked === undefined, said).toBe(expected === undefined);
    if (!checked || !expected) return false;
    const { ids, kinds, names, relevance, spans, candidates, nlpSentences, nlpChars, incomplete } = checked;
    expect({ ids, kinds, names, relevance, spans, candidates, nlpSentences, nlpChars, incomplete }, said).toEqual({
      ...expected,
      whys: undefined,
    });
    expect(checked.whys, said).toEqual(expected.whys.map(([alias, rule, confidence]) => ({ alias, rule, confidence })));
    return true;
  }

  it('gives the same verdict, and the same answer, as the schema on every single damage and thousands of mixed ones', async () => {
    const good = encodeFound(await bundledDetector().find(text)) as unknown as Record<string, unknown>;
    const spans = good.spans as number[];
    expect(spans.length / 4).toBeGreaterThanOrEqual(5);
    const verdicts = { kept: 0, dropped: 0 };
    const count = (kept: boolean): void => void (verdicts[kept ? 'kept' : 'dropped'] += 1);
    // Every single damage: each field, its first items and a why's parts, each value of the pool.
    for (const field of FIELDS)
      for (const how of ['whole', 'item', 'tuple', 'delete', 'append', 'hole'])
        for (let index = 0; index < (how === 'item' || how === 'tuple' ? 4 : 1); index++)
          for (const value of POOL) {
            const answer = structuredClone(good);
            const m = { field, how, index: how === 'tuple' ? index * 5 : index, value };
            mutate(answer, m);
            count(agree(answer, text.length, JSON.stringify(m)));
          }
    // Each of the first mentions' numbers set to its neighbours' and to the lists' and text's bounds.
    const ids = (good.ids as unknown[]).length;
    const whys = (good.whys as unknown[]).length;
    for (let i = 0; i < 8; i++)
      for (const value of [spans[i - 1], spans[i + 1], ids - 1, ids, whys - 1, whys, text.length, text.length + 1, 0, -0]) {
        const answer = structuredClone(good);
        (answer.spans as unknown[])[i] = value;
        count(agree(answer, text.length, `spans[${i}] = ${value}`));
      }
    // Holes in the spans, a whole mention's worth (the length still a multiple of four).
    for (let at = 0; at < 8; at++) {
      const answer = structuredClone(good);
      const holed = answer.spans as unknown[];
      holed.length += 4;
      holed.copyWithin(at + 4, at);
      delete holed[at];
      count(agree(answer, text.length, `a hole at spans[${at}]`));
    }
    // Lists at the most items an answer may hold, and one over.
    for (const size of [FOUND_MAX_ITEMS, FOUND_MAX_ITEMS + 1]) {
      const answer = structuredClone(good);
      answer.whys = Array.from({ length: size }, () => ['Trump', 'name', 1]);
      count(agree(answer, text.length, `${size} whys`));
    }
    // Then several damages at once, on texts shorter than the answer's spans as well.
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 2, maxLength: 4 }), fc.nat(text.length + 2), (mutations, cut) => {
        const answer = structuredClone(good);
        for (const m of mutations) mutate(answer, m);
        count(agree(answer, cut % 2 ? text.length : cut, JSON.stringify(mutations)));
      }),
      { numRuns: 2000, seed: 20261207 },
    );
    // The one difference, by design: only an answer's own fields count (a message's always are; the
    // schema would also read inherited ones). What is checked is then what is kept.
    expect(bySchema(Object.create(good), text.length)).toBeDefined();
    expect(checkFound(Object.create(good), text.length)).toBeUndefined();
    // Both verdicts were reached often: the comparison was not made on one side only.
    expect(verdicts.kept).toBeGreaterThan(500);
    expect(verdicts.dropped).toBeGreaterThan(500);
  });
});

describe('requests to a page (from the background or the popup)', () => {
  it('accept the five known requests, extra fields dropped', () => {
    expect(parseToPage({ type: 'get-page-state' })).toEqual({ type: 'get-page-state' });
    expect(parseToPage({ type: 'next-mention', extra: 1 })).toEqual({ type: 'next-mention' });
    expect(parseToPage({ type: 'reveal', entity: ref('xi-jinping') })).toEqual({ type: 'reveal', entity: ref('xi-jinping') });
    // An id the page does not have is well formed: the page answers that it has nothing to show.
    expect(parseToPage({ type: 'reveal', entity: ref('no-such-entity') })).toEqual({ type: 'reveal', entity: ref('no-such-entity') });
    expect(parseToPage({ type: 'show-card', entity: null, query: 'banana' })).toEqual({ type: 'show-card', entity: null, query: 'banana' });
    expect(parseToPage({ type: 'show-here', entity: ref('xi-jinping') })).toEqual({ type: 'show-here' });
  });

  it('drop anything malformed', () => {
    for (const bad of [
      ...junk,
      'reveal',
      { type: 'reveal' },
      { type: 'reveal', entity: '<b>' },
      { type: 'reveal', entity: [ref('xi-jinping')] },
      { type: 'reveal', entity: 'xi-jinping' },
      { type: 'show-card', entity: 'x' },
      { type: 'show-card', entity: 1, query: '' },
      { type: 'eval' },
      { type: 'constructor' },
      { type: 'show-card', entity: null, query: 'x'.repeat(501) },
      withProto('{"__proto__": {"type": "next-mention"}}'),
    ]) {
      expect(parseToPage(bad), JSON.stringify(bad)?.slice(0, 80)).toBeUndefined();
    }
  });
});

describe("a page's replies", () => {
  const state = {
    host: 'example.org',
    url: 'https://example.org/a',
    active: true,
    entities: [{ id: ref('xi-jinping'), kind: 'person', name: 'Xi Jinping', count: 2 }],
    unshown: { packs: ['thai-cambodia-2025'], entities: 2, mentions: 5 },
  };

  it('take a page state as it is', () => {
    expect(parsePageReply('get-page-state', clone(state))).toEqual(state);
    expect(parsePageReply('reveal', false)).toBe(false);
    expect(parsePageReply('show-card', true)).toBe(true);
    expect(parsePageReply('show-here', true)).toBe(true);
  });

  it('drop a page state out of shape', () => {
    quietly(() => {
      for (const bad of [
        ...junk,
        { ...state, active: 'yes' },
        { ...state, host: 7 },
        { ...state, entities: 'all' },
        { ...state, entities: [{ id: '<b>', kind: 'person', count: 1 }] },
        { ...state, entities: [{ id: ref('xi-jinping'), kind: 'god', name: 'Xi', count: 1 }] },
        { ...state, entities: [{ id: ref('xi-jinping'), kind: 'person', name: 'Xi', count: 0 }] },
        { ...state, entities: [{ id: ref('xi-jinping'), kind: 'person', count: 1 }] },
        { ...state, entities: Array.from({ length: 5001 }, () => state.entities[0]) },
        { ...state, url: 'x'.repeat(9000) },
        { ...state, unshown: undefined },
        { ...state, unshown: { packs: [], entities: -1, mentions: 0 } },
        { ...state, unshown: { packs: 'summit-2025', entities: 1, mentions: 1 } },
      ]) {
        expect(parsePageReply('get-page-state', bad), JSON.stringify(bad)?.slice(0, 80)).toBeUndefined();
      }
      expect(parsePageReply('next-mention', 'sure')).toBeUndefined();
    });
  });
});

describe("the background's router", () => {
  const sender = (id = 'ours', tab?: number) => ({ id, ...(tab === undefined ? {} : { tab: { id: tab } }) }) as never;
  const deps = () => ({
    extensionId: 'ours',
    cardData: vi.fn((entity: string) => buildCardData(source, entity.slice(entity.indexOf('/') + 1))),
    find: vi.fn((text: string, named: ReadonlySet<string>, options: FindOptions) => bundledDetector().find(text, named, options)),
    pageMentions: vi.fn(async () => {}),
    listPacks: vi.fn(async () => []),
    search: vi.fn(async () => []),
  });

  it('answers each request from its own handler', async () => {
    const d = deps();
    const route = createRouter(d);
    expect(await route({ type: 'get-entity', ref: ref('xi-jinping') }, sender())).toEqual(card);
    expect(await route({ type: 'get-entity', ref: ref('no-such-entity') }, sender())).toBeNull();
    const found = await route({ type: 'find', text: 'Mr Xi met Trump.', named: [] }, sender());
    expect(checkFound(found, 16)?.ids).toContain(ref('xi-jinping'));
    expect(await route({ type: 'page-mentions', entities: 2 }, sender('ours', 7))).toBe(true);
    expect(d.pageMentions).toHaveBeenCalledWith(7, 2);
  });

  it("dates a page's text by the address the browser says it came from, never by the message", async () => {
    const d = deps();
    const route = createRouter(d);
    const text = 'Officials discussed arranging a meeting between Trump and Xi, though no date was set.';
    const from = (url?: string, tabUrl?: string) => ({ id: 'ours', url, tab: { id: 3, url: tabUrl } }) as never;
    const event = ref('busan-meeting-2025');
    const ids = async (s: never, extra = {}) => checkFound(await route({ type: 'find', text, named: [], ...extra }, s), text.length)?.ids;
    expect(await ids(from('https://example.org/2017/02/10/talks.html'))).not.toContain(event);
    expect(d.find).toHaveBeenLastCalledWith(text, new Set(), { pageDate: { year: 2017, month: 2 }, early: false });
    // A frame's own address first; its tab's where the browser gives no frame address.
    expect(await ids(from(undefined, 'https://example.org/20170210/talks'))).not.toContain(event);
    expect(await ids(from('https://example.org/news/talks', 'https://example.org/2017/02/talks'))).toContain(event);
    expect(await ids(from('https://example.org/story?date=2017-02-10'))).toContain(event);
    // A date the message itself carries is no part of its schema: left out, never read.
    expect(await ids(from('https://example.org/news/talks'), { pageDate: { year: 2017, month: 2 } })).toContain(event);
    expect(d.find).toHaveBeenLastCalledWith(text, new Set(), { pageDate: undefined, early: false });
    // A page that takes an early answer says so (see FindOptions.early).
    await ids(from('https://example.org/news/talks'), { early: true });
    expect(d.find).toHaveBeenLastCalledWith(text, new Set(), { pageDate: undefined, early: true });
  });

  it('drops and logs what another sender sends, or anything malformed, without answering', () => {
    const d = deps();
    const route = createRouter(d);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(route({ type: 'get-entity', ref: ref('xi-jinping') }, sender('someone-else'))).toBeUndefined();
    for (const bad of junk) expect(route(bad, sender())).toBeUndefined();
    expect(route({ type: 'find', text: 'Xi', named: ['<b>'] }, sender())).toBeUndefined();
    // No tab to put a badge on: nothing to answer.
    expect(route({ type: 'page-mentions', entities: 2 }, sender())).toBeUndefined();
    expect(warn).toHaveBeenCalledWith('[Summit Lens] dropped a message from another sender', 'someone-else');
    expect(warn.mock.calls.filter(([text]) => text === '[Summit Lens] dropped a malformed message')).toHaveLength(junk.length + 1);
    expect(d.cardData).not.toHaveBeenCalled();
    expect(d.find).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});
