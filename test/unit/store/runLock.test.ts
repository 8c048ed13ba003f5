// The run lock between real processes: a live holder is named to the second runner, a holder
// killed with SIGKILL is taken over (at once with force, by staleness without), and a live holder
// is taken from only when forced with 'live'.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { acquireRunLock, isPidAlive, readLockOwner, type LockOwner } from '../../../src/core/store';
import { Child, killChildren, removeTempDirs, tempDir } from './storeTestKit';

const ME: LockOwner = { pid: process.pid, host: hostname(), operator: 'me@test', front: 'cli', startedAt: 1_700_000_100_000 };

function childOwner(pid: number): LockOwner {
  return { pid, host: hostname(), operator: 'child@test', front: 'extension', startedAt: 1_700_000_000_000 };
}

async function holder(dir: string, staleMs?: number, mode?: 'exit'): Promise<Child> {
  const child = new Child('lockHolder.ts', [dir, staleMs === undefined ? '' : String(staleMs), ...(mode === undefined ? [] : [mode])]);
  await child.waitFor((line) => line.startsWith('locked ') || line.startsWith('refused '));
  assert.equal(child.output[0], `locked ${child.pid}`);
  return child;
}

describe('store: run lock', function () {
  this.timeout(120_000);
  afterEach(async () => {
    await killChildren();
    removeTempDirs();
  });

  it('takes a free lock, writes its details beside it, and releases both', async () => {
    const dir = join(tempDir(), '.specpilot');
    const result = await acquireRunLock(dir, { owner: ME });
    assert.ok(result.ok);
    assert.equal(result.tookOverFrom, null);
    assert.equal(result.lock.path, join(dir, 'run.lock'));
    assert.deepEqual(readLockOwner(dir), ME);
    assert.equal(existsSync(join(dir, 'run.lock')), true);
    await result.lock.release();
    await result.lock.release();
    assert.equal(existsSync(join(dir, 'run.lock')), false);
    assert.equal(existsSync(join(dir, 'run.lock.json')), false);
    assert.equal(result.lock.compromised, null);
  });

  it('names a live holder in another process, refuses force, and frees once it releases', async () => {
    const dir = join(tempDir(), '.specpilot');
    const child = await holder(dir);
    const since = new Date(1_700_000_000_000).toISOString();
    const who = `the VS Code extension (pid ${child.pid} on ${hostname()}, child@test) since ${since}`;

    const held = await acquireRunLock(dir, { owner: ME });
    assert.deepEqual(held, {
      ok: false,
      error: {
        kind: 'lock_held',
        holder: childOwner(child.pid),
        holderAlive: true,
        message: `A run is already in progress in ${dir}: ${who}. Wait for it to finish or stop it; if it has stopped, run again with --force to take the lock over.`,
      },
    });
    const forced = await acquireRunLock(dir, { owner: ME, force: true });
    assert.equal(forced.ok, false);
    assert.equal(
      forced.ok ? '' : forced.error.message,
      `A run is already in progress in ${dir}: ${who}. Its pid is alive on this host, and --force only takes over a lock whose holder is gone: stop that run first.`,
    );

    child.process.stdin!.end();
    await child.waitFor((line) => line === 'released');
    await child.exited;
    const free = await acquireRunLock(dir, { owner: ME });
    assert.ok(free.ok);
    assert.equal(free.tookOverFrom, null, 'a released lock leaves no details behind');
    await free.lock.release();
  });

  it('releases the lock and its details when the holder exits without releasing', async () => {
    const dir = join(tempDir(), '.specpilot');
    const child = await holder(dir, undefined, 'exit');
    child.process.stdin!.end();
    assert.equal((await child.exited).code, 0);
    assert.equal(existsSync(join(dir, 'run.lock')), false);
    assert.equal(existsSync(join(dir, 'run.lock.json')), false);
    const free = await acquireRunLock(dir, { owner: ME });
    assert.ok(free.ok);
    assert.equal(free.tookOverFrom, null);
    await free.lock.release();
  });

  it('takes over at once with force from a holder killed with SIGKILL', async () => {
    const dir = join(tempDir(), '.specpilot');
    const child = await holder(dir);
    const pid = child.pid;
    await child.kill('SIGKILL');
    assert.equal(isPidAlive(pid), false);
    assert.equal(existsSync(join(dir, 'run.lock')), true, 'SIGKILL leaves the lock behind');

    const held = await acquireRunLock(dir, { owner: ME });
    assert.equal(held.ok, false);
    assert.deepEqual(held.ok ? null : [held.error.kind, held.error.kind === 'lock_held' ? held.error.holderAlive : null], ['lock_held', false]);
    assert.match(held.ok ? '' : held.error.message, /Its pid is not running on this host: run again with --force to take the lock over\.$/);

    const forced = await acquireRunLock(dir, { owner: ME, force: true });
    assert.ok(forced.ok);
    assert.deepEqual(forced.tookOverFrom, childOwner(pid));
    assert.deepEqual(readLockOwner(dir), ME);
    await forced.lock.release();
  });

  it('takes over a stale lock left by a SIGKILLed holder without force', async () => {
    const dir = join(tempDir(), '.specpilot');
    const child = await holder(dir, 2000);
    const pid = child.pid;
    await child.kill('SIGKILL');
    // The lock goes stale once its holder has not refreshed it for staleMs: poll until then.
    let result = await acquireRunLock(dir, { owner: ME, staleMs: 2000 });
    for (let i = 0; !result.ok && i < 100; i++) {
      assert.equal(result.error.kind, 'lock_held');
      await new Promise((resolve) => setTimeout(resolve, 250));
      result = await acquireRunLock(dir, { owner: ME, staleMs: 2000 });
    }
    assert.ok(result.ok);
    assert.deepEqual(result.tookOverFrom, childOwner(pid));
    await result.lock.release();
  });

  it("takes the lock from a live holder only with force 'live', and the holder learns it lost it", async () => {
    const dir = join(tempDir(), '.specpilot');
    const child = await holder(dir, 2000);
    const taken = await acquireRunLock(dir, { owner: ME, force: 'live' });
    assert.ok(taken.ok);
    assert.deepEqual(taken.tookOverFrom, childOwner(child.pid));
    // The old holder's next refresh finds the lock is not its own any more: reported, not a crash.
    const lost = await child.waitFor((line) => line.startsWith('compromised '));
    assert.match(lost, /^compromised the run lock .*run\.lock was lost: /);
    assert.equal(child.process.exitCode, null, 'the old holder is still running');
    await taken.lock.release();
    await child.kill('SIGKILL');
  });
});
