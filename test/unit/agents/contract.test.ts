// Contract tests: every adapter run through runAgent against its fake CLI (test/fixtures/agents),
// a real child process speaking the real format and making real edits. The argv the adapter builds
// must be accepted as the real CLI would accept it, and the summary must come back whole.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LARGE_PROMPT_BYTES } from '../../../src/core/agents/adapters/largePrompt';
import { adapterByKind } from '../../../src/core/agents/detectAdapter';
import type * as RunAgentModule from '../../../src/core/agents/runAgent';
import type { AgentKind, AgentRequest, AgentRunResult } from '../../../src/core/agents/types';

const FIXTURES = resolve(__dirname, '../../fixtures/agents');
const ANSWER = 'I will add src/hello.ts.\nAdded src/hello.ts with hello and bye.\nTASK_COMPLETE';
const USAGE = { input: 3100, output: 420, cacheRead: 1500, cacheWrite: 200 };
const NONE = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
const SCRIPT = [
  { say: 'I will add src/hello.ts.' },
  { tool: 'Bash', input: { command: 'ls src' }, output: 'app.ts\n' },
  { write: { path: 'src/hello.ts', content: "export const hello = 'hi';\n" } },
  { append: { path: 'src/hello.ts', content: "export const bye = 'bye';\n" } },
  { cost: { usd: 0.0421, input: 3100, output: 420, cacheRead: 1500, cacheWrite: 200 } },
  { say: 'Added src/hello.ts with hello and bye.' },
  { marker: 'TASK_COMPLETE' },
];

interface PromptLogEntry {
  readonly personality: string;
  readonly argv: readonly string[];
  readonly promptSource: string;
  readonly prompt: string;
}

