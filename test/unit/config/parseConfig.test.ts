// Parsing unsaved editor text: YAML 1.1 as spec-runner's PyYAML reads it, nulls as "not set",
// aliases and merges, duplicates, and no input that makes it throw.
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, isLegacyConfigPath, parseConfigText } from '../../../src/core/config';
import type { ConfigDiagnostic } from '../../../src/core/config';

const FILE = '/repo/spec-runner.config.yaml';
const LEGACY = '/repo/spec/executor.config.yaml';

const brief = (d: ConfigDiagnostic): [string, string, number, number, number, number, string | null, string] => [
  d.severity,
  d.code,
  d.line,
  d.col,
  d.endLine,
  d.endCol,
  d.key ?? null,
  d.message,
];

describe('parseConfigText', () => {
  it('gives defaults without diagnostics for empty, blank and comment-only text', () => {
    for (const text of ['', '\n\n', '   \n', '# just a comment\n', '---\n']) {
      const r = parseConfigText(text, FILE);
      assert.deepEqual(r, { config: DEFAULT_CONFIG, source: { file: FILE, legacy: false }, diagnostics: [] }, text);
    }
  });

  it('reads booleans the way PyYAML does (yes/no/on/off, but not y/n)', () => {
    const r = parseConfigText(
      'skip_permissions: off\nintegration_pr: Yes\nmain_branch: n\nclaude_model: y\nhooks:\n  post_done:\n    auto_commit: NO\n',
      FILE,
    );
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.config.skip_permissions, false);
    assert.equal(r.config.integration_pr, true);
    assert.equal(r.config.main_branch, 'n');
    assert.equal(r.config.claude_model, 'y');
    assert.equal(r.config.hooks.post_done.auto_commit, false);
  });

  it('treats null values and empty sections as not set, like spec-runner', () => {
    const r = parseConfigText('max_retries:\nbudget_usd: ~\nhooks:\ncommands: null\npaths:\n  logs: ""\n', FILE);
    assert.deepEqual(r, { config: DEFAULT_CONFIG, source: { file: FILE, legacy: false }, diagnostics: [] });
  });

  it('accepts integers written as 5.0 or 0x10, and budgets of 0', () => {
    const r = parseConfigText('max_retries: 5.0\nmax_concurrent: 0x10\nbudget_usd: 0\n', FILE);
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.config.max_retries, 5);
    assert.equal(r.config.max_concurrent, 16);
    assert.equal(r.config.budget_usd, 0);
  });

  it('reports a syntax error with yaml\'s message and position, and uses the defaults', () => {
    const r = parseConfigText('max_retries: 9\nclaude_model: [sonnet\nmax_concurrent: 1\n', FILE);
    assert.deepEqual(r.config, DEFAULT_CONFIG);
    assert.deepEqual(r.diagnostics.map(brief), [
      [
        'error',
        'yaml-syntax',
        3,
        1,
        3,
        2,
        null,
        'YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ],
    ]);
    assert.equal(r.diagnostics[0]?.file, FILE);
  });

  it('reports tab indentation and multiple documents as syntax errors', () => {
    assert.deepEqual(parseConfigText('hooks:\n\trun_tests: true\n', FILE).diagnostics.map(brief), [
      ['error', 'yaml-syntax', 2, 1, 2, 2, null, 'YAML syntax error: Tabs are not allowed as indentation'],
    ]);
    assert.deepEqual(parseConfigText('max_retries: 2\n---\nmax_retries: 3\n', FILE).diagnostics.map((d) => [d.code, d.line, d.col]), [
      ['yaml-syntax', 2, 1],
    ]);
  });

  it('rejects a top level that is not key: value pairs', () => {
    const r = parseConfigText('- a\n- b\n', FILE);
    assert.deepEqual(r.config, DEFAULT_CONFIG);
    assert.deepEqual(r.diagnostics.map(brief), [
      ['error', 'not-a-mapping', 1, 1, 3, 1, null, 'expected "key: value" settings at the top level, got a list; using the defaults'],
    ]);
  });

  it('keeps the last of duplicate keys and warns at the earlier one', () => {
    const r = parseConfigText('max_retries: 2\nclaude_model: a\nmax_retries: 5\n', FILE);
    assert.equal(r.config.max_retries, 5);
    assert.deepEqual(r.diagnostics.map(brief), [
      [
        'warning',
        'duplicate-key',
        1,
        1,
        1,
        12,
        'max_retries',
        'duplicate key "max_retries": this value is ignored; the one on line 3 wins',
      ],
    ]);
  });

  it('follows aliases and merge keys, pointing errors at the alias', () => {
    const text = [
      'x-model: &m sonnet',
      'claude_model: *m',
      'base: &b',
      '  test: t1',
      '  lint: l1',
      'commands:',
      '  <<: *b',
      '  lint: l2',
      'bad: &n "no"',
      'max_concurrent: *n',
      '',
    ].join('\n');
    const r = parseConfigText(text, FILE);
    assert.equal(r.config.claude_model, 'sonnet');
    assert.deepEqual(r.config.commands, { ...DEFAULT_CONFIG.commands, test: 't1', lint: 'l2' });
    assert.deepEqual(r.diagnostics.map(brief), [
      ['warning', 'unknown-key', 1, 1, 1, 8, 'x-model', 'unknown key "x-model"'],
      ['warning', 'unknown-key', 3, 1, 3, 5, 'base', 'unknown key "base"'],
      ['warning', 'unknown-key', 9, 1, 9, 4, 'bad', 'unknown key "bad"'],
      [
        'error',
        'wrong-type',
        10,
        17,
        10,
        19,
        'max_concurrent',
        'max_concurrent: expected an integer >= 1, got the string "no"; using the default 3',
      ],
    ]);
  });

  it('decides legacy from the path unless told, and warns at the top of a flat legacy file', () => {
    assert.equal(isLegacyConfigPath(LEGACY), true);
    assert.equal(isLegacyConfigPath('C:\\repo\\spec\\executor.config.yaml'), true);
    assert.equal(isLegacyConfigPath('spec/executor.config.yaml'), true);
    assert.equal(isLegacyConfigPath(FILE), false);
    assert.equal(isLegacyConfigPath('/repo/myspec/executor.config.yaml'), false);

    const flat = parseConfigText('# old file\r\nmax_retries: 4\r\n', LEGACY);
    assert.equal(flat.source.legacy, true);
    assert.equal(flat.config.max_retries, 4);
    assert.deepEqual(flat.diagnostics.map((d) => [d.code, d.line, d.col, d.endLine, d.endCol]), [['legacy-config', 1, 1, 1, 11]]);

    const empty = parseConfigText('', LEGACY);
    assert.deepEqual(empty.diagnostics.map((d) => [d.code, d.line, d.col]), [['legacy-config', 1, 1]]);

    const forced = parseConfigText('executor:\n  max_retries: 4\n', '/tmp/x.yaml', { legacy: true });
    assert.deepEqual(forced.diagnostics.map((d) => [d.code, d.line, d.col, d.key]), [['legacy-config', 1, 1, 'executor']]);
    assert.equal(forced.config.max_retries, 4);
  });

  it('ignores and flags keys outside the executor: block', () => {
    const r = parseConfigText('executor:\n  max_retries: 4\nmax_concurrent: 1\nenvironment:\nfoo: 1\n', LEGACY);
    assert.equal(r.config.max_retries, 4);
    assert.equal(r.config.max_concurrent, 3);
    assert.deepEqual(r.diagnostics.map((d) => [d.severity, d.code, d.line, d.message]), [
      [
        'warning',
        'legacy-config',
        1,
        'spec/executor.config.yaml is deprecated: move these settings to spec-runner.config.yaml at the repository root, without the "executor:" wrapper',
      ],
      ['warning', 'misplaced-key', 3, '"max_concurrent" is outside the "executor:" block, so it is ignored; move it under "executor:"'],
      ['info', 'unused-key', 4, '"environment" is ignored: spec-runner reads only the "executor:" block'],
      ['warning', 'unknown-key', 5, 'unknown key "foo" outside the "executor:" block; it is ignored'],
    ]);
  });

  it('rejects an executor: block that is not a mapping', () => {
    const r = parseConfigText('executor: 5\n', FILE);
    assert.deepEqual(r.config, DEFAULT_CONFIG);
    assert.deepEqual(r.diagnostics.map((d) => [d.severity, d.code, d.line, d.col, d.message]), [
      [
        'info',
        'legacy-wrapper',
        1,
        1,
        'the "executor:" wrapper is the old layout; spec-runner.config.yaml can hold these settings at the top level',
      ],
      ['error', 'not-a-mapping', 1, 11, 'executor: expected a mapping of settings, got the number 5; using the defaults'],
    ]);
  });

  it('applies specPrefix when not empty', () => {
    assert.equal(parseConfigText('spec_prefix: a-\n', FILE, { specPrefix: 'b-' }).config.spec_prefix, 'b-');
    assert.equal(parseConfigText('spec_prefix: a-\n', FILE, { specPrefix: '' }).config.spec_prefix, 'a-');
  });

  it('turns a lone string into a list for harness_files and harness_allow only', () => {
    const r = parseConfigText('harness_files: package.json\nnotify_on: task_failed\n', FILE);
    assert.deepEqual(r.config.harness_files, ['package.json']);
    assert.deepEqual(r.config.notify_on, DEFAULT_CONFIG.notify_on);
    assert.deepEqual(r.diagnostics.map((d) => [d.code, d.line, d.col, d.message]), [
      [
        'wrong-type',
        2,
        12,
        'notify_on: expected a list of strings, got the string "task_failed"; using the default ["run_complete", "task_failed", "state_degraded"]',
      ],
    ]);
  });

  it('suggests a known value for a misspelt notification event', () => {
    const r = parseConfigText('notify_on: [task_faild]\n', FILE);
    assert.deepEqual(r.config.notify_on, ['task_faild']);
    assert.deepEqual(r.diagnostics.map((d) => [...brief(d), d.suggestion]), [
      [
        'warning',
        'unknown-value',
        1,
        13,
        1,
        23,
        'notify_on',
        'notify_on: unknown notification event "task_faild"; did you mean "task_failed"?',
        'task_failed',
      ],
    ]);
  });

  it('reads personas in both forms, skipping a role with no settings', () => {
    const r = parseConfigText(
      'personas:\n  architect:\n  reviewer: Be strict\n  implementer:\n    model: sonnet\n    focus: [tests]\n',
      FILE,
    );
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.config.personas, {
      reviewer: { system_prompt: 'Be strict', model: '', focus: [] },
      implementer: { system_prompt: '', model: 'sonnet', focus: ['tests'] },
    });
  });

  it('rejects a bad persona value and keeps the default personas', () => {
    const nested = parseConfigText('personas:\n  reviewer: Be strict\n  implementer:\n    focus: 3\n', FILE);
    assert.deepEqual(nested.config.personas, {});
    assert.deepEqual(nested.diagnostics.map((d) => [d.code, d.line, d.col, d.key, d.message]), [
      [
        'wrong-type',
        4,
        12,
        'personas',
        'personas: expected a mapping of roles to {system_prompt, model, focus} (or to a prompt string), got the number 3 for "personas.implementer.focus"; using the default {}',
      ],
    ]);
    const bad = parseConfigText('personas:\n  reviewer: 5\n', FILE);
    assert.deepEqual(bad.config.personas, {});
    assert.deepEqual(bad.diagnostics.map((d) => [d.line, d.col, d.key]), [[2, 13, 'personas']]);
  });

  it('reads spec_rules and reports a bad stage at its value', () => {
    const r = parseConfigText('spec_rules:\n  design: [Keep it short]\n  tasks: 3\n', FILE);
    assert.deepEqual(r.config.spec_rules, {});
    assert.deepEqual(r.diagnostics.map((d) => [d.line, d.col, d.message]), [
      [3, 10, 'spec_rules: expected a mapping of names to lists of strings, got the number 3 for "tasks"; using the default {}'],
    ]);
  });

  it('reports a mapping where a section expects one, and a section given a list', () => {
    const r = parseConfigText('hooks:\n  post_done: [run_tests]\nmax_retries: {a: 1}\n', FILE);
    assert.deepEqual(r.diagnostics.map((d) => [d.code, d.line, d.col, d.message]), [
      [
        'wrong-type',
        2,
        14,
        'hooks.post_done: expected a mapping with keys run_tests, run_lint, lint_blocking, auto_commit, run_review, review_parallel, review_roles, got a list; using the defaults',
      ],
      ['wrong-type', 3, 14, 'max_retries: expected an integer >= 1, got a mapping; using the default 3'],
    ]);
  });

  it('keeps CRLF positions on the right line and column', () => {
    const r = parseConfigText('claude_model: x\r\nmax_retries: "x"\r\n', FILE);
    assert.deepEqual(r.diagnostics.map((d) => [d.line, d.col, d.endLine, d.endCol]), [[2, 14, 2, 17]]);
  });

  it('names a missing key', () => {
    const r = parseConfigText(': 5\n', FILE);
    assert.deepEqual(r.diagnostics.map((d) => [d.code, d.line, d.col, d.message]), [
      ['unknown-key', 1, 1, 'a key is missing before ":"; the value is ignored'],
    ]);
  });

  it('never throws, whatever the text', () => {
    const inputs = [
      '{{{{',
      'a: &a [*a]\n',
      '*undefined\n',
      '!!binary xyz\n',
      'max_retries: !!binary aGVsbG8=\n',
      '? [a, b]\n: c\n',
      '- - - -\n',
      ':\n:\n',
      'executor:\n  executor:\n    executor: 1\n',
      '<<: *nope\n',
      'base: &b {max_retries: 2}\n<<: *b\n',
      '"\\u',
      '\u0000\u0001\u0002',
      `${'a:\n  '.repeat(40)}b: 1\n`,
      `x: [${'['.repeat(100)}`,
    ];
    for (const text of inputs) {
      const r = parseConfigText(text, FILE);
      assert.equal(typeof r.config.max_retries, 'number', JSON.stringify(text));
      for (const d of r.diagnostics) {
        assert.ok(d.line >= 1 && d.col >= 1 && d.endLine >= d.line, JSON.stringify(text));
      }
    }
  });

  it('applies a top-level merge of settings like PyYAML', () => {
    const r = parseConfigText('x-base: &b {max_retries: 2}\n<<: *b\n', FILE);
    assert.equal(r.config.max_retries, 2);
  });
});
