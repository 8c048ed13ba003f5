// The streams the fake agents record (test/fixtures/agents/streams, one script acted out in every
// format) read by each adapter's parser to the same answer, usage and cost: the fakes and the
// parsers agree on every format, process or no process.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { adapterByKind } from '../../../src/core/agents/detectAdapter';
import type { AgentKind, StreamSummary } from '../../../src/core/agents/types';
import { feedAll } from './parserHarness';

const STREAMS = resolve(__dirname, '../../fixtures/agents/streams');
const ANSWER = 'I will add src/hello.ts.\nAdded src/hello.ts with hello and bye.\nTASK_COMPLETE';
const USAGE = { input: 3100, output: 420, cacheRead: 1500, cacheWrite: 200 };
const NONE = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };

function lines(file: string): string[] {
  const all = readFileSync(join(STREAMS, file), 'utf8').split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all;
}

function read(kind: AgentKind, file: string, model = '', stderr: readonly string[] = []): StreamSummary {
  const parser = adapterByKind(kind).parser({ command: kind, model, prompt: '', promptFile: '', cwd: '/tmp/specpilot-fake-streams', skipPermissions: false, template: '' });
  return feedAll(parser, lines(file), stderr).summary;
}

describe('parsers on the fake agents\' recorded streams', () => {
  it('claude', () => {
    const s = read('claude', 'claude.jsonl');
    assert.deepEqual([s.allText, s.finalText, s.usage, s.cost, s.unparsedLines], [ANSWER, 'TASK_COMPLETE', USAGE, { kind: 'usd', usd: 0.0421 }, 0]);
  });

  it('codex, priced from the table (cached tokens are inside input_tokens)', () => {
    const s = read('codex', 'codex.jsonl', 'gpt-5-codex');
    // Codex reports no cache writes. (3100 x 1.25 + 1500 x 0.125 + 420 x 10) / 1e6
    assert.deepEqual([s.allText, s.usage, s.cost, s.unparsedLines], [ANSWER, { ...USAGE, cacheWrite: 0 }, { kind: 'usd', usd: 0.0082625 }, 0]);
    assert.deepEqual(read('codex', 'codex.jsonl').cost, { kind: 'unpriced' });
  });

  it('opencode', () => {
    const s = read('opencode', 'opencode.jsonl');
    assert.deepEqual([s.allText, s.finalText, s.usage, s.cost, s.unparsedLines], [ANSWER, 'Added src/hello.ts with hello and bye.\nTASK_COMPLETE', USAGE, { kind: 'usd', usd: 0.0421 }, 0]);
  });

  it('pi', () => {
    const s = read('pi', 'pi.jsonl');
    assert.deepEqual([s.allText, s.usage, s.cost, s.unparsedLines], [ANSWER, USAGE, { kind: 'usd', usd: 0.0421 }, 0]);
  });

  it('ollama and llama-cli (its stderr is not answer text)', () => {
    const o = read('ollama', 'ollama.txt', 'llama3.2');
    assert.deepEqual([o.allText, o.usage, o.cost], [ANSWER, NONE, { kind: 'usd', usd: 0 }]);
    const l = read('llama-cli', 'llama-cli.txt', 'm.gguf', lines('llama-cli.stderr.txt'));
    assert.deepEqual([l.allText, l.usage, l.cost], [ANSWER, NONE, { kind: 'usd', usd: 0 }]);
  });
});
