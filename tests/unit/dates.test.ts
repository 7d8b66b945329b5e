import { describe, expect, it } from 'vitest';
import { formatDate, relativeToNow } from '../../src/core/dates.ts';

describe('dates', () => {
  it('format no more precisely than the source', () => {
    expect(formatDate('2025-10-30')).toBe('30 Oct 2025');
    expect(formatDate('2025-04')).toBe('Apr 2025');
    expect(formatDate('2019')).toBe('2019');
  });

  it('say how long ago from the moment given', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    expect(relativeToNow('2025-10-30', now)).toBe('1 year ago');
    expect(relativeToNow('2026-11-20', now)).toBe('5 days ago');
    expect(relativeToNow('2026-08-25', now)).toBe('3 months ago');
    expect(relativeToNow('2026-11-25', now)).toBe('today');
    expect(relativeToNow('2027-01-25', now)).toBe('in 2 months');
  });
});
