// What a run tells its watchers as it goes: the CLI's printer, the extension's run panel, status
// bar and CodeLens all subscribe to one stream of RunEvents from the executor's driver.
import type { AgentEvent, Cost, TokenUsage } from '../agents/types';
import type { ReviewVerdict } from '../agents/markers';
import type { ReviewRole } from '../review/reviewRoles';

/** The stages of one task, in order (issue: pre_start -> implement -> gates -> review -> approval -> commit -> merge -> done). */
export type Stage = 'pre_start' | 'implement' | 'gates' | 'review' | 'approval' | 'commit' | 'merge' | 'done';

export const STAGES: readonly Stage[] = ['pre_start', 'implement', 'gates', 'review', 'approval', 'commit', 'merge', 'done'];

export type TaskResult = 'done' | 'failed' | 'blocked' | 'stopped' | 'awaiting_approval' | 'skipped';

/** approve / reject: a person's decision on a task that awaits approval (it may run attempts). */
export type RunMode = 'task' | 'all' | 'watch' | 'retry' | 'approve' | 'reject';

export type RunStatus = 'completed' | 'failed' | 'stopped' | 'interrupted';

export type RunEvent =
  | { readonly kind: 'run_started'; readonly runId: string; readonly mode: RunMode; readonly taskIds: readonly string[] }
  | {
      readonly kind: 'task_started';
      readonly runId: string;
      readonly taskId: string;
      readonly title: string;
      readonly branch: string | null;
      readonly maxAttempts: number;
    }
  | {
      readonly kind: 'stage';
      readonly runId: string;
      readonly taskId: string;
      readonly stage: Stage;
      readonly attempt: number;
      readonly maxAttempts: number;
    }
  /** An agent is about to start: where its output and prompt are kept. */
  | {
      readonly kind: 'attempt_started';
      readonly runId: string;
      readonly taskId: string;
      readonly attempt: number;
      readonly logPath: string;
      readonly promptFile: string;
    }
  /** A parsed event of the agent's stream (text, tool call, usage...). Raw output goes to the log file. */
  | { readonly kind: 'agent'; readonly runId: string; readonly taskId: string; readonly attempt: number; readonly event: AgentEvent }
  | {
      readonly kind: 'gate';
      readonly runId: string;
      readonly taskId: string;
      readonly attempt: number;
      readonly name: string;
      readonly command: string;
      readonly passed: boolean;
      readonly exitCode: number | null;
      readonly durationMs: number;
      readonly outputTail: string;
    }
  /** One reviewer of a task's review began or ended (verdict and findings are set when finished). */
  | {
      readonly kind: 'review';
      readonly runId: string;
      readonly taskId: string;
      readonly attempt: number;
      readonly role: ReviewRole;
      readonly state: 'started' | 'finished';
      /** null: none yet (started), or the reviewer gave none (no verdict line, crashed, stopped). */
      readonly verdict: ReviewVerdict | null;
      readonly findings: string;
      readonly costUsd: number | null;
    }
  | {
      readonly kind: 'cost';
      readonly runId: string;
      readonly taskId: string;
      readonly attempt: number;
      /** This task so far, all attempts. */
      readonly taskCost: Cost;
      /** The run so far, priced attempts only; `unpriced` says some attempt could not be priced. */
      readonly runCostUsd: number;
      readonly unpriced: boolean;
      readonly usage: TokenUsage;
    }
  | {
      readonly kind: 'retry';
      readonly runId: string;
      readonly taskId: string;
      readonly nextAttempt: number;
      readonly delayMs: number;
      readonly reason: string;
    }
  | {
      readonly kind: 'task_finished';
      readonly runId: string;
      readonly taskId: string;
      readonly result: TaskResult;
      readonly message: string;
      readonly commitSha: string | null;
    }
  | { readonly kind: 'run_finished'; readonly runId: string; readonly status: RunStatus; readonly message: string }
  | { readonly kind: 'log'; readonly level: 'debug' | 'info' | 'warning' | 'error'; readonly message: string };
