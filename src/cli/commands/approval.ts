// `approve [ID]`, `reject ID --reason ...` and `review ID`: a person's side of human-in-the-loop
// approval from a terminal. Exit codes: 0 ok, 1 the decision ran but the task failed (or could
// not be decided), 2 bad usage or a task that does not await approval.
import { runSession, type RunSummary } from '../../core/executor/runSession';
import type { RunOverrides } from '../../core/executor/runSettings';
import type { HunkRef, ReviewComment, ReviewFile } from '../../core/review/hunks';
import { listParked, loadParkedReview, type ParkedReview } from '../../core/review/parkedReview';
import { UsageError } from '../args';
import type { CommandContext } from '../context';
import { runPrinter } from '../render/runPrinter';

export interface DecisionFlags {
  readonly json: boolean;
  readonly stash: boolean;
  readonly force: boolean;
  readonly overrides: RunOverrides;
}

export interface RejectFlags extends DecisionFlags {
  readonly reason: string | undefined;
  /** `PATH[#HUNK]=TEXT`, or `=TEXT` for the whole task. */
  readonly comments: readonly string[];
  /** `PATH#HUNK`, hunks numbered from 1 as `specpilot review ID` shows them. */
  readonly reverts: readonly string[];
}

/** `approve` without an id: the tasks awaiting approval. */
export async function listAwaiting(ctx: CommandContext, json: boolean): Promise<number> {
  const r = await listParked(query(ctx));
  if (!r.ok) throw new UsageError(r.error);
  if (json) {
    ctx.io.out(JSON.stringify({ awaitingApproval: r.value }, null, 2));
    return 0;
  }
  const { io, st } = ctx;
  if (r.value.length === 0) {
    io.out('No task is awaiting approval.');
    return 0;
  }
  io.out(st.bold(`${r.value.length} task${r.value.length === 1 ? '' : 's'} awaiting approval:`));
  for (const p of r.value) {
    io.out(`  ${st.yellow(p.taskId)}  ${p.title}  ${st.dim(`attempt ${p.attempt} · ${p.files} file${p.files === 1 ? '' : 's'} ${st.green(`+${p.added}`)} ${st.red(`-${p.removed}`)}${p.branch ? ` · ${p.branch}` : ''}`)}`);
  }
  io.out(st.dim('Review one with `specpilot review ID`; then `specpilot approve ID` or `specpilot reject ID --reason ...`.'));
  return 0;
}

export async function approve(ctx: CommandContext, id: string, flags: DecisionFlags): Promise<number> {
  await parkedOrThrow(ctx, id);
  const summary = await decide(ctx, id, flags, { kind: 'approve' });
  return finish(ctx, id, 'approve', flags.json, summary);
}

export async function reject(ctx: CommandContext, id: string, flags: RejectFlags): Promise<number> {
  const reason = flags.reason?.trim() ?? '';
  if (reason === '') throw new UsageError('reject needs --reason TEXT: why, in your words (the next attempt is given it)');
  const review = await parkedOrThrow(ctx, id);
  const comments = flags.comments.map((c) => parseComment(c, review.files));
  const revert = flags.reverts.map((r) => parseRevert(r, review.files));
  const summary = await decide(ctx, id, flags, { kind: 'reject', reason: flags.reason ?? '', comments, revert });
  return finish(ctx, id, 'reject', flags.json, summary);
}

/** `review ID`: the parked candidate, with numbered hunks so they can be named in a reject. */
export async function review(ctx: CommandContext, id: string, json: boolean): Promise<number> {
  const r = await parkedOrThrow(ctx, id);
  if (json) {
    const { diffText: _d, files, ...rest } = r;
    ctx.io.out(JSON.stringify({ ...rest, files: files.map(({ patchHeader: _h, ...f }) => f) }, null, 2));
    return 0;
  }
  const { io, st } = ctx;
  io.out(st.bold(`${r.taskId}: ${r.title}`) + st.dim(` awaiting approval · attempt ${r.attempt}${r.branch ? ` · ${r.branch} vs ${r.baseBranch}` : ' · uncommitted changes'}`));
  if (r.verdicts.length === 0) io.out(st.dim('  no AI review recorded'));
  for (const v of r.verdicts) {
    const mark = v.verdict === 'passed' || v.verdict === 'fixed' ? st.green('✓') : st.red('✗');
    io.out(`  ${mark} ${v.role}: ${v.verdict ?? 'no verdict'}${st.dim(` (${v.agent}${v.model ? ` ${v.model}` : ''})`)}`);
    for (const line of v.findings.trim().split('\n').filter((l) => l.trim() !== '')) io.out(st.dim(`      ${line}`));
  }
  io.out(st.bold(`${r.files.length} changed file${r.files.length === 1 ? '' : 's'}:`));
  for (const f of r.files) {
    io.out(`  ${f.path} ${st.dim(f.status)} ${st.green(`+${f.added}`)} ${st.red(`-${f.removed}`)}`);
    for (const h of f.hunks) {
      io.out(st.cyan(`    #${h.index + 1} ${h.header}`));
      for (const line of h.lines) io.out(`      ${line.startsWith('+') ? st.green(line) : line.startsWith('-') ? st.red(line) : st.dim(line)}`);
    }
  }
  io.out(st.dim(`Approve: specpilot approve ${r.taskId}   Reject: specpilot reject ${r.taskId} --reason TEXT [--comment PATH#N=TEXT] [--revert PATH#N]`));
  return 0;
}

