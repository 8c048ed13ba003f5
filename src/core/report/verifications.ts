// The stored verifications (events `verify`) read back, so a front end shows "verified" only with the
// evidence that was recorded for it, never from a flag or a status. Stored JSON is checked field by
// field: an event from an older Specpilot (no evidence lists) reads as not verified.
import type { EventRecord, JsonValue, RunStoreReader } from '../store';
import { reviewFromEvents, type ReviewEvidence } from './reviewEvidence';
import { CHECK_NAMES, type CheckName, type Evidence, type GateEvidence, type Verdict, type VerifyCheck, type VerifyResult } from './verify';

/** The last recorded VerifyResult of the task, or null when it was never verified (or unreadable). */
export function latestVerification(store: RunStoreReader, taskId: string): VerifyResult | null {
  return lastOf(store.events({ taskId, kind: 'verify' }));
}

/** latestVerification of every task, from one read of the events (for reports over many tasks). */
export function latestVerifications(store: RunStoreReader): Map<string, VerifyResult> {
  const out = new Map<string, VerifyResult>();
  for (const e of store.events({ kind: 'verify' })) {
    if (e.taskId === null) continue;
    const r = parseVerifyResult(e.data);
    if (r !== null && r.taskId === e.taskId) out.set(e.taskId, r);
  }
  return out;
}

/**
 * Verified with its evidence: the result says verified and every check that passed holds evidence
 * of that (a gate's command, exit code and output hash; the commit's SHA; each reviewer's verdict).
 * null: never verified.
 */
export function verifiedWithEvidence(r: VerifyResult | null): boolean | null {
  if (r === null) return null;
  return r.verified && r.checks.length > 0 && r.checks.every(hasEvidence);
}

function hasEvidence(c: VerifyCheck): boolean {
  if (c.verdict !== (c.passed === null ? 'unchecked' : c.passed ? 'passed' : 'failed')) return false;
  if (c.passed !== true) return true;
  if (c.evidence.length === 0 || c.evidence.some((e) => e.verdict !== 'passed')) return false;
  switch (c.name) {
    case 'gates':
      return c.evidence.every((e) => e.command !== null && e.exitCode !== null && e.outputSha256 !== null);
    case 'commit':
      return c.evidence.every((e) => e.commitSha !== null);
    case 'checklist':
    case 'traces':
    case 'review':
      return true;
  }
}

function lastOf(events: readonly EventRecord[]): VerifyResult | null {
  const e = events.at(-1);
  if (e === undefined) return null;
  const r = parseVerifyResult(e.data);
  return r !== null && r.taskId === e.taskId ? r : null;
}

type Obj = { readonly [key: string]: JsonValue };

function obj(v: JsonValue | undefined): Obj | null {
  return v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null;
}

function list(v: JsonValue | undefined): readonly JsonValue[] | null {
  return Array.isArray(v) ? (v as readonly JsonValue[]) : null;
}

const VERDICTS: readonly Verdict[] = ['passed', 'failed', 'unchecked'];

function strOrNull(v: JsonValue | undefined): string | null | undefined {
  return v === null ? null : typeof v === 'string' ? v : undefined;
}

function evidenceOf(v: JsonValue): Evidence | null {
  const o = obj(v);
  if (!o) return null;
  const subject = o['subject'];
  const verdict = o['verdict'];
  const exitCode = o['exitCode'];
  const command = strOrNull(o['command']);
  const outputSha256 = strOrNull(o['outputSha256']);
  const commitSha = strOrNull(o['commitSha']);
  if (typeof subject !== 'string' || typeof verdict !== 'string' || !(VERDICTS as readonly string[]).includes(verdict)) return null;
  if (command === undefined || outputSha256 === undefined || commitSha === undefined) return null;
  if (exitCode !== null && typeof exitCode !== 'number') return null;
  return { subject, command, exitCode, outputSha256, commitSha, verdict: verdict as Verdict };
}

/** A stored check; the detail objects (gates, commit, review) are kept as stored. */
function checkOf(v: JsonValue): VerifyCheck | null {
  const o = obj(v);
  if (!o) return null;
  const name = o['name'];
  const passed = o['passed'];
  const detail = o['detail'];
  const verdict = o['verdict'];
  const evidence = list(o['evidence']);
  if (typeof name !== 'string' || !(CHECK_NAMES as readonly string[]).includes(name)) return null;
  if (passed !== null && typeof passed !== 'boolean') return null;
  if (typeof detail !== 'string' || typeof verdict !== 'string' || !(VERDICTS as readonly string[]).includes(verdict) || evidence === null) return null;
  const items: Evidence[] = [];
  for (const e of evidence) {
    const item = evidenceOf(e);
    if (item === null) return null;
    items.push(item);
  }
  // The typed extras are re-read only as far as the front ends show them.
  const commit = obj(o['commit']);
  const gates = list(o['gates'])?.map(gateOf).filter((g) => g !== null) ?? [];
  const review = reviewOf(o['review']);
  return {
    name: name as CheckName,
    passed,
    verdict: verdict as Verdict,
    detail,
    evidence: items,
    ...(gates.length ? { gates } : {}),
    ...(commit && typeof commit['sha'] === 'string' && typeof commit['subject'] === 'string' && typeof commit['branch'] === 'string'
      ? { commit: { sha: commit['sha'], subject: commit['subject'], branch: commit['branch'] } }
      : {}),
    ...(review ? { review } : {}),
  };
}

function gateOf(v: JsonValue): GateEvidence | null {
  const o = obj(v);
  if (!o) return null;
  const { name, command, exitCode, passed, outputSha256, durationMs, outputTail } = o;
  if (typeof name !== 'string' || typeof command !== 'string' || typeof passed !== 'boolean' || typeof outputSha256 !== 'string') return null;
  if (exitCode !== null && typeof exitCode !== 'number') return null;
  return {
    name,
    command,
    exitCode,
    passed,
    outputSha256,
    durationMs: typeof durationMs === 'number' ? durationMs : 0,
    outputTail: typeof outputTail === 'string' ? outputTail : '',
  };
}

/** The stored review is the event data verify read, so it goes back through the same reader. */
function reviewOf(v: JsonValue | undefined): ReviewEvidence | null {
  const o = obj(v);
  const reviewers = list(o?.['reviewers']);
  if (!o || reviewers === null || typeof o['attempt'] !== 'number') return null;
  const events: EventRecord[] = reviewers.map((r, i) => {
    const ro = obj(r) ?? {};
    return {
      id: i,
      runId: typeof o['runId'] === 'string' ? o['runId'] : null,
      taskId: null,
      at: typeof o['at'] === 'number' ? o['at'] : 0,
      kind: 'review',
      data: { ...ro, attempt: o['attempt'] as number, cost_usd: ro['costUsd'] ?? null },
    };
  });
  return reviewFromEvents(events);
}

export function parseVerifyResult(data: JsonValue): VerifyResult | null {
  const o = obj(data);
  if (!o) return null;
  const taskId = o['taskId'];
  const title = o['title'];
  const verified = o['verified'];
  const at = o['at'];
  const strict = o['strict'];
  const checks = list(o['checks']);
  if (typeof taskId !== 'string' || typeof title !== 'string' || typeof verified !== 'boolean' || typeof at !== 'string' || checks === null) return null;
  const parsed: VerifyCheck[] = [];
  for (const c of checks) {
    const check = checkOf(c);
    if (check === null) return null;
    parsed.push(check);
  }
  return { taskId, title, verified, strict: strict === true, at, checks: parsed };
}
