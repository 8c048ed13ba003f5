// One run, from either front end: take the lock, recover from a crashed runner (stop its agent,
// resume its task), then run the requested tasks (one, a list, or every ready task re-evaluated
// after each), and leave the store, the lock and the user's tree in order.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { killProcessGroup, isProcessGroupAlive } from '../agents/processRunner';
import type { GitPort } from '../git/gitPort';
import { openRepo } from '../git';
import { excludeLocally } from '../git/localExclude';
import { openTaskFile, type OpenedTaskFile } from '../project/openTaskFile';
import type { Task } from '../spec/model';
import {
  acquireRunLock,
  openAuditLog,
  openRunStore,
  resolveOperator,
  type AcquireRunLockResult,
  type LockOwner,
  type RunLock,
  type RunStore,
} from '../store';
import type { RunEvent, RunMode, RunStatus } from './runEvents';
import { resolveRunSettings, type RunOverrides, type RunSettings } from './runSettings';
import { stateDirFor } from './stateDir';
import { storeRecorder } from './storeRecorder';
import { prepareDecision, type Decision } from './decision';
import { driveTask, type TaskDriverPorts } from './taskDriver';
import { diskTaskFileWriter, type TaskFileWriter } from './taskFileWriter';
import { newTaskMachine, type TaskEvent, type TaskMachine, type WritableStatusName } from './taskMachine';

export interface RunRequest {
  readonly cwd: string;
  readonly file?: string | null;
  readonly specPrefix?: string | null;
  readonly mode: RunMode;
  /** For mode task / retry: the tasks, in order; approve / reject: the one task decided. */
  readonly taskIds?: readonly string[];
  /** Mode approve / reject: the person's decision on the parked task `taskIds[0]`. */
  readonly decision?: Decision;
  /** run --all: tasks that failed before start again (default) unless false. */
  readonly resetFailed?: boolean;
  readonly allowStash?: boolean;
  /** Take the run lock from a holder that is not alive (true) or even a live one ('live'). */
  readonly force?: boolean | 'live';
  readonly overrides?: RunOverrides;
  readonly front: 'cli' | 'extension';
  readonly emit: (e: RunEvent) => void;
  /** Cancels the run: a running agent is stopped, no further stage starts. */
  readonly signal?: AbortSignal;
  /** The extension writes through the editor; default: the file on disk. */
  readonly files?: (opened: OpenedTaskFile) => TaskFileWriter;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Session limit; absent: session_timeout_minutes of the config; 0: none. */
  readonly sessionTimeoutMs?: number;
}

export interface TaskOutcome {
  readonly taskId: string;
  readonly result: string;
  readonly message: string;
  readonly costUsd: number;
  readonly unpriced: boolean;
  readonly attempts: number;
  readonly commitSha: string | null;
}

export interface RunSummary {
  readonly runId: string | null;
  readonly status: RunStatus;
  readonly message: string;
  readonly tasks: readonly TaskOutcome[];
  readonly costUsd: number;
  readonly unpriced: boolean;
  /** A problem before any task ran (no task file, lock held, bad config): exit 1 / 2 material. */
  readonly error: string | null;
}

const STOP_FILE = 'stop';

/** Asks a running session (this process or another) to stop between stages. */
export function requestStop(stateDir: string): void {
  // The stop file is a plain marker; its content says who asked, for the log.
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(join(stateDir, STOP_FILE), `${process.pid}@${hostname()} ${new Date().toISOString()}\n`);
}

export function stopRequested(stateDir: string): boolean {
  return existsSync(join(stateDir, STOP_FILE));
}

function failure(error: string): RunSummary {
  return { runId: null, status: 'failed', message: error, tasks: [], costUsd: 0, unpriced: false, error };
}

const defaultSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });

