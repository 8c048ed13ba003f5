// The codex exec --json parser on recorded streams: items as tools, usage priced by the model in
// the price table (unpriced when the model is unknown or empty), failures.
import assert from 'node:assert/strict';
import { createCodexAdapter } from '../../../src/core/agents/adapters/codexAdapter';
import { CodexStreamParser, codexUsage, unwrapShell } from '../../../src/core/agents/adapters/codexStreamParser';
import { withPrices } from '../../../src/core/agents/priceTable';
import type { AgentRequest } from '../../../src/core/agents/types';
import { feedAll, sampleLines } from './parserHarness';

const req = (model: string): AgentRequest => ({ command: 'codex', model, prompt: 'p', promptFile: '', cwd: '/work/repo', skipPermissions: false, template: '' });
const USAGE = { input: 315, output: 122, cacheRead: 24448, cacheWrite: 0 };

describe('codex stream parser', () => {
  it('reads a recorded exec run and prices it by the requested model', () => {
    const { events, summary } = feedAll(createCodexAdapter().parser(req('gpt-5')), sampleLines('codex-exec.jsonl'));
    // (315 x 1.25 + 24448 x 0.125 + 122 x 10) / 1e6
    const cost = { kind: 'usd', usd: 0.00466975 } as const;
    assert.deepEqual(events, [
      { kind: 'init', sessionId: '0199a213-81c0-7800-8aa1-bbab2a035a53' },
      { kind: 'tool', name: 'Bash', summary: 'Bash npm test', detail: "bash -lc 'npm test'" },
      { kind: 'tool_result', summary: 'exit 1: > demo@1.0.0 test …', isError: true },
      {
        kind: 'tool',
        name: 'Edit',
        summary: 'Edit src/app.ts (+1 more)',
        detail: '[{"path":"/work/repo/src/app.ts","kind":"update"},{"path":"/work/repo/test/app.test.ts","kind":"add"}]',
      },
      { kind: 'tool_result', summary: 'patch applied', isError: false },
      { kind: 'tool', name: 'docs.search', summary: 'docs.search mocha snapshot', detail: '{"query":"mocha snapshot"}' },
      { kind: 'tool_result', summary: 'Snapshots live in __snapshots__', isError: false },
      { kind: 'text', text: 'Fixed the off-by-one in src/app.ts and added a test.\nTASK_COMPLETE' },
      { kind: 'usage', usage: USAGE, cost },
    ]);
    assert.deepEqual(summary, {
      finalText: 'Fixed the off-by-one in src/app.ts and added a test.\nTASK_COMPLETE',
      allText: 'Fixed the off-by-one in src/app.ts and added a test.\nTASK_COMPLETE',
      usage: USAGE,
      cost,
      sessionId: '0199a213-81c0-7800-8aa1-bbab2a035a53',
      parsedLines: 11,
      unparsedLines: 0,
    });
  });

  it('says unpriced, never $0, for the default (empty) model and for a model the table lacks', () => {
    for (const model of ['', 'gpt-7-turbo', 'gpt-5.3-codex']) {
      const { events, summary } = feedAll(createCodexAdapter().parser(req(model)), sampleLines('codex-exec.jsonl'));
      assert.deepEqual(summary.cost, { kind: 'unpriced' }, model);
      assert.deepEqual(summary.usage, USAGE);
      assert.deepEqual(events[events.length - 1], { kind: 'usage', usage: USAGE, cost: { kind: 'unpriced' } });
    }
    // A parser made without a request cannot know the model either.
    assert.deepEqual(feedAll(createCodexAdapter().parser(), sampleLines('codex-exec.jsonl')).summary.cost, { kind: 'unpriced' });
  });

  it('prices with the configured table, a dated snapshot by its prefix', () => {
    const prices = withPrices({ 'my-proxy-model': { input: 2, cachedInput: 1, output: 4 } });
    const custom = feedAll(createCodexAdapter(prices).parser(req('my-proxy-model')), sampleLines('codex-exec.jsonl'));
    // (315 x 2 + 24448 x 1 + 122 x 4) / 1e6
    assert.deepEqual(custom.summary.cost, { kind: 'usd', usd: 0.025566 });
    const dated = feedAll(createCodexAdapter().parser(req('gpt-4.1-2025-04-14')), sampleLines('codex-exec.jsonl'));
    // (315 x 2 + 24448 x 0.5 + 122 x 8) / 1e6
    assert.deepEqual(dated.summary.cost, { kind: 'usd', usd: 0.01383 });
  });

  it('reports a failed turn; a retried stream error alone is superseded by a completed turn', () => {
    const failed = feedAll(new CodexStreamParser(''), sampleLines('codex-failed.jsonl'));
    assert.deepEqual(failed.events, [
      { kind: 'init', sessionId: '0199a213-0000-7000-8000-00000000fail' },
      { kind: 'error', message: 'Reconnecting... 1/5' },
      { kind: 'error', message: 'model refused the patch' },
      { kind: 'error', message: 'stream disconnected before completion' },
    ]);
    assert.equal(failed.summary.reportedError, 'stream disconnected before completion');
    assert.deepEqual(failed.summary.cost, { kind: 'unpriced' });

    const recovered = feedAll(new CodexStreamParser('o4-mini'), [
      '{"type":"error","message":"Reconnecting... 1/5"}',
      '{"type":"item.completed","item":{"id":"i","type":"agent_message","text":"TASK_COMPLETE"}}',
      '{"type":"turn.completed","usage":{"input_tokens":100,"cached_input_tokens":0,"output_tokens":10}}',
    ]);
    assert.equal(recovered.summary.reportedError, undefined);
    // (100 x 1.1 + 10 x 4.4) / 1e6
    assert.deepEqual(recovered.summary.cost, { kind: 'usd', usd: 0.000154 });

    const stuck = feedAll(new CodexStreamParser(''), ['{"type":"error","message":"unexpected status 401"}']);
    assert.equal(stuck.summary.reportedError, 'unexpected status 401');
  });

  it('sums usage over turns and keeps cached tokens out of input', () => {
    assert.deepEqual(codexUsage({ input_tokens: 50, cached_input_tokens: 80, output_tokens: -3 }), { input: 0, output: 0, cacheRead: 50, cacheWrite: 0 });
    const two = feedAll(new CodexStreamParser('gpt-5'), [
      '{"type":"turn.completed","usage":{"input_tokens":1000,"cached_input_tokens":200,"output_tokens":100}}',
      '{"type":"turn.completed","usage":{"input_tokens":500,"cached_input_tokens":0,"output_tokens":50}}',
      'Reading prompt from stdin...',
    ]);
    assert.deepEqual(two.summary.usage, { input: 1300, output: 150, cacheRead: 200, cacheWrite: 0 });
    assert.equal(two.summary.unparsedLines, 1);
    assert.deepEqual(two.events[2], { kind: 'raw', stream: 'stdout', line: 'Reading prompt from stdin...' });
  });

  it('shows a shell-wrapped command as the command itself', () => {
    assert.equal(unwrapShell("bash -lc 'npm test -- --grep \"x\"'"), 'npm test -- --grep "x"');
    assert.equal(unwrapShell('/bin/zsh -c "ls -la"'), 'ls -la');
    assert.equal(unwrapShell('npm test'), 'npm test');
  });
});
