// The verify / report cases of `npm run bench` (issue 4), each printed as one JSON line; scripts/
// bench.mjs runs each in a fresh process. `verify <tasks>`: verifySession over that many done tasks
// in a real git repository (one commit per task, a recorded review per task) with the no-op gate
// `true` (run once per session, shared by every task), gate process time and count reported apart. `report <tasks> <requirements>`: the traceability
// matrix and its Markdown and JSON over a generated spec with a store of costs and verifications.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stateDirFor } from '../../src/core/executor/stateDir';
import { openTaskFile } from '../../src/core/project/openTaskFile';
import { matrixJson, matrixMarkdown } from '../../src/core/report/matrixRender';
import { indexCommits } from '../../src/core/report/taskCommits';
import { buildTraceMatrix } from '../../src/core/report/traceMatrix';
import { latestVerifications } from '../../src/core/report/verifications';
import { verifySession } from '../../src/core/report/verifySession';
import { openRunStore, readRunStore, type JsonValue } from '../../src/core/store';

const pad = (n: number): string => String(n).padStart(3, '0');

/** spec-runner tasks: all done with every item checked (verify) or mixed (report), in milestones of 50. */
function tasksFile(count: number, requirements: number, allDone: boolean): string {
  const parts = ['# Tasks\n'];
  for (let i = 1; i <= count; i++) {
    if ((i - 1) % 50 === 0) parts.push(`\n## Milestone ${(i - 1) / 50 + 1}: Part ${(i - 1) / 50 + 1}\n`);
    const done = allDone || i % 3 !== 0;
    const req = 1 + ((i * 7) % requirements);
    const second = i % 5 === 0 ? `, [REQ-${pad(1 + ((i * 13) % requirements))}]` : '';
    const dep = i > 1 && i % 4 === 0 ? `[TASK-${pad(i - 1)}]` : '—';
    parts.push(
      `\n### TASK-${pad(i)}: Build part ${i} of the service\n🟠 P1 | ${done ? '✅ DONE' : '⬜ TODO'} | Est: 1d\n\nDo part ${i}.\n\n` +
        `**Checklist:**\n- [${done ? 'x' : ' '}] Write it\n- [${done ? 'x' : ' '}] Test it\n\n` +
        `**Traces to:** [REQ-${pad(req)}]${second}, [DESIGN-${pad(1 + (i % 50))}]\n**Depends on:** ${dep}\n`,
    );
  }
  return parts.join('');
}

function requirementsFile(n: number): string {
  const parts = ['# Requirements\n'];
  for (let i = 1; i <= n; i++) parts.push(`\n## REQ-${pad(i)}: Requirement ${i}\nThe system does thing ${i}.\n`);
  return parts.join('');
}

function designFile(n: number): string {
  const parts = ['# Design\n'];
  for (let i = 1; i <= n; i++) parts.push(`\n### DESIGN-${pad(i)}: Component ${i}\nHow part ${i} works.\n`);
  return parts.join('');
}

function workspace(tasks: number, requirements: number, allDone: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'specpilot-bench-report-'));
  mkdirSync(join(dir, 'spec'));
  writeFileSync(join(dir, 'spec', 'tasks.md'), tasksFile(tasks, requirements, allDone));
  writeFileSync(join(dir, 'spec', 'requirements.md'), requirementsFile(requirements));
  writeFileSync(join(dir, 'spec', 'design.md'), designFile(50));
  writeFileSync(join(dir, 'spec-runner.config.yaml'), 'hooks:\n  post_done:\n    run_tests: true\n    run_lint: false\ncommands:\n  test: "true"\n');
  writeFileSync(join(dir, '.gitignore'), 'spec/.specpilot/\n');
  return dir;
}

