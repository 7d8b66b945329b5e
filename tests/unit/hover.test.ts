import { describe, expect, it } from 'vitest';
import { restLeft } from '../../src/content/hover.ts';

const movedAgo = (ms: number) => ({ timeStamp: performance.now() - ms }) as PointerEvent;

describe('the hover-intent deadline', () => {
  it('counts the rest from when the pointer arrived, not from the frame that handled it', () => {
    const left = restLeft(movedAgo(120), 300);
    expect(left).toBeGreaterThan(150);
    expect(left).toBeLessThanOrEqual(180);
  });

  it('opens at once when the pointer has already rested long enough (a busy page handled it late)', () => {
    expect(restLeft(movedAgo(450), 300)).toBe(0);
  });

  it('waits the whole time when the event’s time cannot be right', () => {
    expect(restLeft(movedAgo(-5000), 300)).toBe(300);
    expect(restLeft({ timeStamp: Number.NaN } as PointerEvent, 300)).toBe(300);
  });
});