export async function runSession(req: RunRequest): Promise<RunSummary> {
  const openedFirst = openTaskFile({ cwd: req.cwd, file: req.file ?? null, specPrefix: req.specPrefix ?? null });
  if (!openedFirst.ok) return failure(openedFirst.error);
  const first = openedFirst.value;
  const config = first.config.config;
  const resolved = resolveRunSettings(config, req.overrides);
  if (!resolved.ok) return failure(resolved.error);
  const settings = resolved.value;
  const stateDir = stateDirFor(first.root, first.path);
  const operator = resolveOperator(config.audit_log_operator);

  const locked = await takeRunLock(stateDir, { pid: process.pid, host: hostname(), operator, front: req.front, startedAt: Date.now() }, req);
  if (!locked.ok) return failure(locked.error.message);
  const lock = locked.lock;
  const opened = await openRunStore(stateDir, {
    onDegraded: (reason) => req.emit({ kind: 'log', level: 'warning', message: `run state is not being saved (${reason.message}); the run goes on in memory` }),
    onRecovered: () => req.emit({ kind: 'log', level: 'info', message: 'run state is being saved again' }),
  });
  if (!opened.ok) {
    await lock.release();
    return failure(opened.error.message);
  }
  const store = opened.store;
  const audit = openAuditLog({
    workspaceRoot: first.root,
    path: config.audit_log_path,
    operator: config.audit_log_operator,
    onError: (m) => req.emit({ kind: 'log', level: 'warning', message: `audit log: ${m}` }),
  });
  try {
    return await runLocked(req, first, settings, stateDir, store, lock, audit, operator);
  } finally {
    audit.close();
    await store.close();
    await lock.release();
  }
}

/**
 * The run lock. A runner killed on this host (kill -9, a crashed extension host) leaves its lock
 * behind; its pid is gone, so the lock is taken over at once rather than after it goes stale
 * (acquireRunLock serialises takeovers, so two runners starting together cannot both win).
 */
async function takeRunLock(stateDir: string, owner: LockOwner, req: RunRequest): Promise<AcquireRunLockResult> {
  const force = req.force ?? false;
  const first = await acquireRunLock(stateDir, { owner, force });
  if (first.ok || force !== false || first.error.kind !== 'lock_held' || first.error.holderAlive !== false) return first;
  const dead = first.error.holder;
  const taken = await acquireRunLock(stateDir, { owner, force: true });
  if (taken.ok && dead) {
    req.emit({ kind: 'log', level: 'warning', message: `took over the run lock of a runner that is no longer running (pid ${dead.pid}, ${dead.front}, since ${new Date(dead.startedAt).toISOString()})` });
  }
  return taken;
}

