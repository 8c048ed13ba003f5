// The run-state store on real files: every record kind round-trips with exact values (in memory,
// and through close and reopen), saves are debounced and coalesced, flush writes, and the queries
// the CLI needs (costs, events, latest run, live processes) answer as documented.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GATE_OUTPUT_TAIL_MAX,
  gateOutputDigest,
  openRunStore,
  readRunStore,
  type AttemptRecord,
  type RunStore,
  type RunStoreOptions,
} from '../../../src/core/store';
import { FakeClock, FaultyWriter, T0, removeTempDirs, tempDir, unwrap } from './storeTestKit';

const SHA = 'a'.repeat(64);

async function open(dir: string, options: RunStoreOptions = {}): Promise<RunStore> {
  const result = await openRunStore(dir, options);
  if (!result.ok) throw new Error(result.error.message);
  return result.store;
}

/** One of everything, with values chosen to be exact in binary floating point. */
function recordEverything(store: RunStore, clock: FakeClock): { runId: string; attempt: AttemptRecord } {
  const run = unwrap(store.beginRun({ id: 'run-1', mode: 'all', operator: 'alice@ws', front: 'cli', pid: 4242, budgetUsd: 12.5 }));
  unwrap(
    store.upsertTask('TASK-001', {
      runId: run.id,
      status: 'running',
      stage: 'implement',
      branch: 'task/TASK-001-login',
      baseBranch: 'main',
      machine: '{"stage":"implement","attempt":1}',
    }),
  );
  clock.advance(1000);
  const attempt = unwrap(
    store.beginAttempt({ runId: run.id, taskId: 'TASK-001', agent: 'claude', command: 'claude', model: 'sonnet', promptHash: 'p'.repeat(64) }),
  );
  clock.advance(5000);
  const finished = unwrap(
    store.finishAttempt(attempt.id, {
      outcome: 'answered',
      marker: 'failed',
      reason: 'tests fail',
      exitCode: 0,
      costUsd: 0.375,
      tokens: { input: 1200, output: 340, cacheRead: 9000, cacheWrite: 150 },
      errorContext: 'FAIL test/login.test.ts\n  expected 200, got 500',
    }),
  );
  unwrap(
    store.recordGate({
      attemptId: attempt.id,
      name: 'test',
      command: 'npm test',
      exitCode: 1,
      passed: false,
      durationMs: 2345,
      outputTail: '1 failing',
      outputSha256: SHA,
    }),
  );
  store.recordEvent({ runId: run.id, taskId: 'TASK-001', kind: 'gate_failed', data: { gate: 'test', exitCode: 1, nested: [1, 'two', null, true] } });
  unwrap(store.recordProcess({ pid: 777, pgid: 777, runId: run.id, taskId: 'TASK-001', attemptId: attempt.id, command: 'claude -p', startedAt: T0 + 1000 }));
  return { runId: run.id, attempt: finished };
}

