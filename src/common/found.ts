import type { Found } from '../core/matcher.ts';
import type { MatchRule, Mention } from '../core/types.ts';

/** The most text one 'find' message carries; a page with more sends it in parts (see content/scan.ts). */
export const FIND_MAX_CHARS = 2_000_000;

/**
 * The background's answer to "what does this text mention?", in a compact form: a page dense with
 * mentions gets tens of thousands, and every byte of the answer is parsed on the page's main
 * thread. `spans` holds four numbers per mention: entity (index into `ids`), reason (index into
 * `whys`), start and end (offsets into the text that was sent).
 */
export interface FoundWire {
  ids: string[];
  whys: [alias: string, rule: MatchRule, confidence: number][];
  spans: number[];
  candidates: number;
  nlpSentences: number;
  nlpChars: number;
}

export function encodeFound(found: Found): FoundWire {
  const ids: string[] = [];
  const idIndex = new Map<string, number>();
  const whys: FoundWire['whys'] = [];
  const whyIndex = new Map<string, number>();
  const spans: number[] = [];
  for (const { entity, start, end, why } of found.mentions) {
    let id = idIndex.get(entity);
    if (id === undefined) {
      id = ids.push(entity) - 1;
      idIndex.set(entity, id);
    }
    const whyKey = `${why.rule}\u0000${why.alias}`;
    let reason = whyIndex.get(whyKey);
    if (reason === undefined) {
      reason = whys.push([why.alias, why.rule, why.confidence]) - 1;
      whyIndex.set(whyKey, reason);
    }
    spans.push(id, reason, start, end);
  }
  const { candidates, nlpSentences, nlpChars } = found;
  return { ids, whys, spans, candidates, nlpSentences, nlpChars };
}

const RULES: ReadonlySet<string> = new Set<MatchRule>(['name', 'title', 'described', 'dateline', 'nlp', 'pattern']);
const ENTITY_ID = /^[a-z0-9-]{1,100}$/;
const count = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;

/** An answer that passed every check: its spans lie inside the text, its indices inside its lists. */
export interface CheckedFound {
  ids: string[];
  whys: Mention['why'][];
  spans: number[];
  candidates: number;
  nlpSentences: number;
  nlpChars: number;
}

/**
 * The answer checked against the length of the text it is about. Anything out of shape (a wrong
 * type, an unknown rule, a span outside the text) makes the whole answer undefined: it is dropped,
 * not half-trusted. (Checked in place rather than copied: a dense page's answer has tens of
 * thousands of spans, and this runs on the page's main thread.)
 */
export function checkFound(value: unknown, textLength: number): CheckedFound | undefined {
  const wire = value as Partial<FoundWire> | null | undefined;
  if (!wire || !Array.isArray(wire.ids) || !Array.isArray(wire.whys) || !Array.isArray(wire.spans)) return undefined;
  const { ids, whys, spans } = wire;
  if (!ids.every((id) => typeof id === 'string' && ENTITY_ID.test(id))) return undefined;
  const reasons = whys.map((w) =>
    Array.isArray(w) && typeof w[0] === 'string' && RULES.has(w[1] as string) && typeof w[2] === 'number'
      ? { alias: w[0], rule: w[1], confidence: w[2] }
      : undefined,
  );
  if (reasons.includes(undefined) || spans.length % 4 !== 0) return undefined;
  if (!count(wire.candidates) || !count(wire.nlpSentences) || !count(wire.nlpChars)) return undefined;
  for (let i = 0; i < spans.length; i += 4) {
    const id = spans[i];
    const reason = spans[i + 1];
    const start = spans[i + 2];
    const end = spans[i + 3];
    if (!count(id) || id >= ids.length || !count(reason) || reason >= reasons.length) return undefined;
    if (!count(start) || !count(end) || start >= end || end > textLength) return undefined;
  }
  return {
    ids,
    whys: reasons as Mention['why'][],
    spans,
    candidates: wire.candidates,
    nlpSentences: wire.nlpSentences,
    nlpChars: wire.nlpChars,
  };
}
