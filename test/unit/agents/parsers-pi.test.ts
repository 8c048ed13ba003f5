// The pi --mode json parser on recorded streams: assistant messages read at message_end only,
// usage and cost summed per message (not again from updates, turn_end or agent_end).
import assert from 'node:assert/strict';
import { piAdapter } from '../../../src/core/agents/adapters/piAdapter';
import { PiStreamParser } from '../../../src/core/agents/adapters/piStreamParser';
import type { AgentRequest } from '../../../src/core/agents/types';
import { feedAll, sampleLines } from './parserHarness';

const REQ: AgentRequest = { command: 'pi', model: '', prompt: 'p', promptFile: '', cwd: '/work/repo', skipPermissions: false, template: '' };

describe('pi stream parser', () => {
  it('reads a recorded run without double counting updates and turn ends', () => {
    const { events, summary } = feedAll(piAdapter.parser(REQ), sampleLines('pi-json.ndjson'));
    assert.deepEqual(events, [
      { kind: 'init', sessionId: '5d6f7a8b-1111-4222-8333-944455556666' },
      { kind: 'text', text: "I'll run the tests." },
      { kind: 'tool', name: 'bash', summary: 'Bash npm test', detail: '{"command":"npm test"}' },
      { kind: 'usage', usage: { input: 1200, output: 45, cacheRead: 0, cacheWrite: 800 }, cost: { kind: 'usd', usd: 0.007275 } },
      { kind: 'tool_result', summary: '3 passing …', isError: false },
      { kind: 'text', text: 'All tests pass after the fix.\nTASK_COMPLETE' },
      { kind: 'usage', usage: { input: 1260, output: 65, cacheRead: 2000, cacheWrite: 800 }, cost: { kind: 'usd', usd: 0.008355 } },
    ]);
    assert.deepEqual(summary, {
      finalText: 'All tests pass after the fix.\nTASK_COMPLETE',
      allText: "I'll run the tests.\nAll tests pass after the fix.\nTASK_COMPLETE",
      usage: { input: 1260, output: 65, cacheRead: 2000, cacheWrite: 800 },
      cost: { kind: 'usd', usd: 0.008355 },
      sessionId: '5d6f7a8b-1111-4222-8333-944455556666',
      parsedLines: 18,
      unparsedLines: 0,
    });
  });

  it('forgets an error pi retried successfully and reports an abort', () => {
    const { events, summary } = feedAll(new PiStreamParser(), sampleLines('pi-retry-abort.ndjson'));
    assert.deepEqual(events, [
      { kind: 'init', sessionId: 'p-err' },
      { kind: 'usage', usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, cost: { kind: 'usd', usd: 0 } },
      { kind: 'error', message: '429 rate limited' },
      { kind: 'text', text: 'TASK_FAILED: tests cannot run offline' },
      { kind: 'usage', usage: { input: 100, output: 10, cacheRead: 0, cacheWrite: 0 }, cost: { kind: 'usd', usd: 0.000225 } },
      { kind: 'usage', usage: { input: 100, output: 10, cacheRead: 0, cacheWrite: 0 }, cost: { kind: 'usd', usd: 0.000225 } },
      { kind: 'error', message: 'Request was aborted' },
    ]);
    assert.equal(summary.reportedError, 'Request was aborted');
    assert.equal(summary.finalText, 'TASK_FAILED: tests cannot run offline');

    const retried = feedAll(new PiStreamParser(), sampleLines('pi-retry-abort.ndjson').slice(0, 5));
    assert.equal(retried.summary.reportedError, undefined);
  });

  it('shows stderr raw and counts junk stdout against the format', () => {
    const { events, summary } = feedAll(new PiStreamParser(), ['Loading extensions...', '{"type":"agent_start"}'], ['[pi] using anthropic']);
    assert.deepEqual(events, [
      { kind: 'raw', stream: 'stdout', line: 'Loading extensions...' },
      { kind: 'raw', stream: 'stderr', line: '[pi] using anthropic' },
    ]);
    assert.equal(summary.parsedLines, 1);
    assert.equal(summary.unparsedLines, 1);
    assert.equal(summary.finalText, '');
  });
});
