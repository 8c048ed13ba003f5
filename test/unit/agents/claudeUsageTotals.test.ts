// The claude parser's running usage total (kept as a sum, not re-added per message, since a flood
// of 100,000 messages made the old re-summing quadratic): repeated message ids replace, new ones add.
import assert from 'node:assert/strict';
import { ClaudeStreamParser } from '../../../src/core/agents/adapters/claudeStreamParser';
import type { AgentEvent } from '../../../src/core/agents/types';

function assistant(id: string | null, input: number, output: number, text = 'working'): string {
  const message = { ...(id === null ? {} : { id }), content: [{ type: 'text', text }], usage: { input_tokens: input, output_tokens: output, cache_read_input_tokens: 10 } };
  return JSON.stringify({ type: 'assistant', message });
}

function lastUsage(events: readonly AgentEvent[]): AgentEvent | undefined {
  return events.filter((e) => e.kind === 'usage').at(-1);
}

describe('claude stream parser: running usage totals', () => {
  it('replaces a repeated message id, adds new and anonymous messages, and reports the total on every message', () => {
    const parser = new ClaudeStreamParser();
    assert.deepEqual(lastUsage(parser.feed(assistant('m1', 5, 1), 'stdout')), { kind: 'usage', usage: { input: 5, output: 1, cacheRead: 10, cacheWrite: 0 }, cost: { kind: 'pending' } });
    // The same message's next content block repeats its usage, grown: it replaces.
    assert.deepEqual(lastUsage(parser.feed(assistant('m1', 5, 40), 'stdout')), { kind: 'usage', usage: { input: 5, output: 40, cacheRead: 10, cacheWrite: 0 }, cost: { kind: 'pending' } });
    assert.deepEqual(lastUsage(parser.feed(assistant('m2', 7, 3), 'stdout')), { kind: 'usage', usage: { input: 12, output: 43, cacheRead: 20, cacheWrite: 0 }, cost: { kind: 'pending' } });
    assert.deepEqual(lastUsage(parser.feed(assistant(null, 1, 1), 'stdout')), { kind: 'usage', usage: { input: 13, output: 44, cacheRead: 30, cacheWrite: 0 }, cost: { kind: 'pending' } });
    assert.deepEqual(lastUsage(parser.feed(assistant(null, 1, 1), 'stdout')), { kind: 'usage', usage: { input: 14, output: 45, cacheRead: 40, cacheWrite: 0 }, cost: { kind: 'pending' } });
    assert.deepEqual(parser.finish().usage, { input: 14, output: 45, cacheRead: 40, cacheWrite: 0 });
  });

  it('sums 20,000 messages exactly, each repeated once, with no result line', () => {
    const parser = new ClaudeStreamParser();
    for (let i = 0; i < 20_000; i++) {
      parser.feed(assistant(`msg_${i}`, 2, 1), 'stdout');
      parser.feed(assistant(`msg_${i}`, 3, 4), 'stdout');
    }
    const summary = parser.finish();
    assert.deepEqual(summary.usage, { input: 60_000, output: 80_000, cacheRead: 200_000, cacheWrite: 0 });
    assert.equal(summary.parsedLines, 40_000);
    assert.equal(summary.cost.kind, 'unpriced');
  });

  it('takes the result line over the running total, and reports no usage when no message carried any', () => {
    const parser = new ClaudeStreamParser();
    parser.feed(assistant('m1', 5, 1), 'stdout');
    parser.feed(JSON.stringify({ type: 'result', subtype: 'success', is_error: false, result: 'done', total_cost_usd: 0.5, usage: { input_tokens: 9, output_tokens: 9 } }), 'stdout');
    assert.deepEqual(parser.finish().usage, { input: 9, output: 9, cacheRead: 0, cacheWrite: 0 });
    const empty = new ClaudeStreamParser();
    empty.feed(JSON.stringify({ type: 'assistant', message: { id: 'm1', content: [{ type: 'text', text: 'hi' }] } }), 'stdout');
    assert.deepEqual(empty.finish().usage, { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 });
  });
});
