import { describe, expect, it } from 'vitest';
import { bundledDetector } from '../../src/core/detector.ts';
import { lookUp } from '../../src/core/lookup.ts';
import { ref } from './helpers.ts';

describe('looking up a selection (the context menu)', () => {
  it('finds the entity a selection names, bare forms and descriptions included', async () => {
    const detector = bundledDetector();
    expect(await lookUp(detector, 'Xi Jinping')).toBe(ref('xi-jinping'));
    expect(await lookUp(detector, '  President Trump ')).toBe(ref('donald-trump'));
    // Alone, these would not be highlighted on a page; selected, they are what the reader asks about.
    expect(await lookUp(detector, 'the Chinese leader')).toBe(ref('xi-jinping'));
    expect(await lookUp(detector, 'Takaichi')).toBe(ref('sanae-takaichi'));
  });

  it('answers null when nothing matches, or when a bare form belongs to more than one entity', async () => {
    const detector = bundledDetector();
    expect(await lookUp(detector, 'banana bread')).toBeNull();
    expect(await lookUp(detector, '')).toBeNull();
    expect(await lookUp(detector, 'Wang')).toBeNull();
  });
});
