// How the front ends show a review: the CLI printer's one line per reviewer (findings under a
// failing one), and the run panel's state keeping each attempt's verdicts (findings as text).
import { strict as assert } from 'node:assert';
import { runPrinter } from '../../../src/cli/render/runPrinter';
import { style } from '../../../src/cli/io';
import type { RunEvent } from '../../../src/core/executor/runEvents';
import type { ReviewVerdict } from '../../../src/core/agents/markers';
import type { ReviewRole } from '../../../src/core/review/reviewRoles';
import { RunState } from '../../../src/extension/runState';

const RUN = 'run-1';
const TASK = 'TASK-003';

function review(role: ReviewRole, state: 'started' | 'finished', verdict: ReviewVerdict | null = null, findings = '', costUsd: number | null = null, attempt = 1): RunEvent {
  return { kind: 'review', runId: RUN, taskId: TASK, attempt, role, state, verdict, findings, costUsd };
}

describe('review events in the front ends', () => {
  it('the CLI prints one line per finished reviewer, the findings of a failing one under it', () => {
    const lines: string[] = [];
    const print = runPrinter({ write: (l) => lines.push(l), st: style(false), level: 'info', json: false });
    print(review('quality', 'started'));
    print(review('quality', 'finished', 'passed', 'Looks right.\nREVIEW_PASSED', 0.0123));
    print(review('testing', 'finished', 'failed', '- no test for 400\n- `short` unchecked\nREVIEW_FAILED: untested', null));
    print(review('docs', 'finished', null, 'the docs reviewer gave no answer (the agent exited with code 1)', 0));
    print(review('simplification', 'finished', 'fixed', '- inlined a helper\nREVIEW_FIXED: inlined it', 0.5));
    assert.deepEqual(lines, [
      '  ✓ review quality: REVIEW_PASSED $0.0123',
      '  ✗ review testing: REVIEW_FAILED — 2 findings',
      '    - no test for 400',
      '    - `short` unchecked',
      '    REVIEW_FAILED: untested',
      '  ✗ review docs: no verdict $0.0000',
      '    the docs reviewer gave no answer (the agent exited with code 1)',
      '  ✓ review simplification: REVIEW_FIXED — 1 finding $0.5000',
    ]);
  });

  it('the run panel state keeps every attempt\'s verdicts, a reviewer replaced when it finishes, and adds a row per verdict', () => {
    const s = new RunState(TASK, 'POST /links endpoint', { maxItems: 100, maxLineChars: 200, maxDetailChars: 30 }, { now: () => 0, logFileFor: () => null });
    s.apply({ kind: 'task_started', runId: RUN, taskId: TASK, title: 'POST /links endpoint', branch: null, maxAttempts: 2 });
    assert.deepEqual(s.apply(review('quality', 'started')), { headerChanged: true, appended: 0, reset: false });
    assert.deepEqual(s.reviewVerdicts(), [{ attempt: 1, role: 'quality', state: 'running', verdict: null, findings: '', costUsd: null }]);
    assert.deepEqual(s.apply(review('quality', 'finished', 'failed', '- <img src=x onerror=alert(1)> is shown as text\nREVIEW_FAILED: x', 0.01)), {
      headerChanged: true,
      appended: 1,
      reset: false,
    });
    s.apply(review('quality', 'finished', 'passed', 'ok\nREVIEW_PASSED', 0.02, 2));
    assert.deepEqual(s.reviewVerdicts(), [
      { attempt: 1, role: 'quality', state: 'finished', verdict: 'failed', findings: '- <img src=x onerror=alert(1)> … (34 more characters in the full log)', costUsd: 0.01 },
      { attempt: 2, role: 'quality', state: 'finished', verdict: 'passed', findings: 'ok\nREVIEW_PASSED', costUsd: 0.02 },
    ]);
    assert.deepEqual(s.itemsFrom().slice(-2), [
      { kind: 'marker', label: 'Review quality: REVIEW_FAILED — 1 finding', tone: 'error' },
      { kind: 'marker', label: 'Review quality: REVIEW_PASSED', tone: 'success' },
    ]);
    // A new run of the task starts afresh.
    s.apply({ kind: 'task_started', runId: 'run-2', taskId: TASK, title: 'POST /links endpoint', branch: null, maxAttempts: 2 });
    assert.deepEqual(s.reviewVerdicts(), []);
  });
});
