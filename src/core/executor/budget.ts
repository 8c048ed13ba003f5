// Spending caps (budget_usd, task_budget_usd, max_retry_cost_usd, and the CLI's --budget): checked
// before every attempt, and by the driver while an agent streams its cost, so no cap is overrun by
// more than the attempt that crossed it.
export interface Budgets {
  /** The whole run; null: no cap. */
  readonly runUsd: number | null;
  readonly taskUsd: number | null;
  /** What attempts 2 and later of one task may cost together. */
  readonly retryUsd: number | null;
}

export interface Spent {
  readonly runSpentUsd: number;
  readonly taskSpentUsd: number;
  readonly retrySpentUsd: number;
  readonly isRetry: boolean;
}

const usd = (n: number): string => `$${n.toFixed(2)}`;

/** Why no further attempt may start, or null when spending may go on. */
export function budgetStop(b: Budgets, s: Spent): string | null {
  if (b.runUsd !== null && s.runSpentUsd >= b.runUsd) {
    return `run budget reached: ${usd(s.runSpentUsd)} spent of ${usd(b.runUsd)} (budget_usd or --budget); no further attempts start`;
  }
  if (b.taskUsd !== null && s.taskSpentUsd >= b.taskUsd) {
    return `task budget reached: ${usd(s.taskSpentUsd)} spent of ${usd(b.taskUsd)} (task_budget_usd); no further attempts start`;
  }
  if (s.isRetry && b.retryUsd !== null && s.retrySpentUsd >= b.retryUsd) {
    return `retry budget reached: retries cost ${usd(s.retrySpentUsd)} of ${usd(b.retryUsd)} (max_retry_cost_usd); no further retries`;
  }
  return null;
}

/** The most an attempt that starts now may spend before it is stopped; null when uncapped. */
export function attemptAllowanceUsd(b: Budgets, s: Spent): number | null {
  const limits: number[] = [];
  if (b.runUsd !== null) limits.push(b.runUsd - s.runSpentUsd);
  if (b.taskUsd !== null) limits.push(b.taskUsd - s.taskSpentUsd);
  if (s.isRetry && b.retryUsd !== null) limits.push(b.retryUsd - s.retrySpentUsd);
  return limits.length ? Math.max(0, Math.min(...limits)) : null;
}
