// `run`, `retry`, `watch` and `stop`: the executor from a terminal. Progress goes to stderr (or
// stdout without --json-result); Ctrl+C stops the agent and ends the run cleanly.
import { watch as watchFs } from 'node:fs';
import { dirname } from 'node:path';
import { waves } from '../../core/graph';
import { requestStop, runSession, type RunRequest, type RunSummary } from '../../core/executor/runSession';
import { resolveRunSettings, type RunOverrides } from '../../core/executor/runSettings';
import { stateDirFor } from '../../core/executor/stateDir';
import type { RunMode } from '../../core/executor/runEvents';
import { UsageError } from '../args';
import { openOrThrow, type CommandContext } from '../context';
import { runPrinter, type LogLevel } from '../render/runPrinter';

export interface RunFlags {
  readonly taskIds: readonly string[];
  readonly all: boolean;
  readonly dryRun: boolean;
  readonly jsonResult: boolean;
  readonly resetFailed: boolean;
  readonly stash: boolean;
  readonly force: boolean;
  readonly overrides: RunOverrides;
  readonly logLevel: LogLevel;
  readonly logJson: boolean;
}

export async function run(ctx: CommandContext, flags: RunFlags, mode: RunMode = flags.all ? 'all' : 'task'): Promise<number> {
  if (mode === 'task' && flags.taskIds.length === 0) throw new UsageError('run needs --task ID (repeatable) or --all');
  if (mode === 'all' && flags.taskIds.length > 0) throw new UsageError('give either --task or --all, not both');
  if (flags.dryRun) return dryRun(ctx, flags, mode);
  const write = flags.jsonResult ? ctx.io.err : ctx.io.out;
  const emit = runPrinter({ write, st: flags.jsonResult ? noStyle(ctx) : ctx.st, level: flags.logLevel, json: flags.logJson });
  const summary = await withInterrupt(ctx, (signal) =>
    runSession(request(ctx, flags, mode, signal, emit)),
  );
  if (flags.jsonResult) ctx.io.out(JSON.stringify(summaryJson(summary)));
  if (summary.error) {
    if (!flags.jsonResult) ctx.io.err(`specpilot: ${summary.error}`);
    return 1;
  }
  return summary.status === 'completed' ? 0 : 1;
}

/** `retry ID`: the task's failed state is cleared (by the session, under its lock) and it runs again. */
export async function retry(ctx: CommandContext, id: string | undefined, flags: RunFlags): Promise<number> {
  if (!id) throw new UsageError('retry needs a task id');
  const opened = openOrThrow(ctx);
  if (!opened.analysis.spec.tasks.some((t) => t.id === id)) throw new UsageError(`no task ${id} in ${opened.path}`);
  return run(ctx, { ...flags, taskIds: [id], all: false }, 'retry');
}

/** `watch`: runs ready tasks as they become ready (the task file changes), until Ctrl+C. */
export async function watchRun(ctx: CommandContext, flags: RunFlags): Promise<number> {
  const opened = openOrThrow(ctx);
  const idleMs = opened.config.config.idle_timeout_minutes * 60_000;
  const emit = runPrinter({ write: ctx.io.out, st: ctx.st, level: flags.logLevel, json: flags.logJson });
  return withInterrupt(ctx, async (signal) => {
    for (;;) {
      const summary = await runSession(request(ctx, { ...flags, taskIds: [] }, 'watch', signal, emit));
      if (summary.error) {
        ctx.io.err(`specpilot: ${summary.error}`);
        return 1;
      }
      if (signal.aborted || summary.status === 'stopped') return 0;
      const idle = idleMs > 0 ? ` (stops after ${opened.config.config.idle_timeout_minutes} idle minutes)` : '';
      ctx.io.out(ctx.st.dim(`watching the task file for tasks that become ready${idle}; Ctrl+C to stop`));
      const changed = await changeOf(opened.path, signal, idleMs);
      if (signal.aborted) return 0;
      if (!changed) {
        ctx.io.out(`No task became ready for ${opened.config.config.idle_timeout_minutes} minutes (idle_timeout_minutes): stopping.`);
        return 0;
      }
    }
  });
}

