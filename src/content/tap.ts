import { isEditable } from './guards.ts';
import { mentionAt, type HitTestOptions, type HoverTarget } from './hover.ts';

export interface TapOptions<T extends HoverTarget> extends HitTestOptions<T> {
  signal: AbortSignal;
  /** The reader's "tap look-up" setting, read at each tap so a change applies at once. */
  enabled(): boolean;
  isInsideCard(target: EventTarget | null): boolean;
  onTap(target: T, rect: DOMRect): void;
  /** A tap that opened nothing: on the page outside the card, or on something the page owns. */
  onTapOutside(): void;
}

/**
 * What a tap on a mention inside these belongs to: the page. A mention inside a link, a button, a
 * form control, a label or a summary, or an element whose role says it is a control, does what the
 * page meant (the link is followed) and opens no card; the reader can still look it up from the
 * popup. Not `[onclick]` or `[tabindex]`: pages put those on whole article containers (analytics,
 * focus management), which would turn tap look-up off for everything inside them.
 */
const PAGE_CONTROLS = [
  'a[href]',
  'area[href]',
  'button',
  'input',
  'select',
  'textarea',
  'label',
  'summary',
  'audio[controls]',
  'video[controls]',
  '[role="button"]',
  '[role="link"]',
  '[role="menuitem"]',
  '[role="tab"]',
  '[role="checkbox"]',
  '[role="switch"]',
  '[role="option"]',
].join(', ');

export function pageOwnsTap(element: Element | null): boolean {
  return element !== null && (element.closest(PAGE_CONTROLS) !== null || isEditable(element));
}

/** A click is a tap when its pointer was a finger or a pen; older engines leave pointerType off the click, so the press that began it says. */
function tapPointer(event: MouseEvent, lastPress: { type: string; at: number } | undefined): string | undefined {
  const own = (event as Partial<PointerEvent>).pointerType;
  if (own) return own;
  return lastPress && event.timeStamp - lastPress.at < 1000 ? lastPress.type : undefined;
}

/**
 * Turns a tap into "the reader means this mention". It reads the browser's `click`, which a touch
 * screen sends only for a tap: a finger that scrolls, pinches, long-presses to select or drags
 * sends none. Decided per event (a laptop has a mouse and a touch screen). Nothing here cancels,
 * stops or delays an event, so the page sees every tap as it would without Summit Lens.
 */
export function trackTaps<T extends HoverTarget>(options: TapOptions<T>): void {
  const { doc, signal } = options;
  let lastPress: { type: string; at: number } | undefined;
  doc.addEventListener(
    'pointerdown',
    (event) => {
      lastPress = { type: event.pointerType, at: event.timeStamp };
    },
    { capture: true, passive: true, signal },
  );
  doc.addEventListener(
    'click',
    (event) => {
      // detail 0: a click from the keyboard (Enter on a link), not a tap.
      if (event.detail === 0) return;
      const pointer = tapPointer(event, lastPress);
      if (pointer !== 'touch' && pointer !== 'pen') return;
      if (options.isInsideCard(event.target)) return;
      const element = event.target instanceof Element ? event.target : null;
      const selecting = doc.getSelection()?.isCollapsed === false;
      const hit = options.enabled() && !selecting && !pageOwnsTap(element) ? mentionAt(options, event.clientX, event.clientY) : undefined;
      if (hit) options.onTap(hit.target, hit.rect);
      else options.onTapOutside();
    },
    // Capture: a page that stops a click's propagation still lets the reader dismiss the card.
    { capture: true, passive: true, signal },
  );
}
