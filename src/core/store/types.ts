// The records of the run-state store and the port the executor records through: every run, task,
// attempt, gate result, event and live agent process, persisted so a run resumes after a crash.
// The store's own words; the executor's event and stage vocabularies stay the executor's.
import type { AgentKind, CompletionMarker, RunOutcome, TokenUsage } from '../agents/types';

/** Milliseconds since the Unix epoch (Date.now()), as the store's clock gives them. */
export type EpochMs = number;

export type RunRecordStatus = 'running' | 'completed' | 'failed' | 'stopped' | 'interrupted';
export type RunRecordMode = 'task' | 'all' | 'watch' | 'retry' | 'approve' | 'reject';
/** Which front end started the run. */
export type Front = 'cli' | 'extension';
export type TaskRecordStatus = 'pending' | 'running' | 'awaiting_approval' | 'done' | 'failed' | 'blocked' | 'skipped';

/** Records, so adding a member to a union is a compile error until the store knows it. */
export const RUN_RECORD_STATUSES: Readonly<Record<RunRecordStatus, true>> = {
  running: true,
  completed: true,
  failed: true,
  stopped: true,
  interrupted: true,
};
export const RUN_RECORD_MODES: Readonly<Record<RunRecordMode, true>> = { task: true, all: true, watch: true, retry: true, approve: true, reject: true };
export const FRONTS: Readonly<Record<Front, true>> = { cli: true, extension: true };
export const TASK_RECORD_STATUSES: Readonly<Record<TaskRecordStatus, true>> = {
  pending: true,
  running: true,
  awaiting_approval: true,
  done: true,
  failed: true,
  blocked: true,
  skipped: true,
};

export interface RunRecord {
  readonly id: string;
  readonly startedAt: EpochMs;
  readonly endedAt: EpochMs | null;
  readonly status: RunRecordStatus;
  readonly mode: RunRecordMode;
  /** user@host, or the configured audit_log_operator. */
  readonly operator: string;
  readonly front: Front;
  readonly pid: number;
  readonly budgetUsd: number | null;
  /** Sum of this run's priced attempts and reviewers (`review` events) (kept by the store). */
  readonly costUsd: number;
  /** Some finished attempt or reviewer of this run could not be priced: costUsd is a lower bound. */
  readonly unpriced: boolean;
}

export interface TaskRecord {
  readonly taskId: string;
  /** The run that touched the task last. */
  readonly runId: string | null;
  readonly status: TaskRecordStatus;
  /** Owned by the executor (pre_start, implement, gates, review, approval, commit, merge, done). */
  readonly stage: string;
  /** Attempts recorded so far, all runs (kept by the store). */
  readonly attempts: number;
  readonly branch: string | null;
  readonly baseBranch: string | null;
  readonly lastError: string | null;
  /** Sum of the task's priced attempts and reviewers, all runs (kept by the store). */
  readonly costUsd: number;
  /** Some finished attempt or reviewer of the task could not be priced. */
  readonly unpriced: boolean;
  readonly commitSha: string | null;
  readonly mergeSha: string | null;
  readonly updatedAt: EpochMs;
  /** Opaque to the store: the executor's persisted state machine, as JSON text, for resume. */
  readonly machine: string | null;
}

export interface AttemptRecord {
  readonly id: string;
  readonly runId: string;
  readonly taskId: string;
  /** 1, 2, 3... per task across runs (assigned by the store), so log paths never collide. */
  readonly n: number;
  readonly agent: AgentKind;
  readonly command: string;
  readonly model: string;
  readonly startedAt: EpochMs;
  /** null while the agent runs. */
  readonly endedAt: EpochMs | null;
  readonly outcome: RunOutcome | null;
  readonly marker: CompletionMarker | null;
  readonly reason: string;
  readonly exitCode: number | null;
  /** null: not priced (yet, while running; for good once endedAt is set). */
  readonly costUsd: number | null;
  readonly tokens: TokenUsage;
  readonly logPath: string;
  /** What this attempt leaves for the next one (failing test output, the agent's reason). */
  readonly errorContext: string;
  readonly promptHash: string;
}

export interface GateResultRecord {
  readonly id: number;
  readonly attemptId: string;
  /** test, lint, or a configured gate's name. */
  readonly name: string;
  readonly command: string;
  readonly exitCode: number | null;
  readonly passed: boolean;
  readonly durationMs: number;
  /** The output's last GATE_OUTPUT_TAIL_MAX characters; the whole output is in no file. */
  readonly outputTail: string;
  readonly outputSha256: string;
}

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export interface EventRecord {
  readonly id: number;
  readonly runId: string | null;
  readonly taskId: string | null;
  readonly at: EpochMs;
  /** The executor's lifecycle event names, plus the store's own `state_degraded` and `state_recovered`. */
  readonly kind: string;
  readonly data: JsonValue;
}

