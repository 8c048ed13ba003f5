// The driver's review stage: the task and its change read afresh, one prompt per reviewer, the
// attempt's remaining budget, then runReview. Kept out of taskDriver.ts so the driver's case
// stays one call.
import { attemptAllowanceUsd } from '../executor/budget';
import type { TaskDriverPorts } from '../executor/taskDriver';
import type { TaskMachine } from '../executor/taskMachine';
import { attemptLogPath } from '../store';
import { join } from 'node:path';
import { enrichedDiff } from './enrichedDiff';
import { buildReviewPrompt } from './reviewPrompt';
import { runReview, type ReviewOutcome } from './runReview';
import { NO_USAGE } from '../agents/types';

/** The review's outcome, or 'stopped' when a stop came before the reviewers started. */
export async function runReviewStage(p: TaskDriverPorts, s: TaskMachine, attempt: number): Promise<ReviewOutcome | 'stopped'> {
  if (p.signal.aborted || p.stopRequested()) return 'stopped';
  const failed = (why: string): ReviewOutcome => ({ passed: false, verdicts: [], findings: why, cost: { kind: 'usd', usd: 0 }, usage: NO_USAGE });
  const opened = p.open();
  const task = opened.analysis.spec.tasks.find((t) => t.id === s.taskId);
  if (!task) return failed(`${s.taskId} is no longer in ${opened.path}`);
  const diff = await enrichedDiff(p.git, s.branch ? s.baseBranch : null);
  if (!diff.ok) return failed(`the change could not be read for review: ${diff.error}`);
  const tasksFileLabel = opened.path.startsWith(p.root) ? opened.path.slice(p.root.length + 1).replace(/\\/g, '/') : opened.path;
  // The store's attempt: its log sits next to the reviewers' logs. A task always has one by now;
  // the fallback only keeps a broken store from stopping the review.
  const latest = p.recorder.latestAttempt(s.taskId);
  const reviewed = latest ?? { id: null, n: attempt, logPath: attemptLogPath(join(p.stateDir, 'logs'), s.taskId, attempt) };
  return runReview(
    { runId: p.runId, taskId: s.taskId, root: p.root, recorder: p.recorder, emit: p.emit, signal: p.signal },
    {
      setup: p.review,
      prompt: (r) => buildReviewPrompt({ analysis: opened.analysis, task, role: r.role, persona: r, diff: diff.value, attempt, tasksFileLabel }),
      attempt,
      reviewed,
      allowanceUsd: attemptAllowanceUsd(s.settings.budgets, {
        runSpentUsd: s.runSpentBeforeUsd + s.costUsd,
        taskSpentUsd: s.costUsd,
        retrySpentUsd: s.retryCostUsd,
        isRetry: attempt > 1,
      }),
    },
  );
}
