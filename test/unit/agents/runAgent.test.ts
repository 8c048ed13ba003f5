// runAgent end to end with the fake ollama and a tiny plain-text adapter defined here (so these
// tests do not lean on the real adapters): outcome, marker, tail, events, failures in words, and a
// flat tail when the agent floods 20 MiB.
import assert from 'node:assert/strict';
import { plainTextParser } from '../../../src/core/agents/plainTextParser';
import { DEFAULT_TAIL_LINES, runAgent } from '../../../src/core/agents/runAgent';
import type { RunAgentOptions } from '../../../src/core/agents/runAgent';
import type { AgentAdapter, AgentEvent, AgentRequest } from '../../../src/core/agents/types';
import { TempDir, fakeBin } from './fakeAgentHarness';

/** `ollama run <model> <prompt>`, plain text; refuses a request without a model, as ollama needs one. */
const plainAdapter: AgentAdapter = {
  kind: 'ollama',
  versionArgs: ['--version'],
  invocation: (req) => ({ argv: [req.command, 'run', req.model, req.prompt], cwd: req.cwd, ...(req.env === undefined ? {} : { env: req.env }) }),
  parser: () => plainTextParser(),
  check: (req) => (req.model === '' ? 'ollama needs a model (ollama run <model>)' : null),
};

function request(tmp: TempDir, env: Record<string, string>, over: Partial<AgentRequest> = {}): AgentRequest {
  return {
    command: fakeBin('ollama'),
    model: 'llama3.2',
    prompt: 'Implement T001.',
    promptFile: tmp.path('prompt.md'),
    cwd: tmp.dir,
    skipPermissions: false,
    template: '',
    env,
    ...over,
  };
}

const LIMITS: RunAgentOptions = { timeoutMs: 0, idleTimeoutMs: 0 };

