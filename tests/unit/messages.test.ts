import { describe, expect, it } from 'vitest';
import { FIND_MAX_CHARS, parseToBackground } from '../../src/common/messages';

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
