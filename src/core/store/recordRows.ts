// Rows of the state DB read back as records. Values are checked on write, so a value outside its
// union here means a hand-edited file: it reads as the field's most cautious value, not a crash.
import type { ParamsObject } from 'sql.js';
import type { AgentKind, CompletionMarker, RunOutcome } from '../agents/types';
import { flag, isMember, num, numOrNull, text, textOrNull } from './sqlHelpers';
import {
  FRONTS,
  RUN_RECORD_MODES,
  RUN_RECORD_STATUSES,
  TASK_RECORD_STATUSES,
  type AttemptRecord,
  type EventRecord,
  type GateResultRecord,
  type JsonValue,
  type ProcessRecord,
  type RunRecord,
  type TaskRecord,
} from './types';

export const AGENT_KIND_MEMBERS: Readonly<Record<AgentKind, true>> = {
  claude: true,
  codex: true,
  opencode: true,
  pi: true,
  ollama: true,
  'llama-cli': true,
  custom: true,
};
export const RUN_OUTCOME_MEMBERS: Readonly<Record<RunOutcome, true>> = {
  answered: true,
  empty: true,
  crashed: true,
  timed_out: true,
  idle: true,
  cancelled: true,
};
export const MARKER_MEMBERS: Readonly<Record<CompletionMarker, true>> = { complete: true, failed: true, blocked: true };

export function runFromRow(row: ParamsObject): RunRecord {
  const status = text(row, 'status');
  const mode = text(row, 'mode');
  const front = text(row, 'front');
  return {
    id: text(row, 'id'),
    startedAt: num(row, 'started_at'),
    endedAt: numOrNull(row, 'ended_at'),
    status: isMember(status, RUN_RECORD_STATUSES) ? status : 'interrupted',
    mode: isMember(mode, RUN_RECORD_MODES) ? mode : 'task',
    operator: text(row, 'operator'),
    front: isMember(front, FRONTS) ? front : 'cli',
    pid: num(row, 'pid'),
    budgetUsd: numOrNull(row, 'budget_usd'),
    costUsd: num(row, 'cost_usd'),
    unpriced: flag(row, 'unpriced'),
  };
}

export function taskFromRow(row: ParamsObject): TaskRecord {
  const status = text(row, 'status');
  return {
    taskId: text(row, 'task_id'),
    runId: textOrNull(row, 'run_id'),
    status: isMember(status, TASK_RECORD_STATUSES) ? status : 'failed',
    stage: text(row, 'stage'),
    attempts: num(row, 'attempts'),
    branch: textOrNull(row, 'branch'),
    baseBranch: textOrNull(row, 'base_branch'),
    lastError: textOrNull(row, 'last_error'),
    costUsd: num(row, 'cost_usd'),
    unpriced: flag(row, 'unpriced'),
    commitSha: textOrNull(row, 'commit_sha'),
    mergeSha: textOrNull(row, 'merge_sha'),
    updatedAt: num(row, 'updated_at'),
    machine: textOrNull(row, 'machine'),
  };
}

export function attemptFromRow(row: ParamsObject): AttemptRecord {
  const agent = text(row, 'agent');
  const outcome = textOrNull(row, 'outcome');
  const marker = textOrNull(row, 'marker');
  return {
    id: text(row, 'id'),
    runId: text(row, 'run_id'),
    taskId: text(row, 'task_id'),
    n: num(row, 'n'),
    agent: isMember(agent, AGENT_KIND_MEMBERS) ? agent : 'custom',
    command: text(row, 'command'),
    model: text(row, 'model'),
    startedAt: num(row, 'started_at'),
    endedAt: numOrNull(row, 'ended_at'),
    outcome: outcome === null ? null : isMember(outcome, RUN_OUTCOME_MEMBERS) ? outcome : 'crashed',
    marker: marker !== null && isMember(marker, MARKER_MEMBERS) ? marker : null,
    reason: text(row, 'reason'),
    exitCode: numOrNull(row, 'exit_code'),
    costUsd: numOrNull(row, 'cost_usd'),
    tokens: {
      input: num(row, 'input_tokens'),
      output: num(row, 'output_tokens'),
      cacheRead: num(row, 'cache_read_tokens'),
      cacheWrite: num(row, 'cache_write_tokens'),
    },
    logPath: text(row, 'log_path'),
    errorContext: text(row, 'error_context'),
    promptHash: text(row, 'prompt_hash'),
  };
}

export function gateFromRow(row: ParamsObject): GateResultRecord {
  return {
    id: num(row, 'id'),
    attemptId: text(row, 'attempt_id'),
    name: text(row, 'name'),
    command: text(row, 'command'),
    exitCode: numOrNull(row, 'exit_code'),
    passed: flag(row, 'passed'),
    durationMs: num(row, 'duration_ms'),
    outputTail: text(row, 'output_tail'),
    outputSha256: text(row, 'output_sha256'),
  };
}

function parseData(raw: string): JsonValue {
  try {
    const value: JsonValue = JSON.parse(raw);
    return value;
  } catch {
    return raw;
  }
}

export function eventFromRow(row: ParamsObject): EventRecord {
  return {
    id: num(row, 'id'),
    runId: textOrNull(row, 'run_id'),
    taskId: textOrNull(row, 'task_id'),
    at: num(row, 'at'),
    kind: text(row, 'kind'),
    data: parseData(text(row, 'data')),
  };
}

export function processFromRow(row: ParamsObject): ProcessRecord {
  return {
    pid: num(row, 'pid'),
    pgid: numOrNull(row, 'pgid'),
    runId: text(row, 'run_id'),
    taskId: text(row, 'task_id'),
    attemptId: textOrNull(row, 'attempt_id'),
    command: text(row, 'command'),
    startedAt: num(row, 'started_at'),
  };
}
