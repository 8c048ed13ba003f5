// How the run panel words its header: cost is a price, `unpriced` or a dash, never $0 for an
// unknown price; tokens and durations are short; the stepper knows which stages are behind.
import assert from 'node:assert/strict';
import {
  attemptText, canStop, compact, costText, durationText, RUN_STAGES, stageState, tokensText, tokensTooltip,
} from '../../../webview/run/runLook';
import { STAGES } from '../../../src/core/executor/runEvents';

describe('run panel wording', () => {
  it('cost: dollars, unpriced (never $0), a dash before any report; a true zero stays $0.00', () => {
    assert.equal(costText(null), '—');
    assert.equal(costText({ kind: 'unpriced' }), 'unpriced');
    assert.equal(costText({ kind: 'usd', usd: 0 }), '$0.00');
    assert.equal(costText({ kind: 'usd', usd: 0.0031 }), '$0.0031');
    assert.equal(costText({ kind: 'usd', usd: 0.426 }), '$0.43');
    assert.equal(costText({ kind: 'usd', usd: 12 }), '$12.00');
  });

  it('tokens and durations', () => {
    assert.equal(tokensText(null), '—');
    assert.equal(tokensText({ input: 12_345, output: 999, cacheRead: 5, cacheWrite: 0 }), '12.3k in · 999 out');
    assert.equal(tokensTooltip({ input: 12_345, output: 999, cacheRead: 5, cacheWrite: 0 }), 'Input 12,345, output 999, cache read 5, cache write 0 tokens');
    assert.deepEqual([compact(1_000), compact(2_500_000), compact(10_000_000)], ['1k', '2.5M', '10M']);
    assert.deepEqual([durationText(850), durationText(3_200), durationText(60_000), durationText(125_000)], ['850 ms', '3.2 s', '1 min', '2 min 5 s']);
  });

  it('attempts and the Stop button', () => {
    assert.deepEqual([attemptText(0, 3), attemptText(2, 3), attemptText(1, 0)], ['No attempt yet', 'Attempt 2/3', 'Attempt 1']);
    assert.deepEqual((['none', 'running', 'retrying', 'done', 'stopped', 'awaiting_approval'] as const).map(canStop), [false, true, true, false, false, false]);
  });

  it('the stepper has the core\'s stages in the core\'s order', () => {
    assert.deepEqual(RUN_STAGES, STAGES);
    assert.deepEqual(RUN_STAGES.map((s) => stageState(s, 'gates')), ['done', 'done', 'current', 'todo', 'todo', 'todo', 'todo', 'todo']);
    assert.deepEqual(RUN_STAGES.map((s) => stageState(s, null)).every((s) => s === 'todo'), true);
  });
});