/** An agent process that may still be alive: recorded before it can act, removed when it exits. */
export interface ProcessRecord {
  readonly pid: number;
  /** The process group (agents start detached, so pgid === pid); null when not a group leader. */
  readonly pgid: number | null;
  readonly runId: string;
  readonly taskId: string;
  readonly attemptId: string | null;
  readonly command: string;
  readonly startedAt: EpochMs;
}

// ---- inputs -------------------------------------------------------------------------------

export interface NewRun {
  /** Default: a sortable id from the start time (`20250101-120000-3f9a`). */
  readonly id?: string;
  /** Default: the store clock's now. */
  readonly startedAt?: EpochMs;
  readonly mode: RunRecordMode;
  readonly operator: string;
  readonly front: Front;
  readonly pid: number;
  readonly budgetUsd: number | null;
}

export interface RunPatch {
  readonly status?: RunRecordStatus;
  readonly endedAt?: EpochMs | null;
  readonly budgetUsd?: number | null;
}

/** Fields the executor sets; attempts, costUsd, unpriced and updatedAt are kept by the store. */
export interface TaskPatch {
  readonly runId?: string | null;
  readonly status?: TaskRecordStatus;
  readonly stage?: string;
  readonly branch?: string | null;
  readonly baseBranch?: string | null;
  readonly lastError?: string | null;
  readonly commitSha?: string | null;
  readonly mergeSha?: string | null;
  readonly machine?: string | null;
}

export interface NewAttempt {
  readonly runId: string;
  readonly taskId: string;
  readonly agent: AgentKind;
  readonly command: string;
  readonly model: string;
  readonly promptHash: string;
  /** Default: `<logsDir>/<sanitised task id>/attempt-<n>.log` (attemptLogPath). */
  readonly logPath?: string;
  readonly startedAt?: EpochMs;
}

export interface AttemptPatch {
  readonly endedAt?: EpochMs | null;
  readonly outcome?: RunOutcome | null;
  readonly marker?: CompletionMarker | null;
  readonly reason?: string;
  readonly exitCode?: number | null;
  readonly costUsd?: number | null;
  readonly tokens?: TokenUsage;
  readonly errorContext?: string;
}

/** An attempt's end: endedAt defaults to the store clock's now. */
export interface AttemptResult {
  readonly endedAt?: EpochMs;
  readonly outcome: RunOutcome;
  readonly marker: CompletionMarker | null;
  readonly reason: string;
  readonly exitCode: number | null;
  readonly costUsd: number | null;
  readonly tokens: TokenUsage;
  readonly errorContext: string;
}

export type NewGateResult = Omit<GateResultRecord, 'id'>;

export interface NewEvent {
  readonly runId: string | null;
  readonly taskId: string | null;
  readonly kind: string;
  readonly data?: JsonValue;
  /** Default: the store clock's now. */
  readonly at?: EpochMs;
}

// ---- queries ------------------------------------------------------------------------------

export interface TaskCost {
  readonly taskId: string;
  /** Attempts and reviewer runs together. */
  readonly costUsd: number;
  /** Some finished attempt or reviewer of the task could not be priced: costUsd is a lower bound. */
  readonly unpriced: boolean;
  readonly attempts: number;
  /** Reviewer runs (one per role per review), from the `review` events. */
  readonly reviews: number;
  /** The reviewers' part of costUsd. */
  readonly reviewCostUsd: number;
  /** Some reviewer could not be priced. */
  readonly reviewUnpriced: boolean;
}

export interface CostReport {
  readonly tasks: readonly TaskCost[];
  readonly totalUsd: number;
  readonly unpriced: boolean;
  /** How many tasks have an unpriced attempt or reviewer. */
  readonly unpricedTasks: number;
}

export interface CostQuery {
  /** `cost`: most expensive first (ties by id); `id`: task ids in natural order (T2 before T10). */
  readonly sort?: 'cost' | 'id';
  /** Only this run's attempts and reviewers. */
  readonly runId?: string;
}

export interface EventFilter {
  readonly runId?: string;
  readonly taskId?: string;
  /** Only events with an id greater than this (for following a run). */
  readonly afterId?: number;
  /** The newest `limit` events (still returned oldest first). */
  readonly limit?: number;
  /** Only events of this kind, or of any of these kinds (none: no events); filtered in SQL by index. */
  readonly kind?: string | readonly string[];
}

// ---- results, ports, options --------------------------------------------------------------

export type StoreResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Why the store is (or was, at open) not saving as it should. */
export type DegradedReason =
  /** A save failed (ENOSPC, EROFS, EACCES, ...): the state lives in memory until a flush succeeds. */
  | { readonly kind: 'save_failed'; readonly code: string; readonly message: string }
  /** The file on disk could not be read as a state DB at open: it was moved aside (or could not be yet). */
  | { readonly kind: 'corrupt'; readonly movedTo: string | null; readonly message: string };

