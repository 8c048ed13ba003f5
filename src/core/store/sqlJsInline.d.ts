// sql.js ships types for its package root only; the inline-wasm build (no .wasm file to copy,
// so it bundles into dist/cli.js and dist/extension.js) has the same API.
declare module 'sql.js/dist/sql-wasm-inline.js' {
  import type { InitSqlJsStatic } from 'sql.js';
  const initSqlJs: InitSqlJsStatic;
  export default initSqlJs;
}
