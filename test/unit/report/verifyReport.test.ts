// Verify with evidence (the review check, gates, commit) recorded and read back with
// latestVerification; the traceability matrix (milestone filter, uncovered-only, costs per
// requirement, verified only with evidence); and the CLI's audit / report / verify as real processes.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDirFor } from '../../../src/core/executor/stateDir';
import { openTaskFile } from '../../../src/core/project/openTaskFile';
import { matrixMarkdown } from '../../../src/core/report/matrixRender';
import { buildTraceMatrix } from '../../../src/core/report/traceMatrix';
import { latestVerification, latestVerifications, verifiedWithEvidence } from '../../../src/core/report/verifications';
import { verifySession } from '../../../src/core/report/verifySession';
import { openRunStore, readRunStore, type JsonValue, type RunStore } from '../../../src/core/store';
import { cli, DESIGN, git, REQUIREMENTS, removeWorkspaces, TASKS, workspaceWith } from './reportFixture';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const CONFIG = 'hooks:\n  post_done:\n    run_tests: true\n    run_lint: false\ncommands:\n  test: "true"\n';

function files(): Record<string, string> {
  return { 'spec/tasks.md': TASKS, 'spec/requirements.md': REQUIREMENTS, 'spec/design.md': DESIGN, 'spec-runner.config.yaml': CONFIG };
}

async function withStore(dir: string, fn: (s: RunStore) => void): Promise<void> {
  const opened = await openRunStore(stateDirFor(dir, join(dir, 'spec', 'tasks.md')));
  if (!opened.ok) throw new Error(opened.error.message);
  fn(opened.store);
  await opened.store.close();
}

function review(attempt: number, role: string, verdict: string | null): JsonValue {
  return { attempt, role, verdict, findings: verdict === 'failed' ? '- no tests' : '', outcome: 'answered', cost_usd: 0.01, agent: 'claude', model: 'sonnet', log: `logs/${role}-${attempt}.log` };
}

