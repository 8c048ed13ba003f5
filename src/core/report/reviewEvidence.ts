// The latest AI review of a task as verify's evidence: the review stage's reader (reviewRecords)
// turned into the evidence verify stores, and the same shape read back from a stored verification.
// Reads JSON defensively: a store written by another version must not make verify throw.
import { latestReview as latestReviewRecords } from '../review/reviewRecords';
import type { EventRecord, JsonValue, RunStoreReader } from '../store';

export type ReviewAnswer = 'passed' | 'fixed' | 'failed' | null;

export interface ReviewerEvidence {
  readonly role: string;
  /** The reviewer's verdict line; null when it gave none (counts as failed). */
  readonly verdict: ReviewAnswer;
  readonly findings: string;
  readonly outcome: string;
  readonly costUsd: number | null;
  readonly agent: string;
  readonly model: string;
  /** The reviewer's log file. */
  readonly log: string;
}

export interface ReviewEvidence {
  readonly attempt: number;
  readonly runId: string | null;
  /** When the attempt's last reviewer answered (epoch ms). */
  readonly at: number;
  /** Every reviewer of the attempt answered passed or fixed. */
  readonly passed: boolean;
  readonly reviewers: readonly ReviewerEvidence[];
}

/** The review of the task's latest reviewed attempt, or null when no review was ever recorded. */
export function latestReview(store: RunStoreReader, taskId: string): ReviewEvidence | null {
  const latest = latestReviewRecords(store, taskId);
  if (latest === null) return null;
  const last = latest.records.reduce((m, r) => Math.max(m, r.at), 0);
  return {
    attempt: latest.attempt,
    runId: latest.records.at(-1)?.runId ?? null,
    at: last,
    passed: latest.records.length > 0 && latest.passed,
    reviewers: latest.records.map((r) => ({ role: r.role, verdict: r.verdict, findings: r.findings, outcome: r.outcome, costUsd: r.costUsd, agent: r.agent, model: r.model, log: r.log })),
  };
}

/** The latest attempt's review among `events` in the stored event shape (any kinds, oldest first). */
export function reviewFromEvents(events: readonly EventRecord[]): ReviewEvidence | null {
  let attempt = -1;
  let runId: string | null = null;
  let at = 0;
  let byRole = new Map<string, ReviewerEvidence>();
  for (const e of events) {
    if (e.kind !== 'review') continue;
    const r = reviewerOf(e.data);
    if (r === null) continue;
    if (r.attempt < attempt) continue;
    if (r.attempt > attempt) {
      attempt = r.attempt;
      byRole = new Map();
    }
    // A role answering twice for one attempt (a resumed review): its last answer counts.
    byRole.set(r.reviewer.role, r.reviewer);
    runId = e.runId;
    at = e.at;
  }
  if (attempt < 0) return null;
  const reviewers = [...byRole.values()];
  return { attempt, runId, at, passed: reviewers.length > 0 && reviewers.every((r) => r.verdict === 'passed' || r.verdict === 'fixed'), reviewers };
}

function reviewerOf(data: JsonValue): { attempt: number; reviewer: ReviewerEvidence } | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const d = data as { readonly [key: string]: JsonValue };
  const attempt = d['attempt'];
  const role = d['role'];
  if (typeof attempt !== 'number' || typeof role !== 'string') return null;
  const verdict = d['verdict'];
  const str = (k: string): string => (typeof d[k] === 'string' ? (d[k] as string) : '');
  const cost = d['cost_usd'];
  return {
    attempt,
    reviewer: {
      role,
      verdict: verdict === 'passed' || verdict === 'fixed' || verdict === 'failed' ? verdict : null,
      findings: str('findings'),
      outcome: str('outcome'),
      costUsd: typeof cost === 'number' ? cost : null,
      agent: str('agent'),
      model: str('model'),
      log: str('log'),
    },
  };
}
