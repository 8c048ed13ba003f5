// The run of one task as a pure state machine: (state, event) -> (state, effects). The driver
// performs the effects and feeds their outcomes back as events; the state is persisted after
// every transition, so resuming after a crash is "load the state, re-issue its pending effect".
import type { Cost, MarkerResult, RunOutcome } from '../agents/types';
import type { RescueStash } from '../git/gitPort';
import type { HunkRef, QuotedComment } from '../review/hunks';
import { backoffMs } from './backoff';
import { budgetStop, type Budgets } from './budget';
import type { Stage, TaskResult } from './runEvents';

export type WritableStatusName = 'todo' | 'in_progress' | 'review' | 'done' | 'blocked';

export interface TaskSettings {
  readonly maxAttempts: number;
  /** spec-runner's retry_delay_seconds, the base of the exponential backoff. */
  readonly retryDelayMs: number;
  readonly createBranch: boolean;
  readonly runGates: boolean;
  readonly autoCommit: boolean;
  readonly merge: boolean;
  /** Multi-role AI review after the gates (hooks.post_done.run_review). */
  readonly review: boolean;
  /** A person approves each task before it is committed and merged (hitl_review, Supervised mode). */
  readonly hitl: boolean;
  readonly budgets: Budgets;
}

export interface GateOutcome {
  readonly name: string;
  readonly command: string;
  readonly passed: boolean;
  /** A failing gate that does not fail the task (lint_blocking: false). */
  readonly blocking: boolean;
  readonly exitCode: number | null;
  readonly outputTail: string;
}

export interface AgentOutcome {
  readonly outcome: RunOutcome;
  readonly marker: MarkerResult;
  readonly cost: Cost;
  readonly exitCode: number | null;
  /** The end of the output, for the next attempt's error context. */
  readonly tail: string;
  readonly reportedError: string | undefined;
}

export interface TaskMachine {
  readonly taskId: string;
  readonly title: string;
  readonly settings: TaskSettings;
  readonly stage: Stage;
  /** The status the task had in the file before the run: a failed run writes it back. */
  readonly originalStatus: WritableStatusName;
  /** Attempts started so far; the current one while implementing. */
  readonly attempt: number;
  /**
   * The attempt number at the last human rejection (0 before any): a rejection grants a fresh set
   * of automatic attempts, counted from here (budgets still apply).
   */
  readonly attemptBase: number;
  readonly phase: 'active' | 'waiting_retry' | 'finished';
  readonly result: TaskResult | null;
  readonly message: string;
  readonly branch: string | null;
  readonly baseBranch: string | null;
  readonly rescue: RescueStash | null;
  /** What went wrong last time, quoted into the next attempt's prompt. */
  readonly errorContext: string;
  /** Priced spend of this task's attempts; `unpriced` when any attempt could not be priced. */
  readonly costUsd: number;
  readonly retryCostUsd: number;
  readonly unpriced: boolean;
  /** Priced spend of the run before this task started (for the run budget). */
  readonly runSpentBeforeUsd: number;
  readonly commitSha: string | null;
  readonly mergeSha: string | null;
  /**
   * The gates run again because a reviewer changed the tree after them (REVIEW_FIXED): passing
   * goes on to approval without a second review. Absent in machines persisted before it existed.
   */
  readonly gatingFixes?: boolean;
}

export type TaskEvent =
  | { readonly kind: 'start' }
  /** After a crash: re-issue the effect of the stage that was in flight. */
  | { readonly kind: 'resume' }
  /** The user's changes were stashed; saved at once, so a crash before `prepared` cannot lose the stash. */
  | { readonly kind: 'stashed'; readonly rescue: RescueStash }
  /** `rescue`: a stash made by this preparation; null keeps the one a `stashed` event recorded. */
  | { readonly kind: 'prepared'; readonly branch: string | null; readonly baseBranch: string | null; readonly rescue: RescueStash | null }
  | { readonly kind: 'prepare_failed'; readonly message: string }
  | { readonly kind: 'agent_finished'; readonly agent: AgentOutcome }
  | { readonly kind: 'retry_elapsed' }
  | { readonly kind: 'gates_finished'; readonly gates: readonly GateOutcome[] }
  /**
   * `cost`: the reviewers' spend, counted like an attempt's. `fixed`: a reviewer answered
   * REVIEW_FIXED or changed the tree, so the change is no longer the one the gates passed.
   */
  | { readonly kind: 'reviewed'; readonly passed: boolean; readonly findings: string; readonly cost: Cost; readonly fixed?: boolean }
  /** A person approved the parked task (`by`: the operator; `autopilot` when approval is off). */
  | { readonly kind: 'approved'; readonly by: string }
  /** A person rejected it: a new attempt starts at once with all of this quoted as its context. */
  | { readonly kind: 'rejected'; readonly reason: string; readonly comments: readonly QuotedComment[]; readonly reverted: readonly HunkRef[] }
  | { readonly kind: 'committed'; readonly sha: string | null }
  | { readonly kind: 'merged'; readonly sha: string }
  | { readonly kind: 'merge_failed'; readonly message: string }
  | { readonly kind: 'step_failed'; readonly message: string }
  /** The wrap-up gave the rescue stash back (or reported why it could not): never again. */
  | { readonly kind: 'rescue_restored' }
  | { readonly kind: 'stop' };

