// What the run panel knows about one task's run, folded from the executor's RunEvents: the header
// (stage, attempt, status, cost, gates) and a bounded tail of output rows. Pure (no vscode), so
// the folding is unit-tested in plain Node and the panel only ships its results to the page.
import type { Cost, TokenUsage, UsageCost } from '../core/agents/types';
import type { RunEvent, TaskResult } from '../core/executor/runEvents';
import type { ReviewVerdict } from '../core/agents/markers';
import type { ReviewRole } from '../core/review/reviewRoles';
import { countFindings, verdictLabel } from '../core/review/runReview';
import type { RunCost, RunGateResult, RunHeader, RunItem, RunPanelStatus, RunStage, RunTokens, RunTone } from '../protocol/runMessages';
import { TailBuffer } from './tailBuffer';

export interface RunStateLimits {
  /** Output rows kept in memory; older ones are only in the attempt's log file. */
  readonly maxItems: number;
  /** A longer line is cut (the log file has it whole). */
  readonly maxLineChars: number;
  /** A longer tool detail or gate output is cut. */
  readonly maxDetailChars: number;
}

export interface RunStateDeps {
  readonly now: () => number;
  /** Where an attempt's full log is on disk (the store's attempt log), null when not known. */
  readonly logFileFor: (taskId: string, runId: string | null, attempt: number) => string | null;
}

/** One reviewer's verdict on one attempt, as the panel's Review tab shows it (findings are text). */
export interface RunReviewVerdict {
  readonly attempt: number;
  readonly role: ReviewRole;
  readonly state: 'running' | 'finished';
  /** null while running, or when the reviewer gave none. */
  readonly verdict: ReviewVerdict | null;
  readonly findings: string;
  readonly costUsd: number | null;
}

/** What one event changed: the panel's feed turns this into deltas. */
export interface ApplyResult {
  readonly headerChanged: boolean;
  readonly appended: number;
  /** A new run of the task began: everything before it is gone, the page needs a snapshot. */
  readonly reset: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const NOTHING: ApplyResult = { headerChanged: false, appended: 0, reset: false };

/** The last cost report: the executor's totals for the task, authoritative up to `attempt`. */
interface Settled {
  readonly attempt: number;
  readonly cost: RunCost;
  readonly tokens: RunTokens;
}

export class RunState {
  private header: Mutable<RunHeader>;
  private readonly items: TailBuffer<RunItem>;
  private settled: Settled | null = null;
  private reviews: RunReviewVerdict[] = [];

  constructor(
    taskId: string,
    title: string,
    private readonly limits: RunStateLimits,
    private readonly deps: RunStateDeps,
  ) {
    this.header = emptyHeader(taskId, title);
    this.items = new TailBuffer<RunItem>(limits.maxItems);
  }

  get taskId(): string {
    return this.header.taskId;
  }

  get total(): number {
    return this.items.total;
  }

  get firstIndex(): number {
    return this.items.firstIndex;
  }

  get status(): RunPanelStatus {
    return this.header.status;
  }

  get runId(): string | null {
    return this.header.runId;
  }

  /** A copy: the caller may keep it while the run goes on. */
  snapshotHeader(): RunHeader {
    return { ...this.header, gates: [...this.header.gates] };
  }

  /** Kept items from absolute index `from` up to `to`. */
  itemsFrom(from = 0, to = this.items.total): RunItem[] {
    return this.items.slice(from, to);
  }

