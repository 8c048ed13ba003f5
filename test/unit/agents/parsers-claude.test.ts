// The claude stream-json parser on recorded streams: events, summary, cost precedence, partial
// messages and malformed lines.
import assert from 'node:assert/strict';
import { claudeAdapter } from '../../../src/core/agents/adapters/claudeAdapter';
import { ClaudeStreamParser, claudeCost } from '../../../src/core/agents/adapters/claudeStreamParser';
import type { AgentRequest } from '../../../src/core/agents/types';
import { feedAll, sampleLines } from './parserHarness';

const REQ: AgentRequest = { command: 'claude', model: '', prompt: 'p', promptFile: '', cwd: '/work/repo', skipPermissions: false, template: '' };
const SESSION = '9f6c1f0e-4b1e-4c1e-9a55-2b2f2f0c0001';

describe('claude stream parser', () => {
  it('reads a recorded run: text, collapsed tools, results, running usage, the result line', () => {
    const { events, summary } = feedAll(claudeAdapter.parser(REQ), sampleLines('claude-stream.ndjson'));
    assert.deepEqual(events, [
      { kind: 'init', sessionId: SESSION, model: 'claude-sonnet-4-5-20250929' },
      { kind: 'text', text: "I'll read the README first." },
      { kind: 'usage', usage: { input: 4, output: 3, cacheRead: 11000, cacheWrite: 1200 }, cost: { kind: 'pending' } },
      { kind: 'tool', name: 'Read', summary: 'Read README.md', detail: '{"file_path":"/work/repo/README.md"}' },
      // The same message id again: its usage replaces, not adds.
      { kind: 'usage', usage: { input: 4, output: 60, cacheRead: 11000, cacheWrite: 1200 }, cost: { kind: 'pending' } },
      { kind: 'tool_result', summary: '1 # Demo …', isError: false },
      {
        kind: 'tool',
        name: 'Edit',
        summary: 'Edit src/app.ts',
        detail: '{"file_path":"/work/repo/src/app.ts","old_string":"i <= n","new_string":"i < n"}',
      },
      { kind: 'usage', usage: { input: 10, output: 180, cacheRead: 23200, cacheWrite: 1500 }, cost: { kind: 'pending' } },
      { kind: 'tool_result', summary: 'The file /work/repo/src/app.ts has been updated.', isError: false },
      { kind: 'tool', name: 'Bash', summary: 'Bash npm test', detail: '{"command":"npm test","description":"Run the tests"}' },
      { kind: 'usage', usage: { input: 12, output: 220, cacheRead: 35700, cacheWrite: 1650 }, cost: { kind: 'pending' } },
      { kind: 'tool_result', summary: 'Error: 1 test failed …', isError: true },
      { kind: 'text', text: 'The remaining failure is a stale snapshot; updated it.\nTASK_COMPLETE' },
      { kind: 'usage', usage: { input: 15, output: 245, cacheRead: 48500, cacheWrite: 1650 }, cost: { kind: 'pending' } },
      { kind: 'usage', usage: { input: 15, output: 245, cacheRead: 48500, cacheWrite: 1650 }, cost: { kind: 'usd', usd: 0.08412 } },
    ]);
    assert.deepEqual(summary, {
      finalText: 'The remaining failure is a stale snapshot; updated it.\nTASK_COMPLETE',
      allText: "I'll read the README first.\nThe remaining failure is a stale snapshot; updated it.\nTASK_COMPLETE",
      usage: { input: 15, output: 245, cacheRead: 48500, cacheWrite: 1650 },
      cost: { kind: 'usd', usd: 0.08412 },
      sessionId: SESSION,
      parsedLines: 10,
      unparsedLines: 0,
    });
  });

  it('tolerates --include-partial-messages deltas and reads the older cost_usd', () => {
    const { events, summary } = feedAll(new ClaudeStreamParser(), sampleLines('claude-partial-legacy-cost.ndjson'));
    assert.deepEqual(events, [
      { kind: 'init', sessionId: '0a1b2c3d-0000-4000-8000-000000000002', model: 'claude-3-7-sonnet-20250219' },
      // Deltas are not shown twice: the text comes once, from the whole assistant message.
      { kind: 'text', text: 'TASK_BLOCKED: needs the API key' },
      { kind: 'usage', usage: { input: 900, output: 12, cacheRead: 0, cacheWrite: 0 }, cost: { kind: 'pending' } },
      { kind: 'usage', usage: { input: 900, output: 12, cacheRead: 0, cacheWrite: 0 }, cost: { kind: 'usd', usd: 0.0029 } },
    ]);
    assert.equal(summary.finalText, 'TASK_BLOCKED: needs the API key');
    assert.deepEqual(summary.cost, { kind: 'usd', usd: 0.0029 });
    assert.equal(summary.parsedLines, 9);
    assert.equal(summary.unparsedLines, 0);
  });

  it('counts malformed lines as raw, reports an error result, and prefers total_cost_usd', () => {
    const { events, summary } = feedAll(new ClaudeStreamParser('/work/repo'), sampleLines('claude-max-turns-malformed.ndjson'), ['warning: slow network']);
    assert.deepEqual(events, [
      { kind: 'init', sessionId: '77777777-0000-4000-8000-000000000003', model: 'claude-sonnet-4-5-20250929' },
      { kind: 'tool', name: 'Grep', summary: 'Grep TODO', detail: '{"pattern":"TODO","path":"/work/repo/src"}' },
      { kind: 'usage', usage: { input: 10, output: 8, cacheRead: 0, cacheWrite: 0 }, cost: { kind: 'pending' } },
      { kind: 'raw', stream: 'stdout', line: 'this is not json' },
      { kind: 'raw', stream: 'stdout', line: '{"type":"user","message":' },
      { kind: 'raw', stream: 'stdout', line: '[1,2,3]' },
      { kind: 'raw', stream: 'stdout', line: '{"no_type":true}' },
      { kind: 'usage', usage: { input: 10, output: 8, cacheRead: 0, cacheWrite: 0 }, cost: { kind: 'usd', usd: 0.5 } },
      { kind: 'error', message: 'error_max_turns' },
      { kind: 'raw', stream: 'stderr', line: 'warning: slow network' },
    ]);
    assert.deepEqual(summary, {
      finalText: '',
      allText: '',
      usage: { input: 10, output: 8, cacheRead: 0, cacheWrite: 0 },
      cost: { kind: 'usd', usd: 0.5 },
      sessionId: '77777777-0000-4000-8000-000000000003',
      reportedError: 'error_max_turns',
      parsedLines: 3,
      unparsedLines: 4,
    });
  });

  it('takes the cost from total_cost_usd, else cost_usd, else says unpriced', () => {
    assert.deepEqual(claudeCost({ total_cost_usd: 0.2, cost_usd: 0.1 }), { kind: 'usd', usd: 0.2 });
    assert.deepEqual(claudeCost({ cost_usd: 0.1 }), { kind: 'usd', usd: 0.1 });
    assert.deepEqual(claudeCost({ total_cost_usd: 0 }), { kind: 'usd', usd: 0 });
    assert.deepEqual(claudeCost({ total_cost_usd: '0.3' }), { kind: 'unpriced' });
    assert.deepEqual(claudeCost({}), { kind: 'unpriced' });
  });

  it('reports an is_error result by its text, and a run cut before the result by what it saw', () => {
    const errored = feedAll(new ClaudeStreamParser(), [
      '{"type":"result","subtype":"success","is_error":true,"result":"API Error: 529 Overloaded","total_cost_usd":0}',
    ]);
    assert.deepEqual(errored.events, [
      { kind: 'usage', usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, cost: { kind: 'usd', usd: 0 } },
      { kind: 'error', message: 'API Error: 529 Overloaded' },
    ]);
    assert.equal(errored.summary.reportedError, 'API Error: 529 Overloaded');

    const cut = feedAll(new ClaudeStreamParser(), [
      '{"type":"assistant","message":{"id":"m1","content":[{"type":"text","text":"Working on it"}],"usage":{"input_tokens":7,"output_tokens":2}}}',
      '{"type":"assistant","message":{"id":"m2","content":[{"type":"text","text":"TASK_COMPLETE"}],"usage":{"input_tokens":3,"output_tokens":1}}}',
    ]);
    assert.deepEqual(cut.summary, {
      finalText: 'TASK_COMPLETE',
      allText: 'Working on it\nTASK_COMPLETE',
      usage: { input: 10, output: 3, cacheRead: 0, cacheWrite: 0 },
      cost: { kind: 'unpriced' },
      parsedLines: 2,
      unparsedLines: 0,
    });
  });

  it('never throws on hostile input', () => {
    const parser = new ClaudeStreamParser();
    for (const line of ['{"type":"assistant","message":null}', '{"type":"assistant","message":{"content":"str"}}', '{"type":"user","message":{"content":[null,1,"x"]}}', '{"type":"result","usage":[],"result":5}', '{"type":1}', '\r', '{}']) {
      parser.feed(line, 'stdout');
    }
    const s = parser.finish();
    assert.equal(s.parsedLines, 4);
    assert.equal(s.unparsedLines, 2);
    assert.equal(s.finalText, '');
  });
});
