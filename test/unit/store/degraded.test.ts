// Degraded mode: a save that fails (injected ENOSPC / EROFS, a real ENOTDIR) keeps the run going
// in memory, is reported once, recorded as an event, and recovers at the next flush that works; a
// corrupt file at open is moved aside, never deleted, and a fresh state started.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRunStore, readRunStore, type DegradedReason, type RunStore, type RunStoreOptions } from '../../../src/core/store';
import { loadSqlJs } from '../../../src/core/store/sqlJsLoader';
import { FakeClock, FaultyWriter, removeTempDirs, tempDir, unwrap } from './storeTestKit';

async function open(dir: string, options: RunStoreOptions): Promise<RunStore> {
  const result = await openRunStore(dir, options);
  if (!result.ok) throw new Error(result.error.message);
  return result.store;
}

async function savedEventKinds(dir: string): Promise<string[]> {
  const snapshot = await readRunStore(dir);
  assert.ok(snapshot.ok);
  const kinds = snapshot.store.events().map((e) => e.kind);
  snapshot.store.close();
  return kinds;
}

describe('store: degraded mode', function () {
  this.timeout(30_000);
  afterEach(removeTempDirs);

  for (const code of ['ENOSPC', 'EROFS', 'EACCES']) {
    it(`keeps recording in memory on ${code}, reports it once, and recovers at the next flush`, async () => {
      const dir = join(tempDir(), '.specpilot');
      const clock = new FakeClock();
      const writer = new FaultyWriter();
      const degraded: DegradedReason[] = [];
      let recovered = 0;
      const store = await open(dir, { clock, writer, onDegraded: (r) => degraded.push(r), onRecovered: () => recovered++ });
      store.recordEvent({ runId: null, taskId: null, kind: 'before' });
      await store.flush();

      writer.failWith = code;
      store.recordEvent({ runId: null, taskId: null, kind: 'during-1' });
      await store.flush();
      const reason: DegradedReason = {
        kind: 'save_failed',
        code,
        message:
          `cannot save ${join(dir, 'state.db')} (${code}: injected fault, write '${code}'). The run state is kept in memory ` +
          'and saving is retried at the next flush; a crash before a save succeeds loses what was recorded since the last one.',
      };
      assert.deepEqual(degraded, [reason]);
      assert.deepEqual(store.degraded, reason);

      // More changes and failing flushes: still reported once; no timer hammers the disk.
      store.recordEvent({ runId: null, taskId: null, kind: 'during-2' });
      assert.equal(clock.pendingTimers, 0);
      await store.flush();
      store.flushSync();
      assert.equal(degraded.length, 1);
      assert.deepEqual(await savedEventKinds(dir), ['before'], 'the file keeps the last good save');
      assert.deepEqual(
        store.events().map((e) => e.kind),
        ['before', 'during-1', 'state_degraded', 'during-2'],
      );

      writer.failWith = null;
      await store.flush();
      assert.equal(store.degraded, null);
      assert.equal(recovered, 1);
      assert.deepEqual(await savedEventKinds(dir), ['before', 'during-1', 'state_degraded', 'during-2', 'state_recovered']);
      const recordedReason = store.events().find((e) => e.kind === 'state_degraded')?.data;
      assert.deepEqual(recordedReason, { ...reason });
      await store.close();
      assert.equal(degraded.length, 1);
    });
  }

  it('degrades on a real ENOTDIR (the state dir cannot exist) and recovers when it can', async () => {
    const root = tempDir();
    const blocker = join(root, 'spec');
    writeFileSync(blocker, 'a file where the spec directory should be');
    const dir = join(blocker, '.specpilot');
    const degraded: DegradedReason[] = [];
    const store = await open(dir, { clock: new FakeClock(), onDegraded: (r) => degraded.push(r) });
    assert.deepEqual(
      degraded.map((r) => [r.kind, r.kind === 'save_failed' ? r.code : '']),
      [['save_failed', 'ENOTDIR']],
    );
    unwrap(store.beginRun({ id: 'r', mode: 'task', operator: 'o', front: 'cli', pid: 1, budgetUsd: null }));

    rmSync(blocker);
    mkdirSync(blocker);
    await store.flush();
    assert.equal(store.degraded, null);
    await store.close();
    const snapshot = await readRunStore(dir);
    assert.ok(snapshot.ok);
    assert.equal(snapshot.store.run('r')?.status, 'running');
    assert.deepEqual(
      snapshot.store.events().map((e) => e.kind),
      ['state_degraded', 'state_recovered'],
    );
    snapshot.store.close();
    assert.equal(readFileSync(join(dir, '.gitignore'), 'utf8'), '*\n');
  });

  it('degrades on a real read-only directory (chmod 0555; root ignores it, so skipped as root)', async function () {
    if (process.getuid?.() === 0) this.skip();
    const dir = join(tempDir(), '.specpilot');
    const first = await open(dir, { clock: new FakeClock() });
    await first.close();
    chmodSync(dir, 0o555);
    try {
      const degraded: DegradedReason[] = [];
      const store = await open(dir, { clock: new FakeClock(), onDegraded: (r) => degraded.push(r) });
      store.recordEvent({ runId: null, taskId: null, kind: 'x' });
      await store.flush();
      assert.deepEqual(
        degraded.map((r) => (r.kind === 'save_failed' ? r.code : r.kind)),
        ['EACCES'],
      );
      chmodSync(dir, 0o755);
      await store.flush();
      assert.equal(store.degraded, null);
      await store.close();
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('moves a corrupt file aside, never deletes it, and starts a fresh state', async () => {
    const dir = join(tempDir(), '.specpilot');
    mkdirSync(dir);
    const garbage = Buffer.from('this is not an SQLite database, just bytes where state.db should be');
    writeFileSync(join(dir, 'state.db'), garbage);
    const clock = new FakeClock();
    const degraded: DegradedReason[] = [];
    const store = await open(dir, { clock, onDegraded: (r) => degraded.push(r) });
    const movedTo = join(dir, 'state.db.corrupt-2023-11-14T22-13-20-000Z');
    assert.deepEqual(degraded, [
      {
        kind: 'corrupt',
        movedTo,
        message: `state.db could not be read as a state DB (file is not a database): moved it to ${movedTo} and started a fresh state.`,
      },
    ]);
    assert.equal(store.degraded, null, 'saving works: the store is not degraded');
    assert.deepEqual(readFileSync(movedTo), garbage);
    assert.deepEqual(
      store.events().map((e) => e.kind),
      ['state_degraded'],
    );
    await store.close();
    assert.deepEqual(await savedEventKinds(dir), ['state_degraded']);
  });

  it('treats a truncated DB and a foreign SQLite file as corrupt', async () => {
    const dir = join(tempDir(), '.specpilot');
    const store = await open(dir, { clock: new FakeClock() });
    unwrap(store.beginRun({ id: 'r', mode: 'all', operator: 'o', front: 'cli', pid: 1, budgetUsd: null }));
    for (let i = 0; i < 200; i++) unwrap(store.upsertTask(`T${i}`, { lastError: 'e'.repeat(2000) }));
    await store.close();
    const whole = readFileSync(join(dir, 'state.db'));
    writeFileSync(join(dir, 'state.db'), whole.subarray(0, Math.floor(whole.length / 2)));
    const reasons: DegradedReason[] = [];
    const fresh = await open(dir, { clock: new FakeClock(), onDegraded: (r) => reasons.push(r) });
    assert.equal(fresh.run('r'), null);
    await fresh.close();
    assert.match(reasons[0]?.message ?? '', /^state\.db could not be read as a state DB \(database disk image is malformed\): moved it to /);

    // A valid SQLite file that is not ours: tables, but no Specpilot schema version.
    const other = join(tempDir(), '.specpilot');
    mkdirSync(other);
    const plain = await plainSqliteFile();
    writeFileSync(join(other, 'state.db'), plain);
    const foreign: DegradedReason[] = [];
    const s2 = await open(other, { clock: new FakeClock(), onDegraded: (r) => foreign.push(r) });
    await s2.close();
    assert.match(foreign[0]?.message ?? '', /^state\.db could not be read as a state DB \(it is a SQLite file without a Specpilot schema version\)/);
    assert.deepEqual(readFileSync(join(other, 'state.db.corrupt-2023-11-14T22-13-20-000Z')), Buffer.from(plain));
  });

  it('refuses a state file it cannot read, naming why, and leaves it alone', async () => {
    const dir = join(tempDir(), '.specpilot');
    mkdirSync(join(dir, 'state.db'), { recursive: true });
    const result = await openRunStore(dir, {});
    assert.deepEqual(result, {
      ok: false,
      error: { kind: 'unreadable', code: 'EISDIR', message: `cannot read ${join(dir, 'state.db')}: EISDIR: illegal operation on a directory, read` },
    });
    assert.deepEqual(readdirSync(join(dir, 'state.db')), []);
  });

  it('removes temp files a killed save left behind, once they are old', async () => {
    const dir = join(tempDir(), '.specpilot');
    mkdirSync(dir);
    const old = join(dir, 'state.db.123456');
    const recent = join(dir, 'state.db.654321');
    writeFileSync(old, 'partial');
    writeFileSync(recent, 'partial');
    const past = new Date(Date.now() - 3_600_000);
    utimesSync(old, past, past);
    const store = await open(dir, {});
    await store.close();
    assert.equal(existsSync(old), false);
    assert.equal(existsSync(recent), true);
    assert.deepEqual(readdirSync(dir).sort(), ['.gitignore', 'state.db', 'state.db.654321']);
  });
});

/** An SQLite file with one plain table, made with sql.js directly. */
async function plainSqliteFile(): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.exec('CREATE TABLE t (a TEXT); INSERT INTO t VALUES (1);');
  const bytes = db.export();
  db.close();
  return bytes;
}
