/**
 * Messages into a page's content script, from the background or the popup, checked on arrival.
 * Written out by hand rather than with valibot: this check ships in the script every page loads,
 * where valibot's runtime would be an eighth of the 40 KB budget; the shapes are four small ones.
 */
export type ToContent =
  | { type: 'get-page-state' }
  | { type: 'reveal'; entity: string }
  | { type: 'next-mention' }
  | { type: 'show-card'; entity: string | null; query: string };

/** What a page reports to the popup. */
export interface PageState {
  host: string;
  url: string;
  active: boolean;
  entities: { id: string; kind: string; count: number }[];
}

const ENTITY_ID = /^[a-z0-9-]{1,100}$/;
const isEntityId = (value: unknown): value is string => typeof value === 'string' && ENTITY_ID.test(value);

export function parseToContent(message: unknown): ToContent | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'get-page-state':
    case 'next-mention':
      return { type: m.type };
    case 'reveal':
      return isEntityId(m.entity) ? { type: 'reveal', entity: m.entity } : undefined;
    case 'show-card':
      return (m.entity === null || isEntityId(m.entity)) && typeof m.query === 'string' && m.query.length <= 500
        ? { type: 'show-card', entity: m.entity, query: m.query }
        : undefined;
    default:
      return undefined;
  }
}
