// Reviewer spend in the store's money: `review` events' cost_usd count in the cost report (per task,
// per run, in total, the reviewers' part on its own), in the task and run totals, and an unpriced
// reviewer makes its task and run unpriced. Values are exact in binary floating point.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openRunStore, readRunStore, type AttemptRecord, type RunStore } from '../../../src/core/store';
import { FakeClock, removeTempDirs, tempDir, unwrap } from './storeTestKit';

async function open(dir: string, clock: FakeClock): Promise<RunStore> {
  const result = await openRunStore(dir, { clock });
  if (!result.ok) throw new Error(result.error.message);
  return result.store;
}

describe('store: reviewer spend', () => {
  after(removeTempDirs);

  it('counts review events in costs(), task and run totals, and keeps unpriced honest', async () => {
    const clock = new FakeClock();
    const dir = join(tempDir(), '.specpilot');
    const store = await open(dir, clock);
    unwrap(store.beginRun({ id: 'r1', mode: 'all', operator: 'o', front: 'cli', pid: 1, budgetUsd: null }));
    unwrap(store.beginRun({ id: 'r2', mode: 'retry', operator: 'o', front: 'cli', pid: 2, budgetUsd: null }));
    for (const [taskId, runId] of [['T1', 'r1'], ['T2', 'r1'], ['T3', 'r2']] as const) unwrap(store.upsertTask(taskId, { runId, status: 'running', stage: 'review' }));
    const attempt = (runId: string, taskId: string, costUsd: number | null): AttemptRecord => {
      const a = unwrap(store.beginAttempt({ runId, taskId, agent: 'claude', command: 'claude', model: 'sonnet', promptHash: 'h' }));
      return unwrap(store.finishAttempt(a.id, { outcome: 'answered', marker: 'complete', reason: '', exitCode: 0, costUsd, tokens: { input: 1, output: 1, cacheRead: 0, cacheWrite: 0 }, errorContext: '' }));
    };
    const review = (runId: string, taskId: string, n: number, role: string, costUsd: number | null): void => {
      store.recordEvent({ runId, taskId, kind: 'review', data: { attempt: n, run_attempt: n, role, verdict: 'passed', findings: '', outcome: 'answered', cost_usd: costUsd, agent: 'claude', model: 'sonnet', log: 'x.log' } });
    };
    attempt('r1', 'T1', 0.5);
    review('r1', 'T1', 1, 'quality', 0.125);
    review('r1', 'T1', 1, 'testing', 0.25);
    attempt('r1', 'T2', 1);
    review('r1', 'T2', 1, 'quality', null); // a reviewer without a price
    attempt('r2', 'T1', 0.25);
    review('r2', 'T1', 2, 'quality', 0.0625);
    attempt('r2', 'T3', 2);
    // Other events, and a review event that is not a review record, cost nothing.
    store.recordEvent({ runId: 'r2', taskId: 'T3', kind: 'gate', data: { cost_usd: 100 } });
    store.recordEvent({ runId: 'r2', taskId: null, kind: 'review', data: { cost_usd: 100 } });

    const expected = {
      tasks: [
        { taskId: 'T1', costUsd: 1.1875, unpriced: false, attempts: 2, reviews: 3, reviewCostUsd: 0.4375, reviewUnpriced: false },
        { taskId: 'T2', costUsd: 1, unpriced: true, attempts: 1, reviews: 1, reviewCostUsd: 0, reviewUnpriced: true },
        { taskId: 'T3', costUsd: 2, unpriced: false, attempts: 1, reviews: 0, reviewCostUsd: 0, reviewUnpriced: false },
      ],
      totalUsd: 4.1875,
      unpriced: true,
      unpricedTasks: 1,
    };
    assert.deepEqual(store.costs(), expected);
    assert.deepEqual(store.costs({ sort: 'cost' }).tasks.map((t) => t.taskId), ['T3', 'T1', 'T2']);
    assert.deepEqual(store.costs({ runId: 'r1' }), {
      tasks: [
        { taskId: 'T1', costUsd: 0.875, unpriced: false, attempts: 1, reviews: 2, reviewCostUsd: 0.375, reviewUnpriced: false },
        { taskId: 'T2', costUsd: 1, unpriced: true, attempts: 1, reviews: 1, reviewCostUsd: 0, reviewUnpriced: true },
      ],
      totalUsd: 1.875,
      unpriced: true,
      unpricedTasks: 1,
    });
    assert.deepEqual(store.costs({ runId: 'r2' }), {
      tasks: [
        { taskId: 'T1', costUsd: 0.3125, unpriced: false, attempts: 1, reviews: 1, reviewCostUsd: 0.0625, reviewUnpriced: false },
        { taskId: 'T3', costUsd: 2, unpriced: false, attempts: 1, reviews: 0, reviewCostUsd: 0, reviewUnpriced: false },
      ],
      totalUsd: 2.3125,
      unpriced: false,
      unpricedTasks: 0,
    });
    const totals = (s: Pick<RunStore, 'tasks' | 'run'>): unknown => [
      s.tasks().map((t) => [t.taskId, t.attempts, t.costUsd, t.unpriced]),
      [s.run('r1')?.costUsd, s.run('r1')?.unpriced, s.run('r2')?.costUsd, s.run('r2')?.unpriced],
    ];
    const expectedTotals = [
      [
        ['T1', 2, 1.1875, false],
        ['T2', 1, 1, true],
        ['T3', 1, 2, false],
      ],
      [1.875, true, 2.3125, false],
    ];
    assert.deepEqual(totals(store), expectedTotals);
    await store.close();
    // Read back from the file: the same figures.
    const snapshot = await readRunStore(dir);
    assert.ok(snapshot.ok);
    assert.deepEqual(snapshot.store.costs(), expected);
    assert.deepEqual(totals(snapshot.store), expectedTotals);
    snapshot.store.close();
  });

  it('an attempt finished after its review keeps the review in the totals', async () => {
    const clock = new FakeClock();
    const store = await open(join(tempDir(), '.specpilot'), clock);
    unwrap(store.beginRun({ id: 'r1', mode: 'task', operator: 'o', front: 'cli', pid: 1, budgetUsd: null }));
    unwrap(store.upsertTask('T1', { runId: 'r1', status: 'running', stage: 'implement' }));
    const a = unwrap(store.beginAttempt({ runId: 'r1', taskId: 'T1', agent: 'claude', command: 'claude', model: '', promptHash: 'h' }));
    store.recordEvent({ runId: 'r1', taskId: 'T1', kind: 'review', data: { attempt: 1, role: 'docs', verdict: 'fixed', outcome: 'answered', cost_usd: 0.75 } });
    assert.deepEqual([store.task('T1')?.costUsd, store.run('r1')?.costUsd], [0.75, 0.75]);
    unwrap(store.finishAttempt(a.id, { outcome: 'answered', marker: 'complete', reason: '', exitCode: 0, costUsd: 1.5, tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, errorContext: '' }));
    assert.deepEqual([store.task('T1')?.costUsd, store.run('r1')?.costUsd, store.costs().totalUsd], [2.25, 2.25, 2.25]);
    await store.close();
  });
});