/** One commit per task on main, made in one `git fast-import` (thousands of commits in a second). */
function gitWithTaskCommits(dir: string, tasks: number): void {
  const git = (args: string[], input?: string): string =>
    execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', ...args], { cwd: dir, encoding: 'utf8', ...(input === undefined ? {} : { input }) });
  git(['init', '-q', '-b', 'main']);
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'spec']);
  const head = git(['rev-parse', 'HEAD']).trim();
  const stream: string[] = [];
  for (let i = 1; i <= tasks; i++) {
    const msg = `TASK-${pad(i)}: Build part ${i} of the service\n\nTraces: REQ-001\nSpecpilot-Task: TASK-${pad(i)}\n`;
    stream.push(`commit refs/heads/main\ncommitter Bench <bench@example.com> ${1_700_000_000 + i} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}\n${i === 1 ? `from ${head}\n` : ''}\n`);
  }
  git(['fast-import', '--quiet'], stream.join(''));
  git(['reset', '-q', '--hard', 'main']);
}

async function benchVerify(tasks: number): Promise<unknown> {
  const dir = workspace(tasks, 200, true);
  try {
    gitWithTaskCommits(dir, tasks);
    const state = stateDirFor(dir, join(dir, 'spec', 'tasks.md'));
    const opened = await openRunStore(state);
    if (!opened.ok) throw new Error(opened.error.message);
    for (let i = 1; i <= tasks; i++) {
      for (const role of ['quality', 'implementation', 'testing', 'simplification', 'docs']) {
        opened.store.recordEvent({
          runId: 'bench',
          taskId: `TASK-${pad(i)}`,
          kind: 'review',
          data: { attempt: 1, role, verdict: 'passed', findings: '- fine', outcome: 'answered', cost_usd: 0.01, agent: 'claude', model: 'sonnet', log: `logs/${i}-${role}.log` },
        });
      }
    }
    await opened.store.close();
    const runs: { totalMs: number; gatesMs: number; gateRuns: number; verified: number; recorded: boolean }[] = [];
    for (let r = 0; r < 2; r++) {
      const s = await verifySession({ cwd: dir, taskIds: [], strict: false, front: 'cli' });
      if (!s.ok) throw new Error(s.error);
      runs.push({ totalMs: s.timing.totalMs, gatesMs: s.timing.gatesMs, gateRuns: s.timing.gateRuns, verified: s.results.filter((x) => x.verified).length, recorded: s.recorded });
    }
    // The second session reads a store that now also holds the first one's 1,000 verify events.
    const last = runs[runs.length - 1]!;
    return { tasks, ...last, withoutGatesMs: last.totalMs - last.gatesMs, first: runs[0] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function benchReport(tasks: number, requirements: number): Promise<unknown> {
  const dir = workspace(tasks, requirements, false);
  try {
    const tasksPath = join(dir, 'spec', 'tasks.md');
    const state = stateDirFor(dir, tasksPath);
    const opened = await openRunStore(state);
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.store;
    const run = store.beginRun({ mode: 'all', operator: 'bench', front: 'cli', pid: process.pid, budgetUsd: null });
    if (!run.ok) throw new Error(run.error);
    // Costs for a fifth of the tasks, a commit SHA and a verification for a tenth.
    for (let i = 1; i <= tasks; i += 5) {
      const id = `TASK-${pad(i)}`;
      store.upsertTask(id, { runId: run.value.id, status: 'done', ...(i % 10 === 1 ? { mergeSha: 'a'.repeat(40) } : {}) });
      const a = store.beginAttempt({ runId: run.value.id, taskId: id, agent: 'claude', command: 'claude', model: 'sonnet', promptHash: 'x' });
      if (!a.ok) throw new Error(a.error);
      store.finishAttempt(a.value.id, { outcome: 'answered', marker: 'complete', reason: '', exitCode: 0, costUsd: 0.25, tokens: { input: 1, output: 1, cacheRead: 0, cacheWrite: 0 }, errorContext: '' });
      if (i % 10 === 1) store.recordEvent({ runId: null, taskId: id, kind: 'verify', data: verifyEvent(id) });
    }
    await store.close();

    const loadStart = performance.now();
    const file = openTaskFile({ cwd: dir });
    if (!file.ok) throw new Error(file.error);
    const parsedMs = performance.now() - loadStart;
    const snap = await readRunStore(state);
    if (!snap.ok) throw new Error(snap.error.message);
    const readMs = performance.now() - loadStart - parsedMs;
    const commits = indexCommits('main', [], []);
    const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
    const times: number[] = [];
    const verifyTimes: number[] = [];
    const buildTimes: number[] = [];
    const mdTimes: number[] = [];
    const jsonTimes: number[] = [];
    let rows = 0;
    let bytes = 0;
    for (let r = 0; r < 13; r++) {
      gc();
      const t0 = performance.now();
      const verifications = latestVerifications(snap.store);
      const t1 = performance.now();
      const m = buildTraceMatrix({ analysis: file.value.analysis, store: snap.store, verifications, commits });
      const tb = performance.now();
      const md = matrixMarkdown(m, dir);
      const tm = performance.now();
      times.push(tm - t0);
      const json = JSON.stringify(matrixJson(m, dir));
      const t2 = performance.now();
      if (r < 3) times.pop();
      else {
        verifyTimes.push(t1 - t0);
        buildTimes.push(tb - t1);
        mdTimes.push(tm - tb);
        jsonTimes.push(t2 - tm);
      }
      rows = m.rows.length;
      bytes = md.length + json.length;
    }
    const probe = (fn: () => unknown): number => {
      const t = performance.now();
      fn();
      return performance.now() - t;
    };
    const storeMs = { tasks: probe(() => snap.store.tasks()), costs: probe(() => snap.store.costs()), events: probe(() => snap.store.events()) };
    snap.store.close();
    return { storeMs, tasks, requirements, rows, bytes, reportMs: median(times), verificationsMs: median(verifyTimes), buildMs: median(buildTimes), markdownMs: median(mdTimes), jsonMs: median(jsonTimes), parseMs: parsedMs, storeReadMs: readMs, fileBytes: readFileSync(tasksPath).length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function verifyEvent(id: string): JsonValue {
  const item = (subject: string, more: Record<string, JsonValue> = {}): JsonValue => ({ subject, command: null, exitCode: null, outputSha256: null, commitSha: null, verdict: 'passed', ...more });
  return {
    taskId: id,
    title: 'Build it',
    verified: true,
    strict: false,
    at: '2025-01-01T00:00:00.000Z',
    checks: [
      { name: 'checklist', passed: true, verdict: 'passed', detail: 'all 2 items checked', evidence: [item('checklist')] },
      { name: 'traces', passed: true, verdict: 'passed', detail: 'REQ-001 exist', evidence: [item('traces')] },
      { name: 'gates', passed: true, verdict: 'passed', detail: 'test passed', evidence: [item('test', { command: 'true', exitCode: 0, outputSha256: 'e'.repeat(64) })] },
      { name: 'commit', passed: true, verdict: 'passed', detail: 'aaaaaaaa on main', evidence: [item('main', { commitSha: 'a'.repeat(40) })] },
      { name: 'review', passed: null, verdict: 'unchecked', detail: 'no review recorded', evidence: [{ subject: 'review', command: null, exitCode: null, outputSha256: null, commitSha: null, verdict: 'unchecked' }] },
    ],
  };
}

const [name, a = '', b = ''] = process.argv.slice(2);
const job = name === 'verify' ? benchVerify(Number(a) || 1000) : name === 'report' ? benchReport(Number(a) || 10_000, Number(b) || 2000) : null;
if (job === null) {
  process.stderr.write(`expected a case (verify <tasks>, report <tasks> <requirements>), got "${name ?? ''}"\n`);
  process.exitCode = 2;
} else {
  job.then(
    (figures) => console.log(JSON.stringify(figures)),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
