// The schema as ordered migrations, so a state.db written by an older Specpilot upgrades in place
// and one written by a newer Specpilot is refused rather than silently downgraded.
import type { Database } from 'sql.js';
import type { Migration, OpenRunStoreError } from './types';

const INITIAL_SCHEMA = `
CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  status TEXT NOT NULL,
  mode TEXT NOT NULL,
  operator TEXT NOT NULL,
  front TEXT NOT NULL,
  pid INTEGER NOT NULL,
  budget_usd REAL,
  cost_usd REAL NOT NULL DEFAULT 0,
  unpriced INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE tasks (
  task_id TEXT PRIMARY KEY,
  run_id TEXT,
  status TEXT NOT NULL,
  stage TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  branch TEXT,
  base_branch TEXT,
  last_error TEXT,
  cost_usd REAL NOT NULL DEFAULT 0,
  unpriced INTEGER NOT NULL DEFAULT 0,
  commit_sha TEXT,
  merge_sha TEXT,
  updated_at INTEGER NOT NULL,
  machine TEXT
);
CREATE TABLE attempts (
  id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL,
  task_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  agent TEXT NOT NULL,
  command TEXT NOT NULL,
  model TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  outcome TEXT,
  marker TEXT,
  reason TEXT NOT NULL DEFAULT '',
  exit_code INTEGER,
  cost_usd REAL,
  input_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  cache_read_tokens INTEGER NOT NULL DEFAULT 0,
  cache_write_tokens INTEGER NOT NULL DEFAULT 0,
  log_path TEXT NOT NULL,
  error_context TEXT NOT NULL DEFAULT '',
  prompt_hash TEXT NOT NULL,
  UNIQUE (task_id, n)
);
CREATE INDEX attempts_by_run ON attempts (run_id);
CREATE TABLE gate_results (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  attempt_id TEXT NOT NULL,
  name TEXT NOT NULL,
  command TEXT NOT NULL,
  exit_code INTEGER,
  passed INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  output_tail TEXT NOT NULL,
  output_sha256 TEXT NOT NULL
);
CREATE INDEX gate_results_by_attempt ON gate_results (attempt_id, id);
CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id TEXT,
  task_id TEXT,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX events_by_run ON events (run_id, id);
CREATE INDEX events_by_task ON events (task_id, id);
CREATE TABLE processes (
  pid INTEGER PRIMARY KEY,
  pgid INTEGER,
  run_id TEXT NOT NULL,
  task_id TEXT NOT NULL,
  attempt_id TEXT,
  command TEXT NOT NULL,
  started_at INTEGER NOT NULL
);
`;

/** Every migration this code knows, in order. Append only: never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: INITIAL_SCHEMA },
  // Readers ask for one kind of event (verify, review), of one task or of all: without it, a full
  // scan. task_id second, so a kind-and-task query seeks both rather than every event of the kind.
  { version: 2, name: 'events by kind', sql: 'CREATE INDEX events_by_kind ON events (kind, task_id, id);' },
];

/** The version anchor lives outside the migrations so it exists before the first one runs. */
const META_TABLE = 'CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)';
const VERSION_KEY = 'schema_version';

export type SchemaProbe =
  /** No table at all: a new file. */
  | { readonly kind: 'empty' }
  | { readonly kind: 'specpilot'; readonly version: number }
  /** A SQLite file with tables but no Specpilot version: not ours. */
  | { readonly kind: 'foreign' };

export function probeSchema(db: Database): SchemaProbe {
  const tables = db.exec("SELECT name FROM sqlite_master WHERE type = 'table'");
  const names = (tables[0]?.values ?? []).map((row) => row[0]);
  if (names.length === 0) return { kind: 'empty' };
  if (!names.includes('meta')) return { kind: 'foreign' };
  const rows = db.exec('SELECT value FROM meta WHERE key = ?', [VERSION_KEY]);
  const value = rows[0]?.values[0]?.[0];
  const version = typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isInteger(version) || version < 0) return { kind: 'foreign' };
  return { kind: 'specpilot', version };
}

export type MigrateResult =
  | { readonly ok: true; readonly from: number; readonly to: number }
  | { readonly ok: false; readonly error: OpenRunStoreError };

/** The highest version of a list that must run 1, 2, 3... (a gap is a programming error). */
export function knownVersion(migrations: readonly Migration[]): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${i + 1} has version ${m.version}: migrations must be numbered 1, 2, 3... in order`);
  });
  return migrations.length;
}

/** Brings `db` (at `from`) up to the last of `migrations`, each step in its own transaction. */
export function migrate(db: Database, from: number, migrations: readonly Migration[], fileName: string): MigrateResult {
  const known = knownVersion(migrations);
  if (from > known) {
    return {
      ok: false,
      error: {
        kind: 'newer_schema',
        found: from,
        known,
        message:
          `${fileName} was written by a newer Specpilot (schema version ${from}; this one knows up to ${known}). ` +
          'Upgrade Specpilot to use it; it was left untouched.',
      },
    };
  }
  db.exec(META_TABLE);
  for (const m of migrations.slice(from)) {
    try {
      db.exec('BEGIN');
      db.exec(m.sql);
      db.run('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', [VERSION_KEY, String(m.version)]);
      db.exec('COMMIT');
    } catch (error) {
      // Throws when BEGIN itself failed: nothing to roll back then.
      try {
        db.exec('ROLLBACK');
      } catch {
        /* no transaction open */
      }
      const detail = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        error: {
          kind: 'migration_failed',
          version: m.version,
          message: `could not upgrade ${fileName} to schema version ${m.version} (${m.name}): ${detail}; it was left untouched`,
        },
      };
    }
  }
  return { ok: true, from, to: known };
}
