// The run commands of the CLI in-process on a real git repository with the fake agent CLIs:
// run --task / --all / --dry-run / --json-result, status, costs, logs, reset, stop, retry, doctor,
// and their usage errors; plus `specpilot run` as a real child process stopped by SIGINT.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAKE_BIN, makeDemoRepo, testConfig, type DemoRepo } from '../executor/demoRepo';
import { REPO, run } from './cliHarness';

const CLAUDE = join(FAKE_BIN, 'claude');

describe('cli: run commands', function () {
  this.timeout(90_000);
  let repo: DemoRepo;
  afterEach(() => repo?.cleanup());

  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({ ...process.env, ...extra });

  it('run --task --json-result prints one JSON result; status, costs and logs read the state', async () => {
    repo = makeDemoRepo(testConfig({ extra: `claude_command: ${JSON.stringify(CLAUDE)}` }));
    const script = repo.script('ok', {
      byPrompt: [{ contains: 'Specpilot review:', steps: [{ say: '- fine' }, { marker: 'REVIEW_PASSED' }] }],
      steps: [{ say: 'done it' }, { cost: { usd: 0.5, input: 10, output: 5 } }, { marker: 'TASK_COMPLETE' }],
    });
    {
      const r = await run(['run', '--task', 'TASK-003', '--json-result', '-C', repo.dir], env({ SPECPILOT_FAKE_SCRIPT: script }));
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.outCalls, 1);
      const result = JSON.parse(r.stdout) as { status: string; costUsd: number; tasks: { taskId: string; result: string; attempts: number }[] };
      assert.equal(result.status, 'completed');
      assert.equal(result.costUsd, 0.5);
      assert.deepEqual(result.tasks.map((t) => [t.taskId, t.result, t.attempts]), [['TASK-003', 'done', 1]]);
      assert.match(r.stderr, /TASK-003: POST \/links endpoint/);
      assert.match(r.stderr, /✓ TASK-003 done: done and merged into main/);
      assert.match(r.stderr, /^ {2}✓ review quality: REVIEW_PASSED — 1 finding \$0\.0000$/m);
    }
    const status = await run(['status', '--json', '-C', repo.dir]);
    assert.equal(status.code, 0);
    const s = JSON.parse(status.stdout) as { latestRun: { status: string; mode: string }; tasks: { taskId: string; status: string; title: string }[] };
    assert.equal(s.latestRun.status, 'completed');
    assert.deepEqual(s.tasks.map((t) => [t.taskId, t.status, t.title]), [['TASK-003', 'done', 'POST /links endpoint']]);
    const costs = await run(['costs', '--json', '--sort=cost', '-C', repo.dir]);
    const c = JSON.parse(costs.stdout) as { totalUsd: number; tasks: { taskId: string; costUsd: number }[] };
    assert.equal(c.totalUsd, 0.5);
    assert.deepEqual(c.tasks.map((t) => [t.taskId, t.costUsd]), [['TASK-003', 0.5]]);
    const text = await run(['costs', '-C', repo.dir]);
    assert.match(text.stdout, /^TASK-003 +\$0\.5000 +1 +POST \/links endpoint$/m);
    const logs = await run(['logs', 'TASK-003', '-C', repo.dir]);
    assert.equal(logs.code, 0);
    assert.match(logs.stdout, /attempt-1\.log \(attempt 1: answered, complete\)/);
    assert.match(logs.stdout, /"type":"result"/);
    // verify: the run's task is verified with evidence; the demo's pre-existing done tasks lack a commit.
    const verified = await run(['verify', '--task', 'TASK-003', '--json', '-C', repo.dir], env());
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    const v = JSON.parse(verified.stdout) as { verified: boolean; recorded: boolean; results: { taskId: string; checks: { name: string; passed: boolean | null; gates?: { exitCode: number }[] }[] }[] };
    assert.equal(v.verified, true);
    assert.equal(v.recorded, true);
    assert.deepEqual(v.results[0]!.checks.map((c) => [c.name, c.passed]), [['checklist', true], ['traces', true], ['gates', true], ['commit', true], ['review', true]]);
    const all = await run(['verify', '-C', repo.dir], env());
    assert.equal(all.code, 1);
    assert.match(all.stdout, /✗ not verified {2}TASK-001: Short code generator\n(.*\n){4} {4}✗ commit {4}no commit naming TASK-001 on main/);
    assert.match(all.stdout, /✓ verified {2}TASK-003: POST \/links endpoint/);
    const human = await run(['status', '-C', repo.dir]);
    assert.match(human.stdout, /^ {2}done +TASK-003 +POST \/links endpoint +done · 1 attempt · \$0\.5000/m);
  });

  it('run --all --dry-run prints the plan as JSON and starts nothing', async () => {
    repo = makeDemoRepo(testConfig());
    const r = await run(['run', '--all', '--dry-run', '-C', repo.dir]);
    assert.equal(r.code, 0, r.stderr);
    const plan = JSON.parse(r.stdout) as { dryRun: boolean; mode: string; tasks: { id: string; wave: number }[]; gates: { name: string }[]; maxAttempts: number };
    assert.equal(plan.dryRun, true);
    assert.equal(plan.mode, 'all');
    assert.equal(plan.tasks[0]!.id, 'TASK-003');
    assert.equal(plan.tasks[0]!.wave, 1);
    assert.deepEqual(plan.gates.map((g) => g.name), ['test']);
    assert.equal(plan.maxAttempts, 2);
    assert.equal(existsSync(join(repo.dir, 'spec', '.specpilot', 'state.db')), false);
    assert.equal(repo.git('status', '--porcelain'), '');
  });

  it('run --all runs every ready task, re-evaluating readiness, until none is left', async () => {
    repo = makeDemoRepo(testConfig({ extra: `claude_command: ${JSON.stringify(CLAUDE)}` }));
    const r = await run(['run', '--all', '--json-result', '-C', repo.dir], env());
    const result = JSON.parse(r.stdout) as { status: string; tasks: { taskId: string; result: string }[] };
    const tasks = readFileSync(join(repo.dir, 'spec', 'tasks.md'), 'utf8');
    assert.equal(result.status, 'completed', r.stderr);
    // Every non-optional task of the demo ends done, each merged on main in dependency order.
    assert.ok(result.tasks.length >= 4, JSON.stringify(result.tasks));
    assert.ok(result.tasks.every((t) => t.result === 'done'));
    assert.doesNotMatch(tasks, /TODO|IN_PROGRESS/);
    const merges = repo.git('log', '--merges', '--format=%s').split('\n').reverse();
    assert.deepEqual(merges.map((m) => /TASK-\d+/.exec(m)![0]), result.tasks.map((t) => t.taskId));
  });

  it('usage errors exit 2 with a message', async () => {
    repo = makeDemoRepo(testConfig());
    for (const [args, message] of [
      [['run'], 'run needs --task ID (repeatable) or --all'],
      [['run', '--all', '--task', 'TASK-003'], 'give either --task or --all, not both'],
      [['run', '--all', '--budget', 'lots'], '--budget must be a number of at least 0 (got "lots")'],
      [['run', '--all', '--log-level', 'loud'], '--log-level must be one of debug, info, warning, error (got "loud")'],
      [['costs', '--sort', 'price'], '--sort must be cost or id (got "price")'],
      [['retry'], 'retry needs a task id'],
    ] as const) {
      const r = await run([...args, '-C', repo.dir]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`^specpilot: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), args.join(' '));
    }
  });

  it('retry clears a failed task and runs it again; reset forgets failed state', async () => {
    repo = makeDemoRepo(testConfig({ retries: 1, extra: `claude_command: ${JSON.stringify(CLAUDE)}` }));
    const failing = repo.script('fail', { steps: [{ marker: 'TASK_FAILED: not today' }] });
    const first = await run(['run', '--task', 'TASK-003', '-C', repo.dir], env({ SPECPILOT_FAKE_SCRIPT: failing }));
    assert.equal(first.code, 1);
    assert.match(first.stdout, /✗ TASK-003 failed: the agent reported TASK_FAILED: not today/);
    const again = await run(['retry', 'TASK-003', '-C', repo.dir], env());
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /✓ TASK-003 done/);
    const fail2 = await run(['run', '--task', 'TASK-004', '-C', repo.dir], env({ SPECPILOT_FAKE_SCRIPT: failing }));
    assert.equal(fail2.code, 1);
    const reset = await run(['reset', '-C', repo.dir]);
    assert.equal(reset.stdout, 'Reset TASK-004: they start afresh on the next run.\n');
    const status = JSON.parse((await run(['status', '--json', '-C', repo.dir])).stdout) as { tasks: { taskId: string; status: string }[] };
    assert.deepEqual(status.tasks.map((t) => [t.taskId, t.status]), [['TASK-003', 'done'], ['TASK-004', 'pending']]);
  });

  it('doctor reports the fake CLI as READY and a missing one as BROKEN (exit 1)', async () => {
    repo = makeDemoRepo(testConfig({ extra: `claude_command: ${JSON.stringify(CLAUDE)}` }));
    const ok = await run(['doctor', '--json', '-C', repo.dir], env());
    const entries = (JSON.parse(ok.stdout) as { entries: { role: string; kind: string; format: string }[] }).entries;
    assert.deepEqual(entries.map((e) => [e.role, e.kind, e.format]), [['implementer', 'claude', 'READY']]);
    assert.equal(ok.code, 0);
    repo.write('spec-runner.config.yaml', testConfig({ extra: 'claude_command: /nowhere/claude' }));
    const broken = await run(['doctor', '-C', repo.dir], env());
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, /^BROKEN/);
  });

  it('a real `specpilot run` process stops on SIGINT: agent killed, status restored, work kept on the branch', async () => {
    repo = makeDemoRepo(testConfig({ extra: `claude_command: ${JSON.stringify(CLAUDE)}` }));
    const script = repo.script('hang', { steps: [{ write: { path: 'wip.js', content: '// wip\n' } }, { say: 'working' }, { hang: true }] });
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src/cli/main.ts'), 'run', '--task', 'TASK-003', '-C', repo.dir], {
      env: { ...process.env, SPECPILOT_FAKE_SCRIPT: script },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await waitFor(() => out.includes('working'), 30_000, () => out);
    } catch (err) {
      child.kill('SIGKILL');
      throw err;
    }
    child.kill('SIGINT');
    const code = await exited;
    assert.equal(code, 1, out);
    assert.match(out, /− TASK-003 stopped: stopped while the agent was running/);
    assert.equal(repo.git('branch', '--show-current'), 'main');
    // main never saw the run's status writes: they were on the task branch.
    assert.match(readFileSync(join(repo.dir, 'spec', 'tasks.md'), 'utf8'), /### TASK-003: POST \/links endpoint\n🔴 P0 \| 🔄 IN_PROGRESS/);
    assert.equal(repo.git('status', '--porcelain'), '');
    assert.equal(repo.git('show', 'task/TASK-003-post-links-endpoint:wip.js'), '// wip');
  });
});

describe('cli: watch', function () {
  this.timeout(120_000);
  let repo: DemoRepo;
  afterEach(() => repo?.cleanup());

  it('runs ready tasks, then runs a task that becomes ready when tasks.md changes, until Ctrl+C', async () => {
    // Review off: three reviewer processes per task made this run slow enough to time out on a busy machine.
    repo = makeDemoRepo(testConfig({ review: false, extra: `claude_command: ${JSON.stringify(CLAUDE)}` }));
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src/cli/main.ts'), 'watch', '--no-gates', '-C', repo.dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await waitFor(() => out.includes('watching the task file'), 90_000, () => out);
      assert.doesNotMatch(out, /TASK-007/);
      // TASK-007 was blocked; unblocking it (committed, as a person would) makes it ready.
      const file = join(repo.dir, 'spec', 'tasks.md');
      const text = readFileSync(file, 'utf8').replace(/(### TASK-007: [^\n]*\n[^\n]*)⏸️ BLOCKED/, '$1⬜ TODO');
      repo.write('spec/tasks.md', text);
      repo.git('commit', '-qam', 'unblock TASK-007');
      await waitFor(() => /✓ TASK-007 done/.test(out), 60_000, () => out);
    } finally {
      child.kill('SIGINT');
    }
    assert.equal(await exited, 0, out);
  });
});

async function waitFor(cond: () => boolean, ms: number, what: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting; output so far:\n${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
