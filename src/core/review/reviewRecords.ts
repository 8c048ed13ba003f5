// Reads the reviews a task got back from the run store's `review` events, for verify, the
// parked-review view and the report. The events are JSON written by runReview; anything that does
// not read as one (an older or hand-edited store) is skipped rather than trusted.
import type { ReviewVerdict } from '../agents/markers';
import type { RunOutcome } from '../agents/types';
import type { JsonValue, RunStoreReader } from '../store';
import { isReviewRole, type ReviewRole } from './reviewRoles';

export interface ReviewRecord {
  readonly runId: string | null;
  /** The store's attempt number (unique per task across runs; its log is attempt-<n>.log). */
  readonly attempt: number;
  readonly role: ReviewRole;
  readonly verdict: ReviewVerdict | null;
  readonly findings: string;
  readonly outcome: RunOutcome;
  readonly costUsd: number | null;
  readonly agent: string;
  readonly model: string;
  readonly log: string;
  readonly at: number;
}

const VERDICTS: readonly string[] = ['passed', 'fixed', 'failed'];
const OUTCOMES: readonly string[] = ['answered', 'empty', 'crashed', 'timed_out', 'idle', 'cancelled'];

/** Every review of `taskId` (of one attempt when given), oldest first. */
export function reviewsFor(store: RunStoreReader, taskId: string, attempt?: number): ReviewRecord[] {
  const out: ReviewRecord[] = [];
  for (const e of store.events({ taskId, kind: 'review' })) {
    const r = readRecord(e.data, e.runId, e.at);
    if (r && (attempt === undefined || r.attempt === attempt)) out.push(r);
  }
  return out;
}

export interface LatestReview {
  readonly attempt: number;
  /** Every reviewer passed or fixed. */
  readonly passed: boolean;
  /** One per role: a role reviewed again (a resumed review) counts with its last verdict. */
  readonly records: readonly ReviewRecord[];
}

/** The review of the task's latest reviewed attempt, or null when it was never reviewed. */
export function latestReview(store: RunStoreReader, taskId: string): LatestReview | null {
  const all = reviewsFor(store, taskId);
  const last = all.at(-1);
  if (!last) return null;
  const byRole = new Map<ReviewRole, ReviewRecord>();
  for (const r of all) if (r.attempt === last.attempt) byRole.set(r.role, r);
  const records = [...byRole.values()];
  return { attempt: last.attempt, passed: records.every((r) => r.verdict === 'passed' || r.verdict === 'fixed'), records };
}

function readRecord(data: JsonValue, runId: string | null, at: number): ReviewRecord | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const d = data as { readonly [key: string]: JsonValue };
  const { attempt, role, verdict, findings, outcome, cost_usd: cost, agent, model, log } = d;
  if (typeof attempt !== 'number' || typeof role !== 'string' || !isReviewRole(role)) return null;
  if (verdict !== null && (typeof verdict !== 'string' || !VERDICTS.includes(verdict))) return null;
  if (typeof outcome !== 'string' || !OUTCOMES.includes(outcome)) return null;
  return {
    runId,
    attempt,
    role,
    verdict: verdict as ReviewVerdict | null,
    findings: typeof findings === 'string' ? findings : '',
    outcome: outcome as RunOutcome,
    costUsd: typeof cost === 'number' ? cost : null,
    agent: typeof agent === 'string' ? agent : '',
    model: typeof model === 'string' ? model : '',
    log: typeof log === 'string' ? log : '',
    at,
  };
}
