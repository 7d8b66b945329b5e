/**
 * When a page was published, as far as its address says: news sites put the date in the path
 * (/2017/02/…, /20171102/…, /2017-11-02/…). Only what cannot be misread counts: a year of
 * 1990–2099 standing as a whole path segment (its month taken from the next segment when that is
 * one), or opening a yyyymmdd, yyyymm, yyyy-mm-dd or yyyy-mm segment. The host and the query
 * string are never read (an id or a tracking parameter is no date), and an address whose path
 * gives two different years gives none.
 */
export interface PageDate {
  year: number;
  /** 1–12, when the address says it. */
  month?: number;
}

/** Longer paths are not read at all: no news site needs more to put a date in its addresses. */
const MAX_PATH = 2048;
const MAX_SEGMENTS = 16;

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const YEAR_SEGMENT = /^(\d{4})$/;
/** yyyymmdd or yyyymm standing alone, or opening a segment before a non-digit ("20171102-story"). */
const COMPACT = /^(\d{4})(\d{2})(\d{2})?(?!\d)/;
/** yyyy-mm-dd or yyyy-mm, opening a segment. */
const DASHED = /^(\d{4})-(\d{2})(?:-(\d{2})(?!\d)|(?![\d-]))/;
const MONTH_SEGMENT = /^(\d{1,2})$/;
/** A month and day written together ("/2025/1101/"). */
const MONTH_DAY_SEGMENT = /^(\d{2})(\d{2})$/;

const validYear = (year: number): boolean => year >= 1990 && year <= 2099;
const validMonth = (month: number): boolean => month >= 1 && month <= 12;
const validDay = (day: number): boolean => day >= 1 && day <= 31;

/** The month a segment after a year segment names, if it names one. */
function monthSegment(segment: string | undefined): number | undefined {
  if (segment === undefined) return undefined;
  let m = MONTH_SEGMENT.exec(segment);
  if (m) return validMonth(Number(m[1])) ? Number(m[1]) : undefined;
  m = MONTH_DAY_SEGMENT.exec(segment);
  if (m) return validMonth(Number(m[1])) && validDay(Number(m[2])) ? Number(m[1]) : undefined;
  // "oct" or "october", never another word that starts like a month ("marches").
  const name = segment.toLowerCase();
  const index = MONTH_NAMES.findIndex((full) => name === full || name === full.slice(0, 3));
  return index >= 0 ? index + 1 : undefined;
}

/** The date one path segment says (with the segment after it, for a year standing alone). */
function segmentDate(segment: string, next: string | undefined): PageDate | undefined {
  let m = YEAR_SEGMENT.exec(segment);
  if (m) {
    const year = Number(m[1]);
    if (!validYear(year)) return undefined;
    const month = monthSegment(next);
    return month ? { year, month } : { year };
  }
  m = COMPACT.exec(segment) ?? DASHED.exec(segment);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (!validYear(year) || !validMonth(month) || (m[3] !== undefined && !validDay(Number(m[3])))) return undefined;
  return { year, month };
}

/** The date a page's address gives it, or undefined where the address gives none (or not plainly). */
export function pageDateOf(url: string | undefined): PageDate | undefined {
  if (!url) return undefined;
  let path: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    path = parsed.pathname;
  } catch {
    return undefined;
  }
  if (path.length > MAX_PATH) return undefined;
  const segments = path.split('/').filter(Boolean).slice(0, MAX_SEGMENTS);
  let found: PageDate | undefined;
  for (let i = 0; i < segments.length; i++) {
    const date = segmentDate(segments[i]!, segments[i + 1]);
    if (!date) continue;
    if (found && found.year !== date.year) return undefined;
    if (!found || (found.month === undefined && date.month !== undefined)) found = date;
    else if (date.month !== undefined && found.month !== date.month) return undefined;
  }
  return found;
}

/** The last month (as year × 12 + month − 1) a page of this date may have been published in. */
export const latestMonth = ({ year, month }: PageDate): number => year * 12 + (month ?? 12) - 1;

/** A date of the packs' form (YYYY, YYYY-MM or YYYY-MM-DD) as year × 12 + month − 1, its month January where it gives none. */
export const monthIndex = (date: string): number => Number(date.slice(0, 4)) * 12 + (date.length >= 7 ? Number(date.slice(5, 7)) - 1 : 0);