/** `stop`: asks the running session (in any process) to stop between stages. */
export function stop(ctx: CommandContext): number {
  const opened = openOrThrow(ctx);
  const dir = stateDirFor(opened.root, opened.path);
  requestStop(dir);
  ctx.io.out(`Asked the running session to stop after its current stage (${dir}/stop).`);
  return 0;
}

function request(ctx: CommandContext, flags: RunFlags, mode: RunMode, signal: AbortSignal, emit: RunRequest['emit']): RunRequest {
  return {
    cwd: ctx.global.cwd,
    file: ctx.global.file,
    specPrefix: ctx.global.specPrefix,
    mode: mode === 'watch' ? 'all' : mode,
    taskIds: flags.taskIds,
    resetFailed: flags.resetFailed,
    allowStash: flags.stash,
    force: flags.force,
    // The agent sees the CLI's environment (in-process callers and tests inject theirs).
    overrides: { ...flags.overrides, env: stringEnv(ctx.io.env) },
    front: 'cli',
    emit,
    signal,
  };
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') out[k] = v;
  return out;
}

function dryRun(ctx: CommandContext, flags: RunFlags, mode: RunMode): number {
  const opened = openOrThrow(ctx);
  const a = opened.analysis;
  const settings = resolveRunSettings(opened.config.config, flags.overrides);
  if (!settings.ok) throw new UsageError(settings.error);
  const s = settings.value;
  const plan =
    mode === 'all'
      ? waves(a.graph).waves.map((w, i) => w.filter((t) => !t.optional).map((t) => ({ id: t.id, title: t.title, wave: i + 1, line: t.line + 1 })))
      : [flags.taskIds.map((id) => {
          const t = a.spec.tasks.find((x) => x.id === id);
          return { id, title: t?.title ?? null, ready: a.ready.some((r) => r.id === id), line: t ? t.line + 1 : null };
        })];
  const out = {
    dryRun: true,
    mode,
    file: opened.path,
    tasks: plan.flat(),
    agent: { kind: s.agent.adapter.kind, command: s.agent.command, model: s.agent.model || null, timeoutMinutes: s.agent.timeoutMs / 60000 },
    maxAttempts: s.task.maxAttempts,
    gates: s.gates.map((g) => ({ name: g.name, command: g.command, blocking: g.blocking })),
    branch: s.task.createBranch,
    commit: s.task.autoCommit,
    merge: s.task.merge,
    budgets: s.task.budgets,
  };
  ctx.io.out(JSON.stringify(out, null, 2));
  return 0;
}

function summaryJson(s: RunSummary): Record<string, unknown> {
  return {
    runId: s.runId,
    status: s.error ? 'error' : s.status,
    message: s.message,
    error: s.error,
    costUsd: Number(s.costUsd.toFixed(6)),
    unpriced: s.unpriced,
    tasks: s.tasks.map((t) => ({ ...t, costUsd: Number(t.costUsd.toFixed(6)) })),
  };
}

/** Ctrl+C once: stop the agent and wrap up (the tree is put back); twice: say it is in hand. */
async function withInterrupt<T>(ctx: CommandContext, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let count = 0;
  const onSigint = (): void => {
    count++;
    if (count === 1) ctx.io.err('Stopping: the agent is being stopped and the work kept on its branch (Ctrl+C again does not skip this).');
    else ctx.io.err('Still stopping: waiting for the agent process group to exit.');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    return await fn(controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}

/**
 * Resolves true on the next change of the task file (or its folder: editors replace files), false
 * when `idleMs` (> 0) passes without one, and true at once on abort.
 */
function changeOf(file: string, signal: AbortSignal, idleMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const idle = idleMs > 0 ? setTimeout(() => finish(false), idleMs) : undefined;
    const watcher = watchFs(dirname(file), () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(true), 300);
    });
    const onAbort = (): void => finish(true);
    function finish(changed: boolean): void {
      clearTimeout(timer);
      clearTimeout(idle);
      watcher.close();
      signal.removeEventListener('abort', onAbort);
      resolve(changed);
    }
    signal.addEventListener('abort', onAbort);
  });
}

function noStyle(ctx: CommandContext): CommandContext['st'] {
  const id = (s: string): string => s;
  return { ...ctx.st, bold: id, dim: id, red: id, green: id, yellow: id, blue: id, cyan: id, magenta: id };
}
