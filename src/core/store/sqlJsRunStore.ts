// The run-state store on sql.js: the executor records synchronously into an in-memory SQLite DB
// that is saved whole (atomically) after a short debounce and at every flush, so a crash at any
// point leaves the last saved state; failing saves degrade to memory instead of failing the run.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { attemptLogPath } from './attemptLog';
import * as check from './recordChecks';
import { AGENT_KIND_MEMBERS, MARKER_MEMBERS, RUN_OUTCOME_MEMBERS } from './recordRows';
import { SqlRunStoreReader } from './runStoreReader';
import { REVIEW_EVENT_KIND, SPEND_ROWS_SQL } from './reviewSpend';
import { sqlBool, type SqlDb } from './sqlHelpers';
import {
  describeFailure,
  ensureStateDir,
  fsFailure,
  moveAside,
  type FsFailure,
} from './stateFile';
import {
  FRONTS,
  RUN_RECORD_MODES,
  RUN_RECORD_STATUSES,
  TASK_RECORD_STATUSES,
  type AttemptPatch,
  type AttemptRecord,
  type AttemptResult,
  type DegradedReason,
  type EventRecord,
  type GateResultRecord,
  type NewAttempt,
  type NewEvent,
  type NewGateResult,
  type NewRun,
  type ProcessRecord,
  type RunPatch,
  type RunRecord,
  type RunStore,
  type StateFileWriter,
  type StoreClock,
  type StoreResult,
  type TaskPatch,
  type TaskRecord,
} from './types';

