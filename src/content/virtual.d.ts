declare module 'virtual:summit-lens/bundled-table' {
  /** The bundled pack's key table (core/key-table.ts), built at build time by scripts/bundled-table-plugin.ts. */
  export const data: string;
}
