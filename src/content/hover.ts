export interface HoverTarget {
  /** The client rectangles a pointer must be inside to be "on" this target. */
  rects(): DOMRectList | DOMRect[];
}

export interface HoverOptions<T extends HoverTarget> extends HitTestOptions<T> {
  /** The card itself counts as "still hovering" so the pointer can travel into it. */
  isInsideCard(target: EventTarget | null): boolean;
  /** The pointer reached a target: a head start on what the card will need. */
  onApproach?(target: T, rect: DOMRect): void;
  onIntent(target: T, rect: DOMRect): void;
  onLeave(): void;
  /** While this says so (the card has keyboard focus), leaving does not close the card. */
  stayOpen(): boolean;
  /** Read at each approach, so a changed setting applies to the next mention. */
  intentMs(): number;
  graceMs: number;
  signal: AbortSignal;
}

function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | undefined {
  if (typeof doc.caretPositionFromPoint === 'function') {
    const pos = doc.caretPositionFromPoint(x, y);
    return pos ? { node: pos.offsetNode, offset: pos.offset } : undefined;
  }
  const range = (doc as Document & { caretRangeFromPoint?(x: number, y: number): Range | null }).caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : undefined;
}

function rectContaining(rects: DOMRectList | DOMRect[], x: number, y: number): DOMRect | undefined {
  for (const rect of Array.from(rects)) {
    if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return rect;
  }
  return undefined;
}

export interface HitTestOptions<T extends HoverTarget> {
  doc: Document;
  /** Targets whose text includes this text node. */
  targetsIn(node: Text): readonly T[] | undefined;
}

/**
 * The mention under a point. Highlights are not elements, so it is found from the caret position
 * at the point and checked against the mention's rectangles (the caret snaps to the nearest text,
 * which may be a line away).
 */
export function mentionAt<T extends HoverTarget>(
  { doc, targetsIn }: HitTestOptions<T>,
  x: number,
  y: number,
): { target: T; rect: DOMRect } | undefined {
  const caret = caretAt(doc, x, y);
  if (!caret || caret.node.nodeType !== Node.TEXT_NODE) return undefined;
  const candidates = targetsIn(caret.node as Text);
  if (!candidates) return undefined;
  let best: { target: T; rect: DOMRect; area: number } | undefined;
  for (const target of candidates) {
    const rect = rectContaining(target.rects(), x, y);
    const area = rect ? rect.width * rect.height : Infinity;
    // Nested mentions ("China" inside "U.S.-China summit"): the innermost one under the point wins.
    if (rect && (!best || area < best.area)) best = { target, rect, area };
  }
  return best && { target: best.target, rect: best.rect };
}

/**
 * How much longer the pointer must rest, counted from when it arrived (the event's time), not from
 * the frame that handled it: the card then shows in the first frame after the reader's 300 ms, not
 * a frame or two later. A time that cannot be (from the future) counts as "just now".
 */
export function restLeft(event: PointerEvent, intentMs: number): number {
  const since = performance.now() - event.timeStamp;
  return since >= 0 ? Math.max(0, intentMs - since) : intentMs;
}

/**
 * Turns pointer movement into "the reader means this mention": a target under the pointer for
 * `intentMs` opens, leaving it (and the card) for `graceMs` closes. Only pointers that hover (a
 * mouse, a pen held above the screen) count; a finger's moves are ignored (see tap.ts).
 */
export function trackHover<T extends HoverTarget>(options: HoverOptions<T>): { forget(): void } {
  const { doc, signal } = options;
  let current: T | undefined;
  let open: T | undefined;
  let intentTimer: ReturnType<typeof setTimeout> | undefined;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let frame = 0;
  let lastEvent: PointerEvent | undefined;
  let inCard = false;

  const clearIntent = (): void => {
    clearTimeout(intentTimer);
    intentTimer = undefined;
  };
  const startGrace = (): void => {
    if (graceTimer !== undefined || !open) return;
    graceTimer = setTimeout(() => {
      graceTimer = undefined;
      if (options.stayOpen()) return;
      open = undefined;
      options.onLeave();
    }, options.graceMs);
  };
  const cancelGrace = (): void => {
    clearTimeout(graceTimer);
    graceTimer = undefined;
  };

  const update = (): void => {
    frame = 0;
    const event = lastEvent;
    if (!event) return;
    if (options.isInsideCard(event.target)) {
      clearIntent();
      cancelGrace();
      current = undefined;
      inCard = true;
      return;
    }
    const hit = mentionAt(options, event.clientX, event.clientY);
    const leftCard = inCard;
    inCard = false;
    if (hit?.target === current && !leftCard) return;
    current = hit?.target;
    clearIntent();
    if (!hit) {
      startGrace();
      return;
    }
    if (hit.target === open) {
      cancelGrace();
      return;
    }
    startGrace();
    options.onApproach?.(hit.target, hit.rect);
    intentTimer = setTimeout(
      () => {
        intentTimer = undefined;
        cancelGrace();
        open = hit.target;
        options.onIntent(hit.target, hit.rect);
      },
      restLeft(event, options.intentMs()),
    );
  };

  doc.addEventListener(
    'pointermove',
    (event) => {
      // A finger dragging over text is scrolling or selecting, not resting on a mention: taps have their own path (tap.ts).
      if (event.pointerType === 'touch') return;
      lastEvent = event;
      if (!frame) frame = requestAnimationFrame(update);
    },
    { passive: true, signal },
  );
  signal.addEventListener('abort', () => {
    clearIntent();
    cancelGrace();
    cancelAnimationFrame(frame);
  });
  return {
    /** The card was closed some other way (Esc, its button): the next hover starts afresh. */
    forget() {
      open = undefined;
      current = undefined;
      inCard = false;
      clearIntent();
      cancelGrace();
    },
  };
}
