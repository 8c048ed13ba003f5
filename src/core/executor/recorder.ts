// The narrow slice of the run-state store the driver writes through: one task's machine, its
// attempts, gates, processes and events. storeRecorder.ts maps it onto the sql.js store.
import type { AgentKind, Cost, MarkerResult, RunOutcome, TokenUsage } from '../agents/types';
import type { GateOutcome, TaskMachine } from './taskMachine';

export interface AttemptStart {
  readonly runId: string;
  readonly taskId: string;
  readonly n: number;
  readonly agent: AgentKind;
  readonly command: string;
  readonly model: string;
  readonly promptHash: string;
}

export interface AttemptEnd {
  readonly errorContext: string;
  readonly outcome: RunOutcome;
  readonly marker: MarkerResult;
  readonly exitCode: number | null;
  readonly cost: Cost;
  readonly usage: TokenUsage;
}

export interface RunRecorder {
  /** Persists the machine after a transition; `durable` forces a save to disk now. */
  saveMachine(runId: string, state: TaskMachine, durable: boolean): Promise<void>;
  loadMachine(taskId: string): TaskMachine | null;
  /** The store numbers attempts across runs; its log path is where the agent's output goes. */
  attemptStarted(a: AttemptStart): { readonly id: string; readonly logPath: string };
  attemptFinished(id: string, end: AttemptEnd): void;
  /** The task's latest attempt (the one a review reads), across runs; null before any. */
  latestAttempt(taskId: string): { readonly id: string; readonly n: number; readonly logPath: string } | null;
  gate(attemptId: string, g: GateOutcome & { readonly durationMs: number; readonly outputSha256: string }): void;
  /** Recorded and saved before the agent (or a gate, attemptId null) may act, so a crashed runner's one can be found. */
  processStarted(p: { readonly pid: number; readonly runId: string; readonly taskId: string; readonly attemptId: string | null; readonly command: string }): void;
  processEnded(pid: number): void;
  event(runId: string, taskId: string | null, kind: string, data: Record<string, unknown>): void;
}
