// A task run end to end on a real git repository with a real (fake) agent CLI process: branch,
// the agent's edit, the test gate, commit, merge, tasks.md written back, state recorded.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSession, type RunRequest } from '../../../src/core/executor/runSession';
import type { RunEvent } from '../../../src/core/executor/runEvents';
import { readRunStore } from '../../../src/core/store';
import { parseSpec } from '../../../src/core/spec/parseSpec';
import { FAKE_BIN, makeDemoRepo, testConfig, type DemoRepo } from './demoRepo';

function request(repo: DemoRepo, events: RunEvent[], patch: Partial<RunRequest> = {}, env: Record<string, string> = {}): RunRequest {
  return {
    cwd: repo.dir,
    mode: 'task',
    front: 'cli',
    emit: (e) => events.push(e),
    overrides: { command: join(FAKE_BIN, 'claude'), env: { SPECPILOT_FAKE_PROMPT_LOG: join(repo.scratch, 'prompts.jsonl'), ...env } },
    ...patch,
  };
}

function taskStatus(repo: DemoRepo, id: string): string {
  const text = readFileSync(join(repo.dir, 'spec', 'tasks.md'), 'utf8');
  return parseSpec(text, 'spec/tasks.md').tasks.find((t) => t.id === id)!.status;
}

describe('runSession (real git, real agent process)', function () {
  this.timeout(60_000);
  let repo: DemoRepo;
  afterEach(() => repo?.cleanup());

  it('runs a task: branch, agent edit, gate, commit, merge, DONE in tasks.md, state recorded', async () => {
    repo = makeDemoRepo(testConfig({ extra: 'audit_log_path: audit/specpilot.jsonl\naudit_log_operator: ci-bot' }));
    const script = repo.script('ok', {
      byPrompt: [{ contains: 'Specpilot review:', steps: [{ say: '- reads well' }, { marker: 'REVIEW_PASSED' }] }],
      steps: [
        { say: 'Adding the endpoint.' },
        { write: { path: 'src/links.js', content: 'module.exports = { ok: true };\n' } },
        { cost: { usd: 0.25, input: 1000, output: 200 } },
        { marker: 'TASK_COMPLETE' },
      ],
    });
    const events: RunEvent[] = [];
    const summary = await runSession(request(repo, events, { taskIds: ['TASK-003'] }, { SPECPILOT_FAKE_SCRIPT: script }));
    assert.equal(summary.error, null);
    assert.equal(summary.status, 'completed', summary.message);
    assert.deepEqual(summary.tasks.map((t) => [t.taskId, t.result]), [['TASK-003', 'done']]);
    assert.equal(summary.costUsd, 0.25);
    // On main again, with the agent's file merged and the task marked done with its checklist ticked.
    assert.equal(repo.git('branch', '--show-current'), 'main');
    assert.equal(readFileSync(join(repo.dir, 'src', 'links.js'), 'utf8'), 'module.exports = { ok: true };\n');
    assert.equal(taskStatus(repo, 'TASK-003'), 'done');
    const tasks = parseSpec(readFileSync(join(repo.dir, 'spec', 'tasks.md'), 'utf8'), 'spec/tasks.md').tasks;
    assert.ok(tasks.find((t) => t.id === 'TASK-003')!.checklist.every((c) => c.checked));
    assert.equal(repo.git('status', '--porcelain'), '');
    const log = repo.git('log', '--format=%s', '-3');
    assert.deepEqual(log.split('\n'), ['Merge task/TASK-003-post-links-endpoint: TASK-003 POST /links endpoint', 'TASK-003: POST /links endpoint', 'demo']);
    assert.match(repo.git('log', '-1', '--format=%b', 'task/TASK-003-post-links-endpoint'), /^Traces: REQ-001, DESIGN-002\nSpecpilot-Run: /);
    // The events tell the story in order.
    const stages = events.filter((e): e is Extract<RunEvent, { kind: 'stage' }> => e.kind === 'stage').map((e) => e.stage);
    assert.deepEqual(stages, ['implement', 'gates', 'review', 'approval', 'commit', 'merge', 'done']);
    assert.ok(events.some((e) => e.kind === 'agent' && e.event.kind === 'text' && e.event.text === 'Adding the endpoint.'));
    assert.ok(events.some((e) => e.kind === 'gate' && e.name === 'test' && e.passed));
    // The default reviewers, one after another, each started then finished.
    const reviews = events.flatMap((e) => (e.kind === 'review' ? [`${e.role}:${e.state}:${e.verdict}`] : []));
    assert.deepEqual(reviews, [
      'quality:started:null',
      'quality:finished:passed',
      'implementation:started:null',
      'implementation:finished:passed',
      'testing:started:null',
      'testing:finished:passed',
    ]);
    // The store has the run, the task and the attempt with its cost; the log file holds the stream.
    const read = await readRunStore(join(repo.dir, 'spec', '.specpilot'));
    assert.ok(read.ok);
    if (!read.ok) return;
    const store = read.store;
    assert.equal(store.task('TASK-003')!.status, 'done');
    const attempts = store.attempts('TASK-003');
    assert.equal(attempts.length, 1);
    assert.equal(attempts[0]!.costUsd, 0.25);
    assert.equal(attempts[0]!.outcome, 'answered');
    assert.equal(attempts[0]!.marker, 'complete');
    assert.ok(readFileSync(attempts[0]!.logPath, 'utf8').includes('"type":"result"'));
    assert.ok(existsSync(attempts[0]!.logPath.replace(/\.log$/, '.prompt.md')));
    assert.deepEqual(store.liveProcesses(), []);
    assert.equal(store.latestRun()!.status, 'completed');
    // The audit trail: every lifecycle event, one JSON line each, with the run id and operator.
    const audit = readFileSync(join(repo.dir, 'audit', 'specpilot.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { event: string; run_id: string; operator: string; task_id: string | null });
    assert.deepEqual(
      audit.map((a) => a.event).filter((e) => e !== 'gate'),
      ['run_started', 'task_started', 'attempt_started', 'attempt_finished', 'review', 'review', 'review', 'task_finished', 'run_finished'],
    );
    assert.ok(audit.every((a) => a.run_id === summary.runId && a.operator === 'ci-bot'));
    // The agent was asked with the task's text.
    const prompt = JSON.parse(readFileSync(join(repo.scratch, 'prompts.jsonl'), 'utf8').split('\n')[0]!) as { prompt: string };
    assert.ok(prompt.prompt.startsWith('# Task TASK-003: POST /links endpoint'));
  });

  it('retries after a failing test gate with the failure in the next prompt, then succeeds', async () => {
    // About the gate: no reviewers, so the prompt log holds the two implement prompts only.
    repo = makeDemoRepo(testConfig({ test: 'node -e "process.exit(require(\'fs\').existsSync(\'fixed.txt\') ? 0 : 1)" && echo gate-ok', review: false }));
    const script = repo.script('retry', {
      runs: [
        [{ say: 'first try' }, { marker: 'TASK_COMPLETE' }],
        [{ write: { path: 'fixed.txt', content: 'yes\n' } }, { marker: 'TASK_COMPLETE' }],
      ],
    });
    const events: RunEvent[] = [];
    const summary = await runSession(request(repo, events, { taskIds: ['TASK-003'] }, { SPECPILOT_FAKE_SCRIPT: script }));
    assert.deepEqual(summary.tasks.map((t) => [t.result, t.attempts]), [['done', 2]]);
    const retry = events.find((e) => e.kind === 'retry');
    assert.ok(retry && retry.kind === 'retry' && retry.nextAttempt === 2);
    const prompts = readFileSync(join(repo.scratch, 'prompts.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { prompt: string }).prompt);
    assert.equal(prompts.length, 2);
    assert.ok(!prompts[0]!.includes('The previous attempt did not succeed'));
    assert.ok(prompts[1]!.includes('The test gate `node -e'), prompts[1]);
    assert.ok(prompts[1]!.includes('- Attempt 2 of 2'));
  });

  it('fails for good, puts the status back and keeps the work on the task branch', async () => {
    repo = makeDemoRepo(testConfig({ retries: 1 }));
    const script = repo.script('fail', { steps: [{ write: { path: 'half.js', content: '// half\n' } }, { marker: 'TASK_FAILED: the schema is missing' }] });
    const summary = await runSession(request(repo, [], { taskIds: ['TASK-004'] }, { SPECPILOT_FAKE_SCRIPT: script }));
    assert.equal(summary.status, 'failed');
    assert.deepEqual(summary.tasks.map((t) => [t.result, t.message]), [
      ['failed', 'the agent reported TASK_FAILED: the schema is missing (attempt 1 of 1; no attempts left)'],
    ]);
    assert.equal(repo.git('branch', '--show-current'), 'main');
    assert.equal(taskStatus(repo, 'TASK-004'), 'todo');
    assert.equal(existsSync(join(repo.dir, 'half.js')), false);
    assert.equal(repo.git('status', '--porcelain'), '');
    const branch = repo.git('branch', '--list', 'task/TASK-004*', '--format=%(refname:short)');
    assert.match(repo.git('show', `${branch}:half.js`), /\/\/ half/);
  });

  it('refuses to start on a dirty tree, and with a rescue stash restores the user\'s changes afterwards', async () => {
    repo = makeDemoRepo(testConfig());
    repo.write('README.md', 'my unsaved notes\n');
    const refused = await runSession(request(repo, [], { taskIds: ['TASK-003'] }));
    assert.equal(refused.tasks[0]!.result, 'failed');
    assert.match(refused.tasks[0]!.message, /^the working tree has uncommitted changes \(README\.md\); commit them, or allow a rescue stash/);
    assert.equal(readFileSync(join(repo.dir, 'README.md'), 'utf8'), 'my unsaved notes\n');
    const ok = await runSession(request(repo, [], { taskIds: ['TASK-003'], allowStash: true }));
    assert.equal(ok.tasks[0]!.result, 'done', ok.tasks[0]!.message);
    assert.equal(readFileSync(join(repo.dir, 'README.md'), 'utf8'), 'my unsaved notes\n');
    assert.equal(repo.git('stash', 'list'), '');
  });

  it('a stop that arrives while the attempt is being prepared still stops it (no agent left running)', async () => {
    repo = makeDemoRepo(testConfig());
    const script = repo.script('hang', { steps: [{ say: 'working' }, { hang: true }] });
    const controller = new AbortController();
    const events: RunEvent[] = [];
    const summary = await runSession({
      ...request(repo, events, { taskIds: ['TASK-003'] }, { SPECPILOT_FAKE_SCRIPT: script }),
      signal: controller.signal,
      // Abort exactly when implement begins: before the driver listens for it.
      emit: (e) => {
        events.push(e);
        if (e.kind === 'stage' && e.stage === 'implement') controller.abort();
      },
    });
    assert.deepEqual(summary.tasks.map((t) => [t.result, t.message]), [['stopped', 'stopped while the agent was running']]);
    assert.equal(summary.status, 'stopped');
    assert.ok(!events.some((e) => e.kind === 'agent'), 'the agent never ran');
  });

  it('skips a task whose dependencies are not done, naming them', async () => {
    repo = makeDemoRepo(testConfig());
    const summary = await runSession(request(repo, [], { taskIds: ['TASK-005'] }));
    assert.equal(summary.tasks[0]!.result, 'skipped');
    assert.match(summary.tasks[0]!.message, /^blocked by TASK-/);
  });
});
