// RunEvents as the executor's driver emits them, and a hand-driven clock and timer, for the run
// panel's feed tests: time only moves when a test says so, so no assertion depends on speed.
import type { AgentEvent } from '../../../src/core/agents/types';
import type { RunEvent, Stage } from '../../../src/core/executor/runEvents';
import type { Scheduler, TimerHandle } from '../../../src/extension/runFeed';

export const RUN = 'run-1';
export const TASK = 'TASK-003';

export function started(taskId = TASK, runId = RUN, maxAttempts = 3): RunEvent {
  return { kind: 'task_started', runId, taskId, title: 'POST /links endpoint', branch: `specpilot/${taskId}`, maxAttempts };
}

export function stage(s: Stage, attempt = 1, taskId = TASK): RunEvent {
  return { kind: 'stage', runId: RUN, taskId, stage: s, attempt, maxAttempts: 3 };
}

export function agent(event: AgentEvent, attempt = 1, taskId = TASK): RunEvent {
  return { kind: 'agent', runId: RUN, taskId, attempt, event };
}

export function text(t: string, attempt = 1, taskId = TASK): RunEvent {
  return agent({ kind: 'text', text: t }, attempt, taskId);
}

export function gate(name: string, passed: boolean, attempt = 1, outputTail = ''): RunEvent {
  return {
    kind: 'gate', runId: RUN, taskId: TASK, attempt, name, command: `npm run ${name}`, passed,
    exitCode: passed ? 0 : 1, durationMs: 1200, outputTail,
  };
}

/** A timer queue advanced by hand; `now` is its clock. */
export class ManualScheduler implements Scheduler {
  now = 1_700_000_000_000;
  private next = 1;
  private readonly timers = new Map<number, { readonly at: number; readonly fn: () => void }>();

  set(fn: () => void, ms: number): TimerHandle {
    const id = this.next++;
    this.timers.set(id, { at: this.now + ms, fn });
    return id;
  }

  clear(handle: TimerHandle): void {
    if (typeof handle === 'number') this.timers.delete(handle);
  }

  get pending(): number {
    return this.timers.size;
  }

  /** Moves the clock on and runs every timer due, earliest first (including ones they set). */
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = Math.max(this.now, due[1].at);
      due[1].fn();
    }
    this.now = until;
  }
}
