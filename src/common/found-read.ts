import { ENTITY_REF, ENTITY_REF_MAX } from '../core/ids.ts';
import { KINDS, RELEVANCES, type Kind, type MatchRule, type Mention, type Relevance } from '../core/types.ts';

/**
 * Checking and reading the background's answer to 'find' (found.ts encodes it, and holds its
 * schema). The page script carries this and nothing of valibot: a page with a mention checks the
 * answer at once, where loading a checker module cost its main thread 1-10 ms (median ~2.5) for
 * the import alone.
 */

/** The most text one 'find' message carries; a page with more sends it in parts (see content/scan.ts). */
export const FIND_MAX_CHARS = 2_000_000;

/** An answer that passed every check: its spans lie inside the text, its indices inside its lists. */
export interface CheckedFound {
  ids: string[];
  kinds: Kind[];
  names: string[];
  relevance: Relevance[];
  whys: Mention['why'][];
  spans: number[];
  candidates: number;
  nlpSentences: number;
  nlpChars: number;
  /** An early answer, before compromise read the text: the page asks again for the rest. */
  incomplete?: true;
}

/** The rules a mention's reason may name. */
export const FOUND_RULES = ['name', 'title', 'described', 'dateline', 'nlp', 'pattern', 'surname'] as const satisfies readonly MatchRule[];

/** The most entities, reasons or mentions' numbers one answer's lists may hold. */
export const FOUND_MAX_ITEMS = 100_000;

const isCount = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;
const isText = (x: unknown, min: number, max: number): x is string => typeof x === 'string' && x.length >= min && x.length <= max;
const isEntityRef = (x: unknown): boolean => isText(x, 0, ENTITY_REF_MAX) && ENTITY_REF.test(x);
const isKind = (x: unknown): boolean => KINDS.includes(x as Kind);
const isRelevance = (x: unknown): boolean => RELEVANCES.includes(x as Relevance);
const isName = (x: unknown): boolean => isText(x, 1, 200);
const isWhy = (x: unknown): boolean =>
  Array.isArray(x) && isText(x[0], 0, 1000) && FOUND_RULES.includes(x[1]) && typeof x[2] === 'number' && !Number.isNaN(x[2]);

/** Every item read by index (a hole is undefined, and fails), at most FOUND_MAX_ITEMS of them. */
function isListOf(x: unknown, each: (item: unknown) => boolean): x is unknown[] {
  if (!Array.isArray(x) || x.length > FOUND_MAX_ITEMS) return false;
  for (let i = 0; i < x.length; i++) if (!each(x[i])) return false;
  return true;
}

/**
 * The answer checked against the length of the text it is about: FoundWireSchema (found.ts), and
 * every span inside the text and its indices inside the lists. Anything out of shape (a wrong
 * type, an unknown rule, a span outside the text) makes the whole answer undefined: it is
 * dropped, not half-trusted. Written out rather than parsed by the schema, which the page would
 * have to load first; a test holds the two to the same answers (tests/unit/messages.test.ts).
 */
export function checkFound(value: unknown, textLength: number): CheckedFound | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  // Its own fields, copied once: what is checked is what is kept (a message's fields always are its own).
  const kept = { ...value } as Record<string, unknown>;
  const { ids, kinds, names, relevance, whys, spans, candidates, nlpSentences, nlpChars, incomplete } = kept;
  if (
    !isListOf(ids, isEntityRef) ||
    !isListOf(kinds, isKind) ||
    !isListOf(names, isName) ||
    !isListOf(relevance, isRelevance) ||
    kinds.length !== ids.length ||
    names.length !== ids.length ||
    relevance.length !== ids.length ||
    !isListOf(whys, isWhy) ||
    !Array.isArray(spans) ||
    spans.length % 4 !== 0 ||
    !isCount(candidates) ||
    !isCount(nlpSentences) ||
    !isCount(nlpChars) ||
    (incomplete !== undefined && incomplete !== true)
  )
    return undefined;
  for (let i = 0; i < spans.length; i += 4) {
    const id = spans[i];
    const reason = spans[i + 1];
    const start = spans[i + 2];
    const end = spans[i + 3];
    if (!isCount(id) || id >= ids.length || !isCount(reason) || reason >= whys.length) return undefined;
    if (!isCount(start) || !isCount(end) || start >= end || end > textLength) return undefined;
  }
  // Fields the contract does not name are left in and never read (the schema would strip them).
  return {
    ...(kept as unknown as CheckedFound),
    whys: (whys as [string, MatchRule, number][]).map(([alias, rule, confidence]) => ({ alias, rule, confidence })),
  };
}

/** How many mentions a checked answer holds. */
export const foundCount = (found: CheckedFound): number => found.spans.length / 4;

/** The i-th mention of a checked answer, offsets into the text that was sent. */
export function foundAt(
  found: CheckedFound,
  i: number,
): { entity: string; kind: Kind; name: string; relevance: Relevance; why: Mention['why']; start: number; end: number } {
  const at = i * 4;
  const { ids, kinds, names, relevance, whys, spans } = found;
  const entity = spans[at]!;
  return {
    entity: ids[entity]!,
    kind: kinds[entity]!,
    name: names[entity]!,
    relevance: relevance[entity]!,
    why: whys[spans[at + 1]!]!,
    start: spans[at + 2]!,
    end: spans[at + 3]!,
  };
}
