// Runs a task's reviewers (one agent per role, one after another or side by side) on the change
// an attempt left in the tree, and combines their verdicts. Each reviewer is run like an
// implement attempt: a log and a prompt file beside the attempt's, its process recorded (so a
// crashed runner's reviewer is stopped on the next start), cancelled with the run, and held to
// what the attempt may still spend.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseReviewVerdict, type ReviewVerdict } from '../agents/markers';
import { runAgent } from '../agents/runAgent';
import { NO_USAGE, type AgentKind, type AgentRequest, type Cost, type RunOutcome, type TokenUsage } from '../agents/types';
import type { RunRecorder } from '../executor/recorder';
import type { RunEvent } from '../executor/runEvents';
import { openAttemptLog } from '../store';
import type { ReviewRole } from './reviewRoles';
import type { ReviewerSetup, ReviewSetup } from './reviewSettings';

export interface ReviewerVerdict {
  readonly role: ReviewRole;
  /** null: no verdict line, or the reviewer did not answer (crashed, timed out, cancelled). */
  readonly verdict: ReviewVerdict | null;
  /** The reviewer's answer (its verdict line included), or why there is none. */
  readonly findings: string;
  readonly outcome: RunOutcome;
  readonly costUsd: number | null;
  readonly logPath: string;
  readonly agent: AgentKind;
  readonly model: string;
}

export interface ReviewOutcome {
  /** Every reviewer answered REVIEW_PASSED or REVIEW_FIXED. */
  readonly passed: boolean;
  readonly verdicts: readonly ReviewerVerdict[];
  /** Each failing reviewer's role and findings, for the next attempt (the machine fences them). */
  readonly findings: string;
  readonly cost: Cost;
  readonly usage: TokenUsage;
}

export interface ReviewPorts {
  readonly runId: string;
  readonly taskId: string;
  readonly root: string;
  readonly recorder: RunRecorder;
  readonly emit: (e: RunEvent) => void;
  /** The run's abort: cancels every running reviewer. */
  readonly signal: AbortSignal;
}

export interface ReviewInput {
  readonly setup: ReviewSetup;
  readonly prompt: (reviewer: ReviewerSetup) => string;
  /** The machine's attempt number (RunEvents count attempts per run). */
  readonly attempt: number;
  /** The store's attempt under review: its number (unique per task across runs), id and log path. */
  readonly reviewed: { readonly n: number; readonly id: string | null; readonly logPath: string };
  /** What the attempt may still spend; null: uncapped. */
  readonly allowanceUsd: number | null;
}

/** Findings kept per reviewer; the full answer is in its log. */
export const MAX_FINDINGS_CHARS = 8000;

/** `<attempt log without .log>.review-<role>.log`: the reviewer's log beside the attempt it reviews. */
export function reviewLogPath(attemptLog: string, role: ReviewRole): string {
  return `${attemptLog.replace(/\.log$/, '')}.review-${role}.log`;
}

/** How many findings a reviewer listed: its `- `, `* ` or `1. ` lines. */
export function countFindings(findings: string): number {
  return findings.split('\n').filter((l) => /^\s*(?:[-*•]|\d+[.)])\s+\S/.test(l)).length;
}

/** Budget held across reviewers: serial ones each get what is left, parallel ones share it live. */
class Allowance {
  private readonly live = new Map<ReviewRole, number>();
  private settled = 0;
  constructor(readonly limit: number | null) {}
  left(): number | null {
    return this.limit === null ? null : this.limit - this.settled - [...this.live.values()].reduce((a, b) => a + b, 0);
  }
  report(role: ReviewRole, usd: number): boolean {
    this.live.set(role, usd);
    const left = this.left();
    return left !== null && left < 0;
  }
  settle(role: ReviewRole, usd: number): void {
    this.live.delete(role);
    this.settled += usd;
  }
}