async function runLocked(
  req: RunRequest,
  first: OpenedTaskFile,
  settings: RunSettings,
  stateDir: string,
  store: RunStore,
  lock: RunLock,
  audit: ReturnType<typeof openAuditLog>,
  operator: string,
): Promise<RunSummary> {
  const emit = req.emit;
  // A stop file left by an earlier `specpilot stop` belongs to that run, not this one.
  rmSync(join(stateDir, STOP_FILE), { force: true });
  await stopLeftoverProcesses(store, emit);
  for (const r of store.markRunningRunsInterrupted()) {
    emit({ kind: 'log', level: 'warning', message: `run ${r.id} (${r.front}, pid ${r.pid}) was interrupted; resuming its unfinished task first` });
  }
  closeInterruptedAttempts(store);
  const repo = await openRepo(first.root);
  if (!('error' in repo) && audit.path) excludeLocally(repo.root, audit.path);
  const git: GitPort | null = 'error' in repo ? null : repo;
  if (!git) emit({ kind: 'log', level: 'warning', message: `not a git repository (${'error' in repo ? repo.error : ''}): no branch, commit or merge` });
  const begun = store.beginRun({ mode: req.mode, operator, front: req.front, pid: process.pid, budgetUsd: settings.task.budgets.runUsd });
  if (!begun.ok) return failure(begun.error);
  const runId = begun.value.id;
  await store.flush();
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  req.signal?.addEventListener('abort', onAbort);
  if (req.signal?.aborted) controller.abort();
  // session_timeout_minutes unless the caller set its own limit; 0 means none.
  const sessionMs = req.sessionTimeoutMs ?? first.config.config.session_timeout_minutes * 60_000;
  const deadline = sessionMs > 0 ? Date.now() + sessionMs : null;
  const recorder = storeRecorder(store, audit);
  const open = (): OpenedTaskFile => {
    const r = openTaskFile({ cwd: first.root, file: first.path, specPrefix: req.specPrefix ?? null });
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };
  const ports: TaskDriverPorts = {
    runId,
    root: first.root,
    stateDir,
    git,
    recorder,
    files: req.files ? req.files(first) : diskTaskFileWriter(first.path, first.analysis.spec.format),
    agent: settings.agent,
    review: settings.review,
    gates: settings.gates,
    gateTimeoutMs: settings.gateTimeoutMs,
    mainBranch: settings.mainBranch,
    allowStash: req.allowStash ?? false,
    open,
    constitution: () => readOptional(join(first.root, 'spec', 'constitution.md')),
    persona: first.config.config.personas['implementer'] ?? null,
    emit,
    sleep: req.sleep ?? defaultSleep,
    signal: controller.signal,
    stopRequested: () => stopRequested(stateDir) || (deadline !== null && Date.now() > deadline) || lock.compromised !== null,
  };
  audit.write({ runId, taskId: null, event: 'run_started', data: { mode: req.mode, tasks: [...(req.taskIds ?? [])] } });
  emit({ kind: 'run_started', runId, mode: req.mode, taskIds: req.taskIds ?? [] });

  const outcomes: TaskOutcome[] = [];
  let runCost = 0;
  let unpriced = false;
  const record = (m: TaskMachine): void => {
    const rec = store.task(m.taskId);
    outcomes.push({
      taskId: m.taskId,
      result: m.result ?? 'failed',
      message: m.message,
      costUsd: m.costUsd,
      unpriced: m.unpriced,
      attempts: rec?.attempts ?? m.attempt,
      commitSha: m.mergeSha ?? m.commitSha,
    });
    runCost += m.costUsd;
    unpriced ||= m.unpriced;
  };
  const drive = async (m: TaskMachine, resume: boolean, first?: TaskEvent): Promise<TaskMachine> => {
    emit({ kind: 'task_started', runId, taskId: m.taskId, title: m.title, branch: m.branch, maxAttempts: m.settings.maxAttempts });
    if (!first) audit.write({ runId, taskId: m.taskId, event: resume ? 'task_resumed' : 'task_started', data: {} });
    const done = await driveTask(ports, { ...m, runSpentBeforeUsd: runCost }, first ?? { kind: resume ? 'resume' : 'start' });
    record(done);
    return done;
  };
  const decided = req.mode === 'approve' || req.mode === 'reject';
  /** A task that awaits a person's decision is never run again from scratch by run, retry or watch. */
  const parked = (id: string): boolean => store.task(id)?.status === 'awaiting_approval';
  const refuseParked = (id: string): void => {
    const why = `${id} is awaiting approval: approve or reject it (specpilot approve ${id} / specpilot reject ${id} --reason ...)`;
    outcomes.push({ taskId: id, result: 'skipped', message: why, costUsd: 0, unpriced: false, attempts: store.task(id)?.attempts ?? 0, commitSha: null });
    emit({ kind: 'log', level: 'warning', message: why });
    emit({ kind: 'task_finished', runId, taskId: id, result: 'skipped', message: why, commitSha: null });
  };

  let status: RunStatus = 'completed';
  let message = '';
  try {
    // `retry`: the named tasks' failed state is forgotten, under the lock, so they start afresh.
  if (req.mode === 'retry') {
    for (const id of req.taskIds ?? []) {
      if (store.task(id) && !parked(id)) store.upsertTask(id, { status: 'pending', stage: 'pre_start', machine: null, lastError: null });
    }
  }
    // 1. An interrupted task resumes before anything else; so does a finished task whose wrap-up
    // (back to the base branch, the user's stashed changes restored) was cut short.
    // A decision is about one parked task: an interrupted run's task waits for the next run.
    for (const rec of decided ? [] : store.tasks()) {
      const m = recorder.loadMachine(rec.taskId);
      if (!m) continue;
      const unwrapped = m.phase === 'finished' && m.rescue !== null;
      if (rec.status !== 'running' && !unwrapped) continue;
      emit({ kind: 'log', level: 'info', message: unwrapped ? `${rec.taskId}: finishing its interrupted wrap-up` : `${rec.taskId}: resuming from the ${m.stage} stage` });
      await drive(m, true);
      if (ports.stopRequested() || controller.signal.aborted) break;
    }
    // 2. The requested tasks.
    const stopNow = (): boolean => ports.stopRequested() || controller.signal.aborted;
    if (decided) {
      const interrupted = store.tasks().filter((t) => t.status === 'running').map((t) => t.taskId);
      if (interrupted.length) emit({ kind: 'log', level: 'info', message: `${interrupted.join(', ')} ${interrupted.length === 1 ? 'was' : 'were'} interrupted; \`specpilot run\` resumes ${interrupted.length === 1 ? 'it' : 'them'}` });
      await decide(req, store, ports, operator, outcomes, drive);
    } else if (req.mode === 'task' || req.mode === 'retry') {
      for (const id of req.taskIds ?? []) {
        if (stopNow()) break;
        // A task resumed above ran in this run already, whatever its result: not again from scratch.
        if (outcomes.some((o) => o.taskId === id)) continue;
        if (parked(id)) {
          refuseParked(id);
          continue;
        }
        const analysis = open().analysis;
        const task = analysis.spec.tasks.find((t) => t.id === id);
        if (!task) {
          outcomes.push({ taskId: id, result: 'failed', message: `no task ${id} in ${first.path}`, costUsd: 0, unpriced: false, attempts: 0, commitSha: null });
          continue;
        }
        const waiting = unmetDependencies(analysis, task);
        if (waiting.length) {
          outcomes.push({ taskId: id, result: 'skipped', message: `blocked by ${waiting.join(', ')} (not done yet)`, costUsd: 0, unpriced: false, attempts: 0, commitSha: null });
          emit({ kind: 'task_finished', runId, taskId: id, result: 'skipped', message: `blocked by ${waiting.join(', ')}`, commitSha: null });
          continue;
        }
        await drive(newTaskMachine({ id, title: task.title, status: writable(task) }, settings.task, runCost), false);
      }
    } else {
      await runAll(req, settings, store, open, drive, outcomes, stopNow, emit);
    }
    if (stopNow()) {
      status = 'stopped';
      message = ports.stopRequested() && deadline !== null && Date.now() > deadline ? 'session timeout reached' : 'stopped by request';
    } else if (outcomes.some((o) => o.result === 'failed')) {
      status = 'failed';
    }
  } catch (err) {
    status = 'failed';
    message = err instanceof Error ? err.message : String(err);
    emit({ kind: 'log', level: 'error', message });
  } finally {
    req.signal?.removeEventListener('abort', onAbort);
  }
  const done = outcomes.filter((o) => o.result === 'done').length;
  const awaiting = outcomes.filter((o) => o.result === 'awaiting_approval').length;
  message ||= `${done} of ${outcomes.length} task${outcomes.length === 1 ? '' : 's'} done${awaiting ? `, ${awaiting} awaiting approval` : ''}`;
  store.updateRun(runId, { status, endedAt: Date.now() });
  audit.write({ runId, taskId: null, event: 'run_finished', data: { status, message } });
  rmSync(join(stateDir, STOP_FILE), { force: true });
  emit({ kind: 'run_finished', runId, status, message });
  return { runId, status, message, tasks: outcomes, costUsd: runCost, unpriced, error: null };
}