/** Gate output kept in the DB: enough to show why it failed; the hash identifies the whole. */
export const GATE_OUTPUT_TAIL_MAX = 8192;
/** `20250131-120000-3f9a`: sorts by start time, and two runs in one second still differ. */
function newRunId(startedAt: number): string {
  const iso = new Date(startedAt).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${randomBytes(2).toString('hex')}`;
}

/** The bounded tail and the hash of a gate's whole output, as recordGate stores them. */
export function gateOutputDigest(output: string): { readonly outputTail: string; readonly outputSha256: string } {
  return { outputTail: boundTail(output), outputSha256: createHash('sha256').update(output).digest('hex') };
}

function boundTail(output: string): string {
  if (output.length <= GATE_OUTPUT_TAIL_MAX) return output;
  const tail = output.slice(output.length - GATE_OUTPUT_TAIL_MAX);
  // Never start on the second half of a surrogate pair.
  const first = tail.charCodeAt(0);
  return first >= 0xdc00 && first <= 0xdfff ? tail.slice(1) : tail;
}

function ok<T>(value: T): StoreResult<T> {
  return { ok: true, value };
}

function fail<T>(error: string): StoreResult<T> {
  return { ok: false, error };
}

export interface StoreSettings {
  readonly dir: string;
  readonly clock: StoreClock;
  readonly writer: StateFileWriter;
  readonly saveDelayMs: number;
  readonly logsDir: string;
  readonly onDegraded: ((reason: DegradedReason) => void) | null;
  readonly onRecovered: (() => void) | null;
}

export class SqlJsRunStore extends SqlRunStoreReader implements RunStore {
  private dirty = false;
  private cancelTimer: (() => void) | null = null;
  private inFlight: Promise<void> | null = null;
  private degradedReason: DegradedReason | null = null;
  /** A corrupt file could not be moved aside yet: nothing may be saved over it until it is. */
  private pendingMoveAside = false;
  private isClosed = false;
  private closing: Promise<void> | null = null;
  /** Synchronous saves so far: one landing during an async save may be overtaken by its rename. */
  private syncSaves = 0;

  constructor(
    sql: SqlDb,
    path: string,
    schemaVersion: number,
    private readonly settings: StoreSettings,
  ) {
    super(sql, path, schemaVersion);
  }

  get degraded(): DegradedReason | null {
    return this.degradedReason;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  // ---- runs ------------------------------------------------------------------------------

  beginRun(input: NewRun): StoreResult<RunRecord> {
    this.assertOpen();
    const problem = check.first(
      input.id === undefined ? null : check.nonEmpty('id', input.id),
      input.startedAt === undefined ? null : check.nonNegative('startedAt', input.startedAt),
      check.member('mode', input.mode, RUN_RECORD_MODES),
      check.member('front', input.front, FRONTS),
      check.text('operator', input.operator),
      check.integer('pid', input.pid),
      check.nonNegativeOrNull('budgetUsd', input.budgetUsd),
    );
    if (problem !== null) return fail(`beginRun: ${problem}`);
    const startedAt = input.startedAt ?? this.settings.clock.now();
    const id = input.id ?? newRunId(startedAt);
    if (this.run(id) !== null) return fail(`beginRun: a run with id ${id} already exists`);
    const run: RunRecord = {
      id,
      startedAt,
      endedAt: null,
      status: 'running',
      mode: input.mode,
      operator: input.operator,
      front: input.front,
      pid: input.pid,
      budgetUsd: input.budgetUsd,
      costUsd: 0,
      unpriced: false,
    };
    this.sql.change(() =>
      this.sql.run(
        'INSERT INTO runs (id, started_at, ended_at, status, mode, operator, front, pid, budget_usd, cost_usd, unpriced) ' +
          'VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, 0, 0)',
        [id, startedAt, run.status, run.mode, run.operator, run.front, run.pid, run.budgetUsd],
      ),
    );
    this.markChanged();
    return ok(run);
  }

  updateRun(id: string, patch: RunPatch): StoreResult<RunRecord> {
    this.assertOpen();
    const current = this.run(id);
    if (current === null) return fail(`updateRun: no run with id ${id}`);
    const problem = check.first(
      patch.status === undefined ? null : check.member('status', patch.status, RUN_RECORD_STATUSES),
      patch.endedAt === undefined ? null : check.nonNegativeOrNull('endedAt', patch.endedAt),
      patch.budgetUsd === undefined ? null : check.nonNegativeOrNull('budgetUsd', patch.budgetUsd),
    );
    if (problem !== null) return fail(`updateRun: ${problem}`);
    const next: RunRecord = { ...current, ...patch };
    this.sql.change(() =>
      this.sql.run('UPDATE runs SET status = ?, ended_at = ?, budget_usd = ? WHERE id = ?', [next.status, next.endedAt, next.budgetUsd, id]),
    );
    this.markChanged();
    return ok(next);
  }

  markRunningRunsInterrupted(): readonly RunRecord[] {
    this.assertOpen();
    const running = this.runs().filter((r) => r.status === 'running');
    if (running.length === 0) return [];
    const now = this.settings.clock.now();
    this.sql.change(() => {
      for (const r of running) this.sql.run("UPDATE runs SET status = 'interrupted', ended_at = ? WHERE id = ?", [now, r.id]);
    });
    this.markChanged();
    return running.map((r) => ({ ...r, status: 'interrupted', endedAt: now }));
  }

  // ---- tasks -----------------------------------------------------------------------------

  upsertTask(taskId: string, patch: TaskPatch): StoreResult<TaskRecord> {
    this.assertOpen();
    const problem = check.first(
      check.nonEmpty('taskId', taskId),
      patch.runId === undefined ? null : check.textOrNull('runId', patch.runId),
      patch.status === undefined ? null : check.member('status', patch.status, TASK_RECORD_STATUSES),
      patch.stage === undefined ? null : check.nonEmpty('stage', patch.stage),
      patch.branch === undefined ? null : check.textOrNull('branch', patch.branch),
      patch.baseBranch === undefined ? null : check.textOrNull('baseBranch', patch.baseBranch),
      patch.lastError === undefined ? null : check.textOrNull('lastError', patch.lastError),
      patch.commitSha === undefined ? null : check.textOrNull('commitSha', patch.commitSha),
      patch.mergeSha === undefined ? null : check.textOrNull('mergeSha', patch.mergeSha),
      patch.machine === undefined ? null : check.textOrNull('machine', patch.machine),
    );
    if (problem !== null) return fail(`upsertTask ${taskId}: ${problem}`);
    const now = this.settings.clock.now();
    const next: TaskRecord = { ...(this.task(taskId) ?? newTask(taskId, now)), ...patch, updatedAt: now };
    const params = [
      taskId,
      next.runId,
      next.status,
      next.stage,
      next.branch,
      next.baseBranch,
      next.lastError,
      next.commitSha,
      next.mergeSha,
      next.updatedAt,
      next.machine,
    ];
    this.sql.change(() =>
      this.sql.run(
        'INSERT INTO tasks (task_id, run_id, status, stage, attempts, branch, base_branch, last_error, cost_usd, unpriced, ' +
          'commit_sha, merge_sha, updated_at, machine) VALUES (?, ?, ?, ?, 0, ?, ?, ?, 0, 0, ?, ?, ?, ?) ' +
          'ON CONFLICT (task_id) DO UPDATE SET run_id = excluded.run_id, status = excluded.status, stage = excluded.stage, ' +
          'branch = excluded.branch, base_branch = excluded.base_branch, last_error = excluded.last_error, ' +
          'commit_sha = excluded.commit_sha, merge_sha = excluded.merge_sha, updated_at = excluded.updated_at, machine = excluded.machine',
        params,
      ),
    );
    this.markChanged();
    return ok(next);
  }

  // ---- attempts --------------------------------------------------------------------------

  beginAttempt(input: NewAttempt): StoreResult<AttemptRecord> {
    this.assertOpen();
    const problem = check.first(
      check.nonEmpty('runId', input.runId),
      check.nonEmpty('taskId', input.taskId),
      check.member('agent', input.agent, AGENT_KIND_MEMBERS),
      check.text('command', input.command),
      check.text('model', input.model),
      check.text('promptHash', input.promptHash),
      input.logPath === undefined ? null : check.nonEmpty('logPath', input.logPath),
      input.startedAt === undefined ? null : check.nonNegative('startedAt', input.startedAt),
    );
    if (problem !== null) return fail(`beginAttempt: ${problem}`);
    if (this.run(input.runId) === null) return fail(`beginAttempt: no run with id ${input.runId} (beginRun first)`);
    const now = this.settings.clock.now();
    const attempt = this.sql.change(() => {
      const nRow = this.sql.one('SELECT COALESCE(MAX(n), 0) + 1 AS n FROM attempts WHERE task_id = ?', [input.taskId]);
      const n = typeof nRow?.['n'] === 'number' ? nRow['n'] : 1;
      const record: AttemptRecord = {
        id: randomUUID(),
        runId: input.runId,
        taskId: input.taskId,
        n,
        agent: input.agent,
        command: input.command,
        model: input.model,
        startedAt: input.startedAt ?? now,
        endedAt: null,
        outcome: null,
        marker: null,
        reason: '',
        exitCode: null,
        costUsd: null,
        tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
        logPath: input.logPath ?? attemptLogPath(this.settings.logsDir, input.taskId, n),
        errorContext: '',
        promptHash: input.promptHash,
      };
      this.sql.run(
        'INSERT INTO attempts (id, run_id, task_id, n, agent, command, model, started_at, log_path, prompt_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [record.id, record.runId, record.taskId, n, record.agent, record.command, record.model, record.startedAt, record.logPath, record.promptHash],
      );
      if (this.task(input.taskId) === null) {
        const task = newTask(input.taskId, now);
        this.sql.run('INSERT INTO tasks (task_id, run_id, status, stage, updated_at) VALUES (?, ?, ?, ?, ?)', [
          task.taskId,
          input.runId,
          task.status,
          task.stage,
          now,
        ]);
      } else {
        this.sql.run('UPDATE tasks SET run_id = ? WHERE task_id = ?', [input.runId, input.taskId]);
      }
      this.rollUp(record, now);
      return record;
    });
    this.markChanged();
    return ok(attempt);
  }

  updateAttempt(id: string, patch: AttemptPatch): StoreResult<AttemptRecord> {
    this.assertOpen();
    const current = this.attempt(id);
    if (current === null) return fail(`updateAttempt: no attempt with id ${id}`);
    const problem = check.first(
      patch.endedAt === undefined ? null : check.nonNegativeOrNull('endedAt', patch.endedAt),
      patch.outcome === undefined ? null : check.memberOrNull('outcome', patch.outcome, RUN_OUTCOME_MEMBERS),
      patch.marker === undefined ? null : check.memberOrNull('marker', patch.marker, MARKER_MEMBERS),
      patch.reason === undefined ? null : check.text('reason', patch.reason),
      patch.exitCode === undefined ? null : check.integerOrNull('exitCode', patch.exitCode),
      patch.costUsd === undefined ? null : check.nonNegativeOrNull('costUsd', patch.costUsd),
      patch.tokens === undefined ? null : check.tokens('tokens', patch.tokens),
      patch.errorContext === undefined ? null : check.text('errorContext', patch.errorContext),
    );
    if (problem !== null) return fail(`updateAttempt ${current.taskId} #${current.n}: ${problem}`);
    const next: AttemptRecord = { ...current, ...patch, tokens: { ...(patch.tokens ?? current.tokens) } };
    const now = this.settings.clock.now();
    this.sql.change(() => {
      this.sql.run(
        'UPDATE attempts SET ended_at = ?, outcome = ?, marker = ?, reason = ?, exit_code = ?, cost_usd = ?, input_tokens = ?, ' +
          'output_tokens = ?, cache_read_tokens = ?, cache_write_tokens = ?, error_context = ? WHERE id = ?',
        [
          next.endedAt,
          next.outcome,
          next.marker,
          next.reason,
          next.exitCode,
          next.costUsd,
          next.tokens.input,
          next.tokens.output,
          next.tokens.cacheRead,
          next.tokens.cacheWrite,
          next.errorContext,
          id,
        ],
      );
      this.rollUp(next, now);
    });
    this.markChanged();
    return ok(next);
  }

  finishAttempt(id: string, result: AttemptResult): StoreResult<AttemptRecord> {
    return this.updateAttempt(id, { ...result, endedAt: result.endedAt ?? this.settings.clock.now() });
  }

  /** Task and run totals are sums over attempts and reviewer runs, recomputed so they can never drift from them. */
  private rollUp(attempt: AttemptRecord, now: number): void {
    this.rollUpTask(attempt.taskId, now);
    this.rollUpRun(attempt.runId);
  }

  private rollUpTask(taskId: string, now: number): void {
    this.sql.run(
      'UPDATE tasks SET attempts = (SELECT COUNT(*) FROM attempts WHERE task_id = ?1), ' +
        `cost_usd = (SELECT COALESCE(SUM(cost), 0) FROM (${SPEND_ROWS_SQL}) WHERE task_id = ?1), ` +
        `unpriced = EXISTS (SELECT 1 FROM (${SPEND_ROWS_SQL}) WHERE task_id = ?1 AND unpriced), updated_at = ?2 WHERE task_id = ?1`,
      [taskId, now],
    );
  }

  private rollUpRun(runId: string): void {
    this.sql.run(
      `UPDATE runs SET cost_usd = (SELECT COALESCE(SUM(cost), 0) FROM (${SPEND_ROWS_SQL}) WHERE run_id = ?1), ` +
        `unpriced = EXISTS (SELECT 1 FROM (${SPEND_ROWS_SQL}) WHERE run_id = ?1 AND unpriced) WHERE id = ?1`,
      [runId],
    );
  }

  // ---- gates, events, processes ----------------------------------------------------------

  recordGate(input: NewGateResult): StoreResult<GateResultRecord> {
    this.assertOpen();
    const problem = check.first(
      check.nonEmpty('name', input.name),
      check.text('command', input.command),
      check.integerOrNull('exitCode', input.exitCode),
      typeof input.passed === 'boolean' ? null : `passed must be a boolean, got ${typeof input.passed}`,
      check.nonNegative('durationMs', input.durationMs),
      check.text('outputTail', input.outputTail),
      check.sha256Hex('outputSha256', input.outputSha256),
    );
    if (problem !== null) return fail(`recordGate ${String(input.name)}: ${problem}`);
    if (this.attempt(input.attemptId) === null) return fail(`recordGate ${input.name}: no attempt with id ${input.attemptId}`);
    const outputTail = boundTail(input.outputTail);
    const id = this.sql.change(() => {
      this.sql.run(
        'INSERT INTO gate_results (attempt_id, name, command, exit_code, passed, duration_ms, output_tail, output_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [input.attemptId, input.name, input.command, input.exitCode, sqlBool(input.passed), input.durationMs, outputTail, input.outputSha256],
      );
      return this.lastInsertId();
    });
    this.markChanged();
    return ok({ ...input, id, outputTail });
  }

  recordEvent(input: NewEvent): EventRecord {
    this.assertOpen();
    const at = input.at ?? this.settings.clock.now();
    const data = input.data ?? null;
    const id = this.sql.change(() => {
      this.sql.run('INSERT INTO events (run_id, task_id, at, kind, data) VALUES (?, ?, ?, ?, ?)', [input.runId, input.taskId, at, input.kind, JSON.stringify(data)]);
      const id = this.lastInsertId();
      // A reviewer's spend moves the task's and the run's totals like an attempt's.
      if (input.kind === REVIEW_EVENT_KIND) {
        if (input.taskId !== null) this.rollUpTask(input.taskId, at);
        if (input.runId !== null) this.rollUpRun(input.runId);
      }
      return id;
    });
    this.markChanged();
    return { id, runId: input.runId, taskId: input.taskId, at, kind: input.kind, data };
  }

  recordProcess(p: ProcessRecord): StoreResult<ProcessRecord> {
    this.assertOpen();
    const problem = check.first(
      check.positiveInteger('pid', p.pid),
      p.pgid === null ? null : check.positiveInteger('pgid', p.pgid),
      check.nonEmpty('runId', p.runId),
      check.nonEmpty('taskId', p.taskId),
      check.textOrNull('attemptId', p.attemptId),
      check.text('command', p.command),
      check.nonNegative('startedAt', p.startedAt),
    );
    if (problem !== null) return fail(`recordProcess: ${problem}`);
    this.sql.change(() =>
      this.sql.run('INSERT OR REPLACE INTO processes (pid, pgid, run_id, task_id, attempt_id, command, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        p.pid,
        p.pgid,
        p.runId,
        p.taskId,
        p.attemptId,
        p.command,
        p.startedAt,
      ]),
    );
    this.markChanged();
    return ok({ ...p });
  }

  removeProcess(pid: number): boolean {
    this.assertOpen();
    const removed = this.sql.change(() => {
      this.sql.run('DELETE FROM processes WHERE pid = ?', [pid]);
      return this.sql.changes() > 0;
    });
    if (removed) this.markChanged();
    return removed;
  }

  private lastInsertId(): number {
    const row = this.sql.one('SELECT last_insert_rowid() AS id');
    const id = row?.['id'];
    return typeof id === 'number' ? id : 0;
  }

  // ---- saving ----------------------------------------------------------------------------

  /** Something changed: save within saveDelayMs (not pushed back by later changes, so a busy run still saves). */
  markChanged(): void {
    this.dirty = true;
    if (this.cancelTimer !== null || this.degradedReason !== null || this.isClosed) return;
    this.cancelTimer = this.settings.clock.setTimer(this.settings.saveDelayMs, () => {
      this.cancelTimer = null;
      void this.save();
    });
  }

  async flush(): Promise<void> {
    if (this.isClosed) return;
    this.stopTimer();
    await this.save();
    // A recovery records an event, and changes may have come in during the write: save those too.
    if (this.dirty && this.degradedReason === null) await this.save();
  }

  flushSync(): void {
    if (this.isClosed) return;
    this.stopTimer();
    if (!this.saveOwed()) return;
    const bytes = this.prepareSave();
    if (bytes === null) return;
    try {
      this.settings.writer.writeSync(this.path, bytes);
    } catch (error) {
      this.saveFailed(fsFailure(error));
      return;
    }
    this.syncSaves++;
    this.saveSucceeded();
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.flush();
      this.stopTimer();
      this.isClosed = true;
      this.sql.close();
    })();
    return this.closing;
  }

  private stopTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private saveOwed(): boolean {
    return this.dirty || this.pendingMoveAside;
  }

  /** One save at a time, in order: a later snapshot is never overwritten by an earlier one. */
  private async save(): Promise<void> {
    while (this.inFlight !== null) await this.inFlight;
    if (!this.saveOwed() || this.isClosed) return;
    const write = this.writeSnapshot();
    this.inFlight = write;
    try {
      await write;
    } finally {
      this.inFlight = null;
    }
  }

  private async writeSnapshot(): Promise<void> {
    const bytes = this.prepareSave();
    if (bytes === null) return;
    const syncSavesBefore = this.syncSaves;
    try {
      await this.settings.writer.write(this.path, bytes);
    } catch (error) {
      this.saveFailed(fsFailure(error));
      return;
    }
    this.saveSucceeded();
    // A flushSync() landed meanwhile and this older snapshot may have been renamed over it.
    if (this.syncSaves !== syncSavesBefore) {
      this.dirty = true;
      queueMicrotask(() => void this.save());
    }
  }

  /** The snapshot to write, or null when the directory or a corrupt file stands in the way. */
  private prepareSave(): Uint8Array | null {
    const dirFailure = ensureStateDir(this.settings.dir, 'if-created');
    if (dirFailure !== null) {
      this.saveFailed(dirFailure);
      return null;
    }
    if (this.pendingMoveAside) {
      const moved = moveAside(this.path, this.settings.clock.now());
      if (!moved.ok) {
        this.saveFailed(moved.failure);
        return null;
      }
      this.pendingMoveAside = false;
    }
    try {
      this.sql.commit();
      const bytes = this.sql.db.export();
      this.dirty = false;
      return bytes;
    } catch (error) {
      this.saveFailed({ code: 'EEXPORT', message: error instanceof Error ? error.message : String(error) });
      return null;
    }
  }

  private saveFailed(failure: FsFailure): void {
    this.dirty = true;
    if (this.degradedReason !== null) return;
    const reason: DegradedReason = {
      kind: 'save_failed',
      code: failure.code,
      message:
        `cannot save ${this.path} (${describeFailure(failure)}). The run state is kept in memory and saving is ` +
        'retried at the next flush; a crash before a save succeeds loses what was recorded since the last one.',
    };
    this.degrade(reason);
  }

  private saveSucceeded(): void {
    const was = this.degradedReason;
    if (was === null) return;
    this.degradedReason = null;
    this.recordEvent({ runId: null, taskId: null, kind: 'state_recovered', data: { after: was.kind, path: this.path } });
    this.notify(() => this.settings.onRecovered?.());
  }

  private degrade(reason: DegradedReason): void {
    this.degradedReason = reason;
    this.recordEvent({ runId: null, taskId: null, kind: 'state_degraded', data: { ...reason } });
    this.notify(() => this.settings.onDegraded?.(reason));
  }

  /** A listener that throws must not break recording or saving. */
  private notify(fn: () => void): void {
    try {
      fn();
    } catch {
      /* the listener's problem, not the run's */
    }
  }

  /** Called by openRunStore when the file on disk could not be read as a state DB. */
  startedOverCorruptFile(fileName: string, why: string): void {
    const moved = moveAside(this.path, this.settings.clock.now());
    if (moved.ok) {
      const reason: DegradedReason = {
        kind: 'corrupt',
        movedTo: moved.movedTo,
        message: `${fileName} could not be read as a state DB (${why}): moved it to ${moved.movedTo} and started a fresh state.`,
      };
      // Saving works: report it, but the store is not degraded.
      this.recordEvent({ runId: null, taskId: null, kind: 'state_degraded', data: { ...reason } });
      this.notify(() => this.settings.onDegraded?.(reason));
      return;
    }
    this.pendingMoveAside = true;
    this.degrade({
      kind: 'corrupt',
      movedTo: null,
      message:
        `${fileName} could not be read as a state DB (${why}) and could not be moved aside (${moved.failure.code}): ` +
        'a fresh state is kept in memory, and the file is left untouched until it can be moved.',
    });
  }

  private assertOpen(): void {
    if (this.isClosed) throw new Error(`the run store ${this.path} is closed: recording after close() is a bug`);
  }
}

function newTask(taskId: string, now: number): TaskRecord {
  return {
    taskId,
    runId: null,
    status: 'pending',
    stage: 'pre_start',
    attempts: 0,
    branch: null,
    baseBranch: null,
    lastError: null,
    costUsd: 0,
    unpriced: false,
    commitSha: null,
    mergeSha: null,
    updatedAt: now,
    machine: null,
  };
}
