import type { PartialDate } from './types.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(date: PartialDate): [number, number?, number?] {
  const [y, m, d] = date.split('-').map(Number);
  return [y!, m, d];
}

/** "30 Oct 2025", "Oct 2025" or "2025": no more precise than the source. */
export function formatDate(date: PartialDate): string {
  const [y, m, d] = parts(date);
  if (m === undefined) return String(y);
  const month = MONTHS[m - 1] ?? '?';
  return d === undefined ? `${month} ${y}` : `${d} ${month} ${y}`;
}

/**
 * How long ago a date was, in words, from `now` (passed in so the card computes it when it opens,
 * never at build time). Partial dates count from their first day.
 */
export function relativeToNow(date: PartialDate, now: Date): string {
  const [y, m = 1, d = 1] = parts(date);
  const then = Date.UTC(y, m - 1, d);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days = Math.round((today - then) / 86_400_000);
  const future = days < 0;
  const abs = Math.abs(days);
  let amount: number;
  let unit: string;
  if (abs === 0) return 'today';
  if (abs < 31) [amount, unit] = [abs, 'day'];
  else if (abs < 365) [amount, unit] = [Math.floor(abs / 30.44), 'month'];
  else [amount, unit] = [Math.floor(abs / 365.25), 'year'];
  const phrase = `${amount} ${unit}${amount === 1 ? '' : 's'}`;
  return future ? `in ${phrase}` : `${phrase} ago`;
}
