// Saves land in order: a change that fails half-way leaves nothing behind, and a synchronous
// flush landing while an older async save is still writing is never left overwritten by it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { atomicStateFileWriter, openRunStore, readRunStore, type StateFileWriter } from '../../../src/core/store';
import { SqlDb } from '../../../src/core/store/sqlHelpers';
import { loadSqlJs } from '../../../src/core/store/sqlJsLoader';
import { FakeClock, removeTempDirs, tempDir } from './storeTestKit';

/** Async writes wait until released: the test decides when the older save's rename happens. */
class GatedWriter implements StateFileWriter {
  private release: (() => void) | null = null;
  waiting = 0;

  async write(path: string, data: Uint8Array): Promise<void> {
    this.waiting++;
    await new Promise<void>((resolve) => (this.release = resolve));
    await atomicStateFileWriter.write(path, data);
  }

  writeSync(path: string, data: Uint8Array): void {
    atomicStateFileWriter.writeSync(path, data);
  }

  open(): void {
    this.release?.();
    this.release = null;
  }
}

/** Lets I/O callbacks run until `done` holds, or gives up (the assertions after it then tell). */
async function settle(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100_000 && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('store: save ordering', function () {
  this.timeout(30_000);
  afterEach(removeTempDirs);

  it('rolls back a change that throws and keeps batching the next ones', async () => {
    const SQL = await loadSqlJs();
    const sql = new SqlDb(new SQL.Database());
    sql.db.exec('CREATE TABLE t (a INTEGER PRIMARY KEY)');
    sql.change(() => sql.run('INSERT INTO t VALUES (1)'));
    assert.throws(() =>
      sql.change(() => {
        sql.run('INSERT INTO t VALUES (2)');
        sql.run('INSERT INTO t VALUES (1)'); // duplicate key
      }),
    );
    sql.change(() => sql.run('INSERT INTO t VALUES (3)'));
    sql.commit();
    assert.deepEqual(
      sql.all('SELECT a FROM t ORDER BY a').map((r) => r['a']),
      [1, 3],
    );
    sql.close();
  });

  it('re-saves when a flushSync lands while an older async save is writing', async () => {
    const dir = join(tempDir(), '.specpilot');
    const writer = new GatedWriter();
    const opening = openRunStore(dir, { clock: new FakeClock(), writer });
    // The first save of a new file waits at the gate too.
    await settle(() => writer.waiting >= 1);
    writer.open();
    const opened = await opening;
    assert.ok(opened.ok);
    const store = opened.store;

    store.recordEvent({ runId: null, taskId: null, kind: 'older' });
    const olderSave = store.flush();
    await settle(() => writer.waiting >= 2);
    store.recordEvent({ runId: null, taskId: null, kind: 'newer' });
    store.flushSync();
    // Now the older snapshot is renamed over the newer one...
    writer.open();
    await olderSave;
    // ...and the store notices and saves again (through the gate, which we open once more).
    await settle(() => writer.waiting >= 3);
    writer.open();
    await store.flush();
    await store.close();
    const snapshot = await readRunStore(dir);
    assert.ok(snapshot.ok);
    assert.deepEqual(
      snapshot.store.events().map((e) => e.kind),
      ['older', 'newer'],
    );
    snapshot.store.close();
  });
});
