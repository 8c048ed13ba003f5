// The outcome table of agent-clis.md: how the runner stopped a process decides first, then the exit
// code or signal, then whether the agent said anything at all.
import assert from 'node:assert/strict';
import { classifyOutcome, describeOutcome } from '../../../src/core/agents/outcome';
import type { ProcessResult } from '../../../src/core/agents/processRunner';
import type { RunOutcome, StreamSummary } from '../../../src/core/agents/types';
import { NO_USAGE } from '../../../src/core/agents/types';

const STATS = { durationMs: 10, stdoutBytes: 0, stderrBytes: 0, truncatedLines: 0 };

function proc(reason: 'exited' | 'timed_out' | 'idle' | 'cancelled', exitCode: number | null, signal: string | null): ProcessResult {
  return { ...STATS, reason, pid: 4242, exitCode, signal };
}
const SPAWN_FAILED: ProcessResult = { ...STATS, reason: 'spawn_failed', pid: undefined, exitCode: null, signal: null, error: 'command not found: claude-x' };

function summary(finalText: string, allText: string): StreamSummary {
  return { finalText, allText, usage: NO_USAGE, cost: { kind: 'usd', usd: 0 }, parsedLines: 1, unparsedLines: 0 };
}
const SAID = summary('done', 'done');
const SILENT = summary('', '');

describe('classifyOutcome', () => {
  const table: [string, ProcessResult, StreamSummary, RunOutcome][] = [
    ['exit 0 with text', proc('exited', 0, null), SAID, 'answered'],
    ['exit 0 with only a final text', proc('exited', 0, null), summary('the answer', ''), 'answered'],
    ['exit 0 with only streamed text', proc('exited', 0, null), summary('', 'thinking out loud'), 'answered'],
    ['exit 0 without text', proc('exited', 0, null), SILENT, 'empty'],
    ['exit 0 with whitespace only', proc('exited', 0, null), summary(' \n\t', '\n\n'), 'empty'],
    ['exit 1 with text', proc('exited', 1, null), SAID, 'crashed'],
    ['exit 137 without text', proc('exited', 137, null), SILENT, 'crashed'],
    ['killed by a signal it did not get from us', proc('exited', null, 'SIGSEGV'), SAID, 'crashed'],
    ['no exit code and no signal', proc('exited', null, null), SAID, 'crashed'],
    ['spawn failure', SPAWN_FAILED, SILENT, 'crashed'],
    ['task timeout, even with text and exit 0', proc('timed_out', 0, null), SAID, 'timed_out'],
    ['task timeout by SIGTERM', proc('timed_out', null, 'SIGTERM'), SILENT, 'timed_out'],
    ['idle timeout', proc('idle', null, 'SIGKILL'), SAID, 'idle'],
    ['cancel', proc('cancelled', null, 'SIGTERM'), SAID, 'cancelled'],
    ['cancel that raced a clean exit', proc('cancelled', 0, null), SAID, 'cancelled'],
  ];
  for (const [name, p, s, expected] of table) {
    it(`${name} -> ${expected}`, () => assert.equal(classifyOutcome(p, s), expected));
  }
});

describe('describeOutcome', () => {
  const limits = { timeoutMs: 30 * 60_000, idleTimeoutMs: 90_000 };
  it('says why a run gave no answer, and nothing for an answer', () => {
    assert.equal(describeOutcome('answered', proc('exited', 0, null), limits), null);
    assert.equal(describeOutcome('empty', proc('exited', 0, null), limits), 'the agent exited 0 without printing any answer');
    assert.equal(describeOutcome('timed_out', proc('timed_out', null, 'SIGTERM'), limits), 'stopped after the task timeout of 30 min');
    assert.equal(describeOutcome('idle', proc('idle', null, 'SIGTERM'), limits), 'stopped after 90 s without any output (idle timeout)');
    assert.equal(describeOutcome('idle', proc('idle', null, 'SIGTERM'), { timeoutMs: 0, idleTimeoutMs: 250 }), 'stopped after 250 ms without any output (idle timeout)');
    assert.equal(describeOutcome('cancelled', proc('cancelled', null, 'SIGTERM'), limits), 'cancelled');
    assert.equal(describeOutcome('crashed', SPAWN_FAILED, limits), 'command not found: claude-x');
    assert.equal(describeOutcome('crashed', proc('exited', null, 'SIGSEGV'), limits), 'the agent was killed by SIGSEGV');
    assert.equal(describeOutcome('crashed', proc('exited', 2, null), limits), 'the agent exited with code 2');
  });
});
