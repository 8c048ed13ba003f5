// The opencode run --format json parser on recorded streams: tool parts, per-step cost and
// tokens summed, the final answer from the last step, error events.
import assert from 'node:assert/strict';
import { opencodeAdapter } from '../../../src/core/agents/adapters/opencodeAdapter';
import { OpencodeStreamParser } from '../../../src/core/agents/adapters/opencodeStreamParser';
import type { AgentRequest } from '../../../src/core/agents/types';
import { feedAll, sampleLines } from './parserHarness';

const REQ: AgentRequest = { command: 'opencode', model: '', prompt: 'p', promptFile: '', cwd: '/work/repo', skipPermissions: false, template: '' };

describe('opencode stream parser', () => {
  it('reads a recorded run and sums step_finish cost and tokens', () => {
    const { events, summary } = feedAll(opencodeAdapter.parser(REQ), sampleLines('opencode-run.ndjson'));
    assert.deepEqual(events, [
      { kind: 'init', sessionId: 'ses_4a1bc2d3e4f5' },
      { kind: 'tool', name: 'read', summary: 'Read README.md', detail: '{"filePath":"/work/repo/README.md"}' },
      { kind: 'tool_result', summary: '<file> …', isError: false },
      { kind: 'usage', usage: { input: 9200, output: 80, cacheRead: 0, cacheWrite: 0 }, cost: { kind: 'usd', usd: 0.0121 } },
      { kind: 'tool', name: 'edit', summary: 'Edit src/app.ts', detail: '{"filePath":"/work/repo/src/app.ts","oldString":"i <= n","newString":"i < n"}' },
      { kind: 'tool_result', summary: 'src/app.ts', isError: false },
      { kind: 'tool', name: 'bash', summary: 'Bash npm test', detail: '{"command":"npm test","description":"Run the tests"}' },
      { kind: 'tool_result', summary: 'Command failed with exit code 1 …', isError: true },
      { kind: 'usage', usage: { input: 9510, output: 230, cacheRead: 9000, cacheWrite: 0 }, cost: { kind: 'usd', usd: 0.0208 } },
      { kind: 'text', text: 'The test expected the old bound; both are fixed now.' },
      { kind: 'text', text: 'TASK_COMPLETE' },
      { kind: 'usage', usage: { input: 9630, output: 270, cacheRead: 18300, cacheWrite: 0 }, cost: { kind: 'usd', usd: 0.0239 } },
    ]);
    assert.deepEqual(summary, {
      finalText: 'The test expected the old bound; both are fixed now.\nTASK_COMPLETE',
      allText: 'The test expected the old bound; both are fixed now.\nTASK_COMPLETE',
      usage: { input: 9630, output: 270, cacheRead: 18300, cacheWrite: 0 },
      cost: { kind: 'usd', usd: 0.0239 },
      sessionId: 'ses_4a1bc2d3e4f5',
      parsedLines: 11,
      unparsedLines: 0,
    });
  });

  it('reports an error event by its message', () => {
    const { events, summary } = feedAll(new OpencodeStreamParser(), sampleLines('opencode-error.ndjson'));
    assert.deepEqual(events, [
      { kind: 'init', sessionId: 'ses_4a1bc2d3e4f5' },
      { kind: 'error', message: 'No API key for anthropic' },
    ]);
    assert.equal(summary.reportedError, 'No API key for anthropic');
    assert.deepEqual(summary.cost, { kind: 'usd', usd: 0 });
  });

  it('takes the final answer from the last step with text, and counts non-JSON lines against the format', () => {
    const { summary } = feedAll(new OpencodeStreamParser(), [
      '{"type":"text","sessionID":"s","part":{"type":"text","text":"first step"}}',
      '{"type":"step_start","sessionID":"s","part":{"type":"step-start"}}',
      '{"type":"tool_use","sessionID":"s","part":{"type":"tool","tool":"bash","state":{"status":"running","input":{"command":"ls"}}}}',
      '{"type":"step_start","sessionID":"s","part":{"type":"step-start"}}',
      '{"type":"text","sessionID":"s","part":{"type":"text","text":"TASK_FAILED: no tests"}}',
      '\u001b[0m> build · gpt-5',
    ]);
    assert.equal(summary.finalText, 'TASK_FAILED: no tests');
    assert.equal(summary.allText, 'first step\nTASK_FAILED: no tests');
    assert.equal(summary.parsedLines, 5);
    assert.equal(summary.unparsedLines, 1);
  });
});
