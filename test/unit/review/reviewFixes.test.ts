// A reviewer's fixes (REVIEW_FIXED, or any change to the tree during the review) were made after
// the gates: the gates run again before approval, without a second review, and failing gates fail
// the attempt like any gate failure. The machine transition by transition, then whole runs with
// real git and real fake-agent processes, and the reviewers never see Specpilot's status edit.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunEvent } from '../../../src/core/executor/runEvents';
import { runSession, type RunRequest } from '../../../src/core/executor/runSession';
import { newTaskMachine, step, type TaskEffect, type TaskEvent, type TaskMachine, type TaskSettings } from '../../../src/core/executor/taskMachine';
import { readRunStore } from '../../../src/core/store';
import { FAKE_BIN, makeDemoRepo, testConfig, type DemoRepo } from '../executor/demoRepo';

const SETTINGS: TaskSettings = {
  maxAttempts: 2,
  retryDelayMs: 1000,
  createBranch: true,
  runGates: true,
  autoCommit: true,
  merge: true,
  review: true,
  hitl: false,
  budgets: { runUsd: null, taskUsd: null, retryUsd: null },
};

const AGENT: TaskEvent = {
  kind: 'agent_finished',
  agent: { outcome: 'answered', marker: { marker: 'complete', reason: '' }, cost: { kind: 'usd', usd: 0.5 }, exitCode: 0, tail: 'TASK_COMPLETE', reportedError: undefined },
};
const GATES_OK: TaskEvent = { kind: 'gates_finished', gates: [{ name: 'test', command: 'npm test', passed: true, blocking: true, exitCode: 0, outputTail: 'ok' }] };
const GATES_FAIL: TaskEvent = { kind: 'gates_finished', gates: [{ name: 'test', command: 'npm test', passed: false, blocking: true, exitCode: 1, outputTail: '1 failing' }] };
const FIXED: TaskEvent = { kind: 'reviewed', passed: true, findings: '', cost: { kind: 'usd', usd: 0.25 }, fixed: true };

function run(settings: Partial<TaskSettings>, events: readonly TaskEvent[]): { state: TaskMachine; effects: TaskEffect[] } {
  let state = newTaskMachine({ id: 'TASK-001', title: 'Add login', status: 'todo' }, { ...SETTINGS, ...settings }, 0);
  const effects: TaskEffect[] = [];
  for (const e of events) {
    const t = step(state, e);
    state = t.state;
    effects.push(...t.effects);
  }
  return { state, effects };
}

const START: readonly TaskEvent[] = [{ kind: 'start' }, { kind: 'prepared', branch: 'task/TASK-001-add-login', baseBranch: 'main', rescue: null }, AGENT, GATES_OK];

