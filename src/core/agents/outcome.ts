// How an agent run ended, decided from the process and the parsed stream before any marker or verdict
// is read (agent-clis.md): a killed or crashed run is never taken as an answer, however it ended.
import type { ProcessResult } from './processRunner';
import type { RunOutcome, StreamSummary } from './types';
import { assertNever } from '../spec/model';

export function classifyOutcome(process: ProcessResult, summary: StreamSummary): RunOutcome {
  switch (process.reason) {
    case 'timed_out': return 'timed_out';
    case 'idle': return 'idle';
    case 'cancelled': return 'cancelled';
    case 'spawn_failed': return 'crashed';
    case 'exited':
      if (process.signal !== null || process.exitCode !== 0) return 'crashed';
      return summary.finalText.trim() === '' && summary.allText.trim() === '' ? 'empty' : 'answered';
    default: return assertNever(process);
  }
}

/** The outcome in words for the next attempt's error context and the log; null for an answer. */
export function describeOutcome(outcome: RunOutcome, process: ProcessResult, timeouts: { readonly timeoutMs: number; readonly idleTimeoutMs: number }): string | null {
  switch (outcome) {
    case 'answered': return null;
    case 'empty': return 'the agent exited 0 without printing any answer';
    case 'timed_out': return `stopped after the task timeout of ${formatMs(timeouts.timeoutMs)}`;
    case 'idle': return `stopped after ${formatMs(timeouts.idleTimeoutMs)} without any output (idle timeout)`;
    case 'cancelled': return 'cancelled';
    case 'crashed':
      if (process.reason === 'spawn_failed') return process.error;
      if (process.signal !== null) return `the agent was killed by ${process.signal}`;
      return `the agent exited with code ${String(process.exitCode)}`;
    default: return assertNever(outcome);
  }
}

function formatMs(ms: number): string {
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}
