import type { Entity, PartialDate } from './types.ts';

export interface TimelineItem {
  id: string;
  name: string;
  start: PartialDate;
  end?: PartialDate;
}

/** A pack's events in order: what an event's card places it among. */
export function storyTimeline(entities: Iterable<Entity>): TimelineItem[] {
  return [...entities]
    .filter((e) => e.event)
    .map((e) => ({ id: e.id, name: e.name, start: e.event!.start, ...(e.event!.end ? { end: e.event!.end } : {}) }))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id.localeCompare(b.id)));
}

/** Days since 1970 for a partial date (first day of its month or year). */
export function dayNumber(date: PartialDate): number {
  const [y, m = 1, d = 1] = date.split('-').map(Number);
  return Date.UTC(y!, m - 1, d) / 86_400_000;
}