export type OpenRunStoreError =
  /** Written by a newer Specpilot: never opened, so never silently downgraded. */
  | { readonly kind: 'newer_schema'; readonly found: number; readonly known: number; readonly message: string }
  /** The file exists but cannot be read (permissions, a directory in its place). */
  | { readonly kind: 'unreadable'; readonly code: string; readonly message: string }
  /** A migration's SQL failed on this file: the file is left as it was. */
  | { readonly kind: 'migration_failed'; readonly version: number; readonly message: string };

/** The clock and timers of the debounced save, injectable so tests need not wait. */
export interface StoreClock {
  now(): EpochMs;
  /** Calls fn once after ms; the returned function cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
}

/** How the DB file reaches the disk: atomically (temp file, fsync, rename). Injectable for fault tests. */
export interface StateFileWriter {
  write(path: string, data: Uint8Array): Promise<void>;
  writeSync(path: string, data: Uint8Array): void;
}

export interface RunStoreReader {
  /** `<dir>/state.db`. */
  readonly path: string;
  readonly schemaVersion: number;
  run(id: string): RunRecord | null;
  /** Oldest first. */
  runs(): readonly RunRecord[];
  latestRun(): RunRecord | null;
  task(taskId: string): TaskRecord | null;
  /** Task ids in natural order. */
  tasks(): readonly TaskRecord[];
  attempt(id: string): AttemptRecord | null;
  /** By attempt number. */
  attempts(taskId: string): readonly AttemptRecord[];
  /** In the order recorded. */
  gateResults(attemptId: string): readonly GateResultRecord[];
  costs(query?: CostQuery): CostReport;
  /** Oldest first. */
  events(filter?: EventFilter): readonly EventRecord[];
  /** Processes recorded and not yet removed: after a crash, leftovers to stop (check isPidAlive first). */
  liveProcesses(): readonly ProcessRecord[];
}

/**
 * Recording is synchronous (the DB lives in memory) and saved by a debounced timer; flush() saves
 * now. A failing save never throws into the run: see `degraded`.
 */
export interface RunStore extends RunStoreReader {
  /** Non-null while saves fail; the state is complete in memory. */
  readonly degraded: DegradedReason | null;
  readonly closed: boolean;
  beginRun(input: NewRun): StoreResult<RunRecord>;
  updateRun(id: string, patch: RunPatch): StoreResult<RunRecord>;
  /**
   * Marks every `running` run `interrupted` (ended now). Call after taking the run lock: no other
   * runner is alive, so a `running` run is one that crashed.
   */
  markRunningRunsInterrupted(): readonly RunRecord[];
  /** Creates the task (pending, stage pre_start) when new, then applies the patch. */
  upsertTask(taskId: string, patch: TaskPatch): StoreResult<TaskRecord>;
  /** Assigns n (the task's next attempt number) and, by default, the log path. */
  beginAttempt(input: NewAttempt): StoreResult<AttemptRecord>;
  updateAttempt(id: string, patch: AttemptPatch): StoreResult<AttemptRecord>;
  finishAttempt(id: string, result: AttemptResult): StoreResult<AttemptRecord>;
  /** outputTail is cut to its last GATE_OUTPUT_TAIL_MAX characters. */
  recordGate(input: NewGateResult): StoreResult<GateResultRecord>;
  recordEvent(input: NewEvent): EventRecord;
  /** Call flushSync() right after, before the agent gets its prompt: a crash must not lose it. */
  recordProcess(p: ProcessRecord): StoreResult<ProcessRecord>;
  /** false when no such process was recorded. */
  removeProcess(pid: number): boolean;
  /** Saves now if anything changed (or a save is owed); resolves when on disk, or degraded. Never rejects. */
  flush(): Promise<void>;
  /** flush() without yielding: for the moment between spawning an agent and letting it act. */
  flushSync(): void;
  /** Flushes, then frees the DB. Recording after close throws (a programming error). */
  close(): Promise<void>;
}

export interface RunStoreOptions {
  /** Default `state.db`. */
  readonly fileName?: string;
  /** Where default attempt log paths point. Default `<dir>/logs`. */
  readonly logsDir?: string;
  /** Debounce of saves after a change. Default 200 ms. */
  readonly saveDelayMs?: number;
  readonly clock?: StoreClock;
  readonly writer?: StateFileWriter;
  /** Test-only: the migrations to apply (default: all this code knows). */
  readonly migrations?: readonly Migration[];
  /** Called once when saving starts failing (again) or the file was corrupt at open. */
  readonly onDegraded?: (reason: DegradedReason) => void;
  /** Called when a save succeeds after degraded saves. */
  readonly onRecovered?: () => void;
}

/** One step of the schema, applied once, in order; its `sql` runs inside one transaction. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
