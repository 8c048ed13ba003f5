// Schema migrations on real files: a DB made by migration 1 alone upgrades in place and keeps its
// data; a DB from a newer schema, or a migration that fails, is refused and left byte for byte.
// Migration 2 indexes events by kind: the kind filter's query uses it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS, openRunStore, readRunStore, type Migration } from '../../../src/core/store';
import { knownVersion } from '../../../src/core/store/migrations';
import { loadSqlJs } from '../../../src/core/store/sqlJsLoader';
import { FakeClock, removeTempDirs, tempDir, unwrap } from './storeTestKit';

const V1_ONLY: readonly Migration[] = [MIGRATIONS[0]!];

/** What a later release might add: a column with a default and a new table. */
const TEST_V3: Migration = {
  version: 3,
  name: 'test: task notes',
  sql: "ALTER TABLE tasks ADD COLUMN note TEXT NOT NULL DEFAULT ''; CREATE TABLE notes (task_id TEXT NOT NULL, text TEXT NOT NULL);",
};

async function makeV1(dir: string): Promise<void> {
  const opened = await openRunStore(dir, { migrations: V1_ONLY, clock: new FakeClock() });
  assert.ok(opened.ok);
  const store = opened.store;
  assert.equal(store.schemaVersion, 1);
  unwrap(store.beginRun({ id: 'r1', mode: 'all', operator: 'o', front: 'cli', pid: 1, budgetUsd: null }));
  unwrap(store.upsertTask('T1', { status: 'done', stage: 'done', commitSha: 'abc123' }));
  await store.close();
}

