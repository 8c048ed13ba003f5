// The schema table is the single source of defaults: it must hold spec-runner's exact defaults,
// cover every field of SpecpilotConfig once, and describe every key.
import assert from 'node:assert/strict';
import { buildConfig, childNames, CONFIG_SCHEMA, DEFAULT_CONFIG, SECTIONS } from '../../../src/core/config';
import type { ConfigValue, Row } from '../../../src/core/config';

/** spec-runner's ExecutorConfig defaults, written out by hand from its config.py. */
const SPEC_RUNNER_DEFAULTS = {
  max_retries: 3,
  retry_delay_seconds: 5,
  task_timeout_minutes: 30,
  max_consecutive_failures: 2,
  on_task_failure: 'skip',
  max_concurrent: 3,
  budget_usd: null,
  task_budget_usd: null,
  max_retry_cost_usd: null,
  log_level: 'info',
  claude_command: 'claude',
  claude_model: '',
  skip_permissions: true,
  command_template: '',
  main_branch: '',
  integration_pr: false,
  hitl_review: false,
  review_timeout_minutes: 15,
  review_command: '',
  review_model: '',
  review_command_template: '',
  callback_url: '',
  spec_prefix: '',
  session_timeout_minutes: 0,
  idle_timeout_minutes: 0,
  personas: {},
  notify_project_name: '',
  telegram_bot_token: '',
  telegram_chat_id: '',
  notify_on: ['run_complete', 'task_failed', 'state_degraded'],
  webhook_url: '',
  webhook_method: 'POST',
  webhook_headers: {},
  webhook_template: '',
  audit_log_path: '',
  audit_log_operator: '',
  spec_governance: 'off',
  spec_profile: 'lite',
  spec_context: '',
  spec_rules: {},
  harness_guard: 'warn',
  harness_files: [],
  harness_allow: [],
  hooks: {
    pre_start: { create_git_branch: true, sync_deps: true },
    post_done: {
      run_tests: true,
      run_lint: true,
      lint_blocking: true,
      auto_commit: true,
      run_review: true,
      review_parallel: false,
      review_roles: ['quality', 'implementation', 'testing'],
    },
  },
  commands: {
    test: "uv run pytest tests/ -v -m 'not slow'",
    lint: 'uv run ruff check .',
    lint_fix: 'uv run ruff check . --fix',
    sync: '',
  },
  paths: {
    root: '.',
    logs: 'spec/.executor-logs',
    state: 'spec/.executor-state.db',
    plugins: 'spec/plugins',
  },
};

/** Leaf paths of a config object, descending only into schema sections. */
function leaves(obj: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj)) {
    const p = prefix === '' ? k : `${prefix}.${k}`;
    if (SECTIONS.has(p) && typeof v === 'object' && v !== null) {
      for (const [lp, lv] of leaves(v, p)) out.set(lp, lv);
    } else {
      out.set(p, v);
    }
  }
  return out;
}

describe('config schema', () => {
  it('defaults are exactly spec-runner defaults', () => {
    assert.deepEqual(DEFAULT_CONFIG, SPEC_RUNNER_DEFAULTS);
  });

  it('has one row per config field, in the same places, with the default the config holds', () => {
    const fields = leaves(DEFAULT_CONFIG);
    assert.deepEqual(
      CONFIG_SCHEMA.map((r) => r.key).sort(),
      [...fields.keys()].sort(),
    );
    for (const r of CONFIG_SCHEMA) assert.deepEqual(r.default, fields.get(r.key), r.key);
    assert.equal(CONFIG_SCHEMA.length, 60);
  });

  it('buildConfig reads every row exactly once', () => {
    const seen: string[] = [];
    buildConfig(<T extends ConfigValue>(r: Row<T>): T => {
      seen.push(r.key);
      return r.default;
    });
    assert.deepEqual([...seen].sort(), CONFIG_SCHEMA.map((r) => r.key).sort());
    assert.equal(new Set(seen).size, seen.length);
  });

  it('describes every key and types it for the docs', () => {
    for (const r of CONFIG_SCHEMA) {
      assert.ok(r.description.length > 10, r.key);
      assert.ok(r.description.endsWith('.'), r.key);
      assert.ok(r.type.length > 0, r.key);
    }
    assert.deepEqual(CONFIG_SCHEMA[0], {
      key: 'max_retries',
      type: 'integer >= 1',
      default: 3,
      description: 'Maximum attempts per task; the first attempt counts.',
      secret: false,
    });
    const byKey = new Map(CONFIG_SCHEMA.map((r) => [r.key, r]));
    assert.equal(byKey.get('budget_usd')?.type, 'number >= 0 | null');
    assert.equal(byKey.get('on_task_failure')?.type, '"skip" | "stop" | "ask"');
    assert.equal(byKey.get('hooks.post_done.review_roles')?.type, 'string[]');
    assert.equal(byKey.get('harness_files')?.type, 'string[] | string');
    assert.equal(byKey.get('paths.logs')?.type, 'path');
    assert.equal(byKey.get('webhook_headers')?.type, 'map<string, string>');
  });

  it('marks exactly the credentials as secret', () => {
    assert.deepEqual(
      CONFIG_SCHEMA.filter((r) => r.secret).map((r) => r.key),
      ['callback_url', 'telegram_bot_token', 'webhook_url', 'webhook_headers'],
    );
  });

  it('derives the sections and the names valid under each', () => {
    assert.deepEqual([...SECTIONS.keys()], ['hooks', 'hooks.pre_start', 'hooks.post_done', 'commands', 'paths']);
    assert.deepEqual(childNames('hooks'), ['pre_start', 'post_done']);
    assert.deepEqual(childNames('hooks.pre_start'), ['create_git_branch', 'sync_deps']);
    assert.deepEqual(childNames('commands'), ['test', 'lint', 'lint_fix', 'sync']);
    assert.deepEqual(childNames('paths'), ['root', 'logs', 'state', 'plugins']);
    assert.ok(childNames('').includes('hooks'));
    assert.ok(childNames('').includes('max_retries'));
    assert.ok(!childNames('').includes('hooks.pre_start.sync_deps'));
  });

  it('freezes the defaults so no caller can change them for everyone', () => {
    assert.ok(Object.isFrozen(DEFAULT_CONFIG));
    assert.ok(Object.isFrozen(DEFAULT_CONFIG.hooks.post_done.review_roles));
    assert.ok(Object.isFrozen(DEFAULT_CONFIG.personas));
  });
});
