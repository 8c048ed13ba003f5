// Human approval end to end on a real git repository with the fake agent CLI: a run with
// hitl_review parks the task, the parked state survives a new session, `specpilot reject` (a real
// process) reverts a hunk and starts the next attempt with the reason and comment fenced in its
// prompt, the task parks again, and `specpilot approve` commits, merges and marks it done.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSession, type RunRequest } from '../../../src/core/executor/runSession';
import type { RunEvent } from '../../../src/core/executor/runEvents';
import { listParked, loadParkedReview } from '../../../src/core/review/parkedReview';
import { parseSpec } from '../../../src/core/spec/parseSpec';
import { readRunStore } from '../../../src/core/store';
import { FAKE_BIN, FIXTURES, makeDemoRepo, type DemoRepo } from '../executor/demoRepo';

const REPO = join(__dirname, '..', '..', '..');
const CLAUDE = join(FAKE_BIN, 'claude');
const BRANCH = 'task/TASK-003-post-links-endpoint';

const CONFIG = [
  'max_retries: 1',
  'retry_delay_seconds: 0',
  'task_timeout_minutes: 2',
  'budget_usd: null',
  'hitl_review: true',
  `claude_command: ${JSON.stringify(CLAUDE)}`,
  'audit_log_path: audit/specpilot.jsonl',
  'audit_log_operator: reviewer-ann',
  'hooks:',
  '  post_done:',
  '    run_tests: true',
  '    run_lint: false',
  // The AI review has tests of its own; here the person is the only reviewer.
  '    run_review: false',
  'commands:',
  '  test: "node --test"',
].join('\n');

interface Cli {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `specpilot ...` as a real process (tsx), as a person would run it. */
function cli(args: readonly string[], env: Record<string, string>): Promise<Cli> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src/cli/main.ts'), ...args], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function statusIn(text: string, id: string): string {
  return parseSpec(text, 'spec/tasks.md').tasks.find((t) => t.id === id)!.status;
}

async function storeStatus(repo: DemoRepo, id: string): Promise<string | undefined> {
  const read = await readRunStore(join(repo.dir, 'spec', '.specpilot'));
  assert.ok(read.ok);
  if (!read.ok) return undefined;
  try {
    return read.store.task(id)?.status;
  } finally {
    read.store.close();
  }
}