describe('store: migrations', function () {
  this.timeout(30_000);
  afterEach(removeTempDirs);

  it('ships migration 1 as the initial schema and 2 as the events-by-kind index, numbered from 1', () => {
    assert.deepEqual(
      MIGRATIONS.map((m) => [m.version, m.name]),
      [
        [1, 'initial schema'],
        [2, 'events by kind'],
      ],
    );
    assert.throws(() => knownVersion([MIGRATIONS[0]!, TEST_V3]), /migration 2 has version 3/);
  });

  it('upgrades a v1 DB in place and keeps its data', async () => {
    const dir = join(tempDir(), '.specpilot');
    await makeV1(dir);
    const upgraded = await openRunStore(dir, { migrations: [...MIGRATIONS, TEST_V3] });
    assert.ok(upgraded.ok);
    assert.equal(upgraded.store.schemaVersion, 3);
    assert.equal(upgraded.store.run('r1')?.mode, 'all');
    assert.deepEqual([upgraded.store.task('T1')?.status, upgraded.store.task('T1')?.commitSha], ['done', 'abc123']);
    await upgraded.store.close();

    // The upgrade was saved at open: the file on disk is v2 now, with the new column in place.
    const snapshot = await readRunStore(dir, { migrations: [...MIGRATIONS, TEST_V3] });
    assert.ok(snapshot.ok);
    assert.equal(snapshot.store.schemaVersion, 3);
    assert.equal(snapshot.store.task('T1')?.stage, 'done');
    snapshot.store.close();
  });

  it('upgrades a v1 DB with events to the events-by-kind index, which the kind filter uses', async () => {
    const dir = join(tempDir(), '.specpilot');
    const v1 = await openRunStore(dir, { migrations: V1_ONLY, clock: new FakeClock() });
    assert.ok(v1.ok);
    v1.store.recordEvent({ runId: 'r1', taskId: 'T1', kind: 'review', data: { n: 1 } });
    v1.store.recordEvent({ runId: null, taskId: 'T1', kind: 'verify', data: { n: 2 } });
    v1.store.recordEvent({ runId: null, taskId: 'T2', kind: 'verify', data: { n: 3 } });
    v1.store.recordEvent({ runId: 'r1', taskId: 'T2', kind: 'approval', data: { n: 4 } });
    await v1.store.close();

    // The read-only snapshot migrates in memory; the file stays v1 until a writer opens it.
    const snapshot = await readRunStore(dir);
    assert.ok(snapshot.ok);
    assert.equal(snapshot.store.schemaVersion, 2);
    const pick = (f: Parameters<typeof snapshot.store.events>[0]): [string | null, string, unknown][] =>
      snapshot.store.events(f).map((e) => [e.taskId, e.kind, e.data]);
    assert.deepEqual(pick({ kind: 'verify' }), [
      ['T1', 'verify', { n: 2 }],
      ['T2', 'verify', { n: 3 }],
    ]);
    assert.deepEqual(pick({ kind: 'verify', taskId: 'T2' }), [['T2', 'verify', { n: 3 }]]);
    assert.deepEqual(pick({ kind: ['review', 'approval'] }), [
      ['T1', 'review', { n: 1 }],
      ['T2', 'approval', { n: 4 }],
    ]);
    assert.deepEqual(pick({ kind: ['review', 'approval'], runId: 'r1', limit: 1 }), [['T2', 'approval', { n: 4 }]]);
    assert.deepEqual(pick({ kind: [] }), []);
    assert.deepEqual(pick({ kind: 'verify', afterId: 2 }), [['T2', 'verify', { n: 3 }]]);
    snapshot.store.close();

    const upgraded = await openRunStore(dir);
    assert.ok(upgraded.ok);
    assert.equal(upgraded.store.schemaVersion, 2);
    await upgraded.store.close();
    const SQL = await loadSqlJs();
    const db = new SQL.Database(readFileSync(join(dir, 'state.db')));
    try {
      const indexes = db.exec("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name")[0]?.values;
      assert.deepEqual(indexes, [
        ['events_by_kind', 'CREATE INDEX events_by_kind ON events (kind, task_id, id)'],
        ['events_by_run', 'CREATE INDEX events_by_run ON events (run_id, id)'],
        ['events_by_task', 'CREATE INDEX events_by_task ON events (task_id, id)'],
      ]);
      // The queries the store runs for a kind filter go through the index: of one task, seeking both
      // columns (not every event of the kind, nor every event of the task); of all tasks, by kind.
      const plan = (where: string, params: string[]): unknown[] | undefined =>
        db.exec(`EXPLAIN QUERY PLAN SELECT * FROM events WHERE ${where} ORDER BY id`, params)[0]?.values.map((row) => row[3]);
      assert.deepEqual(plan('task_id = ? AND kind IN (?)', ['T1', 'verify']), ['SEARCH events USING INDEX events_by_kind (kind=? AND task_id=?)']);
      assert.deepEqual(plan('kind IN (?)', ['verify']), ['SEARCH events USING INDEX events_by_kind (kind=?)', 'USE TEMP B-TREE FOR ORDER BY']);
      assert.deepEqual(plan('run_id = ? AND kind IN (?, ?)', ['r1', 'review', 'approval']), ['SEARCH events USING INDEX events_by_run (run_id=?)']);
    } finally {
      db.close();
    }
  });

  it('refuses a DB written by a newer schema and leaves it untouched', async () => {
    const dir = join(tempDir(), '.specpilot');
    await makeV1(dir);
    const v3 = await openRunStore(dir, { migrations: [...MIGRATIONS, TEST_V3] });
    assert.ok(v3.ok);
    await v3.store.close();
    const before = readFileSync(join(dir, 'state.db'));

    const refused = await openRunStore(dir);
    assert.deepEqual(refused, {
      ok: false,
      error: {
        kind: 'newer_schema',
        found: 3,
        known: 2,
        message: 'state.db was written by a newer Specpilot (schema version 3; this one knows up to 2). Upgrade Specpilot to use it; it was left untouched.',
      },
    });
    const readOnly = await readRunStore(dir);
    assert.equal(readOnly.ok, false);
    assert.deepEqual(readFileSync(join(dir, 'state.db')), before);
  });

  it('reports a failing migration and leaves the file as it was', async () => {
    const dir = join(tempDir(), '.specpilot');
    await makeV1(dir);
    const before = readFileSync(join(dir, 'state.db'));
    const broken: Migration = { version: 2, name: 'broken', sql: 'ALTER TABLE no_such_table ADD COLUMN x TEXT;' };
    const result = await openRunStore(dir, { migrations: [MIGRATIONS[0]!, broken] });
    assert.deepEqual(result, {
      ok: false,
      error: {
        kind: 'migration_failed',
        version: 2,
        message: 'could not upgrade state.db to schema version 2 (broken): no such table: no_such_table; it was left untouched',
      },
    });
    assert.deepEqual(readFileSync(join(dir, 'state.db')), before);
    // Still a good v1 file.
    const v1 = await openRunStore(dir, { migrations: V1_ONLY });
    assert.ok(v1.ok);
    assert.equal(v1.store.task('T1')?.commitSha, 'abc123');
    await v1.store.close();
  });
});
