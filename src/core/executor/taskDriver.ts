// Performs the task machine's effects with the real ports (git, agent CLI, gates, task file,
// store) and feeds their outcomes back as events. The machine is saved after every transition,
// durably at stage boundaries, so a killed runner resumes where it stopped.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runAgent } from '../agents/runAgent';
import { openAttemptLog } from '../store';
import { NO_USAGE, type AgentAdapter, type AgentRequest, type Cost } from '../agents/types';
import type { GitPort } from '../git/gitPort';
import { runReviewStage } from '../review/reviewStage';
import type { ReviewSetup } from '../review/reviewSettings';
import type { OpenedTaskFile } from '../project/openTaskFile';
import { attemptAllowanceUsd } from './budget';
import { runGate, type GateSpec } from './gates';
import { buildPrompt } from './prompt';
import type { RunRecorder } from './recorder';
import type { RunEvent } from './runEvents';
import { attemptLimit, step, type AgentOutcome, type TaskEffect, type TaskEvent, type TaskMachine } from './taskMachine';
import type { TaskFileWriter } from './taskFileWriter';

export interface AgentSetup {
  readonly adapter: AgentAdapter;
  readonly command: string;
  readonly model: string;
  readonly template: string;
  readonly skipPermissions: boolean;
  readonly timeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly env?: Readonly<Record<string, string>>;
}

