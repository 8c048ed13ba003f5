// A parked task's review (core's ParkedReview) as the run panel's Review tab receives it: the
// protocol's ReviewView, with each file's own unified diff cut from the hunks so the page renders
// and estimates one file at a time.
import type { ReviewFile } from '../core/review/hunks';
import type { ParkedReview } from '../core/review/parkedReview';
import type { ReviewRecord } from '../core/review/reviewRecords';
import type { ReviewFileView, ReviewVerdictView, ReviewView } from '../protocol/reviewMessages';

export function reviewView(parked: ParkedReview): ReviewView {
  return {
    taskId: parked.taskId,
    title: parked.title,
    branch: parked.branch,
    baseBranch: parked.baseBranch,
    attempt: parked.attempt,
    runId: parked.runId,
    parkedAt: parked.parkedAt,
    verdicts: parked.verdicts.map(verdictView),
    files: parked.files.map(fileView),
  };
}

function verdictView(r: ReviewRecord): ReviewVerdictView {
  return { role: r.role, verdict: r.verdict, findings: r.findings, agent: r.agent, model: r.model === '' ? null : r.model, costUsd: r.costUsd };
}

export function fileView(f: ReviewFile): ReviewFileView {
  return {
    path: f.path,
    oldPath: f.oldPath,
    status: f.status,
    added: f.added,
    removed: f.removed,
    hunks: f.hunks.map((h) => ({ index: h.index, header: h.header, lines: h.lines.length })),
    diff: fileDiffText(f),
  };
}

/** The file's section of the diff: its header lines, then each hunk's header and rows. */
export function fileDiffText(f: ReviewFile): string {
  const parts = [f.patchHeader.replace(/\n+$/, '')];
  for (const h of f.hunks) parts.push(h.header, ...h.lines);
  return `${parts.join('\n')}\n`;
}
