// The fake agent CLIs are themselves a contract: they must reject argv a real CLI rejects, print the
// recorded sample streams byte for byte, really edit files, and log the prompt they were given.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runProcess } from '../../../src/core/agents/processRunner';
import { FAKE_AGENT, FAKE_DIR, TempDir, fakeBin } from './fakeAgentHarness';

interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], cwd: string, env: Record<string, string> = {}, input?: string): Ran {
  const r = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', input: input ?? '', timeout: 15_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const jsonLines = (text: string): Record<string, unknown>[] =>
  text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('fake agent CLIs', function () {
  this.timeout(20_000);
  let tmp: TempDir;
  beforeEach(() => {
    tmp = new TempDir();
  });
  afterEach(() => tmp.cleanup());

  it('answer --version like the real CLIs (llama-cli on stderr)', () => {
    const versions: [string, string[], string, string][] = [
      ['claude', ['--version'], '2.0.14 (Claude Code)\n', ''],
      ['codex', ['--version'], 'codex-cli 0.46.0\n', ''],
      ['opencode', ['--version'], '1.0.85\n', ''],
      ['pi', ['--version'], '0.70.2\n', ''],
      ['ollama', ['--version'], 'ollama version is 0.12.3\n', ''],
      ['llama-cli', ['--version'], '', 'version: 6710 (a1b2c3d4)\nbuilt with cc (GCC) 13.2.0 for x86_64-linux-gnu\n'],
    ];
    for (const [cli, args, stdout, stderr] of versions) {
      assert.deepEqual(run(fakeBin(cli), args, tmp.dir), { status: 0, stdout, stderr }, cli);
    }
    assert.deepEqual(run(fakeBin('claude'), ['--version'], tmp.dir, { SPECPILOT_FAKE_VERSION: '9.9.9 (Claude Code)' }).stdout, '9.9.9 (Claude Code)\n');
  });

  it('reject argv a real CLI would reject, with exit 2 and a message on stderr', () => {
    const bad: [string, string[], string][] = [
      ['claude', ['-p', 'x', '--output-format', 'stream-json', '--verbose', '--no-such-flag'], "error: unknown option '--no-such-flag'"],
      ['claude', ['-p', 'x', '--output-format', 'stream-json'], 'Error: When using --print, --output-format=stream-json requires --verbose'],
      ['claude', ['-p', 'x', '--output-format', 'xml'], "error: option '--output-format <format>' argument 'xml' is invalid. Allowed choices are text, json, stream-json."],
      ['claude', ['x'], 'fake claude: interactive mode is not supported here (pass -p)'],
      ['claude', ['-p', 'x', '--permission-mode', 'yolo'], "error: option '--permission-mode <mode>' argument 'yolo' is invalid."],
      ['claude', ['-p', 'x', '--model'], "error: option '--model' argument missing"],
      ['codex', ['--json', 'x'], 'fake codex: only the exec subcommand is supported'],
      ['codex', ['exec', '--json', '--prompt', 'x'], "error: unknown option '--prompt'"],
      ['codex', ['exec', '--json', 'one', 'two'], "error: unexpected argument 'two' found"],
      ['codex', ['exec', '--json', '--sandbox', 'yes', 'x'], "error: option '--sandbox <SANDBOX_MODE>' argument 'yes' is invalid."],
      ['opencode', ['run', '--model', 'sonnet', '--format', 'json', 'x'], "Error: invalid model 'sonnet': expected provider/model"],
      ['opencode', ['--format', 'json', 'x'], 'fake opencode: only the run command is supported'],
      ['pi', ['--mode', 'text', 'x'], 'fake pi: interactive mode is not supported here (pass -p)'],
      ['pi', ['-p', '--mode', 'json', '--json', 'x'], "error: unknown option '--json'"],
      ['ollama', ['run'], 'Error: accepts at least 1 arg(s), received 0'],
      ['ollama', ['llama3', 'x'], 'Error: unknown command "llama3" for "ollama"'],
      ['llama-cli', ['-p', 'x', '-st'], 'error: no model given (-m FNAME)'],
      ['llama-cli', ['-m', 'm.gguf', 'x'], 'error: invalid argument: x'],
    ];
    for (const [cli, args, message] of bad) {
      const r = run(fakeBin(cli), args, tmp.dir);
      assert.equal(r.status, 2, `${cli} ${args.join(' ')}`);
      assert.equal(r.stdout, '', `${cli} ${args.join(' ')}`);
      assert.ok(r.stderr.startsWith(message), `${cli} ${args.join(' ')}: ${r.stderr}`);
    }
  });

  it('print the recorded sample streams byte for byte', () => {
    const recordCwd = '/tmp/specpilot-fake-streams';
    const out = tmp.path('out');
    fs.mkdirSync(out);
    const cwd = tmp.path('project');
    const r = run(process.execPath, [path.join(FAKE_DIR, 'record-streams.mjs'), '--out', out, '--cwd', cwd], tmp.dir);
    assert.equal(r.status, 0, r.stderr);
    const files = ['claude.jsonl', 'codex.jsonl', 'opencode.jsonl', 'pi.jsonl', 'ollama.txt', 'llama-cli.txt', 'llama-cli.stderr.txt'];
    for (const file of files) {
      const fresh = fs.readFileSync(path.join(out, file), 'utf8').split(cwd).join(recordCwd);
      assert.equal(fresh, fs.readFileSync(path.join(FAKE_DIR, 'streams', file), 'utf8'), `streams/${file} is stale: run record-streams.mjs`);
    }
  });

  it('claude: stream-json with init, text, tool use and result carrying the scripted cost', () => {
    const env = tmp.script([{ say: 'hi' }, { tool: 'Read', input: { file_path: 'a.ts' }, output: 'x' }, { cost: { usd: 0.5, input: 10, output: 20, cacheRead: 3, cacheWrite: 4 } }, { say: 'TASK_COMPLETE' }]);
    const r = run(fakeBin('claude'), ['-p', 'go', '--output-format', 'stream-json', '--verbose', '--model', 'opus'], tmp.dir, env);
    assert.equal(r.status, 0, r.stderr);
    const events = jsonLines(r.stdout);
    assert.deepEqual(events.map((e) => e.type), ['system', 'assistant', 'assistant', 'user', 'assistant', 'result']);
    assert.equal(events[0]?.model, 'opus');
    const result = events[5];
    assert.deepEqual(
      [result?.subtype, result?.is_error, result?.result, result?.total_cost_usd, result?.num_turns, result?.usage],
      ['success', false, 'TASK_COMPLETE', 0.5, 2, { input_tokens: 10, cache_creation_input_tokens: 4, cache_read_input_tokens: 3, output_tokens: 20, service_tier: 'standard' }],
    );
  });

  it('an exit step ends with the error form of each format and the exit code', () => {
    const env = tmp.script([{ say: 'trying' }, { exit: 4 }]);
    const claude = run(fakeBin('claude'), ['-p', 'go', '--output-format', 'stream-json', '--verbose'], tmp.dir, env);
    assert.equal(claude.status, 4);
    const result = jsonLines(claude.stdout).at(-1);
    assert.deepEqual([result?.type, result?.subtype, result?.is_error], ['result', 'error_during_execution', true]);
    const codex = run(fakeBin('codex'), ['exec', '--json', 'go'], tmp.dir, env);
    assert.equal(codex.status, 4);
    assert.deepEqual(jsonLines(codex.stdout).at(-1), { type: 'turn.failed', error: { message: 'fake codex failed (exit 4)' } });
    const silent = run(fakeBin('codex'), ['exec', '--json', 'go'], tmp.dir, tmp.script([{ say: 'trying' }, { exit: 5, silent: true }]));
    assert.equal(silent.status, 5);
    assert.deepEqual(jsonLines(silent.stdout).map((e) => e.type), ['thread.started', 'turn.started', 'item.completed']);
  });

  it('really write and append files, and report them in the format', () => {
    const env = tmp.script([
      { write: { path: 'src/deep/new.ts', content: 'one\n' } },
      { append: { path: 'src/deep/new.ts', content: 'two\n' } },
    ]);
    const r = run(fakeBin('codex'), ['exec', '--json', '--skip-git-repo-check', 'go'], tmp.dir, env);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.readFileSync(tmp.path('src/deep/new.ts'), 'utf8'), 'one\ntwo\n');
    const abs = tmp.path('src/deep/new.ts');
    assert.deepEqual(
      jsonLines(r.stdout).filter((e) => e.type === 'item.completed').map((e) => e.item),
      [
        { id: 'item_0', type: 'file_change', changes: [{ path: abs, kind: 'add' }], status: 'completed' },
        { id: 'item_1', type: 'file_change', changes: [{ path: abs, kind: 'update' }], status: 'completed' },
      ],
    );
  });

  it('log the prompt from argv, stdin, a prompt file and pi @files', () => {
    const log = tmp.path('prompts.jsonl');
    const env = { SPECPILOT_FAKE_PROMPT_LOG: log };
    fs.writeFileSync(tmp.path('prompt.md'), 'from a file\n');
    assert.equal(run(fakeBin('claude'), ['-p', 'from argv', '--output-format', 'stream-json', '--verbose'], tmp.dir, env).status, 0);
    assert.equal(run(fakeBin('claude'), ['-p', '--output-format', 'stream-json', '--verbose'], tmp.dir, env, 'from stdin').status, 0);
    assert.equal(run(fakeBin('codex'), ['exec', '--json', '-'], tmp.dir, env, 'codex stdin').status, 0);
    assert.equal(run(FAKE_AGENT, ['--prompt', 'prompt.md', '--model', 'm1'], tmp.dir, env).status, 0);
    assert.equal(run(FAKE_AGENT, ['inline text'], tmp.dir, env).status, 0);
    assert.equal(run(fakeBin('pi'), ['-p', '--mode', 'json', '@prompt.md', 'and a message'], tmp.dir, env).status, 0);
    assert.equal(run(fakeBin('llama-cli'), ['-m', 'model.gguf', '-f', 'prompt.md', '-st'], tmp.dir, env).status, 0);
    const entries = jsonLines(fs.readFileSync(log, 'utf8')).map((e) => [e.personality, e.promptSource, e.prompt, e.model]);
    assert.deepEqual(entries, [
      ['claude', 'argv', 'from argv', ''],
      ['claude', 'stdin', 'from stdin', ''],
      ['codex', 'stdin', 'codex stdin', ''],
      ['custom', 'file', 'from a file\n', 'm1'],
      ['custom', 'argv', 'inline text', ''],
      ['pi', 'file', 'from a file\n\n\nand a message', ''],
      ['llama-cli', 'file', 'from a file\n', 'model.gguf'],
    ]);
    const first = jsonLines(fs.readFileSync(log, 'utf8'))[0];
    assert.deepEqual([first?.argv, first?.cwd], [['-p', 'from argv', '--output-format', 'stream-json', '--verbose'], tmp.dir]);
  });

  it('exit 1 with the CLI own message when the prompt is empty', () => {
    const r = run(fakeBin('claude'), ['-p', '--output-format', 'stream-json', '--verbose'], tmp.dir, {}, '');
    assert.deepEqual(r, { status: 1, stdout: '', stderr: 'Error: Input must be provided either through stdin or as a prompt argument when using --print\n' });
    // codex's -p is --profile: the prompt after it is taken as a profile name, leaving no prompt.
    const codex = run(fakeBin('codex'), ['exec', '--json', '-p', 'do the task'], tmp.dir, {}, '');
    assert.deepEqual(codex, { status: 1, stdout: '', stderr: 'No prompt provided. Either specify one as an argument or pipe the prompt into stdin.\n' });
  });

  it('act out one script per invocation from "runs", repeating the last', () => {
    const env = tmp.script({ runs: [[{ say: 'first attempt' }, { marker: 'TASK_FAILED: not yet' }], [{ say: 'second attempt' }]] });
    const outputs = [1, 2, 3].map(() => run(fakeBin('ollama'), ['run', 'm', 'go'], tmp.dir, env).stdout);
    assert.deepEqual(outputs, ['first attempt\nTASK_FAILED: not yet\n', 'second attempt\n', 'second attempt\n']);
  });

  it('exit 3 naming the step of a bad script', () => {
    const r = run(fakeBin('ollama'), ['run', 'm', 'go'], tmp.dir, tmp.script([{ say: 'ok' }, { shout: 'no such step' }]));
    assert.equal(r.status, 3);
    assert.ok(r.stderr.startsWith('fake-agent: step 2 of '), r.stderr);
  });

  it('flood N MiB of stdout in the format', () => {
    const r = run(fakeBin('pi'), ['-p', '--mode', 'json', 'go'], tmp.dir, tmp.script([{ spam: { mb: 1 } }]));
    assert.equal(r.status, 0, r.stderr);
    const bytes = Buffer.byteLength(r.stdout);
    assert.ok(bytes >= 1024 * 1024 && bytes < 1024 * 1024 + 64 * 1024, String(bytes));
    assert.equal(jsonLines(r.stdout).every((e) => typeof e.type === 'string'), true);
    assert.equal(/TASK_(COMPLETE|FAILED|BLOCKED)/.test(r.stdout), false);
  });

  it('llama-cli without -st waits at a `>` prompt until the idle timeout stops it', async () => {
    const lines: string[] = [];
    const result = await runProcess({
      argv: [fakeBin('llama-cli'), '-m', 'model.gguf', '-p', 'hi', '--no-display-prompt'],
      cwd: tmp.dir,
      env: tmp.script([{ say: 'answer' }]),
      idleTimeoutMs: 500,
      onLine: (line, stream) => stream === 'stdout' && lines.push(line),
    });
    assert.equal(result.reason, 'idle');
    assert.deepEqual(lines, ['answer', '', '> ']);
  });
});
