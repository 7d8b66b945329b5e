import { describe, expect, it } from 'vitest';
import { FIND_MAX_CHARS } from '../../src/common/found.ts';
import { parseToBackground } from '../../src/common/messages.ts';

describe('messages to the background', () => {
  it('accept the two known requests', () => {
    expect(parseToBackground({ type: 'get-entity', id: 'xi-jinping' })).toEqual({ type: 'get-entity', id: 'xi-jinping' });
    const find = { type: 'find', text: 'Trump spoke in Busan.', named: ['xi-jinping'] };
    expect(parseToBackground(find)).toEqual(find);
  });

  it('drop anything malformed', () => {
    for (const bad of [
      null,
      'get-entity',
      { type: 'get-entity' },
      { type: 'eval', code: '1' },
      { type: 'find', text: 1, named: [] },
      { type: 'find', text: 'Trump', named: ['Not An Id'] },
      { type: 'find', text: 'x'.repeat(FIND_MAX_CHARS + 1), named: [] },
    ]) {
      expect(parseToBackground(bad)).toBeUndefined();
    }
  });
});

describe('messages to a page', () => {
  it('accept the four known requests', async () => {
    const { parseToContent } = await import('../../src/common/to-content.ts');
    expect(parseToContent({ type: 'get-page-state' })).toEqual({ type: 'get-page-state' });
    expect(parseToContent({ type: 'next-mention', extra: 1 })).toEqual({ type: 'next-mention' });
    expect(parseToContent({ type: 'reveal', entity: 'xi-jinping' })).toEqual({ type: 'reveal', entity: 'xi-jinping' });
    expect(parseToContent({ type: 'show-card', entity: null, query: 'banana' })).toEqual({
      type: 'show-card',
      entity: null,
      query: 'banana',
    });
  });

  it('drop anything malformed', async () => {
    const { parseToContent } = await import('../../src/common/to-content.ts');
    for (const bad of [
      null,
      'reveal',
      { type: 'reveal' },
      { type: 'reveal', entity: '<b>' },
      { type: 'show-card', entity: 'x' },
      { type: 'show-card', entity: 1, query: '' },
      { type: 'eval' },
      { type: 'show-card', entity: null, query: 'x'.repeat(501) },
    ]) {
      expect(parseToContent(bad)).toBeUndefined();
    }
  });
});

describe("the background's answer to 'find'", () => {
  const text = 'President Trump met Xi Jinping in Busan. Mr Xi left for Beijing.';

  it('carries every mention, in order, in compact form', async () => {
    const { encodeFound, checkFound } = await import('../../src/common/found.ts');
    const { bundledDetector } = await import('../../src/core/detector.ts');
    const found = await bundledDetector().find(text);
    const checked = checkFound(JSON.parse(JSON.stringify(encodeFound(found))), text.length)!;
    const back = [];
    for (let i = 0; i < checked.spans.length; i += 4) {
      const [id, why, start, end] = checked.spans.slice(i, i + 4) as [number, number, number, number];
      back.push({ entity: checked.ids[id], start, end, text: text.slice(start, end), why: checked.whys[why] });
    }
    expect(back).toEqual(found.mentions);
    expect(found.mentions.map((m) => m.text)).toEqual(['President Trump', 'Xi Jinping', 'Busan', 'Mr Xi', 'Beijing']);
    // Five mentions of four entities: each entity id travels once.
    expect(checked.ids).toHaveLength(4);
  });

  it('is dropped whole when anything in it is out of shape', async () => {
    const { encodeFound, checkFound } = await import('../../src/common/found.ts');
    const { bundledDetector } = await import('../../src/core/detector.ts');
    const good = encodeFound(await bundledDetector().find(text));
    expect(checkFound(good, text.length)).toBeDefined();
    for (const bad of [
      null,
      'answers',
      { ...good, spans: good.spans.slice(1) },
      { ...good, spans: [0, 0, 5, 3] },
      { ...good, spans: [0, 0, 0, text.length + 1] },
      { ...good, spans: [0, 0, -1, 3] },
      { ...good, spans: [0, 0, 0.5, 3] },
      { ...good, spans: [9, 0, 0, 3] },
      { ...good, spans: [0, 9, 0, 3] },
      { ...good, ids: ['<img src=x>'] },
      { ...good, whys: [['Trump', 'guess', 0.9]] },
      { ...good, candidates: -1 },
    ]) {
      expect(checkFound(bad, text.length), JSON.stringify(bad)?.slice(0, 80)).toBeUndefined();
    }
  });
});
