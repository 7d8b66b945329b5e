import { compiled as built } from 'virtual:summit-lens/alias-table';
import { loadAliasIndex, type AliasIndex, type CompiledAliasIndex } from '../core/alias-index';
import type { Kind } from '../core/types';

const compiled = built as CompiledAliasIndex;
let index: AliasIndex | undefined;

/** Loaded on first use: a page that never scans never pays for compiling the pattern. */
export function pageAliasIndex(): AliasIndex {
  index ??= loadAliasIndex(compiled);
  return index;
}

let kinds: Map<string, Kind> | undefined;

export function kindOf(entity: string): Kind | undefined {
  kinds ??= new Map(compiled.ids.map((id, i) => [id, compiled.kinds[i]!]));
  return kinds.get(entity);
}
