import { describe, expect, it } from 'vitest';
import { parseToBackground } from '../../src/common/messages';

describe('messages to the background', () => {
  it('accept the two known requests', () => {
    expect(parseToBackground({ type: 'get-entity', id: 'xi-jinping' })).toEqual({ type: 'get-entity', id: 'xi-jinping' });
    const judge = {
      type: 'judge',
      questions: [{ offset: 0, sentence: 'Trump spoke.', spans: [{ candidate: 0, start: 0, end: 5 }], patterns: [] }],
    };
    expect(parseToBackground(judge)).toEqual(judge);
  });

  it('drop anything malformed', () => {
    for (const bad of [
      null,
      'get-entity',
      { type: 'get-entity' },
      { type: 'eval', code: '1' },
      { type: 'judge', questions: [{ sentence: 1 }] },
    ]) {
      expect(parseToBackground(bad)).toBeUndefined();
    }
  });
});

describe('messages to a page', () => {
  it('accept the four known requests', async () => {
    const { parseToContent } = await import('../../src/common/to-content');
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
    const { parseToContent } = await import('../../src/common/to-content');
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