function query(ctx: CommandContext): { cwd: string; file: string | null; specPrefix: string | null } {
  return { cwd: ctx.global.cwd, file: ctx.global.file, specPrefix: ctx.global.specPrefix };
}

/** The parked review, or a usage error (exit 2) naming why the task cannot be decided. */
async function parkedOrThrow(ctx: CommandContext, id: string): Promise<ParkedReview> {
  const r = await loadParkedReview({ ...query(ctx), taskId: id });
  if (!r.ok) throw new UsageError(r.error);
  return r.value;
}

/** `PATH#N` -> the file and its 0-based hunk index; N counts from 1. */
function splitHunk(spec: string): { path: string; hunk: number | null } {
  const m = /^(.*)#(\d+)$/.exec(spec);
  if (!m) return { path: spec, hunk: null };
  const n = Number(m[2]);
  if (n < 1) throw new UsageError(`hunks are numbered from 1 (got "${spec}")`);
  return { path: m[1]!, hunk: n - 1 };
}

function fileOf(files: readonly ReviewFile[], path: string, what: string): ReviewFile {
  const f = files.find((x) => x.path === path);
  if (!f) throw new UsageError(`${what}: ${path} is not among the changed files (${files.map((x) => x.path).join(', ') || 'none'})`);
  return f;
}

function parseComment(spec: string, files: readonly ReviewFile[]): ReviewComment {
  const eq = spec.indexOf('=');
  if (eq < 0) throw new UsageError(`--comment must be PATH[#HUNK]=TEXT (or =TEXT for the whole task), got "${spec}"`);
  const target = spec.slice(0, eq).trim();
  const text = spec.slice(eq + 1);
  if (text.trim() === '') throw new UsageError(`--comment "${spec}" has no text after "="`);
  if (target === '') return { path: null, hunk: null, text };
  const { path, hunk } = splitHunk(target);
  const f = fileOf(files, path, `--comment ${target}`);
  if (hunk !== null && !f.hunks[hunk]) throw new UsageError(`--comment ${target}: ${path} has no hunk #${hunk + 1} (it has ${f.hunks.length})`);
  return { path, hunk, text };
}

function parseRevert(spec: string, files: readonly ReviewFile[]): HunkRef {
  const { path, hunk } = splitHunk(spec.trim());
  if (hunk === null) throw new UsageError(`--revert must be PATH#HUNK (hunks numbered from 1, as \`specpilot review ID\` shows), got "${spec}"`);
  const f = fileOf(files, path, `--revert ${spec}`);
  const h = f.hunks[hunk];
  if (!h) throw new UsageError(`--revert ${spec}: ${path} has no hunk #${hunk + 1} (it has ${f.hunks.length})`);
  return { path, index: hunk, header: h.header };
}

function decide(ctx: CommandContext, id: string, flags: DecisionFlags, decision: NonNullable<Parameters<typeof runSession>[0]['decision']>): Promise<RunSummary> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(ctx.io.env)) if (typeof v === 'string') env[k] = v;
  const write = flags.json ? ctx.io.err : ctx.io.out;
  // Ctrl+C stops a rejected task's new attempt (its agent is killed) and the session wraps up.
  const controller = new AbortController();
  const onSignal = (): void => {
    ctx.io.err('Stopping: the agent is being stopped and the work kept on its branch.');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return runSession({
    cwd: ctx.global.cwd,
    file: ctx.global.file,
    specPrefix: ctx.global.specPrefix,
    mode: decision.kind,
    taskIds: [id],
    decision,
    allowStash: flags.stash,
    force: flags.force,
    overrides: { ...flags.overrides, env },
    front: 'cli',
    emit: runPrinter({ write, st: ctx.st, level: 'info', json: false }),
    signal: controller.signal,
  }).finally(() => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  });
}

function finish(ctx: CommandContext, id: string, decision: 'approve' | 'reject', json: boolean, s: RunSummary): number {
  const t = s.tasks.find((x) => x.taskId === id);
  const result = s.error ? 'error' : (t?.result ?? 'failed');
  const ok = result !== 'failed' && result !== 'error';
  if (json) {
    ctx.io.out(JSON.stringify({ taskId: id, decision, runId: s.runId, result, message: s.error ?? t?.message ?? s.message, commitSha: t?.commitSha ?? null, costUsd: Number(s.costUsd.toFixed(6)), error: s.error }));
  } else if (s.error) {
    ctx.io.err(`specpilot: ${s.error}`);
  }
  return ok ? 0 : 1;
}
