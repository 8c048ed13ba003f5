// Schema migrations on real files: a DB made by migration 1 alone upgrades in place and keeps its
// data; a DB from a newer schema, or a migration that fails, is refused and left byte for byte.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS, openRunStore, readRunStore, type Migration } from '../../../src/core/store';
import { knownVersion } from '../../../src/core/store/migrations';
import { FakeClock, removeTempDirs, tempDir, unwrap } from './storeTestKit';

const V1_ONLY: readonly Migration[] = [MIGRATIONS[0]!];

/** What a later release might add: a column with a default and a new table. */
const TEST_V2: Migration = {
  version: 2,
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

  it('ships migration 1 as the initial schema, numbered from 1', () => {
    assert.deepEqual(
      MIGRATIONS.map((m) => [m.version, m.name]),
      [[1, 'initial schema']],
    );
    assert.throws(() => knownVersion([MIGRATIONS[0]!, { ...TEST_V2, version: 3 }]), /migration 2 has version 3/);
  });

  it('upgrades a v1 DB in place and keeps its data', async () => {
    const dir = join(tempDir(), '.specpilot');
    await makeV1(dir);
    const upgraded = await openRunStore(dir, { migrations: [...MIGRATIONS, TEST_V2] });
    assert.ok(upgraded.ok);
    assert.equal(upgraded.store.schemaVersion, 2);
    assert.equal(upgraded.store.run('r1')?.mode, 'all');
    assert.deepEqual([upgraded.store.task('T1')?.status, upgraded.store.task('T1')?.commitSha], ['done', 'abc123']);
    await upgraded.store.close();

    // The upgrade was saved at open: the file on disk is v2 now, with the new column in place.
    const snapshot = await readRunStore(dir, { migrations: [...MIGRATIONS, TEST_V2] });
    assert.ok(snapshot.ok);
    assert.equal(snapshot.store.schemaVersion, 2);
    assert.equal(snapshot.store.task('T1')?.stage, 'done');
    snapshot.store.close();
  });

  it('refuses a DB written by a newer schema and leaves it untouched', async () => {
    const dir = join(tempDir(), '.specpilot');
    await makeV1(dir);
    const v2 = await openRunStore(dir, { migrations: [...MIGRATIONS, TEST_V2] });
    assert.ok(v2.ok);
    await v2.store.close();
    const before = readFileSync(join(dir, 'state.db'));

    const refused = await openRunStore(dir);
    assert.deepEqual(refused, {
      ok: false,
      error: {
        kind: 'newer_schema',
        found: 2,
        known: 1,
        message: 'state.db was written by a newer Specpilot (schema version 2; this one knows up to 1). Upgrade Specpilot to use it; it was left untouched.',
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
    const result = await openRunStore(dir, { migrations: [...MIGRATIONS, broken] });
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
