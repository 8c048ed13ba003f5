// The implement prompt, snapshot-tested on the demo workspace (spec-runner) and a Kiro fixture:
// task text, traced requirement and design text, constitution, persona, error context, contract.
// UPDATE_SNAPSHOTS=1 rewrites the snapshots; review the diff before committing it.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPrompt, COMPLETION_CONTRACT } from '../../../src/core/executor/prompt';
import { openTaskFile } from '../../../src/core/project/openTaskFile';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const SNAPSHOTS = join(__dirname, 'snapshots');

function matchSnapshot(name: string, actual: string): void {
  const file = join(SNAPSHOTS, name);
  if (process.env['UPDATE_SNAPSHOTS'] === '1' || !existsSync(file)) writeFileSync(file, actual);
  assert.equal(actual, readFileSync(file, 'utf8'), `snapshot ${name} differs (UPDATE_SNAPSHOTS=1 to accept)`);
}

function open(dir: string) {
  const r = openTaskFile({ cwd: dir });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('implement prompt', () => {
  it('holds the task, its traced requirement and design text, the gates and the contract (demo workspace)', () => {
    const opened = open(join(FIXTURES, 'demo'));
    const task = opened.analysis.spec.tasks.find((t) => t.traces.length > 1) ?? opened.analysis.spec.tasks[0]!;
    const prompt = buildPrompt({
      analysis: opened.analysis,
      task,
      attempt: 1,
      maxAttempts: 3,
      errorContext: '',
      constitution: null,
      persona: null,
      gates: [{ name: 'test', command: 'npm test' }],
      tasksFileLabel: 'spec/tasks.md',
    });
    matchSnapshot('demo-first-attempt.md', prompt);
    assert.ok(prompt.startsWith(`# Task ${task.id}: ${task.title}\n`));
    assert.ok(prompt.endsWith(`${COMPLETION_CONTRACT}\n`));
    for (const ref of task.traces.flatMap((r) => r.ids)) assert.ok(prompt.includes(`### ${ref} (`), `traced ${ref} is quoted`);
  });

  it('adds the persona, the constitution and the previous error as fenced data on a retry', () => {
    const opened = open(join(FIXTURES, 'demo'));
    const task = opened.analysis.spec.tasks[1]!;
    const prompt = buildPrompt({
      analysis: opened.analysis,
      task,
      attempt: 2,
      maxAttempts: 3,
      errorContext: 'The previous attempt reported TASK_FAILED: tests fail\n```text\nAssertionError\n```',
      constitution: '1. Never disable a test.\n2. No new dependencies without a reason.',
      persona: { system_prompt: 'You are a careful senior engineer.', model: '', focus: ['small diffs', 'tests first'] },
      gates: [],
      tasksFileLabel: 'spec/tasks.md',
    });
    matchSnapshot('demo-retry.md', prompt);
    assert.ok(prompt.startsWith('You are a careful senior engineer.\n\n# Task '));
    assert.ok(prompt.includes('## Constitution (inviolable project rules)\n\n```text\n1. Never disable a test.'));
    assert.ok(prompt.includes('- Attempt 2 of 3'));
  });

  it('quotes Kiro requirement text for criterion references', () => {
    const dir = join(FIXTURES, 'kiro');
    const candidates = openTaskFile({ cwd: dir, file: join(dir, '.kiro', 'specs', 'sessions', 'tasks.md') });
    if (!candidates.ok) return assert.fail(candidates.error);
    const task = candidates.value.analysis.spec.tasks.find((t) => t.traces.length > 0);
    assert.ok(task, 'a Kiro task with requirements');
    const prompt = buildPrompt({
      analysis: candidates.value.analysis,
      task,
      attempt: 1,
      maxAttempts: 1,
      errorContext: '',
      constitution: null,
      persona: null,
      gates: [],
      tasksFileLabel: '.kiro/specs/sessions/tasks.md',
    });
    matchSnapshot('kiro-criteria.md', prompt);
    assert.ok(prompt.includes('## Requirements and design this task traces to'));
  });
});
