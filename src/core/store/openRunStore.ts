// Opening the run-state file: load and check it (a truncated or foreign file is told apart from a
// good one), migrate it, and hand it to the writing store; or take a read-only snapshot for readers
// while a run may be writing. Kept apart from the store itself, which only records and saves.
import { join } from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import { MIGRATIONS, migrate, probeSchema } from './migrations';
import { SqlRunStoreReader } from './runStoreReader';
import { SqlDb } from './sqlHelpers';
import { SqlJsRunStore } from './sqlJsRunStore';
import { loadSqlJs } from './sqlJsLoader';
import { atomicStateFileWriter, describeFailure, ensureStateDir, readStateFile, removeStaleTempFiles, type FsFailure } from './stateFile';
import { systemClock } from './systemClock';
import type { Migration, OpenRunStoreError, RunStore, RunStoreOptions, RunStoreReader } from './types';

export const DEFAULT_STATE_FILE = 'state.db';
export const DEFAULT_SAVE_DELAY_MS = 200;
/**
 * Large pages make export() (the whole DB copied at every save) several times faster: 10,000
 * attempts export in ~3 ms instead of ~11 ms with 4 KiB pages. Only a new file takes it.
 */
const PAGE_SIZE = 65536;

export type OpenRunStoreResult = { readonly ok: true; readonly store: RunStore } | { readonly ok: false; readonly error: OpenRunStoreError };

/**
 * Opens (or creates) `<dir>/state.db`, creating `dir` with a `.gitignore` of `*`. A corrupt file is
 * moved aside and a fresh state started (reported through onDegraded); a file written by a newer
 * schema is refused. Take the run lock first: two writers would overwrite each other's saves.
 */
export async function openRunStore(dir: string, options: RunStoreOptions = {}): Promise<OpenRunStoreResult> {
  const SQL = await loadSqlJs();
  const fileName = options.fileName ?? DEFAULT_STATE_FILE;
  const path = join(dir, fileName);
  const clock = options.clock ?? systemClock;
  // A failure here shows again, and is reported, at the first save.
  if (ensureStateDir(dir) === null) removeStaleTempFiles(path, Date.now());

  const content = readStateFile(path);
  if (content.kind === 'error') return { ok: false, error: unreadable(path, content.failure) };
  let db: Database;
  let from = 0;
  let corrupt: string | null = null;
  if (content.kind === 'bytes') {
    const loaded = loadDatabase(SQL, content.bytes);
    if (loaded.ok) {
      db = loaded.db;
      from = loaded.version;
    } else {
      corrupt = loaded.why;
      db = newDatabase(SQL);
    }
  } else {
    db = newDatabase(SQL);
  }
  const migrated = migrate(db, from, options.migrations ?? MIGRATIONS, fileName);
  if (!migrated.ok) {
    db.close();
    return { ok: false, error: migrated.error };
  }
  // The DB is a snapshot in memory: a journal file in sql.js's virtual FS buys nothing, and a
  // cache that holds the whole DB keeps reads and the batched changes out of that virtual file.
  db.exec('PRAGMA journal_mode = MEMORY');
  db.exec('PRAGMA cache_size = -65536');
  db.exec('PRAGMA temp_store = MEMORY');

  const store = new SqlJsRunStore(new SqlDb(db), path, migrated.to, {
    dir,
    clock,
    writer: options.writer ?? atomicStateFileWriter,
    saveDelayMs: options.saveDelayMs ?? DEFAULT_SAVE_DELAY_MS,
    logsDir: options.logsDir ?? join(dir, 'logs'),
    onDegraded: options.onDegraded ?? null,
    onRecovered: options.onRecovered ?? null,
  });
  if (corrupt !== null) store.startedOverCorruptFile(fileName, corrupt);
  // Write a new, upgraded or replaced file at once: a read-only disk shows now, not mid-run.
  if (content.kind === 'missing' || corrupt !== null || migrated.from !== migrated.to) {
    store.markChanged();
    await store.flush();
  }
  return { ok: true, store };
}

export interface RunStoreSnapshot extends RunStoreReader {
  /** Frees the in-memory copy. */
  close(): void;
}

export type ReadRunStoreResult =
  | { readonly ok: true; readonly store: RunStoreSnapshot }
  | { readonly ok: false; readonly error: OpenRunStoreError | { readonly kind: 'corrupt'; readonly message: string } };

/**
 * A read-only snapshot for the CLI and the extension while a run may be writing: never creates,
 * migrates on disk, moves or saves anything. A missing file reads as an empty state.
 */
export async function readRunStore(
  dir: string,
  options: { readonly fileName?: string; readonly migrations?: readonly Migration[] } = {},
): Promise<ReadRunStoreResult> {
  const SQL = await loadSqlJs();
  const fileName = options.fileName ?? DEFAULT_STATE_FILE;
  const path = join(dir, fileName);
  const content = readStateFile(path);
  if (content.kind === 'error') return { ok: false, error: unreadable(path, content.failure) };
  let db: Database;
  let from = 0;
  if (content.kind === 'bytes') {
    const loaded = loadDatabase(SQL, content.bytes);
    if (!loaded.ok) return { ok: false, error: { kind: 'corrupt', message: `${path} cannot be read as a Specpilot state DB: ${loaded.why}` } };
    db = loaded.db;
    from = loaded.version;
  } else {
    db = new SQL.Database();
  }
  const migrated = migrate(db, from, options.migrations ?? MIGRATIONS, fileName);
  if (!migrated.ok) {
    db.close();
    return { ok: false, error: migrated.error };
  }
  const sql = new SqlDb(db);
  const reader = new SqlRunStoreReader(sql, path, migrated.to);
  const snapshot: RunStoreSnapshot = Object.assign(reader, { close: () => sql.close() });
  return { ok: true, store: snapshot };
}

function unreadable(path: string, failure: FsFailure): OpenRunStoreError {
  return { kind: 'unreadable', code: failure.code, message: `cannot read ${path}: ${describeFailure(failure)}` };
}

function newDatabase(SQL: SqlJsStatic): Database {
  const db = new SQL.Database();
  db.exec(`PRAGMA page_size = ${PAGE_SIZE}`);
  return db;
}

type Loaded = { readonly ok: true; readonly db: Database; readonly version: number } | { readonly ok: false; readonly why: string };

/** SQLite reads lazily: only a check of every page tells a truncated or overwritten file. */
function loadDatabase(SQL: SqlJsStatic, bytes: Uint8Array): Loaded {
  let db: Database;
  try {
    db = new SQL.Database(bytes);
  } catch (error) {
    return { ok: false, why: error instanceof Error ? error.message : String(error) };
  }
  try {
    const verdict = db.exec('PRAGMA quick_check')[0]?.values[0]?.[0];
    if (verdict !== 'ok') {
      db.close();
      return { ok: false, why: `integrity check failed: ${String(verdict)}` };
    }
    const probe = probeSchema(db);
    switch (probe.kind) {
      case 'empty':
        return { ok: true, db, version: 0 };
      case 'specpilot':
        return { ok: true, db, version: probe.version };
      case 'foreign':
        db.close();
        return { ok: false, why: 'it is a SQLite file without a Specpilot schema version' };
      default:
        return assertNever(probe);
    }
  } catch (error) {
    db.close();
    return { ok: false, why: error instanceof Error ? error.message : String(error) };
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
