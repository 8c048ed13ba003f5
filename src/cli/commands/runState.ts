// `status`, `costs`, `logs` and `reset`: what the run-state store knows, read without taking the
// run lock (a run may be going on), except reset, which changes state and so needs the lock.
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { stateDirFor } from '../../core/executor/stateDir';
import {
  acquireRunLock,
  compareTaskIds,
  openRunStore,
  readRunStore,
  readTail,
  resolveOperator,
  DEFAULT_STATE_FILE,
  type AttemptRecord,
  type RunStoreReader,
} from '../../core/store';
import { UsageError } from '../args';
import { openOrThrow, type CommandContext } from '../context';

const money = (usd: number): string => `$${usd.toFixed(usd < 1 ? 4 : 2)}`;

interface StateView {
  readonly store: RunStoreReader | null;
  readonly titles: Map<string, string>;
}

/** Runs `fn` on a read-only snapshot of the state (null when none was recorded), freed afterwards. */
async function withState(ctx: CommandContext, fn: (v: StateView) => number | Promise<number>): Promise<number> {
  const opened = openOrThrow(ctx);
  const dir = stateDirFor(opened.root, opened.path);
  const titles = new Map(opened.analysis.spec.tasks.map((t) => [t.id, t.title]));
  if (!existsSync(join(dir, DEFAULT_STATE_FILE))) return fn({ store: null, titles });
  const r = await readRunStore(dir);
  if (!r.ok) throw new UsageError(r.error.message);
  try {
    return await fn({ store: r.store, titles });
  } finally {
    r.store.close();
  }
}

export function status(ctx: CommandContext, json: boolean): Promise<number> {
  return withState(ctx, ({ store, titles }) => statusOf(ctx, json, store, titles));
}

function statusOf(ctx: CommandContext, json: boolean, store: RunStoreReader | null, titles: Map<string, string>): number {
  const run = store?.latestRun() ?? null;
  const tasks = store?.tasks() ?? [];
  if (json) {
    ctx.io.out(JSON.stringify({ latestRun: run, tasks: tasks.map(({ machine: _m, ...t }) => ({ ...t, title: titles.get(t.taskId) ?? null })) }, null, 2));
    return 0;
  }
  const { st, io } = ctx;
  if (!store || !run) {
    io.out('No run recorded yet. Start one with `specpilot run --task ID` or `specpilot run --all`.');
    return 0;
  }
  const ended = run.endedAt ? `ended ${new Date(run.endedAt).toISOString()}` : st.cyan('running');
  io.out(`${st.bold(`Run ${run.id}`)} ${run.mode} · ${run.status} · ${ended} · ${run.front} pid ${run.pid} · ${money(run.costUsd)}${run.unpriced ? ' + unpriced' : ''}`);
  for (const t of tasks) {
    const colour = t.status === 'done' ? st.green : t.status === 'failed' ? st.red : t.status === 'running' ? st.cyan : st.yellow;
    const cost = `${money(t.costUsd)}${t.unpriced ? '+?' : ''}`;
    io.out(`  ${colour(t.status.padEnd(9))} ${t.taskId}  ${titles.get(t.taskId) ?? st.dim('(not in the task file)')}  ${st.dim(`${t.stage} · ${t.attempts} attempt${t.attempts === 1 ? '' : 's'} · ${cost}${t.branch ? ` · ${t.branch}` : ''}`)}`);
    if (t.lastError && t.status !== 'done') io.out(st.dim(`            ${t.lastError}`));
  }
  const live = store.liveProcesses();
  if (live.length) io.out(st.yellow(`${live.length} agent process${live.length === 1 ? '' : 'es'} recorded as running (pid ${live.map((p) => p.pid).join(', ')})`));
  return 0;
}

export function costs(ctx: CommandContext, json: boolean, sort: string | undefined): Promise<number> {
  if (sort !== undefined && sort !== 'cost' && sort !== 'id') throw new UsageError(`--sort must be cost or id (got "${sort}")`);
  return withState(ctx, ({ store, titles }) => costsOf(ctx, json, sort, store, titles));
}

