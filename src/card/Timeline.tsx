import { dayNumber, type TimelineItem } from '../core/timeline.ts';
import { formatDate, formatDateRange, formatMonth } from '../core/dates.ts';
import { interfaceLocale, t } from '../common/i18n.ts';

export interface TimelineProps {
  items: readonly TimelineItem[];
  current: string;
}

const WIDTH = 340;
const HEIGHT = 74;
const PAD = 14;
const AXIS_Y = 52;
/** The window the story's 2025 events fall in; ranges that run past it are clipped at its edge. */
const STORY_FROM = '2025-04-15';
const STORY_TO = '2025-11-30';
const STORY_TICKS = ['2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11'];

interface Axis {
  from: string;
  to: string;
  ticks: { at: string; label: string }[];
}

/** Months of 2025 for the story; whole years when the card's event is older (Osaka, 2019). */
function axisFor(here: TimelineItem, locale: string): Axis {
  if (here.start >= STORY_FROM)
    return { from: STORY_FROM, to: STORY_TO, ticks: STORY_TICKS.map((at) => ({ at, label: formatMonth(at, locale) })) };
  const firstYear = Number(here.start.slice(0, 4));
  const ticks = [];
  for (let year = firstYear + 1; year <= 2025; year++) ticks.push({ at: `${year}`, label: `${year}` });
  return { from: `${firstYear}-01-01`, to: STORY_TO, ticks };
}

function scale(axis: Axis): (date: string) => number {
  const from = dayNumber(axis.from);
  const span = dayNumber(axis.to) - from;
  return (date) => PAD + Math.min(1, Math.max(0, (dayNumber(date) - from) / span)) * (WIDTH - 2 * PAD);
}

function when(item: TimelineItem, locale: string): string {
  return item.end ? formatDateRange(item.start, item.end, locale) : formatDate(item.start, locale);
}

/** The event among the story's other events, drawn from the data each time the card opens. */
export function Timeline({ items, current }: TimelineProps) {
  const here = items.find((i) => i.id === current);
  if (!here) return null;
  const locale = interfaceLocale();
  const axis = axisFor(here, locale);
  const named = (item: TimelineItem): string => t('timelineItem', { name: item.name, when: when(item, locale) });
  const x = scale(axis);
  const others = items.filter((i) => i.id !== current && (i.end ?? i.start) >= axis.from);
  const label = t('timelineLabel', {
    events: new Intl.ListFormat(locale, { type: 'conjunction', style: 'narrow' }).format(items.map(named)),
    current: here.name,
  });
  const hereX = x(here.start);
  const anchor = hereX < WIDTH * 0.3 ? 'start' : hereX > WIDTH * 0.7 ? 'end' : 'middle';
  return (
    <figure class="timeline">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={label}>
        <line class="axis" x1={PAD} x2={WIDTH - PAD} y1={AXIS_Y} y2={AXIS_Y} />
        {axis.ticks.map(({ at, label }) => (
          <g key={at}>
            <line class="tick" x1={x(at)} x2={x(at)} y1={AXIS_Y - 3} y2={AXIS_Y + 3} />
            <text class="month" x={x(at)} y={HEIGHT - 4} text-anchor="middle">
              {label}
            </text>
          </g>
        ))}
        {others.map((item) => (
          <g key={item.id} class="other">
            <title>{named(item)}</title>
            {item.end && <line class="span" x1={x(item.start)} x2={x(item.end)} y1={AXIS_Y} y2={AXIS_Y} />}
            <circle cx={x(item.start)} cy={AXIS_Y} r={3.5} />
          </g>
        ))}
        <g class="here">
          <title>{named(here)}</title>
          {here.end && <line class="span" x1={x(here.start)} x2={x(here.end)} y1={AXIS_Y} y2={AXIS_Y} />}
          <line class="pin" x1={hereX} x2={hereX} y1={24} y2={AXIS_Y} />
          <circle cx={hereX} cy={AXIS_Y} r={5.5} />
          <text x={hereX} y={18} text-anchor={anchor}>
            {when(here, locale)}
          </text>
        </g>
      </svg>
    </figure>
  );
}