  /** Folds one event addressed to this task (the feed set routes run-wide events here too). */
  apply(event: RunEvent): ApplyResult {
    switch (event.kind) {
      case 'run_started':
        return NOTHING;
      case 'task_started':
        return this.start(event);
      case 'stage':
        return this.stage(event.runId, event.stage, event.attempt, event.maxAttempts);
      case 'attempt_started':
        this.header.logFile = event.logPath;
        return { headerChanged: true, appended: 0, reset: false };
      case 'agent':
        return this.agent(event.attempt, event.event);
      case 'gate': {
        const gate: RunGateResult = {
          name: event.name,
          command: event.command,
          passed: event.passed,
          exitCode: event.exitCode,
          durationMs: event.durationMs,
          attempt: event.attempt,
        };
        const current = this.header.gates.filter((g) => g.attempt === event.attempt && g.name !== event.name);
        this.header.gates = [...current, gate];
        const output = cut(event.outputTail, this.limits.maxDetailChars);
        return this.push(true, [{ kind: 'gate', name: event.name, command: event.command, passed: event.passed, exitCode: event.exitCode, durationMs: event.durationMs, output }]);
      }
      case 'review':
        return this.review(event);
      case 'cost': {
        const tokens = tokensOf(event.usage);
        this.settled = { attempt: event.attempt, cost: costOf(event.taskCost), tokens };
        this.header.cost = this.settled.cost;
        this.header.tokens = tokens;
        return changed();
      }
      case 'retry':
        this.header.status = 'retrying';
        return this.push(true, [{ kind: 'retry', nextAttempt: event.nextAttempt, delayMs: event.delayMs, reason: this.line(event.reason) }]);
      case 'task_finished':
        this.header.status = event.result;
        // A parked task reports no `approval` stage (its machine finished): the stepper waits there.
        if (event.result === 'awaiting_approval') this.header.stage = 'approval';
        this.header.message = event.message;
        this.header.commitSha = event.commitSha;
        this.header.finishedAt = this.deps.now();
        return this.push(true, [{ kind: 'marker', label: this.line(finishLabel(event.result, event.message, event.commitSha)), tone: RESULT_TONE[event.result] }]);
      case 'run_finished': {
        // Only a task the run left unfinished changes: its result was never reported.
        if (!isActive(this.header.status)) return NOTHING;
        const status: RunPanelStatus = event.status === 'completed' ? 'interrupted' : event.status;
        this.header.status = status;
        this.header.message = event.message;
        this.header.finishedAt = this.deps.now();
        const label = `Run ${event.status === 'completed' ? 'ended' : event.status} before this task finished${event.message ? `: ${event.message}` : ''}`;
        return this.push(true, [{ kind: 'marker', label: this.line(label), tone: event.status === 'stopped' ? 'warning' : 'error' }]);
      }
      case 'log':
        switch (event.level) {
          case 'debug':
            return NOTHING;
          case 'info':
          case 'warning':
            return this.push(false, [{ kind: 'marker', label: this.line(event.message), tone: event.level }]);
          case 'error':
            return this.push(false, [{ kind: 'error', message: this.line(event.message) }]);
        }
    }
  }

  /** Every reviewer of every attempt of this run, in the order they started. */
  reviewVerdicts(): readonly RunReviewVerdict[] {
    return [...this.reviews];
  }

  private review(event: Extract<RunEvent, { kind: 'review' }>): ApplyResult {
    const entry: RunReviewVerdict = {
      attempt: event.attempt,
      role: event.role,
      state: event.state === 'started' ? 'running' : 'finished',
      verdict: event.verdict,
      findings: cut(event.findings, this.limits.maxDetailChars),
      costUsd: event.costUsd,
    };
    const at = this.reviews.findIndex((r) => r.attempt === event.attempt && r.role === event.role);
    if (at >= 0) this.reviews[at] = entry;
    else this.reviews.push(entry);
    if (event.state === 'started') return changed();
    const n = countFindings(event.findings);
    const passed = event.verdict === 'passed' || event.verdict === 'fixed';
    const label = `Review ${event.role}: ${verdictLabel(event.verdict)}${n ? ` — ${n} finding${n === 1 ? '' : 's'}` : ''}`;
    return this.push(true, [{ kind: 'marker', label: this.line(label), tone: passed ? 'success' : 'error' }]);
  }

  private start(event: Extract<RunEvent, { kind: 'task_started' }>): ApplyResult {
    if (this.header.status === 'awaiting_approval' && this.header.taskId === event.taskId) {
      // A decision on the parked task (approve, or reject and a new attempt) continues its story:
      // the output that was reviewed stays above what follows.
      this.header = { ...this.header, runId: event.runId, status: 'running', message: '', finishedAt: null, maxAttempts: event.maxAttempts };
      this.settled = null;
      return this.push(true, [{ kind: 'marker', label: this.line('Your decision is being carried out'), tone: 'info' }]);
    }
    this.items.clear();
    this.settled = null;
    this.reviews = [];
    this.header = {
      ...emptyHeader(event.taskId, event.title),
      runId: event.runId,
      maxAttempts: event.maxAttempts,
      status: 'running',
      branch: event.branch,
      startedAt: this.deps.now(),
    };
    return { headerChanged: true, appended: 0, reset: true };
  }

  private stage(runId: string, stage: RunStage, attempt: number, maxAttempts: number): ApplyResult {
    const h = this.header;
    const newAttempt = attempt !== h.attempt;
    const moved = newAttempt || stage !== h.stage;
    if (newAttempt) {
      h.gates = [];
      h.logFile = this.deps.logFileFor(h.taskId, runId, attempt);
    } else if (h.logFile === null) {
      h.logFile = this.deps.logFileFor(h.taskId, runId, attempt);
    }
    h.runId ??= runId;
    h.stage = stage;
    h.attempt = attempt;
    h.maxAttempts = maxAttempts;
    if (h.status === 'retrying' || h.status === 'none') h.status = 'running';
    return moved ? this.push(true, [{ kind: 'stage', stage, attempt, maxAttempts }]) : changed();
  }

