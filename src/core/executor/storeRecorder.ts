// The driver's RunRecorder on the sql.js run store (and the optional JSON Lines audit log): maps
// the machine's state onto task records and keeps the DB durable where a crash must not lose it.
import type { AuditLog, JsonValue, RunStore, TaskRecordStatus } from '../store';
import type { RunRecorder } from './recorder';
import type { TaskMachine } from './taskMachine';

function taskStatus(s: TaskMachine): TaskRecordStatus {
  if (s.phase !== 'finished') return 'running';
  switch (s.result) {
    case 'done':
      return 'done';
    case 'blocked':
      return 'blocked';
    case 'awaiting_approval':
      return 'awaiting_approval';
    case 'skipped':
      return 'skipped';
    case 'stopped':
      return 'pending';
    case 'failed':
    case null:
      return 'failed';
    default: {
      const never: never = s.result;
      return never;
    }
  }
}

/** Event data as JSON: drops undefined and anything JSON cannot hold. */
function json(data: Record<string, unknown>): JsonValue {
  return JSON.parse(JSON.stringify(data)) as JsonValue;
}

export function storeRecorder(store: RunStore, audit: AuditLog | null): RunRecorder {
  return {
    async saveMachine(runId, state, durable) {
      store.upsertTask(state.taskId, {
        runId,
        status: taskStatus(state),
        stage: state.stage,
        branch: state.branch,
        baseBranch: state.baseBranch,
        lastError: state.result === 'done' ? null : state.message || null,
        commitSha: state.commitSha,
        mergeSha: state.mergeSha,
        machine: JSON.stringify(state),
      });
      if (durable) await store.flush();
    },
    loadMachine(taskId) {
      const rec = store.task(taskId);
      if (!rec?.machine) return null;
      try {
        return JSON.parse(rec.machine) as TaskMachine;
      } catch {
        return null;
      }
    },
    attemptStarted(a) {
      const r = store.beginAttempt({ runId: a.runId, taskId: a.taskId, agent: a.agent, command: a.command, model: a.model, promptHash: a.promptHash });
      if (!r.ok) throw new Error(`cannot record the attempt: ${r.error}`);
      audit?.write({ runId: a.runId, taskId: a.taskId, event: 'attempt_started', data: { attempt: r.value.n, agent: a.agent, model: a.model } });
      return { id: r.value.id, logPath: r.value.logPath };
    },
    attemptFinished(id, end) {
      const r = store.finishAttempt(id, {
        outcome: end.outcome,
        marker: end.marker.marker,
        reason: end.marker.reason,
        exitCode: end.exitCode,
        costUsd: end.cost.kind === 'usd' ? end.cost.usd : null,
        tokens: end.usage,
        errorContext: end.errorContext,
      });
      if (r.ok) {
        audit?.write({
          runId: r.value.runId,
          taskId: r.value.taskId,
          event: 'attempt_finished',
          data: { attempt: r.value.n, outcome: end.outcome, marker: end.marker.marker, cost_usd: r.value.costUsd },
        });
      }
    },
    latestAttempt(taskId) {
      const a = store.attempts(taskId).at(-1);
      return a ? { id: a.id, n: a.n, logPath: a.logPath } : null;
    },
    gate(attemptId, g) {
      store.recordGate({
        attemptId,
        name: g.name,
        command: g.command,
        exitCode: g.exitCode,
        passed: g.passed,
        durationMs: g.durationMs,
        outputTail: g.outputTail,
        outputSha256: g.outputSha256,
      });
    },
    processStarted(p) {
      store.recordProcess({ pid: p.pid, pgid: p.pid, runId: p.runId, taskId: p.taskId, attemptId: p.attemptId, command: p.command, startedAt: Date.now() });
      // Before the agent reads its prompt: a crash from here on must leave its group findable.
      store.flushSync();
    },
    processEnded(pid) {
      store.removeProcess(pid);
    },
    event(runId, taskId, kind, data) {
      store.recordEvent({ runId, taskId, kind, data: json(data) });
      audit?.write({ runId, taskId, event: kind, data: json(data) as Readonly<Record<string, JsonValue>> });
    },
  };
}
