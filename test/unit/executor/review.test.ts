// The review stage in a whole run (real git, real fake-agent processes): a failed review sends
// its findings to the next implement attempt, reviewers may run another CLI than the implementer,
// and every reviewer is recorded per attempt.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunEvent } from '../../../src/core/executor/runEvents';
import { runSession, type RunRequest } from '../../../src/core/executor/runSession';
import { reviewsFor } from '../../../src/core/review/reviewRecords';
import { readRunStore } from '../../../src/core/store';
import { FAKE_BIN, makeDemoRepo, testConfig, type DemoRepo } from './demoRepo';

interface LoggedPrompt {
  readonly personality: string;
  readonly model: string;
  readonly prompt: string;
}

function request(repo: DemoRepo, events: RunEvent[], env: Record<string, string>): RunRequest {
  return {
    cwd: repo.dir,
    mode: 'task',
    front: 'cli',
    taskIds: ['TASK-003'],
    emit: (e) => events.push(e),
    overrides: { command: join(FAKE_BIN, 'claude'), env: { SPECPILOT_FAKE_PROMPT_LOG: join(repo.scratch, 'prompts.jsonl'), ...env } },
  };
}

function prompts(repo: DemoRepo): LoggedPrompt[] {
  return readFileSync(join(repo.scratch, 'prompts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as LoggedPrompt);
}

const IMPLEMENT = [
  { say: 'Adding the endpoint.' },
  { write: { path: 'src/links.js', content: 'module.exports = { ok: true };\n' } },
  { cost: { usd: 0.25 } },
  { marker: 'TASK_COMPLETE' },
];

describe('review stage (real git, real agent processes)', function () {
  this.timeout(120_000);
  let repo: DemoRepo;
  afterEach(() => repo?.cleanup());

  it('a failed review feeds its findings into the next implement attempt; the second review passes; every reviewer is recorded per attempt', async () => {
    repo = makeDemoRepo(testConfig({ review: { roles: ['quality', 'testing'] } }));
    const script = repo.script('review-fails-once', {
      byPrompt: [
        {
          contains: 'Specpilot review: testing',
          runs: [
            [{ say: '- test/links.test.js has no test for the 400 answer\n- nothing checks `short`' }, { cost: { usd: 0.02 } }, { marker: 'REVIEW_FAILED: the error cases are untested' }],
            [{ cost: { usd: 0.02 } }, { marker: 'REVIEW_PASSED' }],
          ],
        },
        { contains: 'Specpilot review:', steps: [{ cost: { usd: 0.01 } }, { marker: 'REVIEW_PASSED' }] },
      ],
      steps: IMPLEMENT,
    });
    const events: RunEvent[] = [];
    const summary = await runSession(request(repo, events, { SPECPILOT_FAKE_SCRIPT: script }));
    assert.equal(summary.status, 'completed', summary.message);
    assert.deepEqual(summary.tasks.map((t) => [t.taskId, t.result, t.attempts]), [['TASK-003', 'done', 2]]);
    // Two implement attempts at $0.25 and two reviews at $0.03: the reviewers' spend counts.
    assert.equal(summary.costUsd.toFixed(4), '0.5600');
    const stages = events.filter((e): e is Extract<RunEvent, { kind: 'stage' }> => e.kind === 'stage').map((e) => `${e.stage}#${e.attempt}`);
    assert.deepEqual(stages, ['implement#1', 'gates#1', 'review#1', 'implement#2', 'gates#2', 'review#2', 'approval#2', 'commit#2', 'merge#2', 'done#2']);
    const reviews = events.filter((e): e is Extract<RunEvent, { kind: 'review' }> => e.kind === 'review' && e.state === 'finished');
    assert.deepEqual(reviews.map((e) => `${e.attempt}:${e.role}:${e.verdict}`), ['1:quality:passed', '1:testing:failed', '2:quality:passed', '2:testing:passed']);
    assert.ok(events.some((e) => e.kind === 'retry' && e.reason === 'the review failed'));

    // The prompts: implement, quality, testing, implement (with the findings), quality, testing.
    const logged = prompts(repo);
    assert.deepEqual(logged.map((p) => p.prompt.split('\n')[0]), [
      '# Task TASK-003: POST /links endpoint',
      'Specpilot review: quality',
      'Specpilot review: testing',
      '# Task TASK-003: POST /links endpoint',
      'Specpilot review: quality',
      'Specpilot review: testing',
    ]);
    // The reviewer saw the implementer's change.
    assert.ok(logged[1]!.prompt.includes('- src/links.js (+1 −'));
    assert.ok(logged[1]!.prompt.includes('+module.exports = { ok: true };'));
    const retry = logged[3]!.prompt;
    assert.ok(
      retry.includes(
        [
          'The review of the previous attempt failed. Its findings:',
          '```text',
          'testing reviewer (REVIEW_FAILED):',
          '- test/links.test.js has no test for the 400 answer',
          '- nothing checks `short`',
          'REVIEW_FAILED: the error cases are untested',
          '```',
        ].join('\n'),
      ),
      retry,
    );
    assert.ok(!retry.includes('quality reviewer'), 'only failing reviewers feed the next attempt');

    const read = await readRunStore(join(repo.dir, 'spec', '.specpilot'));
    assert.ok(read.ok);
    if (!read.ok) return;
    try {
      const attempts = read.store.attempts('TASK-003');
      assert.equal(attempts.length, 2);
      assert.deepEqual(reviewsFor(read.store, 'TASK-003', 1).map((r) => [r.role, r.verdict, r.costUsd]), [['quality', 'passed', 0.01], ['testing', 'failed', 0.02]]);
      assert.deepEqual(reviewsFor(read.store, 'TASK-003', 2).map((r) => [r.role, r.verdict]), [['quality', 'passed'], ['testing', 'passed']]);
      const testing1 = reviewsFor(read.store, 'TASK-003', 1)[1]!;
      assert.equal(testing1.log, attempts[0]!.logPath.replace(/\.log$/, '.review-testing.log'));
      assert.ok(readFileSync(testing1.log, 'utf8').includes('REVIEW_FAILED: the error cases are untested'));
      assert.ok(readFileSync(testing1.log.replace(/\.log$/, '.prompt.md'), 'utf8').startsWith('Specpilot review: testing\n'));
      assert.deepEqual(read.store.liveProcesses(), []);
    } finally {
      read.store.close();
    }
  });

  it('a stop while a reviewer runs cancels it and stops the task (no reviewer left running)', async () => {
    repo = makeDemoRepo(testConfig({ review: { roles: ['quality', 'testing'] } }));
    const script = repo.script('review-hangs', { byPrompt: [{ contains: 'Specpilot review:', steps: [{ say: 'reading' }, { hang: true }] }], steps: IMPLEMENT });
    const events: RunEvent[] = [];
    const stop = new AbortController();
    const req = request(repo, events, { SPECPILOT_FAKE_SCRIPT: script });
    const summary = await runSession({
      ...req,
      signal: stop.signal,
      emit: (e) => {
        events.push(e);
        // Once the quality reviewer has started, ask the run to stop (it is hanging by then or soon).
        if (e.kind === 'review' && e.state === 'started') setTimeout(() => stop.abort(), 300);
      },
    });
    assert.equal(summary.status, 'stopped');
    assert.deepEqual(summary.tasks.map((t) => [t.taskId, t.result]), [['TASK-003', 'stopped']]);
    const reviews = events.flatMap((e) => (e.kind === 'review' ? [`${e.role}:${e.state}:${e.verdict}`] : []));
    assert.deepEqual(reviews, ['quality:started:null', 'quality:finished:null', 'testing:started:null', 'testing:finished:null']);
    const read = await readRunStore(join(repo.dir, 'spec', '.specpilot'));
    assert.ok(read.ok);
    if (!read.ok) return;
    try {
      assert.deepEqual(read.store.liveProcesses(), []);
      assert.deepEqual(reviewsFor(read.store, 'TASK-003').map((r) => [r.role, r.outcome]), [['quality', 'cancelled'], ['testing', 'cancelled']]);
    } finally {
      read.store.close();
    }
    // The work is kept on the task branch, the user is back on main.
    assert.equal(repo.git('branch', '--show-current'), 'main');
  });

  it('the demo agent (npm start, e2e) implements and reviews offline', async () => {
    repo = makeDemoRepo(testConfig({ review: { roles: ['quality', 'docs'] } }));
    const events: RunEvent[] = [];
    const summary = await runSession({ ...request(repo, events, {}), overrides: { command: join(FAKE_BIN, '..', 'demo', 'claude') } });
    assert.equal(summary.status, 'completed', summary.message);
    const reviews = events.flatMap((e) => (e.kind === 'review' && e.state === 'finished' ? [[e.role, e.verdict, e.findings.split('\n').at(-1)]] : []));
    assert.deepEqual(reviews, [['quality', 'passed', 'REVIEW_PASSED'], ['docs', 'passed', 'REVIEW_PASSED']]);
    const quality = events.find((e): e is Extract<RunEvent, { kind: 'review' }> => e.kind === 'review' && e.state === 'finished')!;
    assert.match(quality.findings, /^Demo reviewer \(offline, no model is called\): quality review of TASK-003\.\nChecked docs\/demo-runs\/TASK-003\.md/);
  });

  it('reviewers run another CLI and model (review_command: codex) while claude implements, in parallel', async () => {
    repo = makeDemoRepo(
      testConfig({
        review: { roles: ['quality', 'docs'], parallel: true },
        extra: [`review_command: ${JSON.stringify(join(FAKE_BIN, 'codex'))}`, 'review_model: gpt-5-codex'].join('\n'),
      }),
    );
    const script = repo.script('two-clis', { byPrompt: [{ contains: 'Specpilot review:', steps: [{ say: '- fine' }, { marker: 'REVIEW_PASSED' }] }], steps: IMPLEMENT });
    const events: RunEvent[] = [];
    const summary = await runSession(request(repo, events, { SPECPILOT_FAKE_SCRIPT: script }));
    assert.equal(summary.status, 'completed', summary.message);
    const logged = prompts(repo);
    assert.deepEqual(logged[0]!.personality, 'claude');
    assert.deepEqual(
      logged.slice(1).map((p) => [p.personality, p.model, p.prompt.split('\n')[0]]).sort(),
      [
        ['codex', 'gpt-5-codex', 'Specpilot review: docs'],
        ['codex', 'gpt-5-codex', 'Specpilot review: quality'],
      ],
    );
    const read = await readRunStore(join(repo.dir, 'spec', '.specpilot'));
    assert.ok(read.ok);
    if (!read.ok) return;
    try {
      // Parallel reviewers are recorded as they finish: compare in role order.
      assert.deepEqual(reviewsFor(read.store, 'TASK-003').map((r) => [r.role, r.agent, r.model, r.verdict]).sort(), [
        ['docs', 'codex', 'gpt-5-codex', 'passed'],
        ['quality', 'codex', 'gpt-5-codex', 'passed'],
      ]);
    } finally {
      read.store.close();
    }
  });
});
