declare module 'virtual:summit-lens/alias-table' {
  /** The page's prefilter, compiled at build time from the fact base (scripts/alias-table-plugin.ts); a PrefilterTable. */
  export const compiled: unknown;
}