/** run --all: the ready set is re-evaluated after every task, so newly unblocked tasks run too. */
async function runAll(
  req: RunRequest,
  settings: RunSettings,
  store: RunStore,
  open: () => OpenedTaskFile,
  drive: (m: TaskMachine, resume: boolean) => Promise<TaskMachine>,
  outcomes: TaskOutcome[],
  stopNow: () => boolean,
  emit: (e: RunEvent) => void,
): Promise<void> {
  const config = open().config.config;
  const tried = new Set(outcomes.map((o) => o.taskId));
  let consecutiveFailures = 0;
  for (;;) {
    if (stopNow()) return;
    const analysis = open().analysis;
    const next = analysis.ready.find((t) => {
      if (tried.has(t.id) || t.optional) return false;
      const rec = store.task(t.id);
      // Awaiting a person: its file may say review, which the ready order would pick first.
      if (rec?.status === 'awaiting_approval') return false;
      return !(rec && rec.status === 'failed' && req.resetFailed === false);
    });
    if (!next) return;
    tried.add(next.id);
    const m = await drive(newTaskMachine({ id: next.id, title: next.title, status: writable(next) }, settings.task, outcomes.reduce((n, o) => n + o.costUsd, 0)), false);
    if (m.result === 'failed') {
      consecutiveFailures++;
      if (config.on_task_failure === 'stop') {
        emit({ kind: 'log', level: 'warning', message: `${m.taskId} failed; on_task_failure is stop` });
        return;
      }
      if (consecutiveFailures >= config.max_consecutive_failures) {
        emit({ kind: 'log', level: 'warning', message: `${consecutiveFailures} tasks failed in a row (max_consecutive_failures); stopping` });
        return;
      }
    } else if (m.result === 'done') consecutiveFailures = 0;
    if (m.message.startsWith('run budget reached')) return;
  }
}