export type TaskEffect =
  | { readonly kind: 'prepare' }
  | { readonly kind: 'write_status'; readonly status: WritableStatusName; readonly checkAll: boolean }
  | { readonly kind: 'run_agent'; readonly attempt: number; readonly errorContext: string }
  | { readonly kind: 'wait'; readonly ms: number; readonly nextAttempt: number; readonly reason: string }
  | { readonly kind: 'run_gates'; readonly attempt: number }
  | { readonly kind: 'review'; readonly attempt: number }
  | { readonly kind: 'approval'; readonly attempt: number }
  /** task: the final commit; wip: a failed task's work; review: the candidate a person reviews. */
  | { readonly kind: 'commit'; readonly message: 'task' | 'wip' | 'review' }
  | { readonly kind: 'merge' }
  | { readonly kind: 'finish'; readonly result: TaskResult; readonly message: string };

export interface Transition {
  readonly state: TaskMachine;
  readonly effects: readonly TaskEffect[];
}

export function newTaskMachine(
  task: { readonly id: string; readonly title: string; readonly status: WritableStatusName },
  settings: TaskSettings,
  runSpentBeforeUsd: number,
): TaskMachine {
  return {
    taskId: task.id,
    title: task.title,
    settings,
    stage: 'pre_start',
    originalStatus: task.status,
    attempt: 0,
    attemptBase: 0,
    phase: 'active',
    result: null,
    message: '',
    branch: null,
    baseBranch: null,
    rescue: null,
    errorContext: '',
    costUsd: 0,
    retryCostUsd: 0,
    unpriced: false,
    runSpentBeforeUsd,
    commitSha: null,
    mergeSha: null,
    gatingFixes: false,
  };
}

const at = (s: TaskMachine, patch: Partial<TaskMachine>): TaskMachine => ({ ...s, ...patch });
const done = (state: TaskMachine, effects: TaskEffect[] = []): Transition => ({ state, effects });

/** Ends the task: the file gets its final status, the finish effect reports it. */
function finish(s: TaskMachine, result: TaskResult, message: string, onTaskBranch = true): Transition {
  const status: WritableStatusName | null =
    result === 'done' ? 'done' : result === 'blocked' ? 'blocked' : result === 'awaiting_approval' ? 'review' : s.originalStatus;
  const effects: TaskEffect[] = [];
  // A task that never reached implement never had its status changed; a committed task's file
  // already says done in its commit.
  const write = result === 'done' ? !s.settings.autoCommit : s.attempt > 0;
  if (write) effects.push({ kind: 'write_status', status, checkAll: result === 'done' });
  // Work of a failed, blocked or stopped task is kept on its branch, not left in the user's tree.
  if (onTaskBranch && result !== 'done' && result !== 'awaiting_approval' && s.attempt > 0 && s.branch && s.settings.autoCommit) {
    effects.push({ kind: 'commit', message: 'wip' });
  }
  effects.push({ kind: 'finish', result, message });
  return done(at(s, { phase: 'finished', result, message, stage: result === 'done' ? 'done' : s.stage }), effects);
}

/** The last attempt number allowed now: maxAttempts after the start or the last rejection. */
export function attemptLimit(s: TaskMachine): number {
  // Machines persisted before approval existed have no attemptBase.
  return (s.attemptBase ?? 0) + s.settings.maxAttempts;
}

function startAttempt(s: TaskMachine, attempt: number): Transition {
  const stop = budgetStop(s.settings.budgets, {
    runSpentUsd: s.runSpentBeforeUsd + s.costUsd,
    taskSpentUsd: s.costUsd,
    retrySpentUsd: s.retryCostUsd,
    isRetry: attempt > 1,
  });
  if (stop) return finish(s, 'failed', stop);
  const next = at(s, { stage: 'implement', attempt, phase: 'active', gatingFixes: false });
  const effects: TaskEffect[] = [];
  if (attempt === 1) effects.push({ kind: 'write_status', status: 'in_progress', checkAll: false });
  effects.push({ kind: 'run_agent', attempt, errorContext: s.errorContext });
  return done(next, effects);
}