export interface TaskDriverPorts {
  readonly runId: string;
  readonly root: string;
  /** spec/.specpilot: prompts and logs live under it. */
  readonly stateDir: string;
  readonly git: GitPort | null;
  readonly recorder: RunRecorder;
  readonly files: TaskFileWriter;
  readonly agent: AgentSetup;
  /** The reviewers of the review stage (RunSettings.review). */
  readonly review: ReviewSetup;
  readonly gates: readonly GateSpec[];
  readonly gateTimeoutMs: number;
  readonly mainBranch: string;
  /** Allows stashing the user's uncommitted changes (restored when the task ends). */
  readonly allowStash: boolean;
  /** Re-reads the task file and its requirements (a checkout may have changed them). */
  readonly open: () => OpenedTaskFile;
  readonly constitution: () => string | null;
  readonly persona: { readonly system_prompt: string; readonly model: string; readonly focus: readonly string[] } | null;
  readonly emit: (e: RunEvent) => void;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Stops the task between stages (the stop file, Ctrl+C, the panel's Stop) and cancels a running agent. */
  readonly signal: AbortSignal;
  /** A stop file or another out-of-process request, checked between stages. */
  readonly stopRequested: () => boolean;
}

/** Drives `state` until it finishes; returns the final state. */
export async function driveTask(p: TaskDriverPorts, initial: TaskMachine, first: TaskEvent): Promise<TaskMachine> {
  const refused = first.kind === 'resume' ? await resumeOnTaskBranch(p, initial) : null;
  if (refused !== null) {
    // Nothing is touched and the task stays resumable: the next start tries again.
    p.emit({ kind: 'log', level: 'error', message: refused });
    p.emit({ kind: 'task_finished', runId: p.runId, taskId: initial.taskId, result: 'failed', message: refused, commitSha: null });
    return { ...initial, message: refused };
  }
  let state = initial;
  const queue: TaskEvent[] = [first];
  while (queue.length > 0) {
    const event = queue.shift()!;
    const before = state.stage;
    const rescueBefore = state.rescue;
    const t = step(state, event);
    state = t.state;
    // Durable where a crash must not lose it: a new stage, the end, a stash to give back, and the
    // first save of a run (a killed runner's next start must find the task it had begun).
    const durable = state.stage !== before || state.phase === 'finished' || state.rescue !== rescueBefore || event.kind === 'start' || event.kind === 'resume';
    await p.recorder.saveMachine(p.runId, state, durable);
    if (state.stage !== before && (state.phase !== 'finished' || state.stage === 'done')) {
      p.emit({ kind: 'stage', runId: p.runId, taskId: state.taskId, stage: state.stage, attempt: state.attempt, maxAttempts: attemptLimit(state) });
    }
    for (const effect of t.effects) {
      const next = await perform(p, state, effect);
      if (next) queue.push(next);
    }
    if (queue.length === 0 && state.phase !== 'finished') {
      // A machine always asks for an effect that answers; this is a bug guard, not a path.
      throw new Error(`task ${state.taskId} stalled in ${state.stage}`);
    }
    // A stop is honoured between stages up to the gates; commit and merge, once begun, finish.
    const stoppable = state.stage === 'pre_start' || state.stage === 'implement' || state.stage === 'gates';
    // An agent's outcome and a stash just made are facts the machine must record, stop or not.
    const head = queue[0]?.kind;
    if (stoppable && state.phase !== 'finished' && (p.signal.aborted || p.stopRequested()) && head !== undefined && head !== 'agent_finished' && head !== 'stashed') {
      queue.splice(0, queue.length, { kind: 'stop' });
    }
  }
  return state;
}

async function perform(p: TaskDriverPorts, s: TaskMachine, e: TaskEffect): Promise<TaskEvent | null> {
  switch (e.kind) {
    case 'prepare':
      return prepare(p, s);
    case 'write_status': {
      const error = await p.files.setStatus(s.taskId, e.status, e.checkAll);
      if (error) p.emit({ kind: 'log', level: 'warning', message: `${s.taskId}: status not written (${e.status}): ${error}` });
      return null;
    }
    case 'run_agent':
      return { kind: 'agent_finished', agent: await implement(p, s, e.attempt, e.errorContext) };
    case 'wait':
      p.emit({ kind: 'retry', runId: p.runId, taskId: s.taskId, nextAttempt: e.nextAttempt, delayMs: e.ms, reason: e.reason });
      p.recorder.event(p.runId, s.taskId, 'retry', { nextAttempt: e.nextAttempt, delayMs: e.ms, reason: e.reason });
      await p.sleep(e.ms, p.signal);
      return p.signal.aborted || p.stopRequested() ? { kind: 'stop' } : { kind: 'retry_elapsed' };
    case 'run_gates':
      return gates(p, s, e.attempt);
    case 'review':
      return review(p, s, e.attempt);
    case 'approval':
      // Only without a person in the loop: with hitl_review the machine parks instead of asking.
      return { kind: 'approved', by: 'autopilot' };
    case 'commit':
      return commit(p, s, e.message);
    case 'merge':
      return merge(p, s);
    case 'finish':
      return wrapUp(p, s, e.result, e.message);
    default: {
      const never: never = e;
      throw new Error(`unknown effect ${JSON.stringify(never)}`);
    }
  }
}

/**
 * A resumed task works on its own branch: the killed runner left the tree there, but a person may
 * have checked out another branch since. A clean tree is switched back; a dirty one is theirs, so
 * the resume is refused (why, or null when on the branch) rather than writing over their work.
 */
export async function resumeOnTaskBranch(p: Pick<TaskDriverPorts, 'git' | 'emit'>, s: TaskMachine, verb: 'resume' | 'approve' | 'reject' = 'resume'): Promise<string | null> {
  const onBranch = s.stage === 'implement' || s.stage === 'gates' || s.stage === 'review' || s.stage === 'approval' || s.stage === 'commit';
  // A parked task is decided on its branch too: the candidate is there, the base is checked out.
  const parked = verb !== 'resume' && s.phase === 'finished' && s.result === 'awaiting_approval';
  if (!p.git || !s.branch || (s.phase === 'finished' && !parked) || !onBranch) return null;
  try {
    const status = await p.git.status();
    if (status.branch === s.branch) return null;
    if (status.operationInProgress) {
      return `cannot ${verb} ${s.taskId} on ${s.branch}: a git ${status.operationInProgress} is in progress; finish or abort it, then ${verb === 'resume' ? 'run' : verb} again`;
    }
    if (!status.clean) {
      return `cannot ${verb} ${s.taskId}: expected its branch ${s.branch} checked out, found ${status.branch} with uncommitted changes; commit or stash them, then ${verb === 'resume' ? 'run' : verb} again`;
    }
    await p.git.checkout(s.branch);
    p.emit({ kind: 'log', level: 'info', message: `${s.taskId}: back on ${s.branch} (was ${status.branch}) to ${verb} it` });
    return null;
  } catch (err) {
    return `cannot ${verb} ${s.taskId} on ${s.branch}: git: ${errorText(err)}`;
  }
}

async function prepare(p: TaskDriverPorts, s: TaskMachine): Promise<TaskEvent> {
  const git = p.git;
  if (!git || !s.settings.createBranch) return { kind: 'prepared', branch: null, baseBranch: null, rescue: null };
  try {
    // Both only read the repository, so they run side by side; the status's refusals still come first.
    const [status, base] = await Promise.all([git.status(), git.detectBase(p.mainBranch)]);
    if (status.operationInProgress) {
      return { kind: 'prepare_failed', message: `a git ${status.operationInProgress} is in progress in ${git.root}; finish or abort it first` };
    }
    if (!status.clean) {
      const files = status.changed.slice(0, 8).join(', ') + (status.changed.length > 8 ? `, and ${status.changed.length - 8} more` : '');
      if (s.rescue) {
        // Resumed after a crash with the first changes already stashed: new ones are not stashed over them.
        return {
          kind: 'prepare_failed',
          message: `the working tree has new uncommitted changes (${files}) while your earlier ones wait in the rescue stash ${s.rescue.sha}; commit or remove the new changes and run again`,
        };
      }
      if (!p.allowStash) {
        return {
          kind: 'prepare_failed',
          message: `the working tree has uncommitted changes (${files}); commit them, or allow a rescue stash (--stash, or the "Allow rescue stash" setting) and Specpilot restores them afterwards`,
        };
      }
      const rescue = await git.rescueStash(`specpilot: rescue before ${s.taskId} (run ${p.runId})`);
      if (rescue) {
        p.recorder.event(p.runId, s.taskId, 'rescue_stash', { sha: rescue.sha, branch: rescue.branch });
        // The machine records it (durably) before the checkout: a kill from here on cannot forget it.
        return { kind: 'stashed', rescue };
      }
    }
    if (!base.ok) return { kind: 'prepare_failed', message: `git: ${base.error}` };
    const branch = git.taskBranchName(s.taskId, s.title);
    await git.checkoutTaskBranch(branch, base.branch);
    p.emit({ kind: 'log', level: 'info', message: `${s.taskId}: on branch ${branch} (from ${base.branch})` });
    return { kind: 'prepared', branch, baseBranch: base.branch, rescue: null };
  } catch (err) {
    return { kind: 'prepare_failed', message: `git: ${errorText(err)}` };
  }
}

async function implement(p: TaskDriverPorts, s: TaskMachine, attempt: number, errorContext: string): Promise<AgentOutcome> {
  const opened = p.open();
  const task = opened.analysis.spec.tasks.find((t) => t.id === s.taskId);
  if (!task) {
    return crashedOutcome(`${s.taskId} is no longer in ${opened.path}`);
  }
  const prompt = buildPrompt({
    analysis: opened.analysis,
    task,
    attempt,
    maxAttempts: attemptLimit(s),
    errorContext,
    constitution: p.constitution(),
    persona: p.persona,
    gates: p.gates.map((g) => ({ name: g.name, command: g.command })),
    tasksFileLabel: opened.path.startsWith(p.root) ? opened.path.slice(p.root.length + 1).replace(/\\/g, '/') : opened.path,
  });
  const { id: attemptId, logPath } = p.recorder.attemptStarted({
    runId: p.runId,
    taskId: s.taskId,
    n: attempt,
    agent: p.agent.adapter.kind,
    command: p.agent.command,
    model: p.agent.model,
    promptHash: createHash('sha256').update(prompt).digest('hex'),
  });
  // The prompt sits beside its attempt's log: `{prompt_file}` templates read it, and a person
  // reviewing a failure sees exactly what the agent was asked.
  const promptFile = logPath.replace(/\.log$/, '') + '.prompt.md';
  mkdirSync(dirname(promptFile), { recursive: true });
  writeFileSync(promptFile, prompt);
  const req: AgentRequest = {
    command: p.agent.command,
    model: p.agent.model,
    prompt,
    promptFile,
    cwd: p.root,
    skipPermissions: p.agent.skipPermissions,
    template: p.agent.template,
    ...(p.agent.env ? { env: p.agent.env } : {}),
  };
  p.emit({ kind: 'attempt_started', runId: p.runId, taskId: s.taskId, attempt, logPath, promptFile });
  const refused = p.agent.adapter.check?.(req) ?? null;
  if (refused) {
    const outcome = crashedOutcome(refused);
    p.recorder.attemptFinished(attemptId, { errorContext: refused, outcome: 'crashed', marker: outcome.marker, exitCode: null, cost: outcome.cost, usage: NO_USAGE });
    return outcome;
  }
  const log = openAttemptLog(logPath);
  const cancel = new AbortController();
  const onAbort = (): void => cancel.abort();
  p.signal.addEventListener('abort', onAbort);
  // A stop that came while the prompt was being prepared: 'abort' fired before anyone listened.
  if (p.signal.aborted || p.stopRequested()) cancel.abort();
  const allowance = attemptAllowanceUsd(s.settings.budgets, {
    runSpentUsd: s.runSpentBeforeUsd + s.costUsd,
    taskSpentUsd: s.costUsd,
    retrySpentUsd: s.retryCostUsd,
    isRetry: attempt > 1,
  });
  let overBudget = false;
  let pidRecorded: number | undefined;
  try {
    const result = await runAgent(p.agent.adapter, req, {
      timeoutMs: p.agent.timeoutMs,
      idleTimeoutMs: p.agent.idleTimeoutMs,
      signal: cancel.signal,
      onSpawn: (pid: number) => {
        pidRecorded = pid;
        p.recorder.processStarted({ pid, runId: p.runId, taskId: s.taskId, attemptId, command: p.agent.command });
      },
      onLine: (line: string, stream: 'stdout' | 'stderr') => {
        log.write(stream === 'stderr' ? `[stderr] ${line}\n` : `${line}\n`);
      },
      onEvent: (event) => {
        p.emit({ kind: 'agent', runId: p.runId, taskId: s.taskId, attempt, event });
        if (event.kind === 'usage' && event.cost.kind === 'usd' && allowance !== null && event.cost.usd > allowance && !overBudget) {
          overBudget = true;
          p.emit({ kind: 'log', level: 'warning', message: `${s.taskId}: attempt ${attempt} passed its budget allowance ($${allowance.toFixed(2)}); stopping it` });
          cancel.abort();
        }
      },
    });
    const cost: Cost = result.summary.cost;
    p.recorder.attemptFinished(attemptId, {
      errorContext: result.marker.reason || result.summary.reportedError || '',
      outcome: result.outcome,
      marker: result.marker,
      exitCode: result.exitCode,
      cost,
      usage: result.summary.usage,
    });
    const taskCost: Cost = cost.kind === 'usd' ? { kind: 'usd', usd: s.costUsd + cost.usd } : { kind: 'unpriced' };
    p.emit({
      kind: 'cost',
      runId: p.runId,
      taskId: s.taskId,
      attempt,
      taskCost: s.unpriced ? { kind: 'unpriced' } : taskCost,
      runCostUsd: s.runSpentBeforeUsd + s.costUsd + (cost.kind === 'usd' ? cost.usd : 0),
      unpriced: s.unpriced || cost.kind === 'unpriced',
      usage: result.summary.usage,
    });
    const outcome = overBudget && result.outcome === 'cancelled' && !p.signal.aborted ? 'crashed' : result.outcome;
    return {
      outcome,
      marker: result.marker,
      cost,
      exitCode: result.exitCode,
      tail: result.tail.join('\n'),
      reportedError: overBudget ? 'stopped at the budget cap' : result.summary.reportedError,
    };
  } finally {
    p.signal.removeEventListener('abort', onAbort);
    if (pidRecorded !== undefined) p.recorder.processEnded(pidRecorded);
    await log.close();
  }
}

async function gates(p: TaskDriverPorts, s: TaskMachine, attempt: number): Promise<TaskEvent> {
  const results = [];
  for (const gate of p.gates) {
    if (p.signal.aborted || p.stopRequested()) return { kind: 'stop' };
    let pid: number | undefined;
    // Recorded like an agent: a gate left running by a killed runner (a hung test, a server) is
    // stopped by the next start before the gates run again.
    const onSpawn = (spawned: number): void => {
      pid = spawned;
      p.recorder.processStarted({ pid: spawned, runId: p.runId, taskId: s.taskId, attemptId: null, command: gate.command });
    };
    const r = await runGate(gate, { cwd: p.root, timeoutMs: p.gateTimeoutMs, signal: p.signal, onSpawn }).finally(() => {
      if (pid !== undefined) p.recorder.processEnded(pid);
    });
    results.push(r);
    p.emit({ kind: 'gate', runId: p.runId, taskId: s.taskId, attempt, name: r.name, command: r.command, passed: r.passed, exitCode: r.exitCode, durationMs: r.durationMs, outputTail: r.outputTail });
    p.recorder.event(p.runId, s.taskId, 'gate', { name: r.name, passed: r.passed, exitCode: r.exitCode });
    if (!r.passed && r.blocking) break;
  }
  return { kind: 'gates_finished', gates: results };
}

/** The reviewers on the attempt's change; a stop while they run stops the task. */
async function review(p: TaskDriverPorts, s: TaskMachine, attempt: number): Promise<TaskEvent> {
  const r = await runReviewStage(p, s, attempt);
  if (p.signal.aborted || r === 'stopped') return { kind: 'stop' };
  // The reviewers' spend counts like an attempt's: the task's and the run's totals move on.
  const taskUsd = s.costUsd + (r.cost.kind === 'usd' ? r.cost.usd : 0);
  const unpriced = s.unpriced || r.cost.kind === 'unpriced';
  p.emit({ kind: 'cost', runId: p.runId, taskId: s.taskId, attempt, taskCost: unpriced ? { kind: 'unpriced' } : { kind: 'usd', usd: taskUsd }, runCostUsd: s.runSpentBeforeUsd + taskUsd, unpriced, usage: r.usage });
  return { kind: 'reviewed', passed: r.passed, findings: r.findings, cost: r.cost, fixed: r.fixed };
}

async function commit(p: TaskDriverPorts, s: TaskMachine, kind: 'task' | 'wip' | 'review'): Promise<TaskEvent | null> {
  const git = p.git;
  if (!git) return kind === 'task' ? { kind: 'committed', sha: null } : null;
  try {
    if (kind === 'review') {
      // The candidate a person reviews, kept on its branch so the base can be checked out again.
      const sha = await git.commitAll(`Review candidate ${s.taskId}: ${s.title}\n\nAwaiting approval after attempt ${s.attempt} of Specpilot run ${p.runId}.\n\nSpecpilot-Run: ${p.runId}\nSpecpilot-Attempt: ${s.attempt}`);
      if (sha) p.emit({ kind: 'log', level: 'info', message: `${s.taskId}: review candidate committed on ${s.branch} (${sha.slice(0, 8)})` });
      return null;
    }
    if (kind === 'wip') {
      const sha = await git.commitAll(`WIP ${s.taskId}: ${s.title}\n\nUnfinished work of a ${s.result ?? 'stopped'} Specpilot run (${p.runId}), kept on its branch.`);
      if (sha) p.emit({ kind: 'log', level: 'info', message: `${s.taskId}: unfinished work committed on ${s.branch} (${sha.slice(0, 8)})` });
      return null;
    }
    const opened = p.open();
    const task = opened.analysis.spec.tasks.find((t) => t.id === s.taskId);
    const traces = task ? [...new Set(task.traces.flatMap((r) => r.ids))] : [];
    const message = [`${s.taskId}: ${s.title}`, '', ...(traces.length ? [`Traces: ${traces.join(', ')}`] : []), `Specpilot-Run: ${p.runId}`, `Specpilot-Attempt: ${s.attempt}`].join('\n');
    const sha = await git.commitAll(message);
    if (sha) return { kind: 'committed', sha };
    // Nothing new (a resumed commit stage already committed): use the task's latest commit.
    const branch = s.branch ?? (await git.status()).branch;
    const existing = await git.commitsFor(s.taskId, branch);
    return { kind: 'committed', sha: existing[0]?.sha ?? null };
  } catch (err) {
    if (kind !== 'task') {
      p.emit({ kind: 'log', level: 'warning', message: `${s.taskId}: could not commit the ${kind === 'wip' ? 'unfinished work' : 'review candidate'}: ${errorText(err)}` });
      return null;
    }
    return { kind: 'step_failed', message: `commit failed: ${errorText(err)}` };
  }
}

async function merge(p: TaskDriverPorts, s: TaskMachine): Promise<TaskEvent> {
  const git = p.git;
  if (!git || !s.branch || !s.baseBranch) return { kind: 'merged', sha: '' };
  try {
    const r = await git.merge(s.branch, s.baseBranch, { noFf: true, message: `Merge ${s.branch}: ${s.taskId} ${s.title}` });
    if (r.ok) return { kind: 'merged', sha: r.sha };
    return { kind: 'merge_failed', message: r.message };
  } catch (err) {
    return { kind: 'merge_failed', message: `merge failed: ${errorText(err)}; ${s.branch} is kept` };
  }
}

/**
 * Leaves the tree as the user had it: back on the base branch, rescued changes restored. Answers
 * `rescue_restored` once the stash was dealt with, so a resumed wrap-up never applies it twice.
 */
async function wrapUp(p: TaskDriverPorts, s: TaskMachine, result: string, message: string): Promise<TaskEvent | null> {
  const git = p.git;
  if (git && s.baseBranch) {
    try {
      // Usually on the base already (the merge checked it out): then the whole status is not needed.
      if ((await git.currentBranch()) !== s.baseBranch) {
        const status = await git.status();
        if (status.branch !== s.baseBranch && status.clean) await git.checkout(s.baseBranch);
      }
    } catch (err) {
      p.emit({ kind: 'log', level: 'warning', message: `${s.taskId}: could not return to ${s.baseBranch}: ${errorText(err)}` });
    }
  }
  if (git && s.rescue) {
    try {
      // Gone from the list: a wrap-up cut short after restoring it (or the user applied it).
      if (await git.hasStash(s.rescue.sha)) {
        await git.restoreStash(s.rescue);
        p.emit({ kind: 'log', level: 'info', message: `${s.taskId}: your uncommitted changes were restored` });
      }
    } catch (err) {
      p.emit({ kind: 'log', level: 'error', message: `${s.taskId}: ${errorText(err)}` });
    }
  }
  p.recorder.event(p.runId, s.taskId, 'task_finished', { result, message, commitSha: s.commitSha, mergeSha: s.mergeSha });
  p.emit({ kind: 'task_finished', runId: p.runId, taskId: s.taskId, result: s.result ?? 'failed', message, commitSha: s.mergeSha ?? s.commitSha });
  return git && s.rescue ? { kind: 'rescue_restored' } : null;
}

function crashedOutcome(message: string): AgentOutcome {
  return { outcome: 'crashed', marker: { marker: null, reason: '' }, cost: { kind: 'usd', usd: 0 }, exitCode: null, tail: message, reportedError: message };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
