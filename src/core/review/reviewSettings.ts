// Who reviews a task: the roles (hooks.post_done.review_roles), serial or parallel
// (review_parallel), and the agent each reviewer runs (review_command / review_model /
// review_command_template over the implementer's, a persona's model over both).
import { adapterFor } from '../agents/detectAdapter';
import type { SpecpilotConfig } from '../config/types';
import type { RunOverrides } from '../executor/runSettings';
import type { AgentSetup } from '../executor/taskDriver';
import { isReviewRole, reviewerPersona, type ReviewRole } from './reviewRoles';

export interface ReviewerSetup {
  readonly role: ReviewRole;
  readonly persona: string;
  readonly focus: readonly string[];
  /** The review agent, with this role's model when its persona names one. */
  readonly agent: AgentSetup;
}

export interface ReviewSetup {
  /** In the config's order, each role once; empty: no review. */
  readonly roles: readonly ReviewerSetup[];
  readonly parallel: boolean;
  readonly agent: AgentSetup;
}

const MINUTE = 60_000;

/**
 * The reviewers of a run. Without review_command the reviewers run the implementer's agent (the
 * CLI flags included); with one, that command is detected on its own (command_template belongs to
 * claude_command, so only review_command_template applies to it).
 */
export function resolveReviewSetup(
  c: SpecpilotConfig,
  o: RunOverrides,
  implementer: AgentSetup,
): { ok: true; value: ReviewSetup } | { ok: false; error: string } {
  const own = c.review_command.trim() !== '';
  const command = own ? c.review_command : implementer.command;
  const template = c.review_command_template.trim() !== '' ? c.review_command_template : own ? '' : implementer.template;
  const sameAgent = !own && template === implementer.template;
  const choice = sameAgent ? { ok: true as const, adapter: implementer.adapter } : adapterFor(command, template);
  if (!choice.ok) return { ok: false, error: `review_command: ${choice.error}` };
  const timeoutMs = c.review_timeout_minutes * MINUTE;
  const agent: AgentSetup = {
    adapter: choice.adapter,
    command,
    model: c.review_model.trim() !== '' ? c.review_model : implementer.model,
    template,
    skipPermissions: c.skip_permissions,
    timeoutMs,
    idleTimeoutMs: o.idleTimeoutMinutes !== undefined ? o.idleTimeoutMinutes * MINUTE : Math.max(5 * MINUTE, Math.floor(timeoutMs / 4)),
    ...(implementer.env ? { env: implementer.env } : {}),
  };
  const names = [...new Set(c.hooks.post_done.review_roles)].filter(isReviewRole);
  const roles = names.map((role): ReviewerSetup => {
    const p = reviewerPersona(role, c.personas);
    return { role, persona: p.persona, focus: p.focus, agent: p.model ? { ...agent, model: p.model } : agent };
  });
  return { ok: true, value: { roles, parallel: c.hooks.post_done.review_parallel, agent } };
}
