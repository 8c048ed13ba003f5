// The typed shape of spec-runner's config file as Specpilot reads it, and of the diagnostics the
// loader reports. Keys keep spec-runner's snake_case YAML names so the docs, the settings and
// the messages all use one vocabulary.
import type { Severity } from '../spec/model';

/** spec-runner's `personas.<role>`: a role-specific system prompt and model. */
export interface Persona {
  readonly system_prompt: string;
  readonly model: string;
  readonly focus: readonly string[];
}

export type OnTaskFailure = 'skip' | 'stop' | 'ask';
export type LogLevel = 'debug' | 'info' | 'warning' | 'error';
export type SpecGovernance = 'off' | 'strict';
export type HarnessGuard = 'off' | 'warn' | 'strict';

/**
 * Every setting, defaulted. Nesting mirrors the YAML (`hooks.post_done.run_tests`); the schema
 * table in schema.ts documents each key and holds its default.
 */
export interface SpecpilotConfig {
  readonly max_retries: number;
  readonly retry_delay_seconds: number;
  readonly task_timeout_minutes: number;
  readonly max_consecutive_failures: number;
  readonly on_task_failure: OnTaskFailure;
  readonly max_concurrent: number;
  readonly budget_usd: number | null;
  readonly task_budget_usd: number | null;
  readonly max_retry_cost_usd: number | null;
  readonly log_level: LogLevel;
  readonly claude_command: string;
  readonly claude_model: string;
  readonly skip_permissions: boolean;
  readonly command_template: string;
  readonly main_branch: string;
  readonly integration_pr: boolean;
  readonly hitl_review: boolean;
  readonly review_timeout_minutes: number;
  readonly review_command: string;
  readonly review_model: string;
  readonly review_command_template: string;
  readonly callback_url: string;
  readonly spec_prefix: string;
  readonly session_timeout_minutes: number;
  readonly idle_timeout_minutes: number;
  readonly personas: Readonly<Record<string, Persona>>;
  readonly notify_project_name: string;
  readonly telegram_bot_token: string;
  readonly telegram_chat_id: string;
  readonly notify_on: readonly string[];
  readonly webhook_url: string;
  readonly webhook_method: string;
  readonly webhook_headers: Readonly<Record<string, string>>;
  readonly webhook_template: string;
  readonly audit_log_path: string;
  readonly audit_log_operator: string;
  readonly spec_governance: SpecGovernance;
  readonly spec_profile: string;
  readonly spec_context: string;
  readonly spec_rules: Readonly<Record<string, readonly string[]>>;
  readonly harness_guard: HarnessGuard;
  readonly harness_files: readonly string[];
  readonly harness_allow: readonly string[];
  readonly hooks: {
    readonly pre_start: {
      readonly create_git_branch: boolean;
      readonly sync_deps: boolean;
    };
    readonly post_done: {
      readonly run_tests: boolean;
      readonly run_lint: boolean;
      readonly lint_blocking: boolean;
      readonly auto_commit: boolean;
      readonly run_review: boolean;
      readonly review_parallel: boolean;
      readonly review_roles: readonly string[];
    };
  };
  readonly commands: {
    readonly test: string;
    readonly lint: string;
    readonly lint_fix: string;
    readonly sync: string;
  };
  readonly paths: {
    readonly root: string;
    readonly logs: string;
    readonly state: string;
    readonly plugins: string;
  };
}

/** Any value a setting can hold; the schema table's `default` column has this type. */
export type ConfigValue =
  | string
  | number
  | boolean
  | null
  | readonly string[]
  | Readonly<Record<string, string>>
  | Readonly<Record<string, readonly string[]>>
  | Readonly<Record<string, Persona>>;

export type ConfigDiagnosticCode =
  | 'yaml-syntax' // the YAML parser's own error
  | 'yaml-warning' // the YAML parser's own warning (e.g. an unresolved tag)
  | 'not-a-mapping' // the document or the executor: block is not key: value pairs
  | 'wrong-type' // a value of the wrong type or out of range; the key keeps its default
  | 'unknown-key'
  | 'misplaced-key' // a real key at the wrong level, or outside the executor: block
  | 'duplicate-key' // spec-runner (PyYAML) keeps the last one
  | 'unknown-value' // e.g. a review role or notify event spec-runner does not know
  | 'unused-key' // a spec-runner setting Specpilot does not act on
  | 'legacy-config' // spec/executor.config.yaml is deprecated
  | 'legacy-wrapper' // the executor: wrapper in spec-runner.config.yaml
  | 'ignored-file' // the legacy file next to spec-runner.config.yaml
  | 'missing-file'
  | 'read-error'
  | 'internal-error';

export interface ConfigDiagnostic {
  readonly severity: Severity;
  readonly code: ConfigDiagnosticCode;
  /** Says what is wrong and what was expected; never contains a secret value. */
  readonly message: string;
  readonly file: string;
  /** 1-based line and column (UTF-16 code units) where the problem starts. */
  readonly line: number;
  readonly col: number;
  /** 1-based, exclusive end of the offending text. */
  readonly endLine: number;
  readonly endCol: number;
  /** Dotted key path (`hooks.post_done.run_tests`) the diagnostic is about, when there is one. */
  readonly key?: string;
  /** The replacement key name for an unknown key (a quick fix renames the key to it). */
  readonly suggestion?: string;
}

export interface ConfigSource {
  /** The file the settings came from, or null when none exists (all defaults). */
  readonly file: string | null;
  /** True when the file is the deprecated `spec/executor.config.yaml`. */
  readonly legacy: boolean;
}

export interface LoadedConfig {
  readonly config: SpecpilotConfig;
  readonly source: ConfigSource;
  readonly diagnostics: readonly ConfigDiagnostic[];
}