/** A failed attempt: retry after a backoff while attempts and budgets remain, else fail the task. */
function attemptFailed(s: TaskMachine, why: string, context: string): Transition {
  const withContext = at(s, { errorContext: context });
  if (s.attempt >= attemptLimit(s)) {
    return finish(withContext, 'failed', `${why} (attempt ${s.attempt} of ${attemptLimit(s)}; no attempts left)`);
  }
  const ms = backoffMs(s.settings.retryDelayMs, s.attempt);
  return done(at(withContext, { phase: 'waiting_retry', message: why }), [
    { kind: 'wait', ms, nextAttempt: s.attempt + 1, reason: why },
  ]);
}

function addCost(s: TaskMachine, cost: Cost): TaskMachine {
  if (cost.kind === 'unpriced') return at(s, { unpriced: true });
  return at(s, {
    costUsd: s.costUsd + cost.usd,
    retryCostUsd: s.attempt > 1 ? s.retryCostUsd + cost.usd : s.retryCostUsd,
  });
}

function afterAgent(s0: TaskMachine, a: AgentOutcome): Transition {
  const s = addCost(s0, a.cost);
  switch (a.outcome) {
    case 'cancelled':
      return finish(s, 'stopped', 'stopped while the agent was running');
    case 'timed_out':
      return attemptFailed(s, 'the agent ran out of time (task timeout)', errorContext('The previous attempt timed out.', a.tail));
    case 'idle':
      return attemptFailed(s, 'the agent printed nothing for too long (idle timeout)', errorContext('The previous attempt stalled with no output.', a.tail));
    case 'crashed':
      return attemptFailed(
        s,
        `the agent crashed (${a.exitCode === null ? 'killed by a signal' : `exit code ${a.exitCode}`})${a.reportedError ? `: ${a.reportedError}` : ''}`,
        errorContext('The previous attempt crashed.', a.tail),
      );
    case 'empty':
      return attemptFailed(s, 'the agent answered nothing', errorContext('The previous attempt produced no answer.', a.tail));
    case 'answered':
      break;
    default:
      return assertNever(a.outcome);
  }
  if (a.marker.marker === 'blocked') return finish(s, 'blocked', `the agent reported TASK_BLOCKED${a.marker.reason ? `: ${a.marker.reason}` : ''}`);
  if (a.marker.marker === 'failed') {
    const reason = a.marker.reason || 'no reason given';
    return attemptFailed(s, `the agent reported TASK_FAILED: ${reason}`, errorContext(`The previous attempt reported TASK_FAILED: ${reason}`, a.tail));
  }
  if (a.reportedError) return attemptFailed(s, `the agent reported an error: ${a.reportedError}`, errorContext(a.reportedError, a.tail));
  return enterGates(s);
}

function enterGates(s: TaskMachine): Transition {
  if (!s.settings.runGates) return enterReview(s);
  return done(at(s, { stage: 'gates' }), [{ kind: 'run_gates', attempt: s.attempt }]);
}

function enterReview(s: TaskMachine): Transition {
  if (!s.settings.review) return enterApproval(s);
  return done(at(s, { stage: 'review' }), [{ kind: 'review', attempt: s.attempt }]);
}

/** Without a person in the loop the driver approves at once; with one, the task parks. */
function enterApproval(s: TaskMachine): Transition {
  if (!s.settings.hitl) return done(at(s, { stage: 'approval' }), [{ kind: 'approval', attempt: s.attempt }]);
  return park(at(s, { stage: 'approval' }));
}

export const AWAITING_APPROVAL_MESSAGE = 'awaiting approval';

/**
 * Parks the task for a person: the candidate is committed on its branch (so the wrap-up can check
 * the base out again and the next task starts from a clean tree), the file says review, and the
 * machine is finished with `awaiting_approval` until an `approved` or `rejected` event.
 */
function park(s: TaskMachine): Transition {
  const effects: TaskEffect[] = [{ kind: 'write_status', status: 'review', checkAll: false }];
  if (s.branch && s.settings.autoCommit) effects.push({ kind: 'commit', message: 'review' });
  effects.push({ kind: 'finish', result: 'awaiting_approval', message: AWAITING_APPROVAL_MESSAGE });
  return done(at(s, { phase: 'finished', result: 'awaiting_approval', message: AWAITING_APPROVAL_MESSAGE }), effects);
}