describe('review fixes are gated', () => {
  describe('task machine', () => {
    it('REVIEW_FIXED runs the gates again; passing goes to approval without a second review', () => {
      const { state, effects } = run({}, [...START, FIXED]);
      assert.deepEqual(effects.slice(3), [{ kind: 'run_gates', attempt: 1 }, { kind: 'review', attempt: 1 }, { kind: 'run_gates', attempt: 1 }]);
      assert.deepEqual([state.stage, state.gatingFixes, state.costUsd], ['gates', true, 0.75]);
      const passed = step(state, GATES_OK);
      assert.deepEqual(passed.effects, [{ kind: 'approval', attempt: 1 }]);
      assert.deepEqual([passed.state.stage, passed.state.gatingFixes], ['approval', false]);
    });

    it('failing gates after the fixes fail the attempt with the gate output as the next context', () => {
      const { state } = run({}, [...START, FIXED]);
      const failed = step(state, GATES_FAIL);
      assert.deepEqual(failed.effects, [{ kind: 'wait', ms: 1000, nextAttempt: 2, reason: "gate failed after the reviewers' fixes: test (`npm test` exited 1)" }]);
      assert.equal(failed.state.gatingFixes, false);
      assert.equal(
        failed.state.errorContext,
        'The reviewers changed files after the gates had passed (REVIEW_FIXED), and the gates were run again on their changes.\n\n' +
          'The test gate `npm test` failed with exit code 1. Its output ends:\n```text\n1 failing\n```',
      );
      // The next attempt goes through gates and review again as usual.
      const next = step(step(failed.state, { kind: 'retry_elapsed' }).state, AGENT);
      assert.deepEqual(next.effects, [{ kind: 'run_gates', attempt: 2 }]);
      assert.deepEqual(step(next.state, GATES_OK).effects, [{ kind: 'review', attempt: 2 }]);
    });

    it('a crash while re-gating resumes re-gating; no fixes, gates off or a failed review change nothing', () => {
      const { state } = run({}, [...START, FIXED]);
      const resumed = step(JSON.parse(JSON.stringify(state)) as TaskMachine, { kind: 'resume' });
      assert.deepEqual(resumed.effects, [{ kind: 'run_gates', attempt: 1 }]);
      assert.deepEqual(step(resumed.state, GATES_OK).effects, [{ kind: 'approval', attempt: 1 }]);
      assert.deepEqual(run({}, [...START, { ...FIXED, fixed: false }]).effects.at(-1), { kind: 'approval', attempt: 1 });
      assert.deepEqual(run({}, [...START, { kind: 'reviewed', passed: true, findings: '', cost: { kind: 'usd', usd: 0 } }]).effects.at(-1), { kind: 'approval', attempt: 1 });
      const noGates = run({ runGates: false }, [START[0]!, START[1]!, AGENT, FIXED]);
      assert.deepEqual(noGates.effects.at(-1), { kind: 'approval', attempt: 1 });
      const failedReview = run({}, [...START, { ...FIXED, passed: false, findings: 'no' }]);
      assert.equal(failedReview.state.phase, 'waiting_retry');
      assert.equal(failedReview.state.gatingFixes, false);
      // A machine persisted before the flag existed re-gates nothing.
      const { gatingFixes: _dropped, ...old } = run({}, [...START]).state;
      assert.deepEqual(step({ ...old, stage: 'gates' }, GATES_OK).effects, [{ kind: 'review', attempt: 1 }]);
    });
  });

  describe('whole runs (real git, real agent processes)', function () {
    this.timeout(120_000);
    let repo: DemoRepo;
    afterEach(() => repo?.cleanup());

    // Fails while fixed.txt says "bad": what the reviewer's fix will write.
    const GATE = `node -e "const fs = require('fs'); if (fs.existsSync('fixed.txt') && fs.readFileSync('fixed.txt', 'utf8').includes('bad')) { console.error('fixed.txt is bad'); process.exit(1); }"`;
    const IMPLEMENT = [{ write: { path: 'src/links.js', content: 'module.exports = { ok: true };\n' } }, { cost: { usd: 0.25 } }, { marker: 'TASK_COMPLETE' }];

    function request(events: RunEvent[], script: string): RunRequest {
      return {
        cwd: repo.dir,
        mode: 'task',
        front: 'cli',
        taskIds: ['TASK-003'],
        emit: (e) => events.push(e),
        overrides: { command: join(FAKE_BIN, 'claude'), env: { SPECPILOT_FAKE_SCRIPT: script, SPECPILOT_FAKE_PROMPT_LOG: join(repo.scratch, 'prompts.jsonl') } },
      };
    }
    const stages = (events: RunEvent[]): string[] => events.flatMap((e) => (e.kind === 'stage' ? [`${e.stage}#${e.attempt}`] : []));
    const prompts = (): string[] => readFileSync(join(repo.scratch, 'prompts.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { prompt: string }).prompt);

    it('a REVIEW_FIXED whose change fails the gates fails the attempt; the next attempt gets the gate output', async () => {
      repo = makeDemoRepo(testConfig({ test: GATE, review: { roles: ['quality'] } }));
      const script = repo.script('fixes-break-gates', {
        byPrompt: [
          {
            contains: 'Specpilot review:',
            runs: [
              [{ write: { path: 'fixed.txt', content: 'bad fix\n' } }, { cost: { usd: 0.125 } }, { marker: 'REVIEW_FIXED: wrote fixed.txt' }],
              [{ cost: { usd: 0.125 } }, { marker: 'REVIEW_PASSED' }],
            ],
          },
        ],
        runs: [IMPLEMENT, [{ write: { path: 'fixed.txt', content: 'good fix\n' } }, ...IMPLEMENT]],
      });
      const events: RunEvent[] = [];
      const summary = await runSession(request(events, script));
      assert.equal(summary.status, 'completed', summary.message);
      assert.deepEqual(summary.tasks.map((t) => [t.taskId, t.result, t.attempts]), [['TASK-003', 'done', 2]]);
      assert.deepEqual(stages(events), ['implement#1', 'gates#1', 'review#1', 'gates#1', 'implement#2', 'gates#2', 'review#2', 'approval#2', 'commit#2', 'merge#2', 'done#2']);
      assert.deepEqual(
        events.flatMap((e) => (e.kind === 'gate' ? [`${e.attempt}:${e.passed}`] : [])),
        ['1:true', '1:false', '2:true'],
      );
      const retry = events.find((e): e is Extract<RunEvent, { kind: 'retry' }> => e.kind === 'retry');
      assert.match(retry?.reason ?? '', /^gate failed after the reviewers' fixes: test \(`node -e .*` exited 1\)$/);
      const logged = prompts();
      assert.deepEqual(logged.map((p) => p.split('\n')[0]), ['# Task TASK-003: POST /links endpoint', 'Specpilot review: quality', '# Task TASK-003: POST /links endpoint', 'Specpilot review: quality']);
      assert.ok(logged[2]!.includes('The reviewers changed files after the gates had passed (REVIEW_FIXED), and the gates were run again on their changes.'), logged[2]);
      assert.ok(logged[2]!.includes('```text\nfixed.txt is bad\n```'), logged[2]);
      // The reviewers read the implementer's change, not Specpilot's in_progress edit of the task file.
      assert.ok(logged[1]!.includes('+module.exports = { ok: true };'));
      assert.ok(logged[1]!.includes('1 file changed, +1 −0:\n\n- src/links.js (+1 −0)\n'), logged[1]);
      assert.ok(!logged[1]!.includes('diff --git a/spec/tasks.md'), logged[1]);
      assert.ok(!logged[1]!.includes('IN_PROGRESS'), logged[1]);
      assert.equal(repo.git('show', 'main:fixed.txt'), 'good fix');
      // Money: two attempts at $0.25 and two reviews at $0.125, in the run and in the store.
      assert.equal(summary.costUsd, 0.75);
      const read = await readRunStore(join(repo.dir, 'spec', '.specpilot'));
      assert.ok(read.ok);
      if (!read.ok) return;
      try {
        assert.deepEqual(read.store.costs().tasks.filter((t) => t.taskId === 'TASK-003'), [
          { taskId: 'TASK-003', costUsd: 0.75, unpriced: false, attempts: 2, reviews: 2, reviewCostUsd: 0.25, reviewUnpriced: false },
        ]);
        assert.deepEqual([read.store.task('TASK-003')?.costUsd, read.store.latestRun()?.costUsd], [0.75, 0.75]);
      } finally {
        read.store.close();
      }
    });

    it('a reviewer that changes the tree but answers REVIEW_PASSED has its change gated too; passing goes on without a second review', async () => {
      repo = makeDemoRepo(testConfig({ test: GATE, review: { roles: ['quality'] } }));
      const script = repo.script('silent-fix', {
        byPrompt: [{ contains: 'Specpilot review:', steps: [{ write: { path: 'fixed.txt', content: 'good fix\n' } }, { marker: 'REVIEW_PASSED' }] }],
        steps: IMPLEMENT,
      });
      const events: RunEvent[] = [];
      const summary = await runSession(request(events, script));
      assert.equal(summary.status, 'completed', summary.message);
      assert.deepEqual(stages(events), ['implement#1', 'gates#1', 'review#1', 'gates#1', 'approval#1', 'commit#1', 'merge#1', 'done#1']);
      assert.equal(prompts().length, 2);
      assert.equal(repo.git('show', 'main:fixed.txt'), 'good fix');
    });
  });
});