export async function runReview(p: ReviewPorts, input: ReviewInput): Promise<ReviewOutcome> {
  const allowance = new Allowance(input.allowanceUsd);
  const verdicts: ReviewerVerdict[] = [];
  const usages: TokenUsage[] = [];
  const costs: Cost[] = [];
  const collect = (r: { verdict: ReviewerVerdict; cost: Cost; usage: TokenUsage }): void => {
    costs.push(r.cost);
    usages.push(r.usage);
  };
  if (input.setup.parallel) {
    // One budget stop cancels them all: their costs together are what the attempt spends.
    const budgetStop = new AbortController();
    const results = await Promise.all(input.setup.roles.map((r) => runReviewer(p, input, r, allowance, budgetStop)));
    for (const r of results) {
      verdicts.push(r.verdict);
      collect(r);
    }
  } else {
    for (const r of input.setup.roles) {
      const left = allowance.left();
      const result = p.signal.aborted
        ? notStarted(p, input, r, 'cancelled', 'not started: the run was stopped')
        : left !== null && left <= 0
          ? notStarted(p, input, r, 'cancelled', `not started: the attempt's budget allowance ($${(input.allowanceUsd ?? 0).toFixed(2)}) is spent`)
          : await runReviewer(p, input, r, allowance, new AbortController());
      verdicts.push(result.verdict);
      collect(result);
    }
  }
  const failing = verdicts.filter((v) => v.verdict !== 'passed' && v.verdict !== 'fixed');
  return {
    passed: verdicts.length > 0 && failing.length === 0,
    verdicts,
    findings: failing.map((v) => `${v.role} reviewer (${verdictLabel(v.verdict)}):\n${v.findings}`).join('\n\n'),
    cost: costs.some((c) => c.kind === 'unpriced') ? { kind: 'unpriced' } : { kind: 'usd', usd: costs.reduce((n, c) => n + (c.kind === 'usd' ? c.usd : 0), 0) },
    usage: usages.reduce(addUsage, NO_USAGE),
  };
}

export function verdictLabel(v: ReviewVerdict | null): string {
  switch (v) {
    case 'passed':
      return 'REVIEW_PASSED';
    case 'fixed':
      return 'REVIEW_FIXED';
    case 'failed':
      return 'REVIEW_FAILED';
    case null:
      return 'no verdict';
  }
}

interface ReviewerResult {
  readonly verdict: ReviewerVerdict;
  readonly cost: Cost;
  readonly usage: TokenUsage;
}

