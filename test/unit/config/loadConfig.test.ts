// Loading from a real repository layout: which file wins, the legacy file's deprecation, and the
// exact values and diagnostics of each fixture.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_CONFIG, loadConfig } from '../../../src/core/config';
import type { ConfigDiagnostic } from '../../../src/core/config';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'config');
const fixture = (name: string): string => path.join(FIXTURES, name);

type Brief = [string, string, number, number, number, number, string | null, string];
const brief = (d: ConfigDiagnostic): Brief => [
  d.severity,
  d.code,
  d.line,
  d.col,
  d.endLine,
  d.endCol,
  d.key ?? null,
  d.message,
];

describe('loadConfig', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'specpilot-config-'));
  });
  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('reads every key of a full spec-runner.config.yaml', () => {
    const r = loadConfig(fixture('full'));
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.source, { file: path.join(fixture('full'), 'spec-runner.config.yaml'), legacy: false });
    assert.deepEqual(r.config, {
      max_retries: 5,
      retry_delay_seconds: 10,
      task_timeout_minutes: 45,
      max_consecutive_failures: 4,
      on_task_failure: 'stop',
      max_concurrent: 2,
      budget_usd: 50,
      task_budget_usd: 10,
      max_retry_cost_usd: 2.5,
      log_level: 'debug',
      claude_command: 'claude-code',
      claude_model: 'sonnet',
      skip_permissions: false,
      command_template: '{cmd} -p {prompt} --model {model}',
      main_branch: 'trunk',
      integration_pr: true,
      hitl_review: true,
      review_timeout_minutes: 20,
      review_command: 'codex',
      review_model: 'gpt-5',
      review_command_template: '{cmd} exec {prompt}',
      callback_url: 'https://orchestrator.example.com/cb?key=cbsecret123',
      spec_prefix: 'phase5-',
      session_timeout_minutes: 120,
      idle_timeout_minutes: 15,
      personas: {
        implementer: { system_prompt: 'You are a focused TypeScript developer', model: 'sonnet', focus: ['tests', 'types'] },
        reviewer: { system_prompt: 'You are a strict reviewer', model: '', focus: [] },
      },
      notify_project_name: 'Demo',
      telegram_bot_token: '123456:ABC-fake-telegram-token',
      telegram_chat_id: '-100200300',
      notify_on: ['run_complete', 'pr_opened'],
      webhook_url: 'https://hooks.example.com/services/T000/B000/whsecret456',
      webhook_method: 'PUT',
      webhook_headers: { Authorization: 'Bearer hdrsecret789', 'X-Team': 'platform' },
      webhook_template: '{"text": "{{event}}: {{message}}"}',
      audit_log_path: 'spec/.executor-audit.jsonl',
      audit_log_operator: 'ci@build',
      spec_governance: 'strict',
      spec_profile: 'full',
      spec_context: 'A TypeScript monorepo.',
      spec_rules: { requirements: ['Use EARS wording'], tasks: ['One task per endpoint', 'Estimate in days'] },
      harness_guard: 'strict',
      harness_files: ['package.json', '.github/workflows'],
      harness_allow: ['uv.lock'],
      hooks: {
        pre_start: { create_git_branch: false, sync_deps: false },
        post_done: {
          run_tests: false,
          run_lint: false,
          lint_blocking: false,
          auto_commit: false,
          run_review: false,
          review_parallel: true,
          review_roles: ['quality', 'docs'],
        },
      },
      commands: { test: 'npm test', lint: 'npm run lint', lint_fix: 'npm run lint -- --fix', sync: 'npm ci' },
      paths: { root: 'app', logs: 'logs/agents', state: '.specpilot/state.db', plugins: 'tools/plugins' },
    });
  });

  it('fills everything a minimal file leaves out with defaults', () => {
    const r = loadConfig(fixture('minimal'));
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.config, {
      ...DEFAULT_CONFIG,
      max_retries: 2,
      claude_model: 'opus',
      commands: { ...DEFAULT_CONFIG.commands, test: 'npm test' },
    });
  });

  it('reads the legacy spec/executor.config.yaml with a deprecation warning at executor:', () => {
    const r = loadConfig(fixture('legacy'));
    const file = path.join(fixture('legacy'), 'spec', 'executor.config.yaml');
    assert.deepEqual(r.source, { file, legacy: true });
    assert.deepEqual(r.diagnostics.map(brief), [
      [
        'warning',
        'legacy-config',
        3,
        1,
        3,
        9,
        'executor',
        'spec/executor.config.yaml is deprecated: move these settings to spec-runner.config.yaml at the repository root, without the "executor:" wrapper',
      ],
      ['info', 'unused-key', 20, 1, 20, 11, 'skip_tasks', '"skip_tasks" is ignored: spec-runner reads only the "executor:" block'],
    ]);
    assert.equal(r.diagnostics[0]?.file, file);
    assert.deepEqual(r.config, {
      ...DEFAULT_CONFIG,
      max_retries: 4,
      task_timeout_minutes: 20,
      hooks: {
        pre_start: { ...DEFAULT_CONFIG.hooks.pre_start, create_git_branch: true },
        post_done: { ...DEFAULT_CONFIG.hooks.post_done, run_tests: true, auto_commit: false },
      },
      commands: { ...DEFAULT_CONFIG.commands, test: 'make test-fast', lint: 'make lint' },
      paths: { ...DEFAULT_CONFIG.paths, state: 'spec/.executor-state.json' },
    });
  });

  it('prefers spec-runner.config.yaml and warns that the legacy file is ignored', () => {
    const r = loadConfig(fixture('both'));
    assert.equal(r.config.claude_model, 'from-v2');
    assert.deepEqual(r.source, { file: path.join(fixture('both'), 'spec-runner.config.yaml'), legacy: false });
    assert.deepEqual(r.diagnostics, [
      {
        severity: 'warning',
        code: 'ignored-file',
        message: 'spec/executor.config.yaml is ignored because spec-runner.config.yaml exists; delete the legacy file',
        file: path.join(fixture('both'), 'spec', 'executor.config.yaml'),
        line: 1,
        col: 1,
        endLine: 1,
        endCol: 1,
      },
    ]);
  });

  it('reports a YAML syntax error with its position and uses the defaults', () => {
    const r = loadConfig(fixture('syntax-error'));
    assert.deepEqual(r.config, DEFAULT_CONFIG);
    assert.deepEqual(r.diagnostics.map(brief), [
      ['error', 'yaml-syntax', 4, 1, 4, 2, null, 'YAML syntax error: Missing closing "quote'],
    ]);
    assert.equal(r.diagnostics[0]?.file, path.join(fixture('syntax-error'), 'spec-runner.config.yaml'));
  });

  it('reports each wrong type at its value and keeps that key at its default', () => {
    const r = loadConfig(fixture('wrong-types'));
    assert.deepEqual(r.diagnostics.map(brief), [
      [
        'error',
        'wrong-type',
        1,
        14,
        1,
        21,
        'max_retries',
        'max_retries: expected an integer >= 1, got the string "three"; using the default 3',
      ],
      [
        'error',
        'wrong-type',
        2,
        23,
        2,
        26,
        'task_timeout_minutes',
        'task_timeout_minutes: expected an integer >= 1, got the number 2.5; using the default 30',
      ],
      [
        'error',
        'wrong-type',
        3,
        11,
        3,
        12,
        'commands',
        'commands: expected a mapping with keys test, lint, lint_fix, sync, got the number 5; using the defaults',
      ],
      [
        'error',
        'wrong-type',
        4,
        13,
        4,
        16,
        'budget_usd',
        'budget_usd: expected a number >= 0 (US dollars), or null for no limit, got the number -10; using the default null (no limit)',
      ],
      [
        'error',
        'wrong-type',
        5,
        15,
        5,
        18,
        'claude_model',
        'claude_model: expected a string, got the number 3.5 (put it in quotes to make it a string); using the default ""',
      ],
      [
        'error',
        'wrong-type',
        6,
        18,
        6,
        23,
        'on_task_failure',
        'on_task_failure: expected one of "skip", "stop", "ask", got the string "retry"; using the default "skip"',
      ],
      [
        'error',
        'wrong-type',
        7,
        21,
        7,
        31,
        'telegram_bot_token',
        'telegram_bot_token: expected a string, got a number (put it in quotes to make it a string); using the default ""',
      ],
      [
        'error',
        'wrong-type',
        8,
        26,
        8,
        27,
        'notify_on',
        'notify_on: expected a list of strings, got the number 7 as item 2; using the default ["run_complete", "task_failed", "state_degraded"]',
      ],
      [
        'error',
        'wrong-type',
        11,
        18,
        11,
        23,
        'hooks.post_done.auto_commit',
        'hooks.post_done.auto_commit: expected true or false, got the string "yes"; using the default true',
      ],
      [
        'warning',
        'unknown-value',
        12,
        29,
        12,
        37,
        'hooks.post_done.review_roles',
        'hooks.post_done.review_roles: unknown review role "secutiry"; expected one of quality, implementation, testing, simplification, docs',
      ],
    ]);
    assert.deepEqual(r.config, {
      ...DEFAULT_CONFIG,
      max_concurrent: 4,
      hooks: {
        ...DEFAULT_CONFIG.hooks,
        post_done: { ...DEFAULT_CONFIG.hooks.post_done, review_roles: ['quality', 'secutiry'] },
      },
    });
    assert.ok(r.diagnostics.every((d) => !d.message.includes('4242424242')));
  });

  it('warns about unknown keys with suggestions and still reads the rest', () => {
    const r = loadConfig(fixture('unknown-keys'));
    assert.deepEqual(
      r.diagnostics.map((d) => [...brief(d), d.suggestion ?? null]),
      [
        ['warning', 'unknown-key', 1, 1, 1, 12, 'max_retires', 'unknown key "max_retires"; did you mean "max_retries"?', 'max_retries'],
        [
          'warning',
          'misplaced-key',
          2,
          1,
          2,
          12,
          'auto_commit',
          'unknown key "auto_commit" at the top level; did you mean "hooks.post_done.auto_commit"?',
          null,
        ],
        ['warning', 'unknown-key', 3, 1, 3, 7, 'colour', 'unknown key "colour"', null],
        [
          'info',
          'unused-key',
          4,
          1,
          4,
          10,
          'review_pr',
          '"review_pr" is a spec-runner setting Specpilot does not use; it is ignored',
          null,
        ],
        [
          'warning',
          'unknown-key',
          8,
          5,
          8,
          13,
          'hooks.post_done.run_test',
          'unknown key "run_test" in hooks.post_done; did you mean "run_tests"?',
          'run_tests',
        ],
        [
          'warning',
          'misplaced-key',
          9,
          5,
          9,
          16,
          'hooks.post_done.max_retries',
          'unknown key "max_retries" in hooks.post_done; did you mean top-level "max_retries"?',
          null,
        ],
        [
          'warning',
          'unknown-key',
          11,
          5,
          11,
          18,
          'hooks.pre_start.create_branch',
          'unknown key "create_branch" in hooks.pre_start; expected one of create_git_branch, sync_deps',
          null,
        ],
        [
          'warning',
          'unknown-key',
          14,
          5,
          14,
          17,
          'personas.reviewer.system_promt',
          'unknown key "system_promt" in personas.reviewer; did you mean "system_prompt"?',
          'system_prompt',
        ],
      ],
    );
    assert.ok(r.diagnostics.every((d) => d.severity !== 'error'));
    assert.deepEqual(r.config, {
      ...DEFAULT_CONFIG,
      max_retries: 6,
      personas: { reviewer: { system_prompt: '', model: 'haiku', focus: [] } },
    });
  });

  it('gives defaults and no diagnostics for an empty file', () => {
    const r = loadConfig(fixture('empty'));
    assert.deepEqual(r, {
      config: DEFAULT_CONFIG,
      source: { file: path.join(fixture('empty'), 'spec-runner.config.yaml'), legacy: false },
      diagnostics: [],
    });
  });

  it('reads the executor: wrapper in spec-runner.config.yaml, noting the old layout', () => {
    const r = loadConfig(fixture('wrapped'));
    assert.deepEqual(r.diagnostics.map(brief), [
      [
        'info',
        'legacy-wrapper',
        1,
        1,
        1,
        9,
        'executor',
        'the "executor:" wrapper is the old layout; spec-runner.config.yaml can hold these settings at the top level',
      ],
    ]);
    assert.equal(r.config.max_retries, 7);
    assert.equal(r.config.hooks.post_done.auto_commit, false);
  });

  it('gives defaults and no file when the repository has no config', () => {
    assert.deepEqual(loadConfig(tmp), {
      config: DEFAULT_CONFIG,
      source: { file: null, legacy: false },
      diagnostics: [],
    });
  });

  it('applies specPrefix over the file, as --spec-prefix does', () => {
    assert.equal(loadConfig(fixture('full'), { specPrefix: 'phase7-' }).config.spec_prefix, 'phase7-');
    assert.equal(loadConfig(fixture('full'), { specPrefix: '' }).config.spec_prefix, 'phase5-');
    assert.equal(loadConfig(tmp, { specPrefix: 'p1-' }).config.spec_prefix, 'p1-');
  });

  it('reads an explicit configPath, relative to the root', () => {
    const r = loadConfig(FIXTURES, { configPath: 'minimal/spec-runner.config.yaml' });
    assert.deepEqual(r.source, { file: path.join(fixture('minimal'), 'spec-runner.config.yaml'), legacy: false });
    assert.equal(r.config.max_retries, 2);

    const legacy = loadConfig(fixture('legacy'), { configPath: 'spec/executor.config.yaml' });
    assert.equal(legacy.source.legacy, true);
    assert.equal(legacy.config.max_retries, 4);
  });

  it('reports a missing explicit configPath and uses the defaults', () => {
    const r = loadConfig(tmp, { configPath: 'nope.yaml' });
    const file = path.join(tmp, 'nope.yaml');
    assert.deepEqual(r, {
      config: DEFAULT_CONFIG,
      source: { file, legacy: false },
      diagnostics: [
        {
          severity: 'error',
          code: 'missing-file',
          message: `config file not found: ${file}; using the defaults`,
          file,
          line: 1,
          col: 1,
          endLine: 1,
          endCol: 1,
        },
      ],
    });
  });

  it('reports an unreadable config file instead of throwing', () => {
    fs.mkdirSync(path.join(tmp, 'spec-runner.config.yaml'));
    const r = loadConfig(tmp);
    assert.deepEqual(r.config, DEFAULT_CONFIG);
    assert.deepEqual(r.diagnostics.map(brief), [
      ['error', 'read-error', 1, 1, 1, 1, null, 'cannot read spec-runner.config.yaml (EISDIR); using the defaults'],
    ]);
  });

  it('strips a BOM from the file so columns match the editor', () => {
    fs.writeFileSync(path.join(tmp, 'spec-runner.config.yaml'), '\ufeffmax_retries: "x"\n');
    const r = loadConfig(tmp);
    assert.deepEqual(r.diagnostics.map((d) => [d.line, d.col, d.endCol]), [[1, 14, 17]]);
  });
});
