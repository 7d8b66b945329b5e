import { compiled as built } from 'virtual:summit-lens/alias-table';
import type { PrefilterTable } from '../core/alias-index.ts';
import type { Probe } from '../core/key-probe.ts';
import type { Kind } from '../core/types.ts';

const table = built as PrefilterTable;

export interface Prefilter {
  anchorOnly: ReadonlySet<string>;
  titled: ReadonlySet<string>;
  /** One of the titles right before a place, in folded text. */
  titleBefore: RegExp;
}

let prefilter: Prefilter | undefined;
let pattern: RegExp | undefined;

/**
 * Every alias and anchor word as one pattern, over folded text (see quickFold in scan.ts). Made on
 * first use: the engine parses it then and compiles it on its first run, which a page whose text
 * is short enough for the probes never pays.
 */
export function pagePattern(): RegExp {
  pattern ??= new RegExp(table.source, 'g');
  return pattern;
}

/** The same keys for `indexOf` (see core/key-probe.ts). */
export const pageProbes = (): readonly Probe[] => table.probes;

/** What the keys found mean: built when a page has any, so that a page without never does. */
export function pagePrefilter(): Prefilter {
  prefilter ??= {
    anchorOnly: new Set(table.anchorOnly),
    titled: new Set(table.titled),
    titleBefore: new RegExp(`(?:^|[^a-z])(?:${table.titles}) +$`),
  };
  return prefilter;
}

let kinds: Map<string, Kind> | undefined;

export function kindOf(entity: string): Kind | undefined {
  kinds ??= new Map(table.ids.map((id, i) => [id, table.kinds[i]!]));
  return kinds.get(entity);
}