async function runReviewer(p: ReviewPorts, input: ReviewInput, r: ReviewerSetup, allowance: Allowance, budgetStop: AbortController): Promise<ReviewerResult> {
  const logPath = reviewLogPath(input.reviewed.logPath, r.role);
  const promptFile = logPath.replace(/\.log$/, '.prompt.md');
  const prompt = input.prompt(r);
  mkdirSync(dirname(promptFile), { recursive: true });
  writeFileSync(promptFile, prompt);
  const agent = r.agent;
  const req: AgentRequest = {
    command: agent.command,
    model: agent.model,
    prompt,
    promptFile,
    cwd: p.root,
    skipPermissions: agent.skipPermissions,
    template: agent.template,
    ...(agent.env ? { env: agent.env } : {}),
  };
  started(p, input, r.role);
  const refused = agent.adapter.check?.(req) ?? null;
  if (refused) return finished(p, input, r, logPath, 'crashed', null, `the ${r.role} reviewer could not start: ${refused}`, { kind: 'usd', usd: 0 }, NO_USAGE);
  const log = openAttemptLog(logPath);
  const cancel = new AbortController();
  const onAbort = (): void => cancel.abort();
  p.signal.addEventListener('abort', onAbort);
  budgetStop.signal.addEventListener('abort', onAbort);
  if (p.signal.aborted || budgetStop.signal.aborted) cancel.abort();
  let overBudget = false;
  let pid: number | undefined;
  try {
    const result = await runAgent(agent.adapter, req, {
      timeoutMs: agent.timeoutMs,
      idleTimeoutMs: agent.idleTimeoutMs,
      signal: cancel.signal,
      onSpawn: (spawned) => {
        pid = spawned;
        p.recorder.processStarted({ pid: spawned, runId: p.runId, taskId: p.taskId, attemptId: input.reviewed.id, command: agent.command });
      },
      onLine: (line, stream) => {
        log.write(stream === 'stderr' ? `[stderr] ${line}\n` : `${line}\n`);
      },
      onEvent: (event) => {
        if (event.kind !== 'usage' || event.cost.kind !== 'usd' || overBudget) return;
        if (allowance.report(r.role, event.cost.usd)) {
          overBudget = true;
          p.emit({ kind: 'log', level: 'warning', message: `${p.taskId}: the review passed attempt ${input.attempt}'s budget allowance ($${(input.allowanceUsd ?? 0).toFixed(2)}); stopping ${input.setup.parallel ? 'the reviewers' : `the ${r.role} reviewer`}` });
          budgetStop.abort();
        }
      },
    });
    const cost = result.summary.cost;
    allowance.settle(r.role, cost.kind === 'usd' ? cost.usd : 0);
    const text = (result.summary.allText.trim() || result.summary.finalText.trim()).slice(-MAX_FINDINGS_CHARS);
    const tail = result.tail.join('\n').trim();
    const stoppedByBudget = budgetStop.signal.aborted && !p.signal.aborted && result.outcome === 'cancelled';
    let verdict: ReviewVerdict | null = null;
    let findings: string;
    if (stoppedByBudget) {
      findings = `the ${r.role} reviewer was stopped at the budget cap ($${(input.allowanceUsd ?? 0).toFixed(2)} for this attempt)`;
    } else if (result.outcome !== 'answered') {
      findings = `the ${r.role} reviewer gave no answer (${result.failure ?? result.outcome})${tail ? `; its output ends:\n${tail.slice(-2000)}` : ''}`;
    } else {
      verdict = parseReviewVerdict(text);
      findings = verdict === null ? `the ${r.role} reviewer ended without a verdict line (REVIEW_PASSED, REVIEW_FIXED or REVIEW_FAILED); its answer:\n${text}` : text;
    }
    return finished(p, input, r, logPath, result.outcome, verdict, findings, cost, result.summary.usage);
  } finally {
    p.signal.removeEventListener('abort', onAbort);
    budgetStop.signal.removeEventListener('abort', onAbort);
    if (pid !== undefined) p.recorder.processEnded(pid);
    await log.close();
  }
}

function notStarted(p: ReviewPorts, input: ReviewInput, r: ReviewerSetup, outcome: RunOutcome, why: string): ReviewerResult {
  const logPath = reviewLogPath(input.reviewed.logPath, r.role);
  started(p, input, r.role);
  return finished(p, input, r, logPath, outcome, null, `the ${r.role} reviewer was ${why}`, { kind: 'usd', usd: 0 }, NO_USAGE);
}

function started(p: ReviewPorts, input: ReviewInput, role: ReviewRole): void {
  p.emit({ kind: 'review', runId: p.runId, taskId: p.taskId, attempt: input.attempt, role, state: 'started', verdict: null, findings: '', costUsd: null });
}

function finished(
  p: ReviewPorts,
  input: ReviewInput,
  r: ReviewerSetup,
  logPath: string,
  outcome: RunOutcome,
  verdict: ReviewVerdict | null,
  findings: string,
  cost: Cost,
  usage: TokenUsage,
): ReviewerResult {
  const costUsd = cost.kind === 'usd' ? cost.usd : null;
  const v: ReviewerVerdict = { role: r.role, verdict, findings, outcome, costUsd, logPath, agent: r.agent.adapter.kind, model: r.agent.model };
  p.recorder.event(p.runId, p.taskId, 'review', {
    attempt: input.reviewed.n,
    run_attempt: input.attempt,
    role: r.role,
    verdict,
    findings,
    outcome,
    cost_usd: costUsd,
    agent: v.agent,
    model: v.model,
    log: logPath,
  });
  p.emit({ kind: 'review', runId: p.runId, taskId: p.taskId, attempt: input.attempt, role: r.role, state: 'finished', verdict, findings, costUsd });
  return { verdict: v, cost, usage };
}

function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return { input: a.input + b.input, output: a.output + b.output, cacheRead: a.cacheRead + b.cacheRead, cacheWrite: a.cacheWrite + b.cacheWrite };
}
