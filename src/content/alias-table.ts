import { compiled as built } from 'virtual:summit-lens/alias-table';
import type { PrefilterTable } from '../core/alias-index';
import type { Kind } from '../core/types';

const table = built as PrefilterTable;

export interface Prefilter {
  /** Every alias and anchor word, over folded text (see quickFold in scan.ts). */
  pattern: RegExp;
  anchorOnly: ReadonlySet<string>;
  titled: ReadonlySet<string>;
  /** One of the titles right before a place, in folded text. */
  titleBefore: RegExp;
}

let prefilter: Prefilter | undefined;

/** Built on first use: a page that never scans never compiles the pattern. */
export function pagePrefilter(): Prefilter {
  prefilter ??= {
    pattern: new RegExp(table.source, 'g'),
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
