// kill -9 at random moments while a real child process records and saves in a loop: every time,
// state.db opens and holds a consistent prefix of what was recorded (never half a save).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openRunStore, readRunStore } from '../../../src/core/store';
import { Child, killChildren, removeTempDirs, tempDir } from './storeTestKit';

const KILLS = 5;

/** The consistent-prefix invariant: ticks 1..n, each once, in order, and T1's machine at n. */
async function checkPrefix(dir: string): Promise<number> {
  const snapshot = await readRunStore(dir);
  assert.ok(snapshot.ok, snapshot.ok ? '' : snapshot.error.message);
  const ticks = snapshot.store.events({ taskId: 'T1' }).map((e) => (typeof e.data === 'object' && e.data !== null && 'i' in e.data ? e.data['i'] : null));
  const machine = snapshot.store.task('T1')?.machine ?? null;
  const pad = snapshot.store.task('PAD')?.lastError?.length;
  snapshot.store.close();
  assert.deepEqual(
    ticks,
    Array.from({ length: ticks.length }, (_, k) => k + 1),
  );
  assert.equal(machine === null ? 0 : Number(JSON.parse(machine).i), ticks.length);
  if (ticks.length > 0) assert.equal(pad, 3_000_000);
  return ticks.length;
}

describe('store: crash safety', function () {
  this.timeout(180_000);
  afterEach(async () => {
    await killChildren();
    removeTempDirs();
  });

  it(`survives ${KILLS} SIGKILLs at random moments during saves`, async () => {
    const dir = join(tempDir(), '.specpilot');
    let last = 0;
    for (let k = 0; k < KILLS; k++) {
      const child = new Child('saveLoop.ts', [dir]);
      // Let it save a few times past where the previous child stopped, then kill it anywhere.
      const target = last + 3 + Math.floor(Math.random() * 20);
      await child.waitFor((line) => line === `saved ${target}`);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 30));
      await child.kill('SIGKILL');
      assert.equal((await child.exited).signal, 'SIGKILL');
      const count = await checkPrefix(dir);
      assert.equal(count >= target, true, `the state holds at least the ${target} saves reported (has ${count})`);
      last = count;
    }
    // A writer opening it afterwards finds a good file: nothing moved aside.
    const opened = await openRunStore(dir);
    assert.ok(opened.ok);
    assert.equal(opened.store.degraded, null);
    await opened.store.close();
    assert.deepEqual(
      readdirSync(dir).filter((name) => name.includes('corrupt')),
      [],
    );
  });
});