/**
 * approve / reject: the decision is checked and prepared (branch checked out, hunks reverted,
 * the decision recorded) and the parked machine goes on from it: commit and merge, or a new attempt.
 */
async function decide(
  req: RunRequest,
  store: RunStore,
  ports: TaskDriverPorts,
  operator: string,
  outcomes: TaskOutcome[],
  drive: (m: TaskMachine, resume: boolean, first?: TaskEvent) => Promise<TaskMachine>,
): Promise<void> {
  const id = req.taskIds?.[0];
  const fail = (taskId: string, message: string): void => {
    outcomes.push({ taskId, result: 'failed', message, costUsd: 0, unpriced: false, attempts: store.task(taskId)?.attempts ?? 0, commitSha: null });
    ports.emit({ kind: 'log', level: 'error', message });
    ports.emit({ kind: 'task_finished', runId: ports.runId, taskId, result: 'failed', message, commitSha: null });
  };
  if (!id || (req.taskIds?.length ?? 0) > 1) return fail(id ?? '', `expected exactly one task to ${req.mode}, got ${req.taskIds?.length ?? 0}`);
  const decision: Decision | undefined = req.decision;
  if (!decision || decision.kind !== req.mode) return fail(id, `expected a${req.mode === 'approve' ? 'n approve' : ' reject'} decision for ${id}, got ${decision ? decision.kind : 'none'}`);
  const prepared = await prepareDecision(ports, store, id, decision, operator);
  if (!prepared.ok) return fail(id, prepared.error);
  await drive(prepared.machine, false, prepared.event);
}

/** Dependencies of `task` that are not done (phase barriers and parents included). */
function unmetDependencies(analysis: OpenedTaskFile['analysis'], task: Task): string[] {
  if (analysis.ready.some((t) => t.id === task.id)) return [];
  const byId = new Map(analysis.spec.tasks.map((t) => [t.id, t]));
  const ids = task.dependsOn.map((d) => d.id).filter((id) => byId.get(id)?.status !== 'done');
  return ids.length ? ids : ['unfinished earlier work (phase or parent order)'];
}

function writable(task: Task): WritableStatusName {
  return task.status === 'unknown' ? 'todo' : task.status;
}

/**
 * Agents and gates a crashed runner left behind (their process groups were recorded before they
 * could act) are stopped before anything else runs: they would edit the tree under the resumed task.
 */
async function stopLeftoverProcesses(store: RunStore, emit: (e: RunEvent) => void): Promise<void> {
  for (const p of store.liveProcesses()) {
    const group = p.pgid ?? p.pid;
    if (isProcessGroupAlive(group)) {
      emit({ kind: 'log', level: 'warning', message: `stopping the process a crashed run left running (${p.command}, pid ${p.pid}, task ${p.taskId})` });
      await killProcessGroup(group, 5000);
    }
    store.removeProcess(p.pid);
  }
  await store.flush();
}

/** Attempts of a killed runner never got their end: they end as crashed, at an unknown cost. */
function closeInterruptedAttempts(store: RunStore): void {
  for (const task of store.tasks()) {
    for (const a of store.attempts(task.taskId)) {
      if (a.endedAt !== null) continue;
      store.finishAttempt(a.id, {
        outcome: 'crashed',
        marker: null,
        reason: 'the runner stopped (killed or crashed) while this attempt ran',
        exitCode: null,
        costUsd: null,
        tokens: a.tokens,
        errorContext: a.errorContext,
      });
    }
  }
}

function readOptional(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
