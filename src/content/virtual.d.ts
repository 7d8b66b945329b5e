declare module 'virtual:summit-lens/bundled-table' {
  /** The bundled pack's key tables (core/key-table.ts), built at build time by scripts/bundled-table-plugin.ts. */
  export const table: import('../core/key-table.ts').KeyTable;
}
