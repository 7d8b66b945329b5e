import { describe, expect, it } from 'vitest';
import { formatDate, formatDateRange, formatMonth, relativeToNow } from '../../src/core/dates.ts';

describe('dates', () => {
  it('format no more precisely than the source, in the locale asked for', () => {
    expect(formatDate('2025-10-30', 'en-US')).toBe('Oct 30, 2025');
    expect(formatDate('2025-10-30', 'en-GB')).toBe('30 Oct 2025');
    expect(formatDate('2025-04', 'en')).toBe('Apr 2025');
    expect(formatDate('2019', 'en')).toBe('2019');
    expect(formatDate('2025-10-30', 'ko')).toBe('2025년 10월 30일');
    expect(formatDate('2025-04', 'ko')).toBe('2025년 4월');
    expect(formatDate('2025-10-30', 'zh-CN')).toBe('2025年10月30日');
    expect(formatDate('2025-10-30', 'ja')).toBe('2025年10月30日');
    expect(formatDate('2019', 'ja')).toBe('2019年');
  });

  it('write a span and a month the way the locale does', () => {
    expect(formatDateRange('2025-10-30', '2025-10-31', 'en-US')).toBe('Oct 30\u2009–\u200931, 2025'); // thin spaces, as Intl writes a span
    expect(formatDateRange('2025-10-30', '2025-11-01', 'ko')).toBe('2025년 10월 30일~11월 1일');
    // Two precisions have no single pattern: each end as precisely as it is known.
    expect(formatDateRange('2025-10', '2025-11-01', 'en-US')).toBe('Oct 2025 – Nov 1, 2025');
    expect(formatMonth('2025-10', 'en')).toBe('Oct');
    expect(formatMonth('2025-10', 'ko')).toBe('10월');
    expect(formatMonth('2025-10', 'zh-CN')).toBe('10月');
  });

  it('say how long ago from the moment given', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    expect(relativeToNow('2025-10-30', now, 'en')).toBe('1 year ago');
    expect(relativeToNow('2026-11-20', now, 'en')).toBe('5 days ago');
    expect(relativeToNow('2026-08-25', now, 'en')).toBe('3 months ago');
    expect(relativeToNow('2026-11-25', now, 'en')).toBe('today');
    expect(relativeToNow('2026-11-24', now, 'en')).toBe('yesterday');
    expect(relativeToNow('2027-01-25', now, 'en')).toBe('in 2 months');
    expect(relativeToNow('2025-10-30', now, 'ko')).toBe('1년 전');
    expect(relativeToNow('2026-11-25', now, 'ko')).toBe('오늘');
    expect(relativeToNow('2026-11-20', now, 'zh-CN')).toBe('5天前');
    expect(relativeToNow('2027-01-25', now, 'ja')).toBe('2 か月後');
  });
});