function costsOf(ctx: CommandContext, json: boolean, sort: string | undefined, store: RunStoreReader | null, titles: Map<string, string>): number {
  const report = store?.costs({ sort: sort === 'cost' ? 'cost' : 'id' }) ?? { tasks: [], totalUsd: 0, unpriced: false, unpricedTasks: 0 };
  if (json) {
    ctx.io.out(JSON.stringify(report, null, 2));
    return 0;
  }
  const { io, st } = ctx;
  if (report.tasks.length === 0) {
    io.out('No costs recorded yet.');
    return 0;
  }
  const reviewLabel = '  reviews';
  const width = Math.max(4, ...report.tasks.map((t) => (t.reviews > 0 ? Math.max(t.taskId.length, reviewLabel.length) : t.taskId.length)));
  io.out(st.bold(`${'task'.padEnd(width)}  ${'cost'.padStart(10)}  attempts  title`));
  for (const t of report.tasks) {
    io.out(`${t.taskId.padEnd(width)}  ${(money(t.costUsd) + (t.unpriced ? '+?' : '')).padStart(10)}  ${String(t.attempts).padStart(8)}  ${titles.get(t.taskId) ?? ''}`);
    // The reviewers' part of the task's cost, on its own line so the attempts' part reads too.
    if (t.reviews > 0) {
      const cost = (money(t.reviewCostUsd) + (t.reviewUnpriced ? '+?' : '')).padStart(10);
      io.out(st.dim(`${reviewLabel.padEnd(width)}  ${cost}  ${''.padStart(8)}  ${t.reviews} reviewer run${t.reviews === 1 ? '' : 's'} (in the cost above)`));
    }
  }
  io.out(`${'total'.padEnd(width)}  ${money(report.totalUsd).padStart(10)}`);
  if (report.unpriced) io.out(st.yellow(`+? : ${report.unpricedTasks} task${report.unpricedTasks === 1 ? ' has' : 's have'} unpriced attempts or reviewers (tokens without a known price); the total is a lower bound`));
  return 0;
}

export async function logs(ctx: CommandContext, id: string | undefined, attempt: string | undefined, lines: string | undefined): Promise<number> {
  if (!id) throw new UsageError('logs needs a task id');
  const attempts = await withAttempts(ctx, id);
  if (attempts.length === 0) {
    ctx.io.out(`No attempts recorded for ${id}.`);
    return 0;
  }
  const n = attempt === undefined ? attempts.at(-1)!.n : Number(attempt);
  const chosen = attempts.find((a) => a.n === n);
  if (!chosen) throw new UsageError(`${id} has attempts ${attempts.map((a) => a.n).join(', ')}; --attempt ${attempt} is not one of them`);
  const count = lines === undefined ? 200 : Number(lines);
  if (!Number.isInteger(count) || count <= 0) throw new UsageError(`--lines must be a positive whole number (got "${lines}")`);
  const tail = await readTail(chosen.logPath, count);
  ctx.io.out(ctx.st.dim(`${chosen.logPath} (attempt ${chosen.n}: ${chosen.outcome ?? 'running'}${chosen.marker ? `, ${chosen.marker}` : ''})`));
  if (!tail.ok) {
    ctx.io.err(`specpilot: ${tail.error}`);
    return 1;
  }
  for (const l of tail.lines) ctx.io.out(l);
  return 0;
}

async function withAttempts(ctx: CommandContext, id: string): Promise<readonly AttemptRecord[]> {
  let out: readonly AttemptRecord[] = [];
  await withState(ctx, ({ store }) => {
    out = store?.attempts(id) ?? [];
    return 0;
  });
  return out;
}

/** `reset [ID...]`: forgets failed / interrupted state so the tasks start afresh (files untouched). */
export async function reset(ctx: CommandContext, ids: readonly string[], force: boolean): Promise<number> {
  const opened = openOrThrow(ctx);
  const dir = stateDirFor(opened.root, opened.path);
  const lock = await acquireRunLock(dir, {
    owner: { pid: process.pid, host: hostname(), operator: resolveOperator(opened.config.config.audit_log_operator), front: 'cli', startedAt: Date.now() },
    force,
  });
  if (!lock.ok) {
    ctx.io.err(`specpilot: ${lock.error.message}`);
    return 1;
  }
  try {
    const opened2 = await openRunStore(dir);
    if (!opened2.ok) throw new UsageError(opened2.error.message);
    const store = opened2.store;
    const targets = ids.length ? ids : store.tasks().filter((t) => t.status !== 'done' && t.status !== 'pending').map((t) => t.taskId);
    const changed: string[] = [];
    for (const id of [...targets].sort(compareTaskIds)) {
      if (!store.task(id)) {
        ctx.io.err(`specpilot: no recorded state for ${id}`);
        continue;
      }
      store.upsertTask(id, { status: 'pending', stage: 'pre_start', machine: null, lastError: null });
      store.recordEvent({ runId: null, taskId: id, kind: 'task_reset' });
      changed.push(id);
    }
    await store.close();
    ctx.io.out(changed.length ? `Reset ${changed.join(', ')}: they start afresh on the next run.` : 'Nothing to reset.');
    return 0;
  } finally {
    await lock.lock.release();
  }
}
