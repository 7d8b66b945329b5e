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