describe('adapter contracts against the fake CLIs', function () {
  this.timeout(120_000);
  // Loaded here, not at the top: if the runner cannot load, these tests fail and the rest of the
  // suite still runs.
  let runAgent: typeof RunAgentModule.runAgent;
  before(async () => {
    ({ runAgent } = await import('../../../src/core/agents/runAgent'));
  });
  let root = '';
  let work = '';
  let n = 0;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'specpilot-contract-'));
    work = join(root, `repo-${++n}`);
    mkdirSync(join(work, 'src'), { recursive: true });
    writeFileSync(join(work, 'src', 'app.ts'), 'export {};\n');
    writeFileSync(join(root, 'script.json'), JSON.stringify(SCRIPT));
    writeFileSync(join(root, 'prompt.md'), 'Add src/hello.ts exporting hello and bye.');
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function request(kind: AgentKind, over: Partial<AgentRequest> = {}): AgentRequest {
    return {
      command: kind === 'custom' ? join(FIXTURES, 'fake-agent.mjs') : join(FIXTURES, 'bin', kind),
      model: '',
      prompt: 'Add src/hello.ts exporting hello and bye.',
      promptFile: join(root, 'prompt.md'),
      cwd: work,
      skipPermissions: false,
      template: '',
      env: { SPECPILOT_FAKE_SCRIPT: join(root, 'script.json'), SPECPILOT_FAKE_PROMPT_LOG: join(root, 'prompts.jsonl') },
      ...over,
    };
  }

  function run(kind: AgentKind, over: Partial<AgentRequest> = {}): Promise<AgentRunResult> {
    return runAgent(adapterByKind(kind), request(kind, over), { timeoutMs: 60_000, idleTimeoutMs: 30_000 });
  }

  function promptLog(): PromptLogEntry[] {
    return readFileSync(join(root, 'prompts.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as PromptLogEntry);
  }

  function assertAnswered(r: AgentRunResult): void {
    assert.equal(r.outcome, 'answered', r.tail.join('\n'));
    assert.equal(r.exitCode, 0);
    assert.deepEqual(r.marker, { marker: 'complete', reason: '' });
    assert.equal(r.summary.allText, ANSWER);
    assert.equal(r.summary.unparsedLines, 0);
    assert.equal(readFileSync(join(work, 'src', 'hello.ts'), 'utf8'), "export const hello = 'hi';\nexport const bye = 'bye';\n");
  }

  it('claude: stream-json with the cost from the result line', async () => {
    const r = await run('claude', { model: 'sonnet' });
    assertAnswered(r);
    assert.deepEqual([r.summary.usage, r.summary.cost, r.summary.finalText], [USAGE, { kind: 'usd', usd: 0.0421 }, 'TASK_COMPLETE']);
    assert.deepEqual(promptLog().map((e) => [e.promptSource, e.prompt]), [['argv', 'Add src/hello.ts exporting hello and bye.']]);
  });

  it('claude: a prompt over 100 KB arrives whole on stdin, not in argv', async () => {
    const big = `Implement this.\n${'x'.repeat(LARGE_PROMPT_BYTES)}\nEnd.`;
    const r = await run('claude', { prompt: big, skipPermissions: true });
    assertAnswered(r);
    const [entry] = promptLog();
    assert.equal(entry?.promptSource, 'stdin');
    assert.equal(entry?.prompt, big);
    assert.equal(entry?.argv.includes(big), false);
  });

  it('codex: priced by the model, unpriced without one', async () => {
    const priced = await run('codex', { model: 'gpt-5-codex' });
    assertAnswered(priced);
    assert.deepEqual([priced.summary.usage, priced.summary.cost], [{ ...USAGE, cacheWrite: 0 }, { kind: 'usd', usd: 0.0082625 }]);
    rmSync(join(work, 'src', 'hello.ts'));
    const unpriced = await run('codex');
    assertAnswered(unpriced);
    assert.deepEqual(unpriced.summary.cost, { kind: 'unpriced' });
  });

  it('opencode: cost summed over steps', async () => {
    const r = await run('opencode', { model: 'anthropic/claude-sonnet-4-5' });
    assertAnswered(r);
    assert.deepEqual([r.summary.usage, r.summary.cost], [USAGE, { kind: 'usd', usd: 0.0421 }]);
  });

  it('pi: cost summed per assistant message', async () => {
    const r = await run('pi', { model: 'anthropic/claude-sonnet-4-5' });
    assertAnswered(r);
    assert.deepEqual([r.summary.usage, r.summary.cost], [USAGE, { kind: 'usd', usd: 0.0421 }]);
  });

  it('ollama and llama-cli: plain text at a true $0', async () => {
    const o = await run('ollama', { model: 'llama3.2' });
    assertAnswered(o);
    assert.deepEqual([o.summary.usage, o.summary.cost], [NONE, { kind: 'usd', usd: 0 }]);
    rmSync(join(work, 'src', 'hello.ts'));
    const l = await run('llama-cli', { model: join(root, 'model.gguf') });
    assertAnswered(l);
    assert.deepEqual([l.summary.usage, l.summary.cost], [NONE, { kind: 'usd', usd: 0 }]);
  });

  it('ollama without a model is refused before any spawn', async () => {
    const r = await run('ollama');
    assert.equal(r.pid, undefined);
    assert.equal(r.failure, 'ollama needs a model: `ollama run` has no default, so set the model for this role (e.g. "llama3.2" or "qwen2.5-coder:7b")');
  });

  it('custom: the default template\'s prompt file, stdin, and a hostile prompt as one verbatim argument', async () => {
    // Empty template: `{cmd} --prompt {prompt_file}`.
    const viaFile = await run('custom', { template: '' });
    assertAnswered(viaFile);
    assert.deepEqual(viaFile.summary.cost, { kind: 'unpriced' });
    rmSync(join(work, 'src', 'hello.ts'));

    const viaStdin = await run('custom', { template: '{cmd} --model {model}', model: 'local' });
    assertAnswered(viaStdin);
    rmSync(join(work, 'src', 'hello.ts'));

    const hostile = '"; rm -rf / #\n$(id) `id` \'x\' {model}\n\tTASK_FAILED: not really';
    const inline = await run('custom', { template: `{cmd} "--text" {prompt}`, prompt: hostile });
    assertAnswered(inline);
    const log = promptLog();
    assert.deepEqual(log.map((e) => [e.promptSource, e.prompt]), [
      ['file', 'Add src/hello.ts exporting hello and bye.'],
      ['stdin', 'Add src/hello.ts exporting hello and bye.'],
      ['argv', hostile],
    ]);
    assert.deepEqual(log.map((e) => e.argv), [['--prompt', join(root, 'prompt.md')], ['--model', 'local'], ['--text', hostile]]);
  });
});
