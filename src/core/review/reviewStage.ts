// The driver's review stage: the task and its change read afresh (without Specpilot's own edits to
// the task file), one prompt per reviewer, the attempt's remaining budget, then runReview; and
// whether the reviewers changed the tree, whose changes the gates have not seen. Kept out of
// taskDriver.ts so the driver's case stays one call.
import { join } from 'node:path';
import { attemptAllowanceUsd } from '../executor/budget';
import type { TaskDriverPorts } from '../executor/taskDriver';
import type { TaskMachine } from '../executor/taskMachine';
import { attemptLogPath } from '../store';
import { changeText, enrichDiffText } from './enrichedDiff';
import { dropOwnChanges, ownTaskFile } from './ownChanges';
import { buildReviewPrompt } from './reviewPrompt';
import { runReview, type ReviewOutcome } from './runReview';
import { NO_USAGE } from '../agents/types';

export interface ReviewStageOutcome extends ReviewOutcome {
  /** A reviewer answered REVIEW_FIXED or the tree changed while they ran: the gates must run again. */
  readonly fixed: boolean;
}

/** The review's outcome, or 'stopped' when a stop came before the reviewers started. */
export async function runReviewStage(p: TaskDriverPorts, s: TaskMachine, attempt: number): Promise<ReviewStageOutcome | 'stopped'> {
  if (p.signal.aborted || p.stopRequested()) return 'stopped';
  const failed = (why: string): ReviewStageOutcome => ({ passed: false, verdicts: [], findings: why, cost: { kind: 'usd', usd: 0 }, usage: NO_USAGE, fixed: false });
  const opened = p.open();
  const task = opened.analysis.spec.tasks.find((t) => t.id === s.taskId);
  if (!task) return failed(`${s.taskId} is no longer in ${opened.path}`);
  const base = s.branch ? s.baseBranch : null;
  const before = p.git ? await changeText(p.git, base) : ({ ok: true, value: '' } as const);
  if (!before.ok) return failed(`the change could not be read for review: ${before.error}`);
  const own = p.git ? ownTaskFile(p.git.root, opened.path, opened.analysis.spec.format, s.taskId, opened.text) : null;
  const diff = enrichDiffText(own ? dropOwnChanges(before.value, own) : before.value);
  const tasksFileLabel = opened.path.startsWith(p.root) ? opened.path.slice(p.root.length + 1).replace(/\\/g, '/') : opened.path;
  // The store's attempt: its log sits next to the reviewers' logs. A task always has one by now;
  // the fallback only keeps a broken store from stopping the review.
  const latest = p.recorder.latestAttempt(s.taskId);
  const reviewed = latest ?? { id: null, n: attempt, logPath: attemptLogPath(join(p.stateDir, 'logs'), s.taskId, attempt) };
  const outcome = await runReview(
    { runId: p.runId, taskId: s.taskId, root: p.root, recorder: p.recorder, emit: p.emit, signal: p.signal },
    {
      setup: p.review,
      prompt: (r) => buildReviewPrompt({ analysis: opened.analysis, task, role: r.role, persona: r, diff, attempt, tasksFileLabel }),
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
  const answeredFixed = outcome.verdicts.some((v) => v.verdict === 'fixed');
  // Any reviewer may edit files, whatever it answers; an unreadable tree counts as changed.
  const after = p.git && !answeredFixed ? await changeText(p.git, base) : null;
  return { ...outcome, fixed: answeredFixed || (after !== null && (!after.ok || after.value !== before.value)) };
}