/** A person's rejection: a new attempt at once (no backoff), with a fresh set of attempts. */
function rejected(s: TaskMachine, e: Extract<TaskEvent, { kind: 'rejected' }>): Transition {
  const next = at(s, { phase: 'active', result: null, message: `rejected: ${e.reason}`, attemptBase: s.attempt, errorContext: rejectionContext(e) });
  const t = startAttempt(next, s.attempt + 1);
  // The candidate's file says review: the task is being worked on again.
  if (t.state.phase !== 'active' || s.attempt + 1 === 1) return t;
  return done(t.state, [{ kind: 'write_status', status: 'in_progress', checkAll: false }, ...t.effects]);
}

/** The reason, every comment with the hunk it is on, and the reverted hunks: each fenced, as data. */
export function rejectionContext(e: { readonly reason: string; readonly comments: readonly QuotedComment[]; readonly reverted: readonly HunkRef[] }): string {
  const out = [`A person reviewed the previous attempt and rejected it. Their reason, quoted:\n${fence(e.reason)}`];
  e.comments.forEach((c, i) => {
    const n = `Comment ${i + 1}`;
    if (c.path === null) {
      out.push(`${n}, on the whole task, quoted:\n${fence(c.text)}`);
    } else if (c.hunk === null || c.hunkText === null) {
      out.push(`${n}, on a file. The file:\n${fence(c.path)}\nThe comment, quoted:\n${fence(c.text)}`);
    } else {
      out.push(`${n}, on hunk #${c.hunk + 1} of a file. The file and the hunk as it was:\n${fence(`${c.path}\n${c.header ?? ''}\n${c.hunkText}`)}\nThe comment, quoted:\n${fence(c.text)}`);
    }
  });
  if (e.reverted.length > 0) {
    const list = e.reverted.map((r) => `${r.path} #${r.index + 1} ${r.header}`).join('\n');
    out.push(`These hunks were reverted on the branch at their request (they are undone; do not bring them back as they were):\n${fence(list)}`);
  }
  return out.join('\n\n');
}

function enterCommit(s: TaskMachine): Transition {
  if (!s.settings.autoCommit) return enterMerge(s);
  return done(at(s, { stage: 'commit' }), [
    { kind: 'write_status', status: 'done', checkAll: true },
    { kind: 'commit', message: 'task' },
  ]);
}

function enterMerge(s: TaskMachine): Transition {
  if (!s.settings.merge || !s.branch || !s.settings.autoCommit) return finishDone(s);
  return done(at(s, { stage: 'merge' }), [{ kind: 'merge' }]);
}

function finishDone(s: TaskMachine): Transition {
  const merged = s.mergeSha ? ` and merged into ${s.baseBranch ?? 'the base branch'}` : s.commitSha ? ' and committed' : '';
  return finish(s, 'done', `done${merged}`);
}

/** The effects that (re)start the stage `s` is in: how a resumed machine picks up its work. */
function reissue(s: TaskMachine): Transition {
  if (s.phase === 'finished') return done(s);
  if (s.phase === 'waiting_retry') return startAttempt(s, s.attempt + 1);
  switch (s.stage) {
    case 'pre_start':
      return done(s, [{ kind: 'prepare' }]);
    case 'implement':
      // The interrupted attempt's agent is gone: its work stays in the tree and a new attempt continues it.
      return startAttempt(
        at(s, { errorContext: s.errorContext || 'The previous attempt was interrupted (the runner stopped); continue the work already in the tree.' }),
        s.attempt + 1 > attemptLimit(s) ? s.attempt : s.attempt + 1,
      );
    case 'gates':
      return done(s, [{ kind: 'run_gates', attempt: s.attempt }]);
    case 'review':
      return done(s, [{ kind: 'review', attempt: s.attempt }]);
    case 'approval':
      // A crash while parking: park again (the commit finds nothing new; the status is rewritten).
      return enterApproval(s);
    case 'commit':
      return enterCommit(s);
    case 'merge':
      return done(s, [{ kind: 'merge' }]);
    case 'done':
      return finishDone(s);
    default:
      return assertNever(s.stage);
  }
}

/**
 * A finished task's wrap-up (back to the base branch, the rescue stash restored) runs after its
 * final state is saved; a crash in between leaves the rescue set, and resuming wraps up again.
 */
