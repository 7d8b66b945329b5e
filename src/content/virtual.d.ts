declare module 'virtual:summit-lens/alias-table' {
  import type { AliasSource } from '../core/types';
  /** Only ids, kinds and aliases of the fact base: what the page needs to find mentions. */
  export const aliasSources: AliasSource[];
  export const blockers: string[];
}