describe('human approval (real git, real agent and CLI processes)', function () {
  this.timeout(180_000);
  let repo: DemoRepo;
  afterEach(() => repo?.cleanup());

  it('parks, survives a new session, is rejected with a comment and a reverted hunk, re-runs, parks again, is approved and merged', async () => {
    repo = makeDemoRepo(CONFIG);
    const server = readFileSync(join(FIXTURES, 'demo', 'src', 'server.js'), 'utf8');
    const edited = server.replace(/^\/\/ HTTP layer/, '// EDITED HTTP layer') + '// TAIL ADDED\n';
    const script = repo.script('hitl', {
      runs: [
        [{ write: { path: 'src/server.js', content: edited } }, { write: { path: 'notes.txt', content: 'first\n' } }, { marker: 'TASK_COMPLETE' }],
        [{ append: { path: 'notes.txt', content: 'second\n' } }, { marker: 'TASK_COMPLETE' }],
      ],
    });
    const prompts = join(repo.scratch, 'prompts.jsonl');
    const env = { SPECPILOT_FAKE_SCRIPT: script, SPECPILOT_FAKE_PROMPT_LOG: prompts };
    const events: RunEvent[] = [];
    const request = (patch: Partial<RunRequest>): RunRequest => ({ cwd: repo.dir, mode: 'task', front: 'cli', emit: (e) => events.push(e), overrides: { env }, ...patch });
    const baseTasks = readFileSync(join(repo.dir, 'spec', 'tasks.md'), 'utf8');

    // 1. The run parks the task: candidate committed on its branch, the base checked out again.
    const first = await runSession(request({ taskIds: ['TASK-003'] }));
    assert.equal(first.error, null);
    assert.equal(first.status, 'completed', first.message);
    assert.deepEqual(first.tasks.map((t) => [t.taskId, t.result, t.message]), [['TASK-003', 'awaiting_approval', 'awaiting approval']]);
    assert.equal(await storeStatus(repo, 'TASK-003'), 'awaiting_approval');
    assert.equal(repo.git('branch', '--show-current'), 'main');
    assert.equal(repo.git('status', '--porcelain'), '');
    assert.equal(readFileSync(join(repo.dir, 'spec', 'tasks.md'), 'utf8'), baseTasks);
    assert.equal(statusIn(repo.git('show', `${BRANCH}:spec/tasks.md`), 'TASK-003'), 'review');
    assert.equal(repo.git('log', '-1', '--format=%s', BRANCH), 'Review candidate TASK-003: POST /links endpoint');
    assert.equal(repo.git('log', '-1', '--format=%s', 'main'), 'demo');
    const stages = events.filter((e): e is Extract<RunEvent, { kind: 'stage' }> => e.kind === 'stage').map((e) => e.stage);
    assert.deepEqual(stages, ['implement', 'gates']);
    const finished = events.filter((e) => e.kind === 'task_finished');
    assert.deepEqual(finished.map((e) => e.kind === 'task_finished' && [e.taskId, e.result, e.message]), [['TASK-003', 'awaiting_approval', 'awaiting approval']]);

    // 2. A new session sees it parked: listed, reviewable, and never run again from scratch.
    const listed = await listParked({ cwd: repo.dir });
    assert.ok(listed.ok);
    assert.deepEqual(listed.value.map((p) => [p.taskId, p.title, p.branch, p.attempt, p.files, p.added, p.removed]), [
      ['TASK-003', 'POST /links endpoint', BRANCH, 1, 2, 3, 1],
    ]);
    const parked = await loadParkedReview({ cwd: repo.dir, taskId: 'TASK-003' });
    assert.ok(parked.ok);
    const serverFile = parked.value.files.find((f) => f.path === 'src/server.js')!;
    assert.deepEqual(serverFile.hunks.map((h) => h.index), [0, 1]);
    const again = await runSession(request({ taskIds: ['TASK-003'] }));
    assert.deepEqual(again.tasks.map((t) => [t.result, t.message]), [
      ['skipped', 'TASK-003 is awaiting approval: approve or reject it (specpilot approve TASK-003 / specpilot reject TASK-003 --reason ...)'],
    ]);
    assert.equal(await storeStatus(repo, 'TASK-003'), 'awaiting_approval');

    // 3. The CLI lists it and shows numbered hunks; deciding a task that is not parked is exit 2.
    const list = await cli(['approve', '-C', repo.dir], env);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^1 task awaiting approval:\n {2}TASK-003 {2}POST \/links endpoint {2}attempt 1 · 2 files \+3 -1 · task\/TASK-003-post-links-endpoint\n/);
    const shown = await cli(['review', 'TASK-003', '-C', repo.dir], env);
    assert.equal(shown.code, 0, shown.stderr);
    assert.ok(shown.stdout.includes(`    #1 ${serverFile.hunks[0]!.header}\n`), shown.stdout);
    assert.ok(shown.stdout.includes(`    #2 ${serverFile.hunks[1]!.header}\n`), shown.stdout);
    const notParked = await cli(['approve', 'TASK-004', '-C', repo.dir], env);
    assert.equal(notParked.code, 2);
    assert.equal(notParked.stderr, 'specpilot: TASK-004 is not awaiting approval: it has not run yet\nRun "specpilot --help" for usage.\n');

    // 4. Reject: the tail hunk reverted, a comment on the first hunk, a new attempt that parks again.
    const rejected = await cli(
      ['reject', 'TASK-003', '--reason', 'Do not touch the header ``` (quoted)', '--comment', 'src/server.js#1=Keep the original header comment.', '--revert', 'src/server.js#2', '--json', '-C', repo.dir],
      env,
    );
    assert.equal(rejected.code, 0, rejected.stderr);
    const rj = JSON.parse(rejected.stdout) as { decision: string; result: string; error: string | null };
    assert.deepEqual([rj.decision, rj.result, rj.error], ['reject', 'awaiting_approval', null]);
    const promptTexts = readFileSync(prompts, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { prompt: string }).prompt);
    assert.equal(promptTexts.length, 2);
    const second = promptTexts[1]!;
    assert.ok(second.includes('A person reviewed the previous attempt and rejected it. Their reason, quoted:\n````text\nDo not touch the header ``` (quoted)\n````'), second);
    assert.ok(
      second.includes(`Comment 1, on hunk #1 of a file. The file and the hunk as it was:\n\`\`\`text\nsrc/server.js\n${serverFile.hunks[0]!.header}\n${serverFile.hunks[0]!.lines.join('\n')}\n\`\`\`\nThe comment, quoted:\n\`\`\`text\nKeep the original header comment.\n\`\`\``),
      second,
    );
    assert.ok(second.includes(`These hunks were reverted on the branch at their request (they are undone; do not bring them back as they were):\n\`\`\`text\nsrc/server.js #2 ${serverFile.hunks[1]!.header}\n\`\`\``), second);
    assert.ok(second.includes('- Attempt 2 of 2'), second);
    assert.equal(await storeStatus(repo, 'TASK-003'), 'awaiting_approval');
    assert.equal(repo.git('branch', '--show-current'), 'main');
    assert.equal(repo.git('status', '--porcelain'), '');
    assert.equal(repo.git('show', `${BRANCH}:src/server.js`) + '\n', server.replace(/^\/\/ HTTP layer/, '// EDITED HTTP layer'));
    assert.deepEqual(repo.git('log', '--format=%s', `main..${BRANCH}`).split('\n'), [
      'Review candidate TASK-003: POST /links endpoint',
      'Revert rejected hunks of TASK-003',
      'Review candidate TASK-003: POST /links endpoint',
    ]);

    // 5. Approve: the final commit, the merge, done in the file and in the store.
    const approved = await cli(['approve', 'TASK-003', '--json', '-C', repo.dir], env);
    assert.equal(approved.code, 0, approved.stderr);
    const ap = JSON.parse(approved.stdout) as { decision: string; result: string; message: string; commitSha: string };
    assert.deepEqual([ap.decision, ap.result, ap.message], ['approve', 'done', 'done and merged into main']);
    assert.equal(ap.commitSha, repo.git('rev-parse', 'main'));
    assert.equal(repo.git('branch', '--show-current'), 'main');
    assert.equal(repo.git('status', '--porcelain'), '');
    assert.equal(statusIn(readFileSync(join(repo.dir, 'spec', 'tasks.md'), 'utf8'), 'TASK-003'), 'done');
    assert.equal(readFileSync(join(repo.dir, 'notes.txt'), 'utf8'), 'first\nsecond\n');
    assert.deepEqual(repo.git('log', '--format=%s', '-2').split('\n'), [`Merge ${BRANCH}: TASK-003 POST /links endpoint`, 'TASK-003: POST /links endpoint']);
    assert.equal(await storeStatus(repo, 'TASK-003'), 'done');
    const after = await listParked({ cwd: repo.dir });
    assert.deepEqual(after, { ok: true, value: [] });

    // The decisions are in the store's events and the audit log, with the operator.
    const audit = readFileSync(join(repo.dir, 'audit', 'specpilot.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const decisions = audit.filter((a) => a['event'] === 'approval');
    assert.deepEqual(decisions.map((d) => [d['task_id'], d['decision'], d['reason'], d['operator']]), [
      ['TASK-003', 'reject', 'Do not touch the header ``` (quoted)', 'reviewer-ann'],
      ['TASK-003', 'approve', null, 'reviewer-ann'],
    ]);
    assert.deepEqual(decisions[0]!['comments'], [{ path: 'src/server.js', hunk: 0, text: 'Keep the original header comment.' }]);
    assert.deepEqual(decisions[0]!['reverted'], [{ path: 'src/server.js', index: 1, header: serverFile.hunks[1]!.header }]);
    const read = await readRunStore(join(repo.dir, 'spec', '.specpilot'));
    assert.ok(read.ok);
    if (read.ok) {
      try {
        assert.deepEqual(read.store.runs().map((r) => r.mode), ['task', 'task', 'reject', 'approve']);
        assert.equal(read.store.events({ taskId: 'TASK-003' }).filter((e) => e.kind === 'approval').length, 2);
      } finally {
        read.store.close();
      }
    }
  });

  it('run --all skips a parked task (its review still diffs against where it branched), and a stale hunk in a reject changes nothing', async () => {
    repo = makeDemoRepo(CONFIG);
    const script = repo.script('ok', { steps: [{ write: { path: 'a.txt', content: 'a\n' } }, { marker: 'TASK_COMPLETE' }] });
    const env = { SPECPILOT_FAKE_SCRIPT: script };
    const request = (patch: Partial<RunRequest>): RunRequest => ({ cwd: repo.dir, mode: 'task', front: 'cli', emit: () => undefined, overrides: { env }, ...patch });
    const first = await runSession(request({ taskIds: ['TASK-003'] }));
    assert.deepEqual(first.tasks.map((t) => t.result), ['awaiting_approval']);
    const all = await runSession(request({ mode: 'all', overrides: { env, noGates: true } }));
    assert.ok(!all.tasks.some((t) => t.taskId === 'TASK-003'), JSON.stringify(all.tasks));
    assert.ok(all.tasks.length > 0);
    assert.equal(await storeStatus(repo, 'TASK-003'), 'awaiting_approval');
    // main moves on (someone commits there): the review still diffs against where the branch left it.
    writeFileSync(join(repo.dir, 'b.txt'), 'on main\n');
    repo.git('add', 'b.txt');
    repo.git('commit', '-q', '-m', 'b on main');
    const parked = await loadParkedReview({ cwd: repo.dir, taskId: 'TASK-003' });
    assert.ok(parked.ok);
    assert.notEqual(repo.git('rev-parse', 'main'), repo.git('merge-base', 'main', BRANCH));
    assert.equal(parked.value.diffBase, repo.git('merge-base', 'main', BRANCH));
    assert.deepEqual(parked.value.files.map((f) => f.path), ['a.txt']);
    const head = repo.git('rev-parse', BRANCH);
    const stale = await runSession(
      request({ mode: 'reject', taskIds: ['TASK-003'], decision: { kind: 'reject', reason: 'no', comments: [], revert: [{ path: 'a.txt', index: 0, header: '@@ -1 +1 @@' }] } }),
    );
    assert.deepEqual(stale.tasks.map((t) => [t.result, t.message]), [
      ['failed', 'a.txt hunk #1 changed since it was reviewed (expected "@@ -1 +1 @@", found "@@ -0,0 +1 @@"): review the task again'],
    ]);
    assert.equal(repo.git('rev-parse', BRANCH), head);
    assert.equal(await storeStatus(repo, 'TASK-003'), 'awaiting_approval');
  });
});