function finished(s: TaskMachine, e: TaskEvent): Transition {
  if (e.kind === 'rescue_restored') return done(at(s, { rescue: null }));
  // A parked task answers a person's decision; anything else leaves it parked.
  if (s.result === 'awaiting_approval' && e.kind === 'approved') return enterCommit(at(s, { phase: 'active', result: null, message: '' }));
  if (s.result === 'awaiting_approval' && e.kind === 'rejected') return rejected(s, e);
  if (e.kind === 'resume' && s.rescue !== null) return done(s, [{ kind: 'finish', result: s.result ?? 'failed', message: s.message }]);
  return done(s);
}

export function step(s: TaskMachine, e: TaskEvent): Transition {
  if (s.phase === 'finished') return finished(s, e);
  switch (e.kind) {
    case 'start':
      return s.stage === 'pre_start' && s.attempt === 0 ? done(s, [{ kind: 'prepare' }]) : reissue(s);
    case 'resume':
      return reissue(s);
    case 'stashed':
      return s.stage === 'pre_start' ? done(at(s, { rescue: e.rescue }), [{ kind: 'prepare' }]) : done(s);
    case 'prepared':
      return startAttempt(at(s, { branch: e.branch, baseBranch: e.baseBranch, rescue: e.rescue ?? s.rescue }), 1);
    case 'prepare_failed':
      return finish(s, 'failed', e.message);
    case 'agent_finished':
      return afterAgent(s, e.agent);
    case 'retry_elapsed':
      return s.phase === 'waiting_retry' ? startAttempt(s, s.attempt + 1) : done(s);
    case 'gates_finished': {
      const failed = e.gates.filter((g) => !g.passed && g.blocking);
      // The reviewers' fixes passed the gates: they were reviewed already.
      if (failed.length === 0) return s.gatingFixes === true ? enterApproval(at(s, { gatingFixes: false })) : enterReview(s);
      // A shell's "command not found" is a setup problem no agent attempt can fix: retrying would
      // only spend money (spec-runner's default test command is `uv run pytest`, absent in most
      // non-Python projects).
      const missing = failed.find((g) => g.exitCode === 127);
      if (missing) {
        return finish(
          s,
          'failed',
          `the ${missing.name} gate's command was not found (\`${missing.command}\` exited 127): set commands.${missing.name} in spec-runner.config.yaml (or the Specpilot › Gates setting), or turn the gate off; no retry was started`,
        );
      }
      const names = failed.map((g) => `${g.name} (\`${g.command}\` exited ${g.exitCode ?? 'by a signal'})`).join(', ');
      const context = failed.map((g) => `The ${g.name} gate \`${g.command}\` failed with exit code ${g.exitCode ?? 'none (signal)'}. Its output ends:\n${fence(g.outputTail)}`).join('\n\n');
      if (s.gatingFixes === true) {
        const why = 'The reviewers changed files after the gates had passed (REVIEW_FIXED), and the gates were run again on their changes.';
        return attemptFailed(at(s, { gatingFixes: false }), `gate failed after the reviewers' fixes: ${names}`, `${why}\n\n${context}`);
      }
      return attemptFailed(s, `gate failed: ${names}`, context);
    }
    case 'reviewed': {
      const c = addCost(s, e.cost);
      // Changes made after the gates are not gated: the gates run again before approval.
      if (e.passed && e.fixed === true && s.settings.runGates) return done(at(c, { stage: 'gates', gatingFixes: true }), [{ kind: 'run_gates', attempt: c.attempt }]);
      if (e.passed) return enterApproval(c);
      return attemptFailed(c, 'the review failed', `The review of the previous attempt failed. Its findings:\n${fence(e.findings)}`);
    }
    case 'approved':
      return s.stage === 'approval' ? enterCommit(s) : done(s);
    case 'rejected':
      return s.stage === 'approval' ? rejected(s, e) : done(s);
    case 'committed': {
      const next = at(s, { commitSha: e.sha ?? s.commitSha });
      return enterMerge(next);
    }
    case 'merged':
      return finishDone(at(s, { mergeSha: e.sha }));
    case 'merge_failed':
      // The base is checked out again and untouched; the work is committed on the task branch.
      return finish(s, 'failed', e.message, false);
    case 'step_failed':
      return finish(s, 'failed', e.message);
    case 'rescue_restored':
      return done(at(s, { rescue: null }));
    case 'stop':
      return finish(s, 'stopped', 'stopped by request');
    default:
      return assertNever(e);
  }
}

/** Quotes untrusted text (agent output, a person's reason) as data in a prompt. */
export function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}text\n${text.replace(/\s+$/, '')}\n${ticks}`;
}

function errorContext(what: string, tail: string): string {
  return tail.trim() ? `${what} The end of its output:\n${fence(tail)}` : what;
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
