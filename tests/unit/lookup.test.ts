import { describe, expect, it } from 'vitest';
import { bundledDetector } from '../../src/core/detector.ts';
import { lookUp } from '../../src/core/lookup.ts';

describe('looking up a selection (the context menu)', () => {
  it('finds the entity a selection names, bare forms and descriptions included', () => {
    const detector = bundledDetector();
    expect(lookUp(detector, 'Xi Jinping')).toBe('xi-jinping');
    expect(lookUp(detector, '  President Trump ')).toBe('donald-trump');
    // Alone, these would not be highlighted on a page; selected, they are what the reader asks about.
    expect(lookUp(detector, 'the Chinese leader')).toBe('xi-jinping');
    expect(lookUp(detector, 'Takaichi')).toBe('sanae-takaichi');
  });

  it('answers null when nothing matches, or when a bare form belongs to more than one entity', () => {
    const detector = bundledDetector();
    expect(lookUp(detector, 'banana bread')).toBeNull();
    expect(lookUp(detector, '')).toBeNull();
    expect(lookUp(detector, 'Wang')).toBeNull();
  });
});
