// How the run panel folds the executor's RunEvents into its header and output rows: stages and
// attempts, live cost (never $0 for unpriced), gates, retries, results, and text cut into rows.
import assert from 'node:assert/strict';
import type { RunEvent } from '../../../src/core/executor/runEvents';
import type { RunItem } from '../../../src/protocol/runMessages';
import { cut, RunState, splitLines } from '../../../src/extension/runState';
import { agent, gate, ManualScheduler, RUN, stage, started, TASK, text } from './runFixtures';

const LIMITS = { maxItems: 100, maxLineChars: 60, maxDetailChars: 80 };

function state(clock = new ManualScheduler()): { s: RunState; clock: ManualScheduler; logCalls: string[] } {
  const logCalls: string[] = [];
  const s = new RunState(TASK, TASK, LIMITS, {
    now: () => clock.now,
    logFileFor: (taskId, runId, attempt) => {
      logCalls.push(`${taskId}/${runId}/${attempt}`);
      return `/w/.specpilot/logs/${taskId}/attempt-${attempt}.log`;
    },
  });
  return { s, clock, logCalls };
}

function applyAll(s: RunState, events: readonly RunEvent[]): void {
  for (const e of events) s.apply(e);
}

describe('RunState', () => {
  it('a pending price (claude prices only at the end) moves the tokens and keeps the cost unknown, not "unpriced"', () => {
    const { s } = state();
    applyAll(s, [started(), stage('implement', 1)]);
    s.apply(agent({ kind: 'usage', usage: { input: 100, output: 10, cacheRead: 0, cacheWrite: 0 }, cost: { kind: 'pending' } }));
    assert.equal(s.snapshotHeader().cost, null);
    assert.deepEqual(s.snapshotHeader().tokens, { input: 100, output: 10, cacheRead: 0, cacheWrite: 0 });
    s.apply(agent({ kind: 'usage', usage: { input: 120, output: 30, cacheRead: 0, cacheWrite: 0 }, cost: { kind: 'usd', usd: 0.42 } }));
    assert.deepEqual(s.snapshotHeader().cost, { kind: 'usd', usd: 0.42 });
  });

  it('starts a task: running, with its run id, title, branch, attempts and start time', () => {
    const { s, clock } = state();
    assert.deepEqual(s.apply(started()), { headerChanged: true, appended: 0, reset: true });
    assert.deepEqual(s.snapshotHeader(), {
      taskId: TASK, title: 'POST /links endpoint', runId: RUN, stage: null, attempt: 0, maxAttempts: 3, status: 'running',
      message: '', branch: `specpilot/${TASK}`, commitSha: null, cost: null, tokens: null, startedAt: clock.now, finishedAt: null,
      logFile: null, gates: [],
    });
  });

  it('moves through stages: one row per stage or attempt change, the attempt log path resolved once per attempt', () => {
    const { s, logCalls } = state();
    s.apply(started());
    assert.deepEqual(s.apply(stage('pre_start')), { headerChanged: true, appended: 1, reset: false });
    assert.deepEqual(s.apply(stage('pre_start')), { headerChanged: true, appended: 0, reset: false });
    s.apply(stage('implement'));
    s.apply(stage('implement', 2));
    const h = s.snapshotHeader();
    assert.equal(h.stage, 'implement');
    assert.equal(h.attempt, 2);
    assert.equal(h.logFile, `/w/.specpilot/logs/${TASK}/attempt-2.log`);
    assert.deepEqual(logCalls, [`${TASK}/${RUN}/1`, `${TASK}/${RUN}/2`]);
    assert.deepEqual(s.itemsFrom(), [
      { kind: 'stage', stage: 'pre_start', attempt: 1, maxAttempts: 3 },
      { kind: 'stage', stage: 'implement', attempt: 1, maxAttempts: 3 },
      { kind: 'stage', stage: 'implement', attempt: 2, maxAttempts: 3 },
    ]);
  });

  it('cuts agent text into one row per line, keeping ANSI codes and what a carriage return left showing', () => {
    const { s } = state();
    s.apply(started());
    assert.deepEqual(s.apply(text('First line\n\x1b[31mred\x1b[0m\r\n\nlast\n')), { headerChanged: false, appended: 4, reset: false });
    s.apply(text(''));
    s.apply(agent({ kind: 'raw', stream: 'stderr', line: 'progress 10%\rprogress 100%\r' }));
    s.apply(agent({ kind: 'raw', stream: 'stdout', line: '<script>alert(1)</script>' }));
    assert.deepEqual(s.itemsFrom(), [
      { kind: 'text', text: 'First line' },
      { kind: 'text', text: '\x1b[31mred\x1b[0m' },
      { kind: 'text', text: '' },
      { kind: 'text', text: 'last' },
      { kind: 'output', stream: 'stderr', line: 'progress 100%' },
      { kind: 'output', stream: 'stdout', line: '<script>alert(1)</script>' },
    ]);
  });

  it('keeps a tool call to one line and cuts long lines and details, saying how much is in the log', () => {
    const { s } = state();
    s.apply(started());
    const detail = 'x'.repeat(120);
    s.apply(agent({ kind: 'tool', name: 'Edit', summary: 'src/a.ts\nsecond line', detail }));
    s.apply(agent({ kind: 'tool_result', summary: 'ok', isError: false }));
    s.apply(text('y'.repeat(70)));
    s.apply(agent({ kind: 'error', message: 'boom\nat line 2' }));
    s.apply(agent({ kind: 'init', model: 'sonnet' }));
    assert.deepEqual(s.itemsFrom(), [
      { kind: 'tool', name: 'Edit', summary: 'src/a.ts …', detail: `${'x'.repeat(80)} … (40 more characters in the full log)` },
      { kind: 'tool_result', summary: 'ok', isError: false },
      { kind: 'text', text: `${'y'.repeat(60)} … (10 more characters in the full log)` },
      { kind: 'error', message: 'boom' },
      { kind: 'error', message: 'at line 2' },
      { kind: 'marker', label: 'Agent started · sonnet', tone: 'info' },
    ]);
  });

  it('shows cost and tokens as usage arrives, settles them on cost reports, and never turns unpriced into $0', () => {
    const { s } = state();
    s.apply(started());
    s.apply(stage('implement'));
    const usage = (input: number, output: number): { input: number; output: number; cacheRead: number; cacheWrite: number } => ({ input, output, cacheRead: 0, cacheWrite: 0 });
    s.apply(agent({ kind: 'usage', usage: usage(100, 10), cost: { kind: 'usd', usd: 0.25 } }));
    assert.deepEqual([s.snapshotHeader().cost, s.snapshotHeader().tokens], [{ kind: 'usd', usd: 0.25 }, usage(100, 10)]);
    s.apply({ kind: 'cost', runId: RUN, taskId: TASK, attempt: 1, taskCost: { kind: 'usd', usd: 0.5 }, runCostUsd: 0.5, unpriced: false, usage: usage(200, 20) });
    assert.deepEqual([s.snapshotHeader().cost, s.snapshotHeader().tokens], [{ kind: 'usd', usd: 0.5 }, usage(200, 20)]);
    // A late usage of an attempt the cost report covered changes nothing.
    assert.deepEqual(s.apply(agent({ kind: 'usage', usage: usage(1, 1), cost: { kind: 'usd', usd: 9 } })), { headerChanged: false, appended: 0, reset: false });
    s.apply(stage('implement', 2));
    s.apply(agent({ kind: 'usage', usage: usage(50, 5), cost: { kind: 'usd', usd: 0.125 } }, 2));
    assert.deepEqual([s.snapshotHeader().cost, s.snapshotHeader().tokens], [{ kind: 'usd', usd: 0.625 }, usage(250, 25)]);
    s.apply(agent({ kind: 'usage', usage: usage(60, 6), cost: { kind: 'unpriced' } }, 2));
    assert.deepEqual([s.snapshotHeader().cost, s.snapshotHeader().tokens], [{ kind: 'unpriced' }, usage(260, 26)]);
    assert.equal(s.itemsFrom().length, 2, 'usage and cost reports make no rows');
  });

  it('lists the current attempt\'s gates (a rerun gate replaces its result) and a new attempt starts them afresh', () => {
    const { s } = state();
    s.apply(started());
    s.apply(stage('gates'));
    s.apply(gate('lint', true));
    s.apply(gate('test', false, 1, 'e'.repeat(90)));
    s.apply(gate('lint', false));
    assert.deepEqual(s.snapshotHeader().gates.map((g) => `${g.name}:${g.passed}`), ['test:false', 'lint:false']);
    const row = s.itemsFrom().find((i): i is Extract<RunItem, { kind: 'gate' }> => i.kind === 'gate' && i.name === 'test');
    assert.equal(row?.output, `${'e'.repeat(80)} … (10 more characters in the full log)`);
    assert.deepEqual(s.apply({ kind: 'retry', runId: RUN, taskId: TASK, nextAttempt: 2, delayMs: 5000, reason: 'tests failed' }), { headerChanged: true, appended: 1, reset: false });
    assert.equal(s.snapshotHeader().status, 'retrying');
    s.apply(stage('implement', 2));
    assert.equal(s.snapshotHeader().status, 'running');
    assert.deepEqual(s.snapshotHeader().gates, []);
  });

  it('records the result of the task and its time', () => {
    const { s, clock } = state();
    s.apply(started());
    clock.advance(90_000);
    s.apply({ kind: 'task_finished', runId: RUN, taskId: TASK, result: 'done', message: 'all gates passed', commitSha: '0123456789abcdef' });
    const h = s.snapshotHeader();
    assert.deepEqual([h.status, h.message, h.commitSha, (h.finishedAt ?? 0) - (h.startedAt ?? 0)], ['done', 'all gates passed', '0123456789abcdef', 90_000]);
    assert.deepEqual(s.itemsFrom(), [{ kind: 'marker', label: 'Task done · commit 0123456789: all gates passed', tone: 'success' }]);
    // The run ending afterwards changes nothing: this task's result is known.
    assert.deepEqual(s.apply({ kind: 'run_finished', runId: RUN, status: 'completed', message: '' }), { headerChanged: false, appended: 0, reset: false });
  });

  it('a parked task waits at the Approval step (its machine reports no approval stage)', () => {
    const { s } = state();
    applyAll(s, [started(), stage('implement'), stage('gates'), stage('review')]);
    s.apply({ kind: 'task_finished', runId: RUN, taskId: TASK, result: 'awaiting_approval', message: 'awaiting approval', commitSha: null });
    const h = s.snapshotHeader();
    assert.deepEqual([h.status, h.stage], ['awaiting_approval', 'approval']);
  });

  it('a decision on a parked task keeps the reviewed output above what follows', () => {
    const { s } = state();
    applyAll(s, [started(), stage('implement'), text('the work'), stage('review')]);
    s.apply({ kind: 'task_finished', runId: RUN, taskId: TASK, result: 'awaiting_approval', message: 'awaiting approval', commitSha: null });
    assert.deepEqual(s.apply(started(TASK, 'run-2', 3)), { headerChanged: true, appended: 1, reset: false });
    assert.equal(s.snapshotHeader().status, 'running');
    assert.equal(s.snapshotHeader().runId, 'run-2');
    assert.ok(s.itemsFrom().some((i) => JSON.stringify(i).includes('the work')));
    assert.deepEqual(s.itemsFrom().at(-1), { kind: 'marker', label: 'Your decision is being carried out', tone: 'info' });
  });

  it('marks a task the run left unfinished', () => {
    for (const [status, expected, tone] of [['stopped', 'stopped', 'warning'], ['failed', 'failed', 'error'], ['interrupted', 'interrupted', 'error'], ['completed', 'interrupted', 'error']] as const) {
      const { s } = state();
      s.apply(started());
      s.apply({ kind: 'run_finished', runId: RUN, status, message: 'by the user' });
      assert.equal(s.snapshotHeader().status, expected, status);
      assert.deepEqual(s.itemsFrom().map((i) => (i.kind === 'marker' ? i.tone : i.kind)), [tone], status);
    }
  });

  it('shows engine log lines above debug', () => {
    const { s } = state();
    s.apply(started());
    applyAll(s, (['debug', 'info', 'warning', 'error'] as const).map((level) => ({ kind: 'log', level, message: `a ${level}` })));
    assert.deepEqual(s.itemsFrom(), [
      { kind: 'marker', label: 'a info', tone: 'info' },
      { kind: 'marker', label: 'a warning', tone: 'warning' },
      { kind: 'error', message: 'a error' },
    ]);
  });

  it('a new run of the task starts from nothing', () => {
    const { s } = state();
    applyAll(s, [started(), stage('implement'), text('old'), gate('lint', true)]);
    assert.deepEqual(s.apply(started(TASK, 'run-2', 5)), { headerChanged: true, appended: 0, reset: true });
    assert.deepEqual([s.total, s.itemsFrom(), s.snapshotHeader().runId, s.snapshotHeader().gates, s.snapshotHeader().maxAttempts], [0, [], 'run-2', [], 5]);
  });

  it('keeps only the last maxItems rows, counting every one', () => {
    const { s } = state();
    s.apply(started());
    for (let i = 0; i < 250; i++) s.apply(text(`line ${i}`));
    assert.deepEqual([s.total, s.firstIndex, s.itemsFrom().length], [250, 150, 100]);
    assert.deepEqual(s.itemsFrom(248), [{ kind: 'text', text: 'line 248' }, { kind: 'text', text: 'line 249' }]);
    assert.deepEqual(s.itemsFrom(0, 151), [{ kind: 'text', text: 'line 150' }]);
  });
});

describe('run text helpers', () => {
  it('splitLines: a final newline makes no empty row; CRLF and LF both split', () => {
    assert.deepEqual(splitLines(''), []);
    assert.deepEqual(splitLines('\n'), ['']);
    assert.deepEqual(splitLines('a'), ['a']);
    assert.deepEqual(splitLines('a\r\nb\n\nc\n'), ['a', 'b', '', 'c']);
  });

  it('cut never splits a surrogate pair', () => {
    assert.equal(cut('abc', 3), 'abc');
    assert.equal(cut('ab😀cd', 3), 'ab … (4 more characters in the full log)');
    assert.equal(cut('ab😀cd', 4), 'ab😀 … (2 more characters in the full log)');
  });
});
