// Loads sql.js once per process from its inline-wasm build: the same import works under tsx
// (tests) and in esbuild's cjs bundles, with no wasm file to locate at run time.
import initSqlJs from 'sql.js/dist/sql-wasm-inline.js';
import type { SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | null = null;

/** The sql.js module; the first call compiles the wasm (~100 ms), later ones reuse it. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  if (loading === null) {
    loading = initSqlJs().catch((error: unknown) => {
      // A failed compile must not poison every later open.
      loading = null;
      throw error;
    });
  }
  return loading;
}
