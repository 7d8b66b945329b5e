import type { PartialDate } from './types.ts';

/**
 * Dates in words, in a given locale (a BCP 47 tag: the interface's, from the i18n helper; the
 * command line and node pass "en"), through Intl, so every language gets its own order, month names
 * and relative phrases. A date is shown no more precisely than its source gives it.
 */

type Precision = 'year' | 'month' | 'day';

const OPTIONS: Record<Precision, Intl.DateTimeFormatOptions> = {
  year: { year: 'numeric', timeZone: 'UTC' },
  month: { year: 'numeric', month: 'short', timeZone: 'UTC' },
  day: { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' },
};

// Building an Intl formatter costs far more than using one; a card formats a dozen dates.
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, precision: Precision | 'month-name'): Intl.DateTimeFormat {
  const key = `${locale}|${precision}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, precision === 'month-name' ? { month: 'short', timeZone: 'UTC' } : OPTIONS[precision]);
    formatters.set(key, format);
  }
  return format;
}

function parse(date: PartialDate): { time: number; precision: Precision } {
  const [y, m, d] = date.split('-').map(Number);
  const precision: Precision = d !== undefined ? 'day' : m !== undefined ? 'month' : 'year';
  return { time: Date.UTC(y!, (m ?? 1) - 1, d ?? 1), precision };
}

/** "Oct 30, 2025", "2025년 10월 30일"; "Oct 2025"; "2025": no more precise than the source. */
export function formatDate(date: PartialDate, locale: string): string {
  const { time, precision } = parse(date);
  return dateFormat(locale, precision).format(time);
}

/** A span of dates the way the locale writes one ("Oct 30 – 31, 2025", "2025년 10월 30일~31일"). */
export function formatDateRange(start: PartialDate, end: PartialDate, locale: string): string {
  const from = parse(start);
  const to = parse(end);
  // Two precisions have no one Intl pattern; each end is then shown as precisely as it is known.
  if (from.precision !== to.precision) return `${formatDate(start, locale)} – ${formatDate(end, locale)}`;
  return dateFormat(locale, from.precision).formatRange(from.time, to.time);
}

/** A month's short name alone ("Oct", "10월"), for the timeline's axis. */
export function formatMonth(date: PartialDate, locale: string): string {
  return dateFormat(locale, 'month-name').format(parse(date).time);
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
function relativeFormat(locale: string, numeric: 'auto' | 'always'): Intl.RelativeTimeFormat {
  const key = `${locale}|${numeric}`;
  let format = relativeFormats.get(key);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric });
    relativeFormats.set(key, format);
  }
  return format;
}

/**
 * How long ago a date was, in words, from `now` (passed in so the card computes it when it opens,
 * never at build time). Partial dates count from their first day.
 */
export function relativeToNow(date: PartialDate, now: Date, locale: string): string {
  const then = parse(date).time;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days = Math.round((then - today) / 86_400_000);
  const abs = Math.abs(days);
  const sign = Math.sign(days) || 1;
  // Days may read "today" or "yesterday"; months and years stay counted ("1 year ago", not "last
  // year", which would name the calendar year rather than the time since).
  if (abs < 31) return relativeFormat(locale, 'auto').format(days, 'day');
  if (abs < 365) return relativeFormat(locale, 'always').format(sign * Math.floor(abs / 30.44), 'month');
  return relativeFormat(locale, 'always').format(sign * Math.floor(abs / 365.25), 'year');
}
