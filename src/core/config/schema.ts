// The one schema table: every key spec-runner reads from its config file, with its type, its
// default (spec-runner's own, from its ExecutorConfig dataclass) and a description. The README
// and the VS Code settings are generated from CONFIG_SCHEMA; the loader reads values through it.
import type { ConfigValue, SpecpilotConfig } from './types';
import { flag, integer, oneOf, pathText, personas, stringList, stringListMap, stringMap, text, usd } from './valueTypes';
import type { ValueType } from './valueTypes';

export interface Row<T extends ConfigValue> {
  /** Dotted YAML path: `max_retries`, `hooks.post_done.run_tests`. */
  readonly key: string;
  readonly type: ValueType<T>;
  readonly default: T;
  readonly description: string;
  /** Never shown in messages; masked by redactConfig. */
  readonly secret: boolean;
}

/** A row of the documentation table. */
export interface SchemaRow {
  readonly key: string;
  readonly type: string;
  readonly default: ConfigValue;
  readonly description: string;
  readonly secret: boolean;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function row<T extends ConfigValue>(
  key: string,
  type: ValueType<T>,
  defaultValue: T,
  description: string,
  secret = false,
): Row<T> {
  return { key, type, default: deepFreeze(defaultValue), description, secret };
}

/** spec-runner's parallel review roles (review.py REVIEW_ROLES). */
export const REVIEW_ROLES = ['quality', 'implementation', 'testing', 'simplification', 'docs'] as const;
/** Events spec-runner notifies on (notifications.py). */
export const NOTIFY_EVENTS = ['run_complete', 'task_failed', 'state_degraded', 'pr_opened'] as const;

/** The rows, in the order the docs list them. Property names match SpecpilotConfig's leaves. */
export const ROWS = {
  max_retries: row('max_retries', integer(1), 3, 'Maximum attempts per task; the first attempt counts.'),
  retry_delay_seconds: row('retry_delay_seconds', integer(0), 5, 'Pause between attempts, in seconds.'),
  task_timeout_minutes: row('task_timeout_minutes', integer(1), 30, 'Time limit for one agent attempt, in minutes.'),
  max_consecutive_failures: row(
    'max_consecutive_failures',
    integer(1),
    2,
    'Stop the run after this many tasks fail in a row.',
  ),
  on_task_failure: row(
    'on_task_failure',
    oneOf(['skip', 'stop', 'ask']),
    'skip',
    'What to do when a task fails for good: skip it, stop the run, or ask.',
  ),
  max_concurrent: row('max_concurrent', integer(1), 3, 'Maximum tasks run at once in parallel mode.'),
  budget_usd: row('budget_usd', usd(), null, 'Spending cap for the whole run in US dollars; null means no limit.'),
  task_budget_usd: row(
    'task_budget_usd',
    usd(),
    null,
    'Spending cap per task in US dollars, first attempt included; null means no limit.',
  ),
  max_retry_cost_usd: row(
    'max_retry_cost_usd',
    usd(),
    null,
    'Cap on what the retries of one task (attempt 2 on) may cost in US dollars; null means no limit.',
  ),
  log_level: row('log_level', oneOf(['debug', 'info', 'warning', 'error']), 'info', 'Logging level.'),
  claude_command: row('claude_command', text(), 'claude', 'The agent CLI command.'),
  claude_model: row('claude_model', text(), '', 'Model passed to the agent CLI; empty uses the CLI default.'),
  skip_permissions: row('skip_permissions', flag(), true, "Skip the agent CLI's permission prompts."),
  command_template: row(
    'command_template',
    text(),
    '',
    'Command line for a custom CLI with {cmd}, {model}, {prompt}, {prompt_file}; empty detects it from the command name.',
  ),
  create_git_branch: row(
    'hooks.pre_start.create_git_branch',
    flag(),
    true,
    'Create a branch per task before it starts.',
  ),
  sync_deps: row('hooks.pre_start.sync_deps', flag(), true, 'Run the dependency sync command before each task.'),
  main_branch: row('main_branch', text(), '', 'Branch task branches merge into; empty detects main or master.'),
  integration_pr: row(
    'integration_pr',
    flag(),
    false,
    'Merge every task into one run branch and open a single pull request, instead of merging into the main branch.',
  ),
  run_tests: row('hooks.post_done.run_tests', flag(), true, 'Run the test command after a task.'),
  run_lint: row('hooks.post_done.run_lint', flag(), true, 'Run the lint command after a task.'),
  lint_blocking: row('hooks.post_done.lint_blocking', flag(), true, 'Lint errors fail the task.'),
  auto_commit: row('hooks.post_done.auto_commit', flag(), true, 'Commit the work when a task succeeds.'),
  run_review: row('hooks.post_done.run_review', flag(), true, 'Run an agent code review after a task.'),
  review_parallel: row(
    'hooks.post_done.review_parallel',
    flag(),
    false,
    'Run one review agent per review role, in parallel.',
  ),
  review_roles: row(
    'hooks.post_done.review_roles',
    stringList({ known: { what: 'review role', values: REVIEW_ROLES } }),
    ['quality', 'implementation', 'testing'],
    `Review roles for parallel review: ${REVIEW_ROLES.join(', ')}.`,
  ),
  hitl_review: row('hitl_review', flag(), false, 'Ask a person to approve each task after the code review.'),
  review_timeout_minutes: row('review_timeout_minutes', integer(1), 15, 'Time limit for a review, in minutes.'),
  review_command: row('review_command', text(), '', 'CLI command for reviews; empty uses claude_command.'),
  review_model: row('review_model', text(), '', 'Model for reviews; empty uses claude_model.'),
  review_command_template: row(
    'review_command_template',
    text(),
    '',
    'Command line template for the review CLI; empty uses command_template or detection.',
  ),
  test: row('commands.test', text(), "uv run pytest tests/ -v -m 'not slow'", 'Test command (a shell command line).'),
  lint: row('commands.lint', text(), 'uv run ruff check .', 'Lint command.'),
  lint_fix: row('commands.lint_fix', text(), 'uv run ruff check . --fix', 'Lint auto-fix command.'),
  sync: row(
    'commands.sync',
    text(),
    '',
    'Dependency sync command; empty runs `uv sync` when pyproject.toml exists, else nothing.',
  ),
  root: row('paths.root', pathText(), '.', 'Project root, relative to the repository root.'),
  logs: row('paths.logs', pathText(), 'spec/.executor-logs', 'Per-task log directory (namespaced by spec_prefix).'),
  state: row('paths.state', pathText(), 'spec/.executor-state.db', 'Run state file (namespaced by spec_prefix).'),
  plugins: row('paths.plugins', pathText(), 'spec/plugins', 'Plugin hooks directory.'),
  callback_url: row('callback_url', text(), '', 'URL that receives task progress reports.', true),
  spec_prefix: row(
    'spec_prefix',
    text(),
    '',
    'Spec file prefix: "phase5-" reads spec/phase5-tasks.md, phase5-requirements.md, phase5-design.md.',
  ),
  session_timeout_minutes: row(
    'session_timeout_minutes',
    integer(0),
    0,
    'Stop the run after this many minutes; 0 disables.',
  ),
  idle_timeout_minutes: row(
    'idle_timeout_minutes',
    integer(0),
    0,
    'Stop when idle between tasks for this many minutes; 0 disables.',
  ),
  personas: row('personas', personas(), {}, 'Per-role system prompt, model and focus (implementer, reviewer, architect).'),
  notify_project_name: row(
    'notify_project_name',
    text(),
    '',
    'Project name in notifications; empty uses the directory name.',
  ),
  telegram_bot_token: row('telegram_bot_token', text(), '', 'Telegram bot token; empty disables Telegram.', true),
  telegram_chat_id: row('telegram_chat_id', text(), '', 'Telegram chat to notify.'),
  notify_on: row(
    'notify_on',
    stringList({ known: { what: 'notification event', values: NOTIFY_EVENTS } }),
    ['run_complete', 'task_failed', 'state_degraded'],
    `Events that send a notification: ${NOTIFY_EVENTS.join(', ')}.`,
  ),
  webhook_url: row('webhook_url', text(), '', 'Webhook URL for notifications; empty disables the webhook.', true),
  webhook_method: row('webhook_method', text(), 'POST', 'HTTP method of the webhook request.'),
  webhook_headers: row('webhook_headers', stringMap(), {}, 'Extra HTTP headers of the webhook request.', true),
  webhook_template: row(
    'webhook_template',
    text(),
    '',
    'Webhook body with {{event}}, {{message}}, {{task_id}}, {{task_name}}, {{cost}}, {{duration}}; empty sends JSON.',
  ),
  audit_log_path: row('audit_log_path', text(), '', 'JSON Lines audit trail of task events; empty disables it.'),
  audit_log_operator: row(
    'audit_log_operator',
    text(),
    '',
    'Operator recorded in the audit trail; empty uses user@host.',
  ),
  spec_governance: row(
    'spec_governance',
    oneOf(['off', 'strict']),
    'off',
    'strict refuses to run a managed tasks.md that is not approved.',
  ),
  spec_profile: row('spec_profile', text(), 'lite', 'Stage profile for gated spec generation.'),
  spec_context: row('spec_context', text(), '', 'Project context added to every spec-generation prompt.'),
  spec_rules: row('spec_rules', stringListMap(), {}, 'Per-stage generation rules, keyed by stage name.'),
  harness_guard: row(
    'harness_guard',
    oneOf(['off', 'warn', 'strict']),
    'warn',
    'What to do when the agent edits test/lint config or CI files: off, warn, or fail the attempt (strict).',
  ),
  harness_files: row(
    'harness_files',
    stringList({ allowSingle: true }),
    [],
    'Extra files or directories the harness guard watches.',
  ),
  harness_allow: row(
    'harness_allow',
    stringList({ allowSingle: true }),
    [],
    'Glob patterns the strict harness guard lets the agent change.',
  ),
} as const;

type AnyRow = (typeof ROWS)[keyof typeof ROWS];

const ALL_ROWS: readonly AnyRow[] = Object.values(ROWS);

export const CONFIG_SCHEMA: readonly SchemaRow[] = ALL_ROWS.map((r) => ({
  key: r.key,
  type: r.type.label,
  default: r.default,
  description: r.description,
  secret: r.secret,
}));

export const ROW_BY_KEY: ReadonlyMap<string, AnyRow> = new Map(ALL_ROWS.map((r) => [r.key, r]));

/** Mapping keys that only group other keys (`hooks`, `hooks.post_done`, `commands`, `paths`). */
export const SECTIONS: ReadonlyMap<string, readonly string[]> = (() => {
  const sections = new Map<string, string[]>();
  for (const r of ALL_ROWS) {
    const parts = r.key.split('.');
    for (let i = 1; i < parts.length; i++) {
      const section = parts.slice(0, i).join('.');
      const child = parts[i]!;
      const children = sections.get(section) ?? [];
      if (!children.includes(child)) children.push(child);
      sections.set(section, children);
    }
  }
  return sections;
})();

/** Names valid directly under `section` ('' is the top level), in schema order. */
export function childNames(section: string): readonly string[] {
  if (section !== '') return SECTIONS.get(section) ?? [];
  const names: string[] = [];
  for (const r of ALL_ROWS) {
    const first = r.key.split('.')[0]!;
    if (!names.includes(first)) names.push(first);
  }
  return names;
}

/** Settings newer spec-runner versions read that Specpilot does not act on: noted, not warned. */
export const UNUSED_SPEC_RUNNER_KEYS: readonly string[] = ['review_pr', 'execution_mode', 'tdd_runner', 'review_policy'];

/** Top-level siblings of `executor:` in spec-runner's v1 template, which it never read. */
export const LEGACY_TEMPLATE_SIBLINGS: readonly string[] = ['execution_order', 'skip_tasks', 'environment'];

export type RowReader = <T extends ConfigValue>(r: Row<T>) => T;

/** Assembles the typed config, asking `read` for each row's value. */
export function buildConfig(read: RowReader): SpecpilotConfig {
  const R = ROWS;
  return {
    max_retries: read(R.max_retries),
    retry_delay_seconds: read(R.retry_delay_seconds),
    task_timeout_minutes: read(R.task_timeout_minutes),
    max_consecutive_failures: read(R.max_consecutive_failures),
    on_task_failure: read(R.on_task_failure),
    max_concurrent: read(R.max_concurrent),
    budget_usd: read(R.budget_usd),
    task_budget_usd: read(R.task_budget_usd),
    max_retry_cost_usd: read(R.max_retry_cost_usd),
    log_level: read(R.log_level),
    claude_command: read(R.claude_command),
    claude_model: read(R.claude_model),
    skip_permissions: read(R.skip_permissions),
    command_template: read(R.command_template),
    main_branch: read(R.main_branch),
    integration_pr: read(R.integration_pr),
    hitl_review: read(R.hitl_review),
    review_timeout_minutes: read(R.review_timeout_minutes),
    review_command: read(R.review_command),
    review_model: read(R.review_model),
    review_command_template: read(R.review_command_template),
    callback_url: read(R.callback_url),
    spec_prefix: read(R.spec_prefix),
    session_timeout_minutes: read(R.session_timeout_minutes),
    idle_timeout_minutes: read(R.idle_timeout_minutes),
    personas: read(R.personas),
    notify_project_name: read(R.notify_project_name),
    telegram_bot_token: read(R.telegram_bot_token),
    telegram_chat_id: read(R.telegram_chat_id),
    notify_on: read(R.notify_on),
    webhook_url: read(R.webhook_url),
    webhook_method: read(R.webhook_method),
    webhook_headers: read(R.webhook_headers),
    webhook_template: read(R.webhook_template),
    audit_log_path: read(R.audit_log_path),
    audit_log_operator: read(R.audit_log_operator),
    spec_governance: read(R.spec_governance),
    spec_profile: read(R.spec_profile),
    spec_context: read(R.spec_context),
    spec_rules: read(R.spec_rules),
    harness_guard: read(R.harness_guard),
    harness_files: read(R.harness_files),
    harness_allow: read(R.harness_allow),
    hooks: {
      pre_start: {
        create_git_branch: read(R.create_git_branch),
        sync_deps: read(R.sync_deps),
      },
      post_done: {
        run_tests: read(R.run_tests),
        run_lint: read(R.run_lint),
        lint_blocking: read(R.lint_blocking),
        auto_commit: read(R.auto_commit),
        run_review: read(R.run_review),
        review_parallel: read(R.review_parallel),
        review_roles: read(R.review_roles),
      },
    },
    commands: {
      test: read(R.test),
      lint: read(R.lint),
      lint_fix: read(R.lint_fix),
      sync: read(R.sync),
    },
    paths: {
      root: read(R.root),
      logs: read(R.logs),
      state: read(R.state),
      plugins: read(R.plugins),
    },
  };
}

export const DEFAULT_CONFIG: SpecpilotConfig = deepFreeze(buildConfig((r) => r.default));
