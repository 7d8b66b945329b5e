/**
 * The first index in [from, length) for which `before(i)` is false, where `before` is true for a
 * run of indices and then false for the rest (a sorted list split by a question): found by
 * halving, so a list of tens of thousands is asked about fifteen times. `length` when it is never false.
 */
export function partitionPoint(length: number, before: (index: number) => boolean, from = 0): number {
  let lo = from;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