  private agent(attempt: number, event: Extract<RunEvent, { kind: 'agent' }>['event']): ApplyResult {
    switch (event.kind) {
      case 'init':
        return this.push(false, [{ kind: 'marker', label: this.line(`Agent started${event.model ? ` · ${event.model}` : ''}`), tone: 'info' }]);
      case 'text':
        return this.push(false, splitLines(event.text).map((text) => ({ kind: 'text', text: this.line(text) })));
      case 'tool':
        return this.push(false, [{ kind: 'tool', name: this.line(event.name), summary: this.line(firstLine(event.summary)), detail: cut(event.detail, this.limits.maxDetailChars) }]);
      case 'tool_result':
        return this.push(false, [{ kind: 'tool_result', summary: this.line(firstLine(event.summary)), isError: event.isError }]);
      case 'usage':
        return this.usage(attempt, event.usage, event.cost);
      case 'error':
        return this.push(false, splitLines(event.message).map((message) => ({ kind: 'error', message: this.line(message) })));
      case 'raw':
        return this.push(false, [{ kind: 'output', stream: event.stream, line: this.line(lastRewrite(event.line)) }]);
    }
  }

  /**
   * Usage reports are the agent's running totals for this attempt. Cost reports settle the task's
   * totals; between them, a later attempt's usage is added to the last settled total so the
   * header moves as tokens arrive. Usage of an attempt a cost report already covers is ignored.
   */
  private usage(attempt: number, usage: TokenUsage, cost: UsageCost): ApplyResult {
    const s = this.settled;
    if (s !== null && s.attempt >= attempt) return NOTHING;
    const tokens = tokensOf(usage);
    // A price the CLI reports only at the end: the tokens move, the cost stays what was settled
    // (or "—" before any), rather than reading "unpriced" mid-run.
    if (cost.kind === 'pending') this.header.cost = s ? s.cost : null;
    else {
      const live = costOf(cost);
      this.header.cost = s ? addCost(s.cost, live) : live;
    }
    this.header.tokens = s ? addTokens(s.tokens, tokens) : tokens;
    return changed();
  }

  private push(headerChanged: boolean, items: readonly RunItem[]): ApplyResult {
    for (const item of items) this.items.push(item);
    return { headerChanged, appended: items.length, reset: false };
  }

  private line(s: string): string {
    return cut(s, this.limits.maxLineChars);
  }
}

function changed(): ApplyResult {
  return { headerChanged: true, appended: 0, reset: false };
}

export function emptyHeader(taskId: string, title: string): Mutable<RunHeader> {
  return {
    taskId,
    title,
    runId: null,
    stage: null,
    attempt: 0,
    maxAttempts: 0,
    status: 'none',
    message: '',
    branch: null,
    commitSha: null,
    cost: null,
    tokens: null,
    startedAt: null,
    finishedAt: null,
    logFile: null,
    gates: [],
  };
}

export function isActive(status: RunPanelStatus): boolean {
  return status === 'running' || status === 'retrying';
}

const RESULT_TONE: Readonly<Record<TaskResult, RunTone>> = {
  done: 'success',
  failed: 'error',
  blocked: 'warning',
  stopped: 'warning',
  awaiting_approval: 'info',
  skipped: 'info',
};

const RESULT_LABEL: Readonly<Record<TaskResult, string>> = {
  done: 'Task done',
  failed: 'Task failed',
  blocked: 'Task blocked',
  stopped: 'Task stopped',
  awaiting_approval: 'Waiting for approval',
  skipped: 'Task skipped',
};

function finishLabel(result: TaskResult, message: string, commitSha: string | null): string {
  const commit = commitSha ? ` · commit ${commitSha.slice(0, 10)}` : '';
  return `${RESULT_LABEL[result]}${commit}${message ? `: ${message}` : ''}`;
}

function costOf(c: Cost): RunCost {
  return c.kind === 'usd' ? { kind: 'usd', usd: c.usd } : { kind: 'unpriced' };
}

function tokensOf(u: TokenUsage): RunTokens {
  return { input: u.input, output: u.output, cacheRead: u.cacheRead, cacheWrite: u.cacheWrite };
}

/** Unpriced wins: a sum with an unknown part is not a price. */
export function addCost(a: RunCost, b: RunCost): RunCost {
  return a.kind === 'usd' && b.kind === 'usd' ? { kind: 'usd', usd: a.usd + b.usd } : { kind: 'unpriced' };
}

function addTokens(a: RunTokens, b: RunTokens): RunTokens {
  return { input: a.input + b.input, output: a.output + b.output, cacheRead: a.cacheRead + b.cacheRead, cacheWrite: a.cacheWrite + b.cacheWrite };
}

/** Lines of a text block, one row each; a final newline does not make an empty row. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map(lastRewrite);
}

/** A carriage return rewrites the line in a terminal (progress bars): keep what was left showing. */
function lastRewrite(line: string): string {
  if (!line.includes('\r')) return line;
  const parts = line.split('\r');
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i];
    if (part) return part;
  }
  return '';
}

function firstLine(s: string): string {
  const nl = s.search(/\r?\n/);
  return nl < 0 ? s : `${s.slice(0, nl)} …`;
}

/** Cuts `s` to `max` characters (never inside a surrogate pair), saying how much is left out. */
export function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${s.slice(0, end)} … (${s.length - end} more characters in the full log)`;
}
