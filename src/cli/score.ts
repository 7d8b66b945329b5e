/**
 * Precision and recall of a detector against labelled sentences. A mention counts as right only
 * with the same entity and the exact same span. Used by `npm run eval` (the sets in tests/eval/)
 * and by `summit-lens eval` (a pack author's own sentences).
 */
import { entityRef } from '../core/alias-index.ts';
import type { MemoryDetector } from '../core/detector.ts';
import { BUNDLED_PACK_ID } from '../core/packs/bundled-id.ts';
import { pageDateOf } from '../core/page-date.ts';
import type { Kind } from '../core/types.ts';

export interface GoldMention {
  entity: string;
  surface: string;
  occurrence?: number;
}

export interface EvalItem {
  id: string;
  style: string;
  text: string;
  trap: boolean;
  mentions: GoldMention[];
  /** The page the text is from: a date in its path dates the text (core/page-date.ts). */
  url?: string;
}

export interface Span {
  entity: string;
  start: number;
  end: number;
  text: string;
}

export interface ItemResult {
  item: EvalItem;
  missed: Span[];
  wrong: Span[];
  right: Span[];
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** The gold spans of an item: each surface's n-th occurrence in the text. */
export function goldSpans(item: EvalItem): Span[] {
  return item.mentions.map((m) => {
    let at = -1;
    for (let n = 0; n < (m.occurrence ?? 1); n++) {
      at = item.text.indexOf(m.surface, at + 1);
      if (at < 0) throw new Error(`${item.id}: "${m.surface}" occurs fewer than ${m.occurrence ?? 1} times`);
    }
    // A label names an entity of the bundled pack by its id, or any pack's by "pack/id".
    const entity = m.entity.includes('/') ? m.entity : entityRef(BUNDLED_PACK_ID, m.entity);
    return { entity, start: at, end: at + m.surface.length, text: m.surface };
  });
}

const key = (s: Span): string => `${s.entity}@${s.start}:${s.end}`;

export function evaluateItem(item: EvalItem, detector: MemoryDetector): ItemResult {
  const gold = goldSpans(item);
  const predicted: Span[] = detector
    .annotate(item.text, { pageDate: pageDateOf(item.url) })
    .map((m) => ({ entity: m.entity, start: m.start, end: m.end, text: m.text }));
  const goldKeys = new Set(gold.map(key));
  const predictedKeys = new Set(predicted.map(key));
  return {
    item,
    right: predicted.filter((p) => goldKeys.has(key(p))),
    wrong: predicted.filter((p) => !goldKeys.has(key(p))),
    missed: gold.filter((g) => !predictedKeys.has(key(g))),
  };
}

export function score(tp: number, fp: number, fn: number): Score {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

export interface Report {
  overall: Score;
  byKind: Record<Kind, Score>;
  byEntity: Map<string, Score>;
  trapsHighlighted: ItemResult[];
  results: ItemResult[];
}

/**
 * Scores a detector on labelled items: precision, recall and F1 overall, by kind and by entity,
 * and every error. `kindOf` gives each entity reference's kind.
 */
export function evaluate(items: EvalItem[], detector: MemoryDetector, kindOf: (ref: string) => Kind | undefined): Report {
  const results = items.map((item) => evaluateItem(item, detector));
  const tally = new Map<string, [number, number, number]>();
  const bump = (k: string, i: 0 | 1 | 2): void => {
    const t = tally.get(k) ?? [0, 0, 0];
    t[i] += 1;
    tally.set(k, t);
  };
  for (const r of results) {
    for (const s of r.right) bump(s.entity, 0);
    for (const s of r.wrong) bump(s.entity, 1);
    for (const s of r.missed) bump(s.entity, 2);
  }
  const byEntity = new Map([...tally].map(([entity, [tp, fp, fn]]) => [entity, score(tp, fp, fn)]));
  const sum = (filter: (entity: string) => boolean): Score => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const [entity, [a, b, c]] of tally) {
      if (!filter(entity)) continue;
      tp += a;
      fp += b;
      fn += c;
    }
    return score(tp, fp, fn);
  };
  const kinds: Kind[] = ['person', 'place', 'organization', 'event', 'topic'];
  return {
    overall: sum(() => true),
    byKind: Object.fromEntries(kinds.map((k) => [k, sum((e) => kindOf(e) === k)])) as Record<Kind, Score>,
    byEntity,
    // A trap is "highlighted" when anything the labels do not list is marked in a trap item.
    trapsHighlighted: results.filter((r) => r.item.trap && r.wrong.length > 0),
    results,
  };
}
