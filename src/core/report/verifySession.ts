// `specpilot verify` and the Verify CodeLens: verifies one task or every done task, then records
// each result with its evidence in the run state (event `verify`). Recording takes the run lock;
// while a run holds it the results are still shown, and the caller is told they were not kept.
import { hostname } from 'node:os';
import { openRepo } from '../git';
import { openTaskFile } from '../project/openTaskFile';
import { resolveRunSettings, type RunOverrides } from '../executor/runSettings';
import { stateDirFor } from '../executor/stateDir';
import { acquireRunLock, openRunStore, resolveOperator, type JsonValue } from '../store';
import { verifyTask, type GateEvidence, type VerifyResult } from './verify';

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
}

export type VerifySummary =
  | { readonly ok: true; readonly results: readonly VerifyResult[]; readonly recorded: boolean; readonly note: string | null }
  | { readonly ok: false; readonly error: string };

export async function verifySession(req: VerifyRequest): Promise<VerifySummary> {
  const opened = openTaskFile({ cwd: req.cwd, file: req.file ?? null, specPrefix: req.specPrefix ?? null });
  if (!opened.ok) return { ok: false, error: opened.error };
  const { analysis, root, path, config } = opened.value;
  const settings = resolveRunSettings(config.config, req.overrides);
  if (!settings.ok) return { ok: false, error: settings.error };
  const unknown = req.taskIds.filter((id) => !analysis.spec.tasks.some((t) => t.id === id));
  if (unknown.length) return { ok: false, error: `no task ${unknown.join(', ')} in ${path}` };
  const ids = req.taskIds.length ? req.taskIds : analysis.spec.tasks.filter((t) => t.status === 'done').map((t) => t.id);
  const repo = await openRepo(root);
  const git = 'error' in repo ? null : repo;
  const gateCache = new Map<string, Promise<GateEvidence>>();
  const results: VerifyResult[] = [];
  for (const id of ids) {
    if (req.signal?.aborted) break;
    results.push(
      await verifyTask(analysis, id, {
        root,
        git,
        mainBranch: settings.value.mainBranch,
        gates: settings.value.gates,
        gateTimeoutMs: settings.value.gateTimeoutMs,
        strict: req.strict,
        gateCache,
        ...(req.signal ? { signal: req.signal } : {}),
      }),
    );
  }
  const recorded = await record(stateDirFor(root, path), results, resolveOperator(config.config.audit_log_operator), req.front);
  return { ok: true, results, recorded: recorded === null, note: recorded };
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
      opened.store.recordEvent({ runId: null, taskId: r.taskId, kind: 'verify', data: JSON.parse(JSON.stringify(r)) as JsonValue });
    }
    await opened.store.close();
    return null;
  } finally {
    await lock.lock.release();
  }
}
