// A person's decision on a parked task, made ready for the machine: checked against the candidate
// (a stale hunk or a bad comment changes nothing), the task branch checked out (by a resume's
// rules), rejected hunks reverted there, the decision recorded; then the driver feeds the event.
import { findHunk, quoteComments, revertHunks, reviewFiles, type HunkRef, type ReviewComment } from '../review/hunks';
import { notParkedMessage, parkedDiff, parkedMachine } from '../review/parkedReview';
import type { RunStoreReader } from '../store';
import { resumeOnTaskBranch, type TaskDriverPorts } from './taskDriver';
import type { TaskEvent, TaskMachine } from './taskMachine';

export type Decision =
  | { readonly kind: 'approve' }
  | { readonly kind: 'reject'; readonly reason: string; readonly comments: readonly ReviewComment[]; readonly revert: readonly HunkRef[] };

export type PreparedDecision =
  | { readonly ok: true; readonly machine: TaskMachine; readonly event: TaskEvent }
  /** Nothing changed: the task still awaits approval (or never did). */
  | { readonly ok: false; readonly error: string };

export async function prepareDecision(
  p: Pick<TaskDriverPorts, 'git' | 'emit' | 'recorder' | 'runId' | 'open'>,
  store: RunStoreReader,
  taskId: string,
  decision: Decision,
  operator: string,
): Promise<PreparedDecision> {
  const rec = store.task(taskId);
  const m = parkedMachine(rec);
  if (!m) return { ok: false, error: `${notParkedMessage(taskId, rec)}; nothing to ${decision.kind}` };
  if (decision.kind === 'reject' && decision.reason.trim() === '') return { ok: false, error: `expected a reason to reject ${taskId} (it becomes the next attempt's context), got none` };
  let event: TaskEvent;
  let files: ReturnType<typeof reviewFiles> = [];
  if (decision.kind === 'approve') {
    event = { kind: 'approved', by: operator };
  } else {
    try {
      const opened = p.open();
      files = reviewFiles(await parkedDiff(p.git, m, { path: opened.path, format: opened.analysis.spec.format }));
    } catch (err) {
      return { ok: false, error: `cannot read the candidate of ${taskId}: ${err instanceof Error ? err.message : String(err)}` };
    }
    const quoted = quoteComments(files, decision.comments);
    if (!quoted.ok) return quoted;
    for (const ref of decision.revert) {
      const found = findHunk(files, ref);
      if (!found.ok) return found;
    }
    event = { kind: 'rejected', reason: decision.reason, comments: quoted.value, reverted: decision.revert };
  }
  const refused = await resumeOnTaskBranch(p, m, decision.kind);
  if (refused !== null) return { ok: false, error: refused };
  if (decision.kind === 'reject' && decision.revert.length > 0 && p.git) {
    const reverted = await revertHunks(p.git, files, decision.revert, taskId, { commit: m.branch !== null });
    if (!reverted.ok) {
      await backToBase(p, m);
      return reverted;
    }
    p.emit({ kind: 'log', level: 'info', message: `${taskId}: ${decision.revert.length} rejected hunk${decision.revert.length === 1 ? '' : 's'} reverted${reverted.value.sha ? ` (${reverted.value.sha.slice(0, 8)})` : ''}` });
  }
  p.recorder.event(p.runId, taskId, 'approval', {
    decision: decision.kind,
    reason: decision.kind === 'reject' ? decision.reason : null,
    comments: decision.kind === 'reject' ? decision.comments : [],
    reverted: decision.kind === 'reject' ? decision.revert : [],
    operator,
  });
  return { ok: true, machine: m, event };
}

/** A decision that failed after the checkout leaves the tree where parking left it. */
async function backToBase(p: Pick<TaskDriverPorts, 'git' | 'emit'>, m: TaskMachine): Promise<void> {
  if (!p.git || !m.baseBranch || !m.branch) return;
  try {
    const status = await p.git.status();
    if (status.clean && status.branch !== m.baseBranch) await p.git.checkout(m.baseBranch);
  } catch (err) {
    p.emit({ kind: 'log', level: 'warning', message: `${m.taskId}: could not return to ${m.baseBranch}: ${err instanceof Error ? err.message : String(err)}` });
  }
}