describe('verify, stored evidence and the traceability matrix', function () {
  this.timeout(60_000);
  afterEach(removeWorkspaces);

  it('verify: the latest review decides the review check; every check carries its evidence; latestVerification reads it back', async () => {
    const dir = workspaceWith(files(), { git: true });
    git(dir, 'commit', '-q', '--allow-empty', '-m', 'TASK-001: First', '-m', 'Specpilot-Task: TASK-001');
    const sha = git(dir, 'rev-parse', 'HEAD');
    git(dir, 'commit', '-q', '--allow-empty', '-m', 'TASK-0031: another task, and TASK-0012');
    await withStore(dir, (s) => {
      s.recordEvent({ runId: 'r1', taskId: 'TASK-001', kind: 'review', data: review(1, 'testing', 'failed') });
      s.recordEvent({ runId: 'r1', taskId: 'TASK-001', kind: 'review', data: review(2, 'quality', 'passed') });
      s.recordEvent({ runId: 'r1', taskId: 'TASK-001', kind: 'review', data: review(2, 'testing', 'fixed') });
      s.recordEvent({ runId: 'r1', taskId: 'TASK-003', kind: 'review', data: review(1, 'docs', null) });
    });
    const s = await verifySession({ cwd: dir, taskIds: [], strict: false, front: 'cli' });
    assert.ok(s.ok);
    assert.equal(s.recorded, true);
    assert.deepEqual(s.results.map((r) => [r.taskId, r.verified]), [['TASK-001', false], ['TASK-003', false]]);
    const [first, third] = s.results;
    assert.deepEqual(first!.checks.map((c) => [c.name, c.verdict]), [['checklist', 'passed'], ['traces', 'failed'], ['gates', 'passed'], ['commit', 'passed'], ['review', 'passed']]);
    const gates = first!.checks[2]!;
    assert.deepEqual(gates.evidence, [{ subject: 'test', command: 'true', exitCode: 0, outputSha256: EMPTY_SHA256, commitSha: null, verdict: 'passed' }]);
    const commit = first!.checks[3]!;
    assert.deepEqual(commit.evidence, [{ subject: 'main', command: null, exitCode: null, outputSha256: null, commitSha: sha, verdict: 'passed' }]);
    assert.equal(commit.detail, `${sha.slice(0, 8)} on main: TASK-001: First`);
    const rv = first!.checks[4]!;
    assert.equal(rv.detail, 'attempt 2: quality passed, testing fixed');
    assert.deepEqual(rv.evidence.map((e) => [e.subject, e.command, e.verdict]), [['quality', 'claude', 'passed'], ['testing', 'claude', 'passed']]);
    assert.deepEqual(rv.review?.reviewers.map((r) => r.log), ['logs/quality-2.log', 'logs/testing-2.log']);
    // TASK-003: no commit names it as a whole word (TASK-0031 does not), a reviewer with no verdict fails the review.
    assert.deepEqual(third!.checks.map((c) => [c.name, c.passed]), [['checklist', true], ['traces', true], ['gates', true], ['commit', false], ['review', false]]);
    assert.equal(third!.checks[4]!.detail, 'attempt 1: docs no verdict');
    assert.equal(s.timing.gatesMs > 0 && s.timing.totalMs >= s.timing.gatesMs, true);
    assert.equal(s.timing.gateRuns, 1);
    assert.equal(gates.detail, "test passed (one run shared by this verify session's 2 tasks, made for TASK-001)");

    const snap = await readRunStore(stateDirFor(dir, join(dir, 'spec', 'tasks.md')));
    assert.ok(snap.ok);
    const stored = latestVerification(snap.store, 'TASK-001');
    assert.deepEqual(stored, JSON.parse(JSON.stringify(first)));
    assert.equal(latestVerification(snap.store, 'TASK-002'), null);
    // Read through the kind filter: the review events beside them are not verifications.
    assert.deepEqual([...latestVerifications(snap.store).keys()], ['TASK-001', 'TASK-003']);
    snap.store.close();
  });

  it('verify: each gate command runs once per session, and every task gets that run as its evidence', async () => {
    const config = (test: string, lint: string | null): string =>
      `hooks:\n  post_done:\n    run_tests: true\n    run_lint: ${lint !== null}\ncommands:\n  test: '${test}'\n  lint: '${lint ?? ''}'\n`;
    const dir = workspaceWith({ ...files(), 'spec-runner.config.yaml': config('printf "test\\n" >> gate-runs.txt; echo checked', 'printf "lint\\n" >> gate-runs.txt') }, { git: true });
    const ids = ['TASK-001', 'TASK-002', 'TASK-003'];
    const s = await verifySession({ cwd: dir, taskIds: ids, strict: false, front: 'cli' });
    assert.ok(s.ok);
    // The counter file: one line per gate process, for three tasks.
    assert.equal(readFileSync(join(dir, 'gate-runs.txt'), 'utf8'), 'test\nlint\n');
    assert.equal(s.timing.gateRuns, 2);
    assert.equal(s.note, null);
    const checkedSha = createHash('sha256').update('checked\n').digest('hex');
    const gateChecks = s.results.map((r) => r.checks.find((c) => c.name === 'gates'));
    for (const c of gateChecks) {
      assert.equal(c?.detail, "test passed, lint passed (one run shared by this verify session's 3 tasks, made for TASK-001)");
      assert.deepEqual(c.evidence, [
        { subject: 'test', command: 'printf "test\\n" >> gate-runs.txt; echo checked', exitCode: 0, outputSha256: checkedSha, commitSha: null, verdict: 'passed' },
        { subject: 'lint', command: 'printf "lint\\n" >> gate-runs.txt', exitCode: 0, outputSha256: EMPTY_SHA256, commitSha: null, verdict: 'passed' },
      ]);
      // The same run, duration included, in every task's check.
      assert.deepEqual(c.gates, gateChecks[0]!.gates);
    }
    assert.deepEqual(gateChecks[0]!.gates?.map((g) => [g.name, g.exitCode, g.passed, g.outputTail]), [['test', 0, true, 'checked'], ['lint', 0, true, '']]);
    const snap = await readRunStore(stateDirFor(dir, join(dir, 'spec', 'tasks.md')));
    assert.ok(snap.ok);
    assert.deepEqual(ids.map((id) => latestVerification(snap.store, id)?.checks.find((c) => c.name === 'gates')?.gates), ids.map(() => JSON.parse(JSON.stringify(gateChecks[0]!.gates))));
    snap.store.close();

    // A failing gate is shared the same way: one process, three failed checks with its exit code.
    writeFileSync(join(dir, 'spec-runner.config.yaml'), config('printf "again\\n" >> gate-runs.txt; exit 3', null));
    const f = await verifySession({ cwd: dir, taskIds: ids, strict: false, front: 'cli' });
    assert.ok(f.ok);
    assert.equal(readFileSync(join(dir, 'gate-runs.txt'), 'utf8'), 'test\nlint\nagain\n');
    assert.equal(f.timing.gateRuns, 1);
    assert.deepEqual(
      f.results.map((r) => [r.taskId, r.verified, r.checks.find((c) => c.name === 'gates')?.detail]),
      ids.map((id) => [id, false, 'test (`printf "again\\n" >> gate-runs.txt; exit 3`) exited 3 (one run shared by this verify session\'s 3 tasks, made for TASK-001)']),
    );
  });

  it('verify: a cancelled session stops the running gate and records no verdict from it', async () => {
    const dir = workspaceWith({ ...files(), 'spec-runner.config.yaml': "hooks:\n  post_done:\n    run_tests: true\n    run_lint: false\ncommands:\n  test: 'echo $$ > gate.pid; exec sleep 30'\n" }, { git: true });
    const abort = new AbortController();
    const session = verifySession({ cwd: dir, taskIds: ['TASK-001', 'TASK-002', 'TASK-003'], strict: false, front: 'cli', signal: abort.signal });
    const pidFile = join(dir, 'gate.pid');
    while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8').trim() === '') await new Promise((r) => setTimeout(r, 20));
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    abort.abort();
    const s = await session;
    assert.ok(s.ok);
    assert.deepEqual([s.results.length, s.recorded, s.note, s.timing.gateRuns], [0, true, 'verify was cancelled: 0 of 3 tasks verified', 1]);
    assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' });
    // Nothing was recorded: the state DB was never even created.
    assert.equal(existsSync(join(stateDirFor(dir, join(dir, 'spec', 'tasks.md')), 'state.db')), false);
  });

  it('verifiedWithEvidence: a stored "verified" without the evidence behind it is not shown as verified', async () => {
    const check = (name: string, evidence: JsonValue[]): JsonValue => ({ name, passed: true, verdict: 'passed', detail: '', evidence });
    const item = (subject: string, more: Record<string, JsonValue> = {}): JsonValue => ({ subject, command: null, exitCode: null, outputSha256: null, commitSha: null, verdict: 'passed', ...more });
    const base = { title: 't', verified: true, strict: false, at: 'x' };
    const cases: [string, JsonValue, boolean | null][] = [
      ['T1', { ...base, taskId: 'T1', checks: [check('gates', [item('test', { command: 'true', exitCode: 0, outputSha256: EMPTY_SHA256 })]), check('commit', [item('main', { commitSha: 'a'.repeat(40) })])] }, true],
      ['T2', { ...base, taskId: 'T2', checks: [check('gates', [item('test', { command: 'true', exitCode: 0 })])] }, false],
      ['T3', { ...base, taskId: 'T3', checks: [check('commit', [item('main')])] }, false],
      ['T4', { ...base, taskId: 'T4', checks: [check('commit', [])] }, false],
      // An older event without evidence lists cannot be read as a verification at all.
      ['T5', { ...base, taskId: 'T5', checks: [{ name: 'commit', passed: true, detail: '' }] }, null],
    ];
    const dir = workspaceWith(files());
    await withStore(dir, (s) => {
      for (const [id, data] of cases) s.recordEvent({ runId: null, taskId: id, kind: 'verify', data });
    });
    const snap = await readRunStore(stateDirFor(dir, join(dir, 'spec', 'tasks.md')));
    assert.ok(snap.ok);
    assert.deepEqual(cases.map(([id]) => [id, verifiedWithEvidence(latestVerification(snap.store, id))]), cases.map(([id, , want]) => [id, want]));
    snap.store.close();
  });

  it('matrix: rows per requirement with designs, costs per requirement (shared tasks in both), verified only with evidence, milestone and uncovered filters', async () => {
    const dir = workspaceWith(files(), { git: true });
    git(dir, 'commit', '-q', '--allow-empty', '-m', 'TASK-003: Third');
    const logged = git(dir, 'rev-parse', 'HEAD');
    await withStore(dir, (s) => {
      const run = s.beginRun({ mode: 'all', operator: 't', front: 'cli', pid: 1, budgetUsd: null });
      assert.ok(run.ok);
      for (const [id, cost] of [['TASK-001', 0.5], ['TASK-003', 0.25]] as const) {
        const a = s.beginAttempt({ runId: run.value.id, taskId: id, agent: 'claude', command: 'claude', model: 'm', promptHash: 'h' });
        assert.ok(a.ok);
        s.finishAttempt(a.value.id, { outcome: 'answered', marker: 'complete', reason: '', exitCode: 0, costUsd: cost, tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, errorContext: '' });
      }
      s.upsertTask('TASK-001', { mergeSha: 'b'.repeat(40) });
      const ev = (subject: string, more: Record<string, JsonValue>): JsonValue => ({ subject, command: null, exitCode: null, outputSha256: null, commitSha: null, verdict: 'passed', ...more });
      s.recordEvent({ runId: null, taskId: 'TASK-001', kind: 'verify', data: { taskId: 'TASK-001', title: 'First', verified: true, strict: false, at: '2025-01-02T00:00:00.000Z', checks: [{ name: 'commit', passed: true, verdict: 'passed', detail: '', evidence: [ev('main', { commitSha: 'b'.repeat(40) })] }] } });
      // Claims verified, but its gate evidence has no output hash: shown as not verified.
      s.recordEvent({ runId: null, taskId: 'TASK-003', kind: 'verify', data: { taskId: 'TASK-003', title: 'Third', verified: true, strict: false, at: '2025-01-02T00:00:00.000Z', checks: [{ name: 'gates', passed: true, verdict: 'passed', detail: '', evidence: [ev('test', { command: 'true', exitCode: 0 })] }] } });
    });
    const o = openTaskFile({ cwd: dir });
    assert.ok(o.ok);
    const snap = await readRunStore(stateDirFor(dir, o.value.path));
    assert.ok(snap.ok);
    const { taskCommits } = await import('../../../src/core/report/taskCommits');
    const { openRepo } = await import('../../../src/core/git');
    const repo = await openRepo(dir);
    assert.ok(!('error' in repo));
    const commits = await taskCommits(repo, '', ['TASK-002', 'TASK-003', 'TASK-004']);
    assert.ok(commits.ok);
    const m = buildTraceMatrix({ analysis: o.value.analysis, store: snap.store, commits: commits.value });
    const view = m.rows.map((r) => [r.requirement?.id ?? null, r.requirement?.line ?? null, r.designs.map((d) => `${d.id}@${d.line}`), r.tasks.map((t) => [t.id, t.line, t.status, t.statusLine, t.verified, t.commit?.slice(0, 4) ?? null, t.commitSource, t.costUsd, t.alsoIn]), r.costUsd]);
    assert.deepEqual(view, [
      ['REQ-001', 2, ['DESIGN-001@2'], [['TASK-001', 4, 'done', 5, true, 'bbbb', 'store', 0.5, []], ['TASK-003', 20, 'done', 21, false, logged.slice(0, 4), 'git', 0.25, ['REQ-003']]], 0.75],
      ['REQ-002', 5, [], [], null],
      ['REQ-003', 8, [], [['TASK-003', 20, 'done', 21, false, logged.slice(0, 4), 'git', 0.25, ['REQ-001']], ['TASK-004', 29, 'todo', 30, null, null, null, null, []]], 0.25],
      [null, null, [], [['TASK-002', 13, 'todo', 14, null, null, null, null, []]], null],
    ]);
    assert.deepEqual(m.totals, { requirements: 3, covered: 2, uncovered: 1, tasks: 4, verified: 1, costUsd: 0.75, sharedTasks: 1 });
    assert.deepEqual(m.notes, ['A task tracing several requirements counts in full in each of their costs; the total counts it once.']);
    assert.equal(m.rows[0]!.requirement!.file, join(dir, 'spec/requirements.md'));
    assert.equal(m.rows[0]!.tasks[0]!.file, o.value.path);

    const m2 = buildTraceMatrix({ analysis: o.value.analysis, store: snap.store, milestone: '2' });
    assert.deepEqual(m2.rows.map((r) => [r.requirement?.id ?? null, r.tasks.map((t) => t.id)]), [['REQ-001', ['TASK-003']], ['REQ-003', ['TASK-003', 'TASK-004']]]);
    const m3 = buildTraceMatrix({ analysis: o.value.analysis, store: snap.store, uncoveredOnly: true });
    assert.deepEqual(m3.rows.map((r) => [r.requirement?.id ?? null, r.tasks.length]), [['REQ-002', 0]]);

    const md = matrixMarkdown(m, dir).split('\n');
    assert.equal(md[6], '| REQ-001 Login (spec/requirements.md:3) | DESIGN-001 (spec/design.md:3) | TASK-001 First (spec/tasks.md:5) | done | verified | `bbbbbbbb` | $0.5000 | $0.7500 |');
    // Text from the files cannot break the table or inject HTML.
    assert.equal(md[9], '| REQ-003 Audit \\| &lt;b&gt;trail&lt;/b&gt; (spec/requirements.md:9) |  | TASK-003 Third (spec/tasks.md:21) | done | not verified | `' + logged.slice(0, 8) + '` | $0.2500 ¹ also REQ-001 | $0.2500 |');
    snap.store.close();
  });

  it('CLI: audit, report and verify as real processes, with their exit codes', async () => {
    const dir = workspaceWith(files(), { git: true });
    const audit = await cli(['audit', '--json', '-C', dir]);
    assert.equal(audit.code, 1, audit.stderr);
    const a = JSON.parse(audit.stdout) as { ok: boolean; errors: number; warnings: number; findings: { kind: string; line: number }[] };
    assert.deepEqual([a.ok, a.errors, a.warnings, a.findings.map((f) => `${f.kind}:${f.line}`)], [false, 4, 3, ['uncovered_requirement:6', 'dangling_reference:11', 'orphan_task:14', 'no_checklist:14', 'dangling_reference:17', 'dependency:21', 'dependency:30']]);
    const csv = await cli(['audit', '--csv', '-C', dir]);
    assert.equal(csv.code, 1);
    assert.equal(csv.stdout.split('\r\n')[0], 'severity,kind,file,line,column,task,ref,message');
    const both = await cli(['audit', '--csv', '--json', '-C', dir]);
    assert.equal(both.code, 2);
    assert.equal(both.stderr, 'specpilot: --json and --csv are exclusive: choose one output format\nRun "specpilot --help" for usage.\n');
    const text = await cli(['audit', '-C', dir]);
    assert.match(text.stdout, /^spec\/tasks\.md:17:30: error: TASK-002 depends on TASK-099 .*\[dangling_reference\]$/m);
    assert.match(text.stdout, /^✗ audit spec\/tasks\.md: 4 tasks, 4 errors, 3 warnings$/m);

    const report = await cli(['report', '--json', '--milestone', 'Extras', '-C', dir]);
    assert.equal(report.code, 0, report.stderr);
    const r = JSON.parse(report.stdout) as { milestone: string; rows: { requirement: { id: string; line: number } | null; tasks: { id: string; line: number; statusLine: number }[] }[] };
    assert.equal(r.milestone, 'Extras');
    assert.deepEqual(r.rows.map((x) => [x.requirement?.id, x.requirement?.line, x.tasks.map((t) => `${t.id}:${t.line}:${t.statusLine}`)]), [['REQ-001', 3, ['TASK-003:21:22']], ['REQ-003', 9, ['TASK-003:21:22', 'TASK-004:30:31']]]);
    const md = await cli(['report', '--uncovered-only', '-C', dir]);
    assert.equal(md.code, 0);
    assert.match(md.stdout, /^\| REQ-002 Logout \(spec\/requirements\.md:6\) \| {2}\| \*\(no task\)\* \|/m);
    const bad = await cli(['report', '--milestone', '', '-C', dir]);
    assert.equal(bad.code, 2);

    const verify = await cli(['verify', '--task', 'TASK-003', '--json', '-C', dir]);
    assert.equal(verify.code, 1, verify.stderr);
    const v = JSON.parse(verify.stdout) as { recorded: boolean; results: { checks: { name: string; verdict: string }[] }[] };
    assert.equal(v.recorded, true);
    assert.deepEqual(v.results[0]!.checks.map((c) => `${c.name}:${c.verdict}`), ['checklist:passed', 'traces:passed', 'gates:passed', 'commit:failed', 'review:unchecked']);
  });
});
