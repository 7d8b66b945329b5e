declare module 'virtual:summit-lens/alias-table' {
  /** The alias index, compiled at build time from the fact base (scripts/alias-table-plugin.ts); a CompiledAliasIndex. */
  export const compiled: unknown;
}
