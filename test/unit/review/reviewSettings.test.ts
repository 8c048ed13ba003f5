// Who reviews: roles from review_roles (known ones, each once, in order), personas overriding the
// built-in roles field by field, and the review agent from review_command / review_model /
// review_command_template over the implementer's.
import { strict as assert } from 'node:assert';
import { parseConfigText as parseConfig } from '../../../src/core/config';
import { resolveRunSettings } from '../../../src/core/executor/runSettings';
import { REVIEW_ROLES, reviewerPersona } from '../../../src/core/review/reviewRoles';

function settings(yaml: string, overrides = {}) {
  const loaded = parseConfig(yaml, 'spec-runner.config.yaml');
  const r = resolveRunSettings(loaded.config, overrides);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('review settings', () => {
  it('defaults: review on, quality, implementation and testing in series with the implementer\'s agent', () => {
    const s = settings('');
    assert.equal(s.task.review, true);
    assert.equal(s.review.parallel, false);
    assert.deepEqual(s.review.roles.map((r) => r.role), ['quality', 'implementation', 'testing']);
    assert.equal(s.review.agent.adapter, s.agent.adapter);
    assert.equal(s.review.agent.command, 'claude');
    assert.equal(s.review.agent.timeoutMs, 15 * 60_000);
    assert.equal(s.review.roles[0]!.persona, REVIEW_ROLES.quality.persona);
    assert.deepEqual(s.review.roles[0]!.focus, REVIEW_ROLES.quality.focus);
  });

  it('run_review: false, --no-review and an empty role list turn review off', () => {
    assert.equal(settings('hooks:\n  post_done:\n    run_review: false\n').task.review, false);
    assert.equal(settings('', { noReview: true }).task.review, false);
    assert.equal(settings('hooks:\n  post_done:\n    review_roles: []\n').task.review, false);
  });

  it('review_roles keeps known roles once, in the config\'s order; review_parallel is read', () => {
    const s = settings('hooks:\n  post_done:\n    review_parallel: true\n    review_roles: [docs, nonsense, quality, docs]\n');
    assert.deepEqual(s.review.roles.map((r) => r.role), ['docs', 'quality']);
    assert.equal(s.review.parallel, true);
  });

  it('review_command runs another CLI, detected on its own; review_model and a persona\'s model pick the model', () => {
    const s = settings(
      [
        'claude_command: claude',
        'claude_model: sonnet',
        'command_template: "{cmd} -p {prompt}"',
        'review_command: /opt/bin/codex',
        'review_model: gpt-5-codex',
        'personas:',
        '  testing:',
        '    model: gpt-5',
        'hooks:',
        '  post_done:',
        '    review_roles: [quality, testing]',
      ].join('\n'),
    );
    assert.equal(s.agent.adapter.kind, 'custom');
    assert.equal(s.review.agent.adapter.kind, 'codex');
    assert.equal(s.review.agent.template, '');
    assert.deepEqual(s.review.roles.map((r) => [r.role, r.agent.command, r.agent.model]), [
      ['quality', '/opt/bin/codex', 'gpt-5-codex'],
      ['testing', '/opt/bin/codex', 'gpt-5'],
    ]);
  });

  it('without review_command the reviewers follow the implementer, CLI overrides included', () => {
    const s = settings('claude_model: sonnet\n', { command: '/x/bin/opencode', model: 'anthropic/opus', env: { A: '1' } });
    assert.equal(s.review.agent.command, '/x/bin/opencode');
    assert.equal(s.review.agent.adapter.kind, 'opencode');
    assert.equal(s.review.agent.model, 'anthropic/opus');
    assert.deepEqual(s.review.agent.env, { A: '1' });
  });

  it('an unknown review_command is an error only when review runs', () => {
    const loaded = parseConfig('review_command: ./mystery\n', 'spec-runner.config.yaml');
    const on = resolveRunSettings(loaded.config);
    assert.equal(on.ok, false);
    if (!on.ok) assert.match(on.error, /^review_command: Unknown agent command "\.\/mystery"/);
    assert.equal(resolveRunSettings(loaded.config, { noReview: true }).ok, true);
  });

  it('personas.<role> then personas.reviewer then the built-in role, field by field', () => {
    const personas = {
      reviewer: { system_prompt: 'You are our house reviewer.', model: 'opus', focus: ['house style'] },
      testing: { system_prompt: '', model: 'haiku', focus: [] },
    };
    assert.deepEqual(reviewerPersona('testing', personas), { persona: 'You are our house reviewer.', focus: ['house style'], model: 'haiku' });
    assert.deepEqual(reviewerPersona('docs', {}), { persona: REVIEW_ROLES.docs.persona, focus: REVIEW_ROLES.docs.focus, model: '' });
    assert.deepEqual(reviewerPersona('quality', { quality: { system_prompt: 'Q.', model: '', focus: ['x'] } }), { persona: 'Q.', focus: ['x'], model: '' });
  });
});