describe('runAgent', function () {
  this.timeout(30_000);
  let tmp: TempDir;
  beforeEach(() => {
    tmp = new TempDir();
  });
  afterEach(() => tmp.cleanup());

  it('answers with the default script: TASK_COMPLETE, the tail, the events, the pid', async () => {
    const events: AgentEvent[] = [];
    const logged: string[] = [];
    let spawned: number | undefined;
    const r = await runAgent(plainAdapter, request(tmp, {}), {
      ...LIMITS,
      onSpawn: (pid) => (spawned = pid),
      onLine: (line, stream) => logged.push(`${stream}: ${line}`),
      onEvent: (e) => events.push(e),
    });
    assert.equal(r.outcome, 'answered');
    assert.deepEqual(r.marker, { marker: 'complete', reason: '' });
    assert.equal(r.summary.finalText, 'I made the requested change.\nTASK_COMPLETE');
    assert.deepEqual(r.tail, ['I made the requested change.', 'TASK_COMPLETE']);
    assert.deepEqual(logged, ['stdout: I made the requested change.', 'stdout: TASK_COMPLETE']);
    assert.deepEqual(events, [{ kind: 'text', text: 'I made the requested change.' }, { kind: 'text', text: 'TASK_COMPLETE' }]);
    assert.equal(r.exitCode, 0);
    assert.equal(r.signal, null);
    assert.equal(r.pid, spawned);
    assert.equal(typeof r.pid, 'number');
    assert.equal('failure' in r, false);
  });

  it('reads a failure marker and its reason; stderr goes to the tail and raw events', async () => {
    const events: AgentEvent[] = [];
    const env = tmp.script([{ say: 'Ran the tests.' }, { stderr: 'npm ERR! 2 failing' }, { marker: 'TASK_FAILED: 2 tests fail in parser.test.ts' }]);
    const r = await runAgent(plainAdapter, request(tmp, env), { ...LIMITS, onEvent: (e) => events.push(e) });
    assert.equal(r.outcome, 'answered');
    assert.deepEqual(r.marker, { marker: 'failed', reason: '2 tests fail in parser.test.ts' });
    assert.deepEqual([...r.tail].sort(), ['Ran the tests.', 'TASK_FAILED: 2 tests fail in parser.test.ts', 'npm ERR! 2 failing'].sort());
    assert.deepEqual(events.filter((e) => e.kind === 'raw'), [{ kind: 'raw', stream: 'stderr', line: 'npm ERR! 2 failing' }]);
  });

  it('keeps a flat tail and bounded text when the agent prints 20 MiB', async () => {
    let lines = 0;
    const env = tmp.script([{ spam: { mb: 20 } }, { marker: 'TASK_BLOCKED: flooded' }]);
    const r = await runAgent(plainAdapter, request(tmp, env), { ...LIMITS, onLine: () => (lines += 1) });
    assert.equal(r.outcome, 'answered');
    assert.deepEqual(r.marker, { marker: 'blocked', reason: 'flooded' });
    // 20 MiB of 1000-character chunks, each printed as 10 lines of 100 characters, then the marker.
    assert.equal(lines, Math.ceil((20 * 1024 * 1024) / 1010) * 10 + 1);
    assert.equal(r.tail.length, DEFAULT_TAIL_LINES);
    assert.equal(r.tail.at(-1), 'TASK_BLOCKED: flooded');
    assert.equal(r.tail.slice(0, -1).every((l) => l.length === 100), true);
    assert.ok(r.summary.allText.length <= 1024 * 1024 + 200, String(r.summary.allText.length));
    assert.ok(r.summary.allText.startsWith('[... '), r.summary.allText.slice(0, 80));
  });

  it('keeps as many tail lines as asked, each cut to a bounded length', async () => {
    const env = tmp.script([{ say: 'a' }, { say: 'b' }, { say: 'x'.repeat(10_000) }, { say: 'c' }]);
    const r = await runAgent(plainAdapter, request(tmp, env), { ...LIMITS, tailLines: 2 });
    assert.deepEqual(r.tail, [`${'x'.repeat(4000)} [... line cut]`, 'c']);
  });

  it('is idle when the agent stops printing, with the reason in words', async () => {
    const env = tmp.script([{ say: 'thinking' }, { hang: true }]);
    const r = await runAgent(plainAdapter, request(tmp, env), { timeoutMs: 0, idleTimeoutMs: 400 });
    assert.equal(r.outcome, 'idle');
    assert.equal(r.failure, 'stopped after 400 ms without any output (idle timeout)');
    assert.deepEqual(r.tail, ['thinking']);
    assert.deepEqual(r.marker, { marker: null, reason: '' });
  });

  it('is timed_out at the task timeout, even while the agent keeps printing', async () => {
    const env = tmp.script([{ say: 'TASK_COMPLETE' }, { spam: { mb: 100000 } }]);
    const r = await runAgent(plainAdapter, request(tmp, env), { timeoutMs: 500, idleTimeoutMs: 5000 });
    assert.equal(r.outcome, 'timed_out');
    assert.equal(r.failure, 'stopped after the task timeout of 500 ms');
    // A marker printed before the kill is still read; the outcome says it does not count.
    assert.deepEqual(r.marker, { marker: 'complete', reason: '' });
  });

  it('is cancelled through the signal', async () => {
    const controller = new AbortController();
    const env = tmp.script([{ say: 'ready' }, { hang: true }]);
    const r = await runAgent(plainAdapter, request(tmp, env), {
      ...LIMITS,
      signal: controller.signal,
      onEvent: (e) => e.kind === 'text' && e.text === 'ready' && controller.abort(),
    });
    assert.equal(r.outcome, 'cancelled');
    assert.equal(r.failure, 'cancelled');
  });

  it('is crashed on a non-zero exit, and empty when the agent says nothing', async () => {
    const crashed = await runAgent(plainAdapter, request(tmp, tmp.script([{ say: 'oops' }, { exit: 2 }])), LIMITS);
    assert.deepEqual([crashed.outcome, crashed.exitCode, crashed.failure], ['crashed', 2, 'the agent exited with code 2']);
    const empty = await runAgent(plainAdapter, request(tmp, tmp.script([{ stderr: 'only a warning' }])), LIMITS);
    assert.deepEqual([empty.outcome, empty.failure, empty.tail], ['empty', 'the agent exited 0 without printing any answer', ['only a warning']]);
  });

  it('is crashed with the spawn error naming a missing command', async () => {
    const r = await runAgent(plainAdapter, request(tmp, {}, { command: 'specpilot-no-such-ollama' }), LIMITS);
    assert.deepEqual(
      [r.outcome, r.pid, r.exitCode, r.tail, r.failure],
      ['crashed', undefined, null, [], 'command not found: specpilot-no-such-ollama (is it installed and on PATH? or give its absolute path)'],
    );
  });

  it('does not start a request the adapter refuses, nor one its invocation throws on', async () => {
    let spawned = false;
    const refused = await runAgent(plainAdapter, request(tmp, {}, { model: '' }), { ...LIMITS, onSpawn: () => (spawned = true) });
    assert.deepEqual([refused.outcome, refused.failure, refused.pid, refused.durationMs], ['crashed', 'ollama needs a model (ollama run <model>)', undefined, 0]);
    const throwing: AgentAdapter = {
      ...plainAdapter,
      invocation: () => {
        throw new Error('unclosed quote in template');
      },
    };
    const thrown = await runAgent(throwing, request(tmp, {}), { ...LIMITS, onSpawn: () => (spawned = true) });
    assert.deepEqual([thrown.outcome, thrown.failure], ['crashed', 'the ollama adapter could not build a command: unclosed quote in template']);
    assert.equal(spawned, false);
  });
});
