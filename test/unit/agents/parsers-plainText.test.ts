// The plain-text CLIs (ollama, llama-cli, custom): stdout is the answer, stderr (llama-cli's
// timings) is not, and the cost is a true 0 locally but unpriced for an unknown custom command.
import assert from 'node:assert/strict';
import { customAdapter } from '../../../src/core/agents/adapters/customAdapter';
import { llamaCliAdapter } from '../../../src/core/agents/adapters/llamaCliAdapter';
import { ollamaAdapter } from '../../../src/core/agents/adapters/ollamaAdapter';
import { feedAll, sampleLines } from './parserHarness';

describe('plain-text parsers', () => {
  it('llama-cli: stdout is the answer without `[end of text]`; stderr timings are raw, not text', () => {
    const { events, summary } = feedAll(llamaCliAdapter.parser(), sampleLines('llama-cli-stdout.txt'), sampleLines('llama-cli-stderr.txt'));
    assert.deepEqual(
      events.filter((e) => e.kind === 'text'),
      [
        { kind: 'text', text: '' },
        { kind: 'text', text: 'The function returns the sum of the list.' },
        { kind: 'text', text: '' },
        { kind: 'text', text: 'TASK_COMPLETE' },
      ],
    );
    assert.deepEqual(
      events.filter((e) => e.kind === 'raw').map((e) => (e.kind === 'raw' ? e.stream : '')),
      ['stderr', 'stderr', 'stderr'],
    );
    assert.equal(summary.allText.includes('llama_perf'), false);
    assert.equal(summary.finalText, '\nThe function returns the sum of the list.\n\nTASK_COMPLETE');
    assert.deepEqual(summary.cost, { kind: 'usd', usd: 0 });
    assert.deepEqual(summary.usage, { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 });
    assert.equal(summary.unparsedLines, 0);
  });

  it('ollama costs a true 0; a custom command is unpriced', () => {
    const ollama = feedAll(ollamaAdapter.parser(), ['Looks good.', 'REVIEW_PASSED']);
    assert.equal(ollama.summary.finalText, 'Looks good.\nREVIEW_PASSED');
    assert.deepEqual(ollama.summary.cost, { kind: 'usd', usd: 0 });
    const custom = feedAll(customAdapter.parser(), ['TASK_COMPLETE']);
    assert.equal(custom.summary.allText, 'TASK_COMPLETE');
    assert.deepEqual(custom.summary.cost, { kind: 'unpriced' });
  });
});
