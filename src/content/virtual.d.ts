declare module 'virtual:summit-lens/bundled-table' {
  /** The bundled pack's probes (core/key-table.ts, compactProbes), built at build time by scripts/bundled-table-plugin.ts. */
  export const compact: import('../core/key-table.ts').CompactProbes;
}

declare module 'virtual:summit-lens/bundled-keys' {
  /**
   * The bundled pack's keys' records and table (core/alias-index.ts, packKeys) as JSON of
   * `{ records: [key, record][], table }`, built at build time by scripts/bundled-table-plugin.ts.
   */
  export const keysJson: string;
}
