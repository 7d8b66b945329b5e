import { describe, expect, it } from 'vitest';
import { local } from './helpers.ts';
import { bundledDetector, bundledLoaded, type FindOptions } from '../../src/core/detector.ts';
import { PREVIEW_MONTHS } from '../../src/core/discourse.ts';
import { latestMonth, monthIndex, pageDateOf } from '../../src/core/page-date.ts';

describe('pageDateOf: the date a page address gives', () => {
  // A year segment with the month of the segment after it; a yyyymmdd, yyyymm, yyyy-mm-dd or yyyy-mm segment opening with the year.
  it.each([
    ['https://example.org/2017/02/10/visit-talks.html', { year: 2017, month: 2 }],
    ['https://example.org/world/2017/2/visit', { year: 2017, month: 2 }],
    ['https://example.org/news/2025/1101/c90000-1.html', { year: 2025, month: 11 }],
    ['https://example.org/news/2025/oct/15/story', { year: 2025, month: 10 }],
    ['https://example.org/editorials/2025/October/30/piece', { year: 2025, month: 10 }],
    ['https://example.org/2019/trade-war-explainer', { year: 2019 }],
    ['https://news.example.com/20171108/asia-trip', { year: 2017, month: 11 }],
    ['https://news.example.com/a/20171102-story.html', { year: 2017, month: 11 }],
    ['https://example.net/a/202510/31/item.html', { year: 2025, month: 10 }],
    ['https://example.net/2018-11-28/dinner-preview', { year: 2018, month: 11 }],
    ['https://example.net/doc/2005-11/18/content.htm', { year: 2005, month: 11 }],
    ['http://example.net/2018-11-28-dinner', { year: 2018, month: 11 }],
  ])('reads %s', (url, date) => {
    expect(pageDateOf(url)).toEqual(date);
  });

  it('gives nothing where the address has no date', () => {
    for (const url of [
      'https://example.org/',
      'https://example.org/news/trump-to-meet-xi',
      'https://example.org/article/1951937/talks',
      'https://example.org/view/20251029153756732', // a timestamp id: digits run on past the day
      'https://example.org/story-2025-10-30', // a date at the end of a slug is not at a segment's start
      'https://example.org/10-27-2025-13/story', // month first: not one of the forms read
      'https://example.org/1989/06/archive', // before 1990
      'https://example.org/2100/01/future',
      'https://example.org/marches/2017x/',
    ])
      expect(pageDateOf(url), url).toBeUndefined();
  });

  it('never reads the query string, the fragment or the host', () => {
    expect(pageDateOf('https://example.org/story?date=2017-02-10')).toBeUndefined();
    expect(pageDateOf('https://example.org/story?/2017/02/')).toBeUndefined();
    expect(pageDateOf('https://example.org/story#/2017/02/10')).toBeUndefined();
    expect(pageDateOf('https://2017.example.org/story')).toBeUndefined();
    expect(pageDateOf('https://example.org:2017/story')).toBeUndefined();
  });

  it('refuses impossible months and days, and keeps the year when only the month after it is impossible', () => {
    expect(pageDateOf('https://example.org/20171302/story')).toBeUndefined();
    expect(pageDateOf('https://example.org/2017-00-10/story')).toBeUndefined();
    expect(pageDateOf('https://example.org/2017-02-32/story')).toBeUndefined();
    expect(pageDateOf('https://example.org/201713/story')).toBeUndefined();
    expect(pageDateOf('https://example.org/2017/13/story')).toEqual({ year: 2017 });
    expect(pageDateOf('https://example.org/2017/0/story')).toEqual({ year: 2017 });
  });

  it('gives nothing for an address that disagrees with itself, and agrees with itself said twice', () => {
    expect(pageDateOf('https://example.org/2017/02/2025/10/story')).toBeUndefined();
    expect(pageDateOf('https://example.org/2017/02/2017-03-01/story')).toBeUndefined();
    expect(pageDateOf('https://example.org/2017/20170214/story')).toEqual({ year: 2017, month: 2 });
  });

  it('survives what is no web address, and huge paths', () => {
    for (const url of [undefined, '', 'not a url', 'file:///home/me/2017/02/page.html', 'about:blank', 'javascript:void(0)'])
      expect(pageDateOf(url), String(url)).toBeUndefined();
    expect(pageDateOf(`https://example.org/${'a/'.repeat(50_000)}2017/02/x`)).toBeUndefined();
    expect(pageDateOf(`https://example.org/2017/02/${'9'.repeat(100_000)}`)).toBeUndefined();
    // Many segments: only the first ones are read, and quickly.
    const started = Date.now();
    expect(pageDateOf(`https://example.org/${'2017/'.repeat(400)}`)).toEqual({ year: 2017 });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('counts months so that a date without its month is its year’s last', () => {
    expect(latestMonth({ year: 2017, month: 2 })).toBe(2017 * 12 + 1);
    expect(latestMonth({ year: 2019 })).toBe(2019 * 12 + 11);
    expect(monthIndex('2025-10-30')).toBe(2025 * 12 + 9);
    expect(monthIndex('2025-10')).toBe(2025 * 12 + 9);
    expect(monthIndex('2025')).toBe(2025 * 12);
  });
});

const events = (text: string, url?: string): string[] => {
  const options: FindOptions = { pageDate: pageDateOf(url) };
  return bundledDetector()
    .annotate(text, options)
    .filter((m) => bundledLoaded().entities.get(local(m.entity))?.kind === 'event')
    .map((m) => `${m.text}=${local(m.entity)}`);
};

describe('a page’s date as the time anchor of last resort', () => {
  const undated = 'Officials discussed arranging a meeting between Trump and Xi, though no date was set.';

  it('drops an event that began well after the page was published', () => {
    expect(events(undated)).toEqual(['meeting between Trump and Xi=busan-meeting-2025']);
    expect(events(undated, 'https://example.org/2017/02/10/visit-talks.html')).toEqual([]);
    expect(events('Both sides say a Xi-Trump summit is the only way out.', 'https://example.org/2019/explainer')).toEqual([]);
    expect(events('Markets hope a trade truce will follow, after the 100% tariff threat.', 'https://example.org/2018-11-28/x')).toEqual([]);
  });

  it(`keeps a preview up to ${PREVIEW_MONTHS} months ahead, and whatever a page says after the event`, () => {
    const preview = 'Aides are preparing a meeting between Trump and Xi in Busan.';
    // The Busan meeting began on 30 October 2025.
    expect(events(preview, 'https://example.org/2025/04/30/preview')).toEqual(['meeting between Trump and Xi=busan-meeting-2025']);
    expect(events(preview, 'https://example.org/2025/03/30/preview')).toEqual([]);
    expect(events(preview, 'https://example.org/2025/summit-preview')).toEqual(['meeting between Trump and Xi=busan-meeting-2025']);
    expect(events(undated, 'https://example.org/2026/01/05/look-back')).toEqual(['meeting between Trump and Xi=busan-meeting-2025']);
  });

  it('never overrides a year the text writes', () => {
    const noted = 'Editor’s note, added in 2025: the meeting between Trump and Xi in Busan was short.';
    expect(events(noted, 'https://example.org/2017/02/archive')).toEqual(['meeting between Trump and Xi=busan-meeting-2025']);
  });

  it('reads nothing from a date outside the path', () => {
    expect(events(undated, 'https://example.org/story?date=2017-02-10')).toEqual(['meeting between Trump and Xi=busan-meeting-2025']);
  });
});
