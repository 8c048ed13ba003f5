// One place that turns the config file (plus CLI flags or editor settings on top) into what a run
// uses: the task machine's settings, the agent to spawn, the gates and the timeouts.
import { adapterFor } from '../agents/detectAdapter';
import type { AgentKind } from '../agents/types';
import type { SpecpilotConfig } from '../config/types';
import { resolveReviewSetup, type ReviewSetup } from '../review/reviewSettings';
import { gatesFor, type GateSpec } from './gates';
import type { AgentSetup } from './taskDriver';
import type { TaskSettings } from './taskMachine';

/** Values a front end may set over the config file (CLI flags; editor settings the user chose). */
export interface RunOverrides {
  readonly command?: string;
  readonly model?: string;
  readonly template?: string;
  readonly agentKind?: AgentKind;
  readonly maxRetries?: number;
  readonly budgetUsd?: number | null;
  readonly taskTimeoutMinutes?: number;
  readonly idleTimeoutMinutes?: number;
  readonly noGates?: boolean;
  readonly noMerge?: boolean;
  readonly noBranch?: boolean;
  readonly noReview?: boolean;
  /** A person approves each task before it merges (over hitl_review; the extension's Supervised mode). */
  readonly hitl?: boolean;
  /** Gate command lines (commands.test / commands.lint) where the config file sets none. */
  readonly testCommand?: string;
  readonly lintCommand?: string;
  readonly env?: Readonly<Record<string, string>>;
}

export interface RunSettings {
  readonly task: TaskSettings;
  readonly agent: AgentSetup;
  readonly gates: readonly GateSpec[];
  readonly gateTimeoutMs: number;
  readonly mainBranch: string;
  /** The reviewers; task.review is false when review is off or names no role. */
  readonly review: ReviewSetup;
}

const MINUTE = 60_000;

export function resolveRunSettings(c: SpecpilotConfig, o: RunOverrides = {}): { ok: true; value: RunSettings } | { ok: false; error: string } {
  const command = o.command ?? c.claude_command;
  const template = o.template ?? c.command_template;
  const choice = adapterFor(command, template, o.agentKind);
  if (!choice.ok) return choice;
  const commands = { ...c.commands, ...(o.testCommand !== undefined ? { test: o.testCommand } : {}), ...(o.lintCommand !== undefined ? { lint: o.lintCommand } : {}) };
  const gates = o.noGates ? [] : gatesFor({ hooks: c.hooks, commands });
  const timeoutMs = (o.taskTimeoutMinutes ?? c.task_timeout_minutes) * MINUTE;
  const agent: AgentSetup = {
    adapter: choice.adapter,
    command,
    model: o.model ?? c.claude_model,
    template,
    skipPermissions: c.skip_permissions,
    timeoutMs,
    // The config's idle_timeout_minutes is about a run idling between tasks; an agent that prints
    // nothing for a quarter of its time limit (at least 5 minutes) is stuck.
    idleTimeoutMs: o.idleTimeoutMinutes !== undefined ? o.idleTimeoutMinutes * MINUTE : Math.max(5 * MINUTE, Math.floor(timeoutMs / 4)),
    ...(o.env ? { env: o.env } : {}),
  };
  const reviewOn = !o.noReview && c.hooks.post_done.run_review;
  const reviewSetup = resolveReviewSetup(c, o, agent);
  // A bad review_command matters only when reviews run.
  if (!reviewSetup.ok && reviewOn) return reviewSetup;
  const review = reviewSetup.ok ? reviewSetup.value : { roles: [], parallel: false, agent };
  return {
    ok: true,
    value: {
      task: {
        maxAttempts: Math.max(1, o.maxRetries ?? c.max_retries),
        retryDelayMs: c.retry_delay_seconds * 1000,
        createBranch: !o.noBranch && c.hooks.pre_start.create_git_branch,
        runGates: gates.length > 0,
        autoCommit: c.hooks.post_done.auto_commit,
        merge: !o.noMerge && !c.integration_pr,
        review: reviewOn && review.roles.length > 0,
        hitl: o.hitl ?? c.hitl_review,
        budgets: {
          runUsd: o.budgetUsd !== undefined ? o.budgetUsd : c.budget_usd,
          taskUsd: c.task_budget_usd,
          retryUsd: c.max_retry_cost_usd,
        },
      },
      agent,
      gates,
      gateTimeoutMs: timeoutMs,
      mainBranch: c.main_branch,
      review,
    },
  };
}
