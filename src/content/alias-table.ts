import { aliasSources, blockers } from 'virtual:summit-lens/alias-table';
import { buildAliasIndex, type AliasIndex } from '../core/alias-index';
import type { Kind } from '../core/types';

let index: AliasIndex | undefined;

/** Built on first use: a page that never scans never pays for compiling the pattern. */
export function pageAliasIndex(): AliasIndex {
  index ??= buildAliasIndex(aliasSources, blockers);
  return index;
}

const kinds = new Map<string, Kind>(aliasSources.map((s) => [s.id, s.kind]));

export function kindOf(entity: string): Kind | undefined {
  return kinds.get(entity);
}
