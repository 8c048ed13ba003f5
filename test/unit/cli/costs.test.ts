// `specpilot costs` counts what the AI reviewers cost: in each task's cost and the total, with the
// reviewers' part on its own line, and an unpriced reviewer marks its task +? (real run, real git,
// real fake-agent processes).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FAKE_BIN, makeDemoRepo, testConfig, type DemoRepo } from '../executor/demoRepo';
import { run } from './cliHarness';

describe('cli: costs with reviewers', function () {
  this.timeout(90_000);
  let repo: DemoRepo;
  afterEach(() => repo?.cleanup());

  const claude = `claude_command: ${JSON.stringify(join(FAKE_BIN, 'claude'))}`;
  const implement = [{ say: 'done it' }, { cost: { usd: 0.5, input: 10, output: 5 } }, { marker: 'TASK_COMPLETE' }];

  it('shows the reviewers as their own line, counted in the task and the total', async () => {
    repo = makeDemoRepo(testConfig({ review: { roles: ['quality', 'testing'] }, extra: claude }));
    const script = repo.script('priced', {
      byPrompt: [
        { contains: 'Specpilot review: quality', steps: [{ cost: { usd: 0.125 } }, { marker: 'REVIEW_PASSED' }] },
        { contains: 'Specpilot review: testing', steps: [{ cost: { usd: 0.0625 } }, { marker: 'REVIEW_PASSED' }] },
      ],
      steps: implement,
    });
    const r = await run(['run', '--task', 'TASK-003', '-C', repo.dir], { ...process.env, SPECPILOT_FAKE_SCRIPT: script });
    assert.equal(r.code, 0, r.stderr);
    const json = await run(['costs', '--json', '-C', repo.dir]);
    assert.deepEqual(JSON.parse(json.stdout), {
      tasks: [{ taskId: 'TASK-003', costUsd: 0.6875, unpriced: false, attempts: 1, reviews: 2, reviewCostUsd: 0.1875, reviewUnpriced: false }],
      totalUsd: 0.6875,
      unpriced: false,
      unpricedTasks: 0,
    });
    const text = await run(['costs', '-C', repo.dir]);
    assert.equal(
      text.stdout,
      [
        'task             cost  attempts  title',
        'TASK-003      $0.6875         1  POST /links endpoint',
        '  reviews     $0.1875            2 reviewer runs (in the cost above)',
        'total         $0.6875',
        '',
      ].join('\n'),
    );
    const status = await run(['status', '-C', repo.dir]);
    assert.match(status.stdout, / · \$0\.6875$/m);
    assert.match(status.stdout, /done · 1 attempt · \$0\.6875 · /);
  });

  it('an unpriced reviewer marks the task +? and the total a lower bound', async () => {
    // The codex fake reports tokens without a price; its model is in no price table.
    repo = makeDemoRepo(testConfig({ review: { roles: ['quality'] }, extra: `${claude}\nreview_command: ${JSON.stringify(join(FAKE_BIN, 'codex'))}\nreview_model: no-such-model` }));
    const script = repo.script('unpriced', {
      byPrompt: [{ contains: 'Specpilot review:', steps: [{ say: '- fine' }, { cost: { input: 100, output: 20 } }, { marker: 'REVIEW_PASSED' }] }],
      steps: implement,
    });
    const r = await run(['run', '--task', 'TASK-003', '-C', repo.dir], { ...process.env, SPECPILOT_FAKE_SCRIPT: script });
    assert.equal(r.code, 0, r.stderr);
    const text = await run(['costs', '-C', repo.dir]);
    assert.equal(
      text.stdout,
      [
        'task             cost  attempts  title',
        'TASK-003    $0.5000+?         1  POST /links endpoint',
        '  reviews   $0.0000+?            1 reviewer run (in the cost above)',
        'total         $0.5000',
        '+? : 1 task has unpriced attempts or reviewers (tokens without a known price); the total is a lower bound',
        '',
      ].join('\n'),
    );
    const status = await run(['status', '-C', repo.dir]);
    assert.match(status.stdout, / · \$0\.5000 \+ unpriced$/m);
  });
});