describe('store: sqlJsRunStore', function () {
  this.timeout(30_000);
  afterEach(removeTempDirs);

  it('round-trips every record kind with exact values, in memory and after close and reopen', async () => {
    const dir = join(tempDir(), '.specpilot');
    const clock = new FakeClock();
    const store = await open(dir, { clock });
    const { attempt } = recordEverything(store, clock);

    const check = (s: Pick<RunStore, 'run' | 'task' | 'attempts' | 'gateResults' | 'events' | 'liveProcesses' | 'schemaVersion'>): void => {
      assert.equal(s.schemaVersion, 2);
      assert.deepEqual(s.run('run-1'), {
        id: 'run-1',
        startedAt: T0,
        endedAt: null,
        status: 'running',
        mode: 'all',
        operator: 'alice@ws',
        front: 'cli',
        pid: 4242,
        budgetUsd: 12.5,
        costUsd: 0.375,
        unpriced: false,
      });
      assert.deepEqual(s.task('TASK-001'), {
        taskId: 'TASK-001',
        runId: 'run-1',
        status: 'running',
        stage: 'implement',
        attempts: 1,
        branch: 'task/TASK-001-login',
        baseBranch: 'main',
        lastError: null,
        costUsd: 0.375,
        unpriced: false,
        commitSha: null,
        mergeSha: null,
        updatedAt: T0 + 6000,
        machine: '{"stage":"implement","attempt":1}',
      });
      assert.deepEqual(s.attempts('TASK-001'), [
        {
          id: attempt.id,
          runId: 'run-1',
          taskId: 'TASK-001',
          n: 1,
          agent: 'claude',
          command: 'claude',
          model: 'sonnet',
          startedAt: T0 + 1000,
          endedAt: T0 + 6000,
          outcome: 'answered',
          marker: 'failed',
          reason: 'tests fail',
          exitCode: 0,
          costUsd: 0.375,
          tokens: { input: 1200, output: 340, cacheRead: 9000, cacheWrite: 150 },
          logPath: join(dir, 'logs', 'TASK-001', 'attempt-1.log'),
          errorContext: 'FAIL test/login.test.ts\n  expected 200, got 500',
          promptHash: 'p'.repeat(64),
        },
      ]);
      assert.deepEqual(s.gateResults(attempt.id), [
        { id: 1, attemptId: attempt.id, name: 'test', command: 'npm test', exitCode: 1, passed: false, durationMs: 2345, outputTail: '1 failing', outputSha256: SHA },
      ]);
      assert.deepEqual(s.events(), [
        { id: 1, runId: 'run-1', taskId: 'TASK-001', at: T0 + 6000, kind: 'gate_failed', data: { gate: 'test', exitCode: 1, nested: [1, 'two', null, true] } },
      ]);
      assert.deepEqual(s.liveProcesses(), [
        { pid: 777, pgid: 777, runId: 'run-1', taskId: 'TASK-001', attemptId: attempt.id, command: 'claude -p', startedAt: T0 + 1000 },
      ]);
    };

    check(store);
    await store.close();
    assert.equal(store.closed, true);
    const reopened = await open(dir, { clock });
    check(reopened);
    await reopened.close();
    const snapshot = await readRunStore(dir);
    assert.ok(snapshot.ok);
    check(snapshot.store);
    snapshot.store.close();
  });

  it('creates the directory with a .gitignore of * and keeps a .gitignore the user wrote', async () => {
    const fresh = join(tempDir(), 'spec', '.specpilot');
    await (await open(fresh)).close();
    assert.equal(readFileSync(join(fresh, '.gitignore'), 'utf8'), '*\n');
    assert.equal(existsSync(join(fresh, 'state.db')), true);

    const edited = join(tempDir(), '.specpilot');
    mkdirSync(edited);
    writeFileSync(join(edited, '.gitignore'), 'state.db\n!keep.md\n');
    await (await open(edited)).close();
    assert.equal(readFileSync(join(edited, '.gitignore'), 'utf8'), 'state.db\n!keep.md\n');
  });

  it('saves once per debounce window however many changes come in, and flush saves at once', async () => {
    const dir = join(tempDir(), '.specpilot');
    const clock = new FakeClock();
    const writer = new FaultyWriter();
    const store = await open(dir, { clock, writer, saveDelayMs: 200 });
    assert.equal(writer.writes, 1, 'a new file is written at open');

    unwrap(store.beginRun({ id: 'r', mode: 'task', operator: 'o', front: 'cli', pid: 1, budgetUsd: null }));
    for (let i = 0; i < 50; i++) store.recordEvent({ runId: 'r', taskId: null, kind: 'tick', data: i });
    assert.equal(clock.pendingTimers, 1, 'one timer for all 51 changes');
    clock.advance(150);
    store.recordEvent({ runId: 'r', taskId: null, kind: 'tick', data: 50 });
    clock.advance(49);
    assert.equal(writer.attempts, 1, 'nothing saved before the window ends');
    clock.advance(1);
    // The timer's save is in flight; flush waits for it and finds nothing left to save.
    await store.flush();
    assert.equal(writer.writes, 2);
    const saved = await readRunStore(dir);
    assert.ok(saved.ok);
    assert.equal(saved.store.events().length, 51);
    saved.store.close();

    // flush writes now, without the clock moving, and cancels the pending timer.
    store.recordEvent({ runId: 'r', taskId: null, kind: 'tick', data: 51 });
    assert.equal(clock.pendingTimers, 1);
    await store.flush();
    assert.equal(writer.writes, 3);
    assert.equal(clock.pendingTimers, 0);
    // Nothing changed: nothing to write.
    await store.flush();
    store.flushSync();
    assert.equal(writer.writes, 3);
    store.recordEvent({ runId: 'r', taskId: null, kind: 'tick', data: 52 });
    store.flushSync();
    assert.equal(writer.writes, 4);
    await store.close();
    const final = await readRunStore(dir);
    assert.ok(final.ok);
    assert.deepEqual(
      final.store.events().map((e) => e.data),
      Array.from({ length: 53 }, (_, i) => i),
    );
    final.store.close();
  });

  it('numbers attempts per task across runs, keeps task and run totals, and reports costs', async () => {
    const clock = new FakeClock();
    const store = await open(join(tempDir(), '.specpilot'), { clock });
    const r1 = unwrap(store.beginRun({ id: 'r1', mode: 'all', operator: 'o', front: 'cli', pid: 1, budgetUsd: null }));
    clock.advance(10);
    const r2 = unwrap(store.beginRun({ id: 'r2', mode: 'retry', operator: 'o', front: 'extension', pid: 2, budgetUsd: 5 }));
    const begin = (runId: string, taskId: string): AttemptRecord =>
      unwrap(store.beginAttempt({ runId, taskId, agent: 'codex', command: 'codex', model: '', promptHash: 'h' }));
    const finish = (a: AttemptRecord, costUsd: number | null): void => {
      unwrap(
        store.finishAttempt(a.id, { outcome: 'answered', marker: 'complete', reason: '', exitCode: 0, costUsd, tokens: { input: 1, output: 1, cacheRead: 0, cacheWrite: 0 }, errorContext: '' }),
      );
    };
    const t10a = begin(r1.id, 'T10');
    finish(t10a, 0.5);
    const t2a = begin(r1.id, 'T2');
    finish(t2a, 2.25);
    const t2b = begin(r2.id, 'T2');
    finish(t2b, null); // unpriced
    const t1a = begin(r2.id, 'T1');
    finish(t1a, 1);
    const t3running = begin(r2.id, 'T3'); // still running: not unpriced yet

    assert.deepEqual(
      store.attempts('T2').map((a) => [a.n, a.runId]),
      [
        [1, 'r1'],
        [2, 'r2'],
      ],
    );
    assert.equal(t3running.n, 1);
    assert.equal(t3running.logPath.endsWith(join('logs', 'T3', 'attempt-1.log')), true);
    assert.deepEqual(store.costs(), {
      tasks: [
        { taskId: 'T1', costUsd: 1, unpriced: false, attempts: 1, reviews: 0, reviewCostUsd: 0, reviewUnpriced: false },
        { taskId: 'T2', costUsd: 2.25, unpriced: true, attempts: 2, reviews: 0, reviewCostUsd: 0, reviewUnpriced: false },
        { taskId: 'T3', costUsd: 0, unpriced: false, attempts: 1, reviews: 0, reviewCostUsd: 0, reviewUnpriced: false },
        { taskId: 'T10', costUsd: 0.5, unpriced: false, attempts: 1, reviews: 0, reviewCostUsd: 0, reviewUnpriced: false },
      ],
      totalUsd: 3.75,
      unpriced: true,
      unpricedTasks: 1,
    });
    assert.deepEqual(
      store.costs({ sort: 'cost' }).tasks.map((t) => t.taskId),
      ['T2', 'T1', 'T10', 'T3'],
    );
    assert.deepEqual(store.costs({ runId: 'r1' }), {
      tasks: [
        { taskId: 'T2', costUsd: 2.25, unpriced: false, attempts: 1, reviews: 0, reviewCostUsd: 0, reviewUnpriced: false },
        { taskId: 'T10', costUsd: 0.5, unpriced: false, attempts: 1, reviews: 0, reviewCostUsd: 0, reviewUnpriced: false },
      ],
      totalUsd: 2.75,
      unpriced: false,
      unpricedTasks: 0,
    });
    assert.deepEqual(
      store.tasks().map((t) => [t.taskId, t.attempts, t.costUsd, t.unpriced, t.runId, t.status]),
      [
        ['T1', 1, 1, false, 'r2', 'pending'],
        ['T2', 2, 2.25, true, 'r2', 'pending'],
        ['T3', 1, 0, false, 'r2', 'pending'],
        ['T10', 1, 0.5, false, 'r1', 'pending'],
      ],
    );
    assert.deepEqual(
      [store.run('r1')?.costUsd, store.run('r1')?.unpriced, store.run('r2')?.costUsd, store.run('r2')?.unpriced],
      [2.75, false, 1, true],
    );
    await store.close();
  });

  it('answers latest run, filters events and marks crashed runs interrupted', async () => {
    const clock = new FakeClock();
    const store = await open(join(tempDir(), '.specpilot'), { clock });
    assert.equal(store.latestRun(), null);
    unwrap(store.beginRun({ id: 'old', mode: 'task', operator: 'o', front: 'cli', pid: 1, budgetUsd: null }));
    unwrap(store.updateRun('old', { status: 'completed', endedAt: T0 + 5 }));
    clock.advance(100);
    const generated = unwrap(store.beginRun({ mode: 'watch', operator: 'o', front: 'extension', pid: 2, budgetUsd: null }));
    assert.match(generated.id, /^20231114-221320-[0-9a-f]{4}$/);
    assert.equal(store.latestRun()?.id, generated.id);

    store.recordEvent({ runId: 'old', taskId: 'T1', kind: 'a' });
    store.recordEvent({ runId: generated.id, taskId: 'T1', kind: 'b' });
    store.recordEvent({ runId: generated.id, taskId: 'T2', kind: 'c' });
    store.recordEvent({ runId: generated.id, taskId: null, kind: 'd', at: 5 });
    const kinds = (events: readonly { kind: string }[]): string[] => events.map((e) => e.kind);
    assert.deepEqual(kinds(store.events({ runId: generated.id })), ['b', 'c', 'd']);
    assert.deepEqual(kinds(store.events({ taskId: 'T1' })), ['a', 'b']);
    assert.deepEqual(kinds(store.events({ runId: generated.id, taskId: 'T2' })), ['c']);
    assert.deepEqual(kinds(store.events({ afterId: 2 })), ['c', 'd']);
    assert.deepEqual(kinds(store.events({ limit: 2 })), ['c', 'd']);
    assert.deepEqual(store.events({ afterId: 3 }), [{ id: 4, runId: generated.id, taskId: null, at: 5, kind: 'd', data: null }]);

    clock.advance(50);
    const interrupted = store.markRunningRunsInterrupted();
    assert.deepEqual(
      interrupted.map((r) => [r.id, r.status, r.endedAt]),
      [[generated.id, 'interrupted', T0 + 150]],
    );
    assert.deepEqual(
      store.runs().map((r) => [r.id, r.status]),
      [
        ['old', 'completed'],
        [generated.id, 'interrupted'],
      ],
    );
    assert.deepEqual(store.markRunningRunsInterrupted(), []);
    await store.close();
  });

  it('records live processes until they are removed', async () => {
    const store = await open(join(tempDir(), '.specpilot'));
    unwrap(store.recordProcess({ pid: 10, pgid: 10, runId: 'r', taskId: 'T1', attemptId: null, command: 'claude', startedAt: 2 }));
    unwrap(store.recordProcess({ pid: 11, pgid: null, runId: 'r', taskId: 'T2', attemptId: 'a', command: 'codex', startedAt: 1 }));
    assert.deepEqual(
      store.liveProcesses().map((p) => p.pid),
      [11, 10],
    );
    assert.equal(store.removeProcess(10), true);
    assert.equal(store.removeProcess(10), false);
    assert.deepEqual(
      store.liveProcesses().map((p) => p.pid),
      [11],
    );
    await store.close();
  });

  it('bounds gate output and hashes the whole of it', async () => {
    const store = await open(join(tempDir(), '.specpilot'));
    unwrap(store.beginRun({ id: 'r', mode: 'task', operator: 'o', front: 'cli', pid: 1, budgetUsd: null }));
    const a = unwrap(store.beginAttempt({ runId: 'r', taskId: 'T1', agent: 'custom', command: './agent', model: '', promptHash: 'h' }));
    const output = `${'x'.repeat(20_000)}\nlast line`;
    const digest = gateOutputDigest(output);
    assert.equal(digest.outputTail.length, GATE_OUTPUT_TAIL_MAX);
    assert.equal(digest.outputTail.endsWith('x\nlast line'), true);
    assert.equal(digest.outputSha256, createHash('sha256').update(output).digest('hex'));
    const gate = unwrap(
      store.recordGate({ attemptId: a.id, name: 'lint', command: 'npm run lint', exitCode: 0, passed: true, durationMs: 10, outputTail: output, outputSha256: digest.outputSha256 }),
    );
    assert.equal(gate.outputTail, digest.outputTail);
    assert.deepEqual(store.gateResults(a.id), [gate]);
    await store.close();
  });

  it('returns an error naming the field for bad input and unknown ids, and records nothing', async () => {
    const store = await open(join(tempDir(), '.specpilot'));
    unwrap(store.beginRun({ id: 'r', mode: 'task', operator: 'o', front: 'cli', pid: 1, budgetUsd: null }));
    const a = unwrap(store.beginAttempt({ runId: 'r', taskId: 'T1', agent: 'pi', command: 'pi', model: '', promptHash: 'h' }));
    assert.deepEqual(store.beginRun({ id: 'r', mode: 'task', operator: 'o', front: 'cli', pid: 1, budgetUsd: null }), {
      ok: false,
      error: 'beginRun: a run with id r already exists',
    });
    assert.deepEqual(store.beginRun({ mode: 'task', operator: 'o', front: 'cli', pid: 1, budgetUsd: -1 }), {
      ok: false,
      error: 'beginRun: budgetUsd must be a finite number >= 0, got -1',
    });
    assert.deepEqual(store.updateRun('nope', { status: 'failed' }), { ok: false, error: 'updateRun: no run with id nope' });
    assert.deepEqual(store.beginAttempt({ runId: 'nope', taskId: 'T1', agent: 'pi', command: 'pi', model: '', promptHash: 'h' }), {
      ok: false,
      error: 'beginAttempt: no run with id nope (beginRun first)',
    });
    assert.deepEqual(store.updateAttempt(a.id, { costUsd: Number.NaN }), {
      ok: false,
      error: 'updateAttempt T1 #1: costUsd must be a finite number >= 0, got NaN',
    });
    assert.deepEqual(store.updateAttempt(a.id, { tokens: { input: 1.5, output: 0, cacheRead: 0, cacheWrite: 0 } }), {
      ok: false,
      error: 'updateAttempt T1 #1: tokens.input must be an integer >= 0, got 1.5',
    });
    assert.deepEqual(store.upsertTask('', { status: 'done' }), { ok: false, error: 'upsertTask : taskId must be a non-empty string, got ""' });
    assert.deepEqual(
      store.recordGate({ attemptId: a.id, name: 'test', command: 'x', exitCode: 0, passed: true, durationMs: 1, outputTail: '', outputSha256: 'abc' }),
      { ok: false, error: 'recordGate test: outputSha256 must be a lower-case hex SHA-256 (64 characters), got "abc"' },
    );
    assert.deepEqual(
      store.recordGate({ attemptId: 'nope', name: 'test', command: 'x', exitCode: 0, passed: true, durationMs: 1, outputTail: '', outputSha256: SHA }),
      { ok: false, error: 'recordGate test: no attempt with id nope' },
    );
    assert.deepEqual(store.recordProcess({ pid: 0, pgid: null, runId: 'r', taskId: 'T1', attemptId: null, command: 'x', startedAt: 0 }), {
      ok: false,
      error: 'recordProcess: pid must be a positive integer, got 0',
    });
    assert.equal(store.attempt(a.id)?.costUsd, null);
    assert.deepEqual(store.runs().length, 1);
    await store.close();
    assert.throws(() => store.recordEvent({ runId: null, taskId: null, kind: 'late' }), /closed: recording after close\(\) is a bug/);
  });

  it('reads a snapshot without creating or saving anything', async () => {
    const dir = join(tempDir(), 'nothing-here');
    const snapshot = await readRunStore(dir);
    assert.ok(snapshot.ok);
    assert.deepEqual([snapshot.store.tasks(), snapshot.store.latestRun(), snapshot.store.costs().totalUsd], [[], null, 0]);
    snapshot.store.close();
    assert.equal(existsSync(dir), false);
  });
});
