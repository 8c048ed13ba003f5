// The run-state store's save budget (under 30 ms per save of a DB holding 10,000 attempts): the
// executor flushes at every stage boundary, so a slow save slows every task. For the bench runner;
// `npm test` never times anything.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atomicStateFileWriter, gateOutputDigest, openRunStore, type RunStore, type StateFileWriter, type StoreClock } from '../../src/core/store';

/** Saves only when flushed, so every timed save is one the bench asked for. */
const flushOnlyClock: StoreClock = { now: () => Date.now(), setTimer: () => () => undefined };

const ATTEMPTS_PER_RUN = 100;
const TASKS = 500;

const FAILING_TEST = [
  'FAIL test/unit/links/linkStore.test.ts',
  '  ● linkStore › saves atomically under concurrent writers',
  '    expect(received).toEqual(expected)',
  '    - Expected  - 1',
  '    + Received  + 1',
  '      at Object.<anonymous> (test/unit/links/linkStore.test.ts:88:27)',
  'Tests: 1 failed, 41 passed, 42 total',
].join('\n');

export interface StoreSaveOptions {
  /** Also two gate results and two events per attempt, as a real run records them. Default false. */
  readonly gatesAndEvents?: boolean;
}

/** What a long-lived project accumulates: attempts (with their gates and lifecycle events). */
function fill(store: RunStore, attempts: number, options: StoreSaveOptions, offset: number): void {
  const extras = options.gatesAndEvents ?? false;
  let runId = '';
  for (let i = offset; i < offset + attempts; i++) {
    if (i === offset || i % ATTEMPTS_PER_RUN === 0) {
      const run = store.beginRun({ mode: 'all', operator: 'dev@workstation', front: 'cli', pid: 10_000 + i, budgetUsd: 25 });
      if (!run.ok) throw new Error(run.error);
      runId = run.value.id;
    }
    const taskId = `TASK-${String((i % TASKS) + 1).padStart(3, '0')}`;
    const failed = i % 3 === 0;
    const begun = store.beginAttempt({
      runId,
      taskId,
      agent: 'claude',
      command: 'claude',
      model: 'claude-sonnet-4-5',
      promptHash: gateOutputDigest(`${taskId} prompt ${i}`).outputSha256,
    });
    if (!begun.ok) throw new Error(begun.error);
    const attempt = begun.value;
    if (extras) store.recordEvent({ runId, taskId, kind: 'attempt_started', data: { attempt: attempt.n, agent: 'claude' } });
    for (const gate of extras ? ['test', 'lint'] : []) {
      const output = failed && gate === 'test' ? FAILING_TEST : `> npm run ${gate}\n\n${gate} passed in 4.2s\n`;
      const gateFailed = failed && gate === 'test';
      const recorded = store.recordGate({
        attemptId: attempt.id,
        name: gate,
        command: `npm run ${gate}`,
        exitCode: gateFailed ? 1 : 0,
        passed: !gateFailed,
        durationMs: 4200 + i,
        ...gateOutputDigest(output),
      });
      if (!recorded.ok) throw new Error(recorded.error);
    }
    const finished = store.finishAttempt(attempt.id, {
      outcome: 'answered',
      marker: failed ? 'failed' : 'complete',
      reason: failed ? 'tests still fail after the change to linkStore' : '',
      exitCode: 0,
      costUsd: 0.0123 * ((i % 17) + 1),
      tokens: { input: 12_000 + i, output: 2_300, cacheRead: 85_000, cacheWrite: 4_100 },
      errorContext: failed ? FAILING_TEST : '',
    });
    if (!finished.ok) throw new Error(finished.error);
    if (extras) store.recordEvent({ runId, taskId, kind: 'attempt_finished', data: { attempt: attempt.n, marker: failed ? 'failed' : 'complete' } });
    const task = store.upsertTask(taskId, {
      status: failed ? 'failed' : 'done',
      stage: failed ? 'gates' : 'done',
      branch: `task/${taskId.toLowerCase()}-link-store`,
      baseBranch: 'main',
      lastError: failed ? 'test gate failed' : null,
      commitSha: failed ? null : gateOutputDigest(`commit ${i}`).outputSha256.slice(0, 40),
      machine: JSON.stringify({ stage: failed ? 'gates' : 'done', attempt: attempt.n, retries: 0 }),
    });
    if (!task.ok) throw new Error(task.error);
  }
}

export interface StoreSaveFigures {
  /** Median flush: commit + export of the whole DB + the atomic write (temp file, fsync, rename). */
  readonly medianMs: number;
  /** Median of the atomic write alone: the rest of a flush is the export. */
  readonly writeMs: number;
  readonly bytes: number;
}

/** Median time of a flush (export + atomic write with fsync) of a DB holding `attempts` attempts. */
export async function measureStoreSave(attempts: number, options: StoreSaveOptions = {}): Promise<StoreSaveFigures> {
  const root = mkdtempSync(join(tmpdir(), 'specpilot-bench-store-'));
  let lastWriteMs = 0;
  // The store's own writer, timed, so a slow save says whether the export or the disk was slow.
  const timedWriter: StateFileWriter = {
    write: async (path, data) => {
      const started = performance.now();
      await atomicStateFileWriter.write(path, data);
      lastWriteMs = performance.now() - started;
    },
    writeSync: (path, data) => atomicStateFileWriter.writeSync(path, data),
  };
  try {
    const opened = await openRunStore(join(root, '.specpilot'), { clock: flushOnlyClock, writer: timedWriter });
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.store;
    // Flushed as the executor does (after every task), so the build-up is realistic too.
    for (let done = 0; done < attempts; done += ATTEMPTS_PER_RUN) {
      fill(store, Math.min(ATTEMPTS_PER_RUN, attempts - done), options, done);
      await store.flush();
    }
    const times: number[] = [];
    const writes: number[] = [];
    for (let k = 0; k < 3 + 11; k++) {
      store.recordEvent({ runId: null, taskId: null, kind: 'bench_tick', data: k });
      const started = performance.now();
      await store.flush();
      // The first three warm up the JIT and the page cache.
      if (k >= 3) {
        times.push(performance.now() - started);
        writes.push(lastWriteMs);
      }
    }
    const bytes = statSync(store.path).size;
    await store.close();
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    return { medianMs: median(times), writeMs: median(writes), bytes };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
