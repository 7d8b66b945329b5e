import * as v from 'valibot';
import { EntityRefSchema } from '../core/ids.ts';
import { KINDS, RELEVANCES, type Kind, type Relevance } from '../core/types.ts';
import type { Found } from '../core/matcher.ts';
import type { MatchRule } from '../core/types.ts';
import { FOUND_MAX_ITEMS, FOUND_RULES } from './found-read.ts';

export { checkFound, FIND_MAX_CHARS, type CheckedFound } from './found-read.ts';

/**
 * The background's answer to "what does this text mention?", in a compact form: a page dense with
 * mentions gets tens of thousands, and every byte of the answer is parsed on the page's main
 * thread. `spans` holds four numbers per mention: entity (index into `ids`), reason (index into
 * `whys`), start and end (offsets into the text that was sent). `kinds` and `names` give each
 * entity's kind (its highlight), name (the popup's list) and relevance (whether the page is about
 * its pack's story: core/relevance.ts), once per entity.
 */
export interface FoundWire {
  ids: string[];
  kinds: Kind[];
  names: string[];
  relevance: Relevance[];
  whys: [alias: string, rule: MatchRule, confidence: number][];
  spans: number[];
  candidates: number;
  nlpSentences: number;
  nlpChars: number;
  /** An early answer: compromise has not read this text yet (see FindOptions.early). */
  incomplete?: true;
}

export function encodeFound(found: Found): FoundWire {
  const ids: string[] = [];
  const kinds: Kind[] = [];
  const names: string[] = [];
  const relevance: Relevance[] = [];
  const idIndex = new Map<string, number>();
  const whys: FoundWire['whys'] = [];
  const whyIndex = new Map<string, number>();
  const spans: number[] = [];
  for (const { entity, start, end, why } of found.mentions) {
    let id = idIndex.get(entity);
    if (id === undefined) {
      id = ids.push(entity) - 1;
      idIndex.set(entity, id);
      const label = found.labels.get(entity);
      kinds.push(label?.kind ?? 'topic');
      names.push(label?.name ?? entity);
      relevance.push(label?.relevance ?? 'story');
    }
    const whyKey = `${why.rule}\u0000${why.alias}`;
    let reason = whyIndex.get(whyKey);
    if (reason === undefined) {
      reason = whys.push([why.alias, why.rule, why.confidence]) - 1;
      whyIndex.set(whyKey, reason);
    }
    spans.push(id, reason, start, end);
  }
  const { candidates, nlpSentences, nlpChars, incomplete } = found;
  return { ids, kinds, names, relevance, whys, spans, candidates, nlpSentences, nlpChars, ...(incomplete && { incomplete }) };
}

const count = v.pipe(v.number(), v.integer(), v.minValue(0));

/**
 * The answer's shape: the contract the background's answers are held to. `spans` is only checked to
 * be an array here: its numbers are checked against the text they are about by checkFound
 * (found-read.ts), which the page runs instead of this schema and which a test holds to it.
 */
export const FoundWireSchema = v.object({
  ids: v.pipe(v.array(EntityRefSchema), v.maxLength(FOUND_MAX_ITEMS)),
  kinds: v.pipe(v.array(v.picklist(KINDS)), v.maxLength(FOUND_MAX_ITEMS)),
  names: v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(200))), v.maxLength(FOUND_MAX_ITEMS)),
  relevance: v.pipe(v.array(v.picklist(RELEVANCES)), v.maxLength(FOUND_MAX_ITEMS)),
  whys: v.pipe(
    v.array(v.tuple([v.pipe(v.string(), v.maxLength(1000)), v.picklist(FOUND_RULES), v.number()])),
    v.maxLength(FOUND_MAX_ITEMS),
  ),
  spans: v.custom<number[]>(Array.isArray, 'spans must be an array'),
  candidates: count,
  nlpSentences: count,
  nlpChars: count,
  incomplete: v.optional(v.literal(true)),
});
