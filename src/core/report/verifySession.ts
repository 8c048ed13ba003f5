// `specpilot verify` and the Verify CodeLens: verifies one task or every done task, then records
// each result with its evidence in the run state (event `verify`). What does not change from task
// to task is read once per session: the base branch's log (one git process for all tasks), the
// recorded reviews (one read-only snapshot of the store) and each gate command's run on the tree
// (sessionGates). Recording takes the run lock; while a run holds it the results are still shown,
// and the caller is told they were not kept.
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { openRepo } from '../git';
import { openTaskFile } from '../project/openTaskFile';
import { resolveRunSettings, type RunOverrides } from '../executor/runSettings';
import { stateDirFor } from '../executor/stateDir';
import { acquireRunLock, openRunStore, readRunStore, resolveOperator, DEFAULT_STATE_FILE, type JsonValue } from '../store';
import { latestReview, type ReviewEvidence } from './reviewEvidence';
import { sessionGates } from './sessionGates';
import { taskCommits } from './taskCommits';
import { verifyTask, type VerifyResult } from './verify';

export interface VerifyRequest {
  readonly cwd: string;
  readonly file?: string | null;
  readonly specPrefix?: string | null;
  /** Empty: every task marked done. */
  readonly taskIds: readonly string[];
  readonly strict: boolean;
  readonly overrides?: RunOverrides;
  readonly front: 'cli' | 'extension';
  readonly signal?: AbortSignal;
  /** The git executable (VS Code's git.path); `git` by default. */
  readonly gitBinary?: string;
}

export interface VerifyTiming {
  /** The whole session, gates included. */
  readonly totalMs: number;
  /** Time spent in gate processes (start to exit); each gate runs once per session. */
  readonly gatesMs: number;
  /** Gate processes run (at most one per configured gate, whatever the number of tasks). */
  readonly gateRuns: number;
}

export type VerifySummary =
  | { readonly ok: true; readonly results: readonly VerifyResult[]; readonly recorded: boolean; readonly note: string | null; readonly timing: VerifyTiming }
  | { readonly ok: false; readonly error: string };

export async function verifySession(req: VerifyRequest): Promise<VerifySummary> {
  const started = performance.now();
  const opened = openTaskFile({ cwd: req.cwd, file: req.file ?? null, specPrefix: req.specPrefix ?? null });
  if (!opened.ok) return { ok: false, error: opened.error };
  const { analysis, root, path, config } = opened.value;
  const settings = resolveRunSettings(config.config, req.overrides);
  if (!settings.ok) return { ok: false, error: settings.error };
  const unknown = req.taskIds.filter((id) => !analysis.graph.has(id));
  if (unknown.length) return { ok: false, error: `no task ${unknown.join(', ')} in ${path}` };
  const ids = req.taskIds.length ? [...new Set(req.taskIds)] : analysis.graph.tasks.filter((t) => t.status === 'done').map((t) => t.id);
  const dir = stateDirFor(root, path);
  const repo = await openRepo(root, req.gitBinary === undefined ? {} : { gitBinary: req.gitBinary });
  const git = 'error' in repo ? null : repo;
  const commits = git === null ? null : await taskCommits(git, settings.value.mainBranch, ids, req.gitBinary);
  const reviews = await readReviews(dir, ids);
  const gateRuns = sessionGates({ root, timeoutMs: settings.value.gateTimeoutMs, tasks: ids.length, ...(req.signal ? { signal: req.signal } : {}) });
  const results: VerifyResult[] = [];
  for (const id of ids) {
    if (req.signal?.aborted) break;
    const result = await verifyTask(analysis, id, {
      root,
      gates: settings.value.gates,
      gateRuns,
      strict: req.strict,
      commits,
      review: reviews.byTask.get(id) ?? null,
    });
    // A gate stopped by the cancel is no verdict on the tree: that task is left unverified, not failed.
    if (gateRuns.cancelled) break;
    results.push(result);
  }
  const cancelled = req.signal?.aborted === true && results.length < ids.length ? `verify was cancelled: ${results.length} of ${ids.length} tasks verified` : null;
  const recorded = await record(dir, results, resolveOperator(config.config.audit_log_operator), req.front);
  const note = [cancelled, reviews.note, recorded].filter((n) => n !== null).join('; ') || null;
  return { ok: true, results, recorded: recorded === null, note, timing: { totalMs: performance.now() - started, gatesMs: gateRuns.ms, gateRuns: gateRuns.runs } };
}

/** Each task's latest review from a read-only snapshot (no lock: a run may be writing). */
async function readReviews(dir: string, ids: readonly string[]): Promise<{ byTask: Map<string, ReviewEvidence>; note: string | null }> {
  const byTask = new Map<string, ReviewEvidence>();
  if (ids.length === 0 || !existsSync(join(dir, DEFAULT_STATE_FILE))) return { byTask, note: null };
  const r = await readRunStore(dir);
  if (!r.ok) return { byTask, note: `reviews could not be read: ${r.error.message}` };
  try {
    for (const id of ids) {
      const review = latestReview(r.store, id);
      if (review) byTask.set(id, review);
    }
  } finally {
    r.store.close();
  }
  return { byTask, note: null };
}

/** Stores each result as a `verify` event; returns why it could not, or null. */
async function record(dir: string, results: readonly VerifyResult[], operator: string, front: 'cli' | 'extension'): Promise<string | null> {
  if (results.length === 0) return null;
  const lock = await acquireRunLock(dir, { owner: { pid: process.pid, host: hostname(), operator, front, startedAt: Date.now() } });
  if (!lock.ok) return `the evidence was not recorded: ${lock.error.message}`;
  try {
    const opened = await openRunStore(dir);
    if (!opened.ok) return `the evidence was not recorded: ${opened.error.message}`;
    for (const r of results) {
      opened.store.recordEvent({ runId: null, taskId: r.taskId, kind: 'verify', data: jsonOf(r) });
    }
    await opened.store.close();
    return null;
  } finally {
    await lock.lock.release();
  }
}

/** A plain-data value as JsonValue without a stringify/parse round trip (undefined fields dropped). */
function jsonOf(v: unknown): JsonValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) return v.map(jsonOf);
  if (typeof v === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = jsonOf(x);
    return out;
  }
  return null;
}
