// Each adapter's exact argv: model or none, permissions, and large prompts (or prompts that
// start with `-`) moved off argv onto stdin or into the prompt file.
import assert from 'node:assert/strict';
import { claudeAdapter } from '../../../src/core/agents/adapters/claudeAdapter';
import { codexAdapter } from '../../../src/core/agents/adapters/codexAdapter';
import { LARGE_PROMPT_BYTES } from '../../../src/core/agents/adapters/largePrompt';
import { llamaCliAdapter } from '../../../src/core/agents/adapters/llamaCliAdapter';
import { ollamaAdapter } from '../../../src/core/agents/adapters/ollamaAdapter';
import { opencodeAdapter } from '../../../src/core/agents/adapters/opencodeAdapter';
import { piAdapter } from '../../../src/core/agents/adapters/piAdapter';
import { prepareInvocation } from '../../../src/core/agents/prepareInvocation';
import type { AgentRequest } from '../../../src/core/agents/types';

const base: AgentRequest = {
  command: '/opt/bin/agent',
  model: '',
  prompt: 'Implement TASK-001',
  promptFile: '/tmp/run/prompt.md',
  cwd: '/work/repo',
  skipPermissions: false,
  template: '',
};
const req = (over: Partial<AgentRequest>): AgentRequest => ({ ...base, ...over });
const LARGE = 'x'.repeat(LARGE_PROMPT_BYTES + 1);

describe('adapter invocations', () => {
  it('claude: print mode, stream-json, model and permission mode', () => {
    assert.deepEqual(claudeAdapter.invocation(base), {
      argv: ['/opt/bin/agent', '-p', 'Implement TASK-001', '--output-format', 'stream-json', '--verbose', '--permission-mode', 'acceptEdits'],
      cwd: '/work/repo',
    });
    assert.deepEqual(claudeAdapter.invocation(req({ model: 'sonnet', skipPermissions: true, env: { ANTHROPIC_BASE_URL: 'http://localhost:11434' } })), {
      argv: ['/opt/bin/agent', '-p', 'Implement TASK-001', '--output-format', 'stream-json', '--verbose', '--model', 'sonnet', '--dangerously-skip-permissions'],
      cwd: '/work/repo',
      env: { ANTHROPIC_BASE_URL: 'http://localhost:11434' },
    });
  });

  it('claude: a prompt over 100 KB, or one starting with -, goes on stdin', () => {
    assert.deepEqual(claudeAdapter.invocation(req({ prompt: LARGE, model: 'opus' })), {
      argv: ['/opt/bin/agent', '-p', '--output-format', 'stream-json', '--verbose', '--model', 'opus', '--permission-mode', 'acceptEdits'],
      cwd: '/work/repo',
      stdin: LARGE,
    });
    const exactlyAtLimit = 'y'.repeat(LARGE_PROMPT_BYTES);
    assert.equal(claudeAdapter.invocation(req({ prompt: exactlyAtLimit })).stdin, undefined);
    // Multi-byte text is measured in bytes: 40,000 three-byte characters are 120,000 bytes.
    assert.equal(claudeAdapter.invocation(req({ prompt: '€'.repeat(40_000) })).stdin, '€'.repeat(40_000));
    assert.deepEqual(claudeAdapter.invocation(req({ prompt: '--help me' })).argv, ['/opt/bin/agent', '-p', '--output-format', 'stream-json', '--verbose', '--permission-mode', 'acceptEdits']);
  });

  it('codex: exec --json, -m only with a model, never -p; `-` and stdin for a large prompt', () => {
    assert.deepEqual(codexAdapter.invocation(base), {
      argv: ['/opt/bin/agent', 'exec', '--json', '--sandbox', 'workspace-write', '--skip-git-repo-check', 'Implement TASK-001'],
      cwd: '/work/repo',
    });
    assert.deepEqual(codexAdapter.invocation(req({ model: 'gpt-5-codex' })).argv, [
      '/opt/bin/agent', 'exec', '--json', '-m', 'gpt-5-codex', '--sandbox', 'workspace-write', '--skip-git-repo-check', 'Implement TASK-001',
    ]);
    assert.deepEqual(codexAdapter.invocation(req({ prompt: LARGE })), {
      argv: ['/opt/bin/agent', 'exec', '--json', '--sandbox', 'workspace-write', '--skip-git-repo-check', '-'],
      cwd: '/work/repo',
      stdin: LARGE,
    });
    assert.equal(codexAdapter.invocation(req({ skipPermissions: true })).argv.includes('-p'), false);
  });

  it('opencode: run --format json with --model provider/model; stdin for a large prompt', () => {
    assert.deepEqual(opencodeAdapter.invocation(base).argv, ['/opt/bin/agent', 'run', '--format', 'json', 'Implement TASK-001']);
    assert.deepEqual(opencodeAdapter.invocation(req({ model: 'anthropic/claude-sonnet-4-5' })).argv, [
      '/opt/bin/agent', 'run', '--model', 'anthropic/claude-sonnet-4-5', '--format', 'json', 'Implement TASK-001',
    ]);
    assert.deepEqual(opencodeAdapter.invocation(req({ prompt: LARGE })), {
      argv: ['/opt/bin/agent', 'run', '--format', 'json'],
      cwd: '/work/repo',
      stdin: LARGE,
    });
  });

  it('pi: -p --mode json with an optional model', () => {
    assert.deepEqual(piAdapter.invocation(base), { argv: ['/opt/bin/agent', '-p', '--mode', 'json', 'Implement TASK-001'], cwd: '/work/repo' });
    assert.deepEqual(piAdapter.invocation(req({ model: 'anthropic/claude-sonnet-4-5' })).argv, [
      '/opt/bin/agent', '-p', '--mode', 'json', '--model', 'anthropic/claude-sonnet-4-5', 'Implement TASK-001',
    ]);
  });

  it('ollama: run <model> <prompt>; no model is a clear error value, not a spawn', () => {
    assert.deepEqual(ollamaAdapter.invocation(req({ model: 'qwen2.5-coder:7b' })), {
      argv: ['/opt/bin/agent', 'run', 'qwen2.5-coder:7b', 'Implement TASK-001'],
      cwd: '/work/repo',
    });
    assert.deepEqual(ollamaAdapter.invocation(req({ model: 'llama3.2', prompt: LARGE })), {
      argv: ['/opt/bin/agent', 'run', 'llama3.2'],
      cwd: '/work/repo',
      stdin: LARGE,
    });
    assert.deepEqual(prepareInvocation(ollamaAdapter, base), {
      ok: false,
      error: 'ollama needs a model: `ollama run` has no default, so set the model for this role (e.g. "llama3.2" or "qwen2.5-coder:7b")',
    });
    assert.deepEqual(prepareInvocation(ollamaAdapter, req({ model: 'llama3.2' })), {
      ok: true,
      invocation: { argv: ['/opt/bin/agent', 'run', 'llama3.2', 'Implement TASK-001'], cwd: '/work/repo' },
    });
  });

  it('llama-cli: -m model -p prompt, no echo, single turn; the prompt file for a large prompt', () => {
    assert.deepEqual(llamaCliAdapter.invocation(req({ model: '/models/qwen.gguf' })).argv, [
      '/opt/bin/agent', '-m', '/models/qwen.gguf', '-p', 'Implement TASK-001', '--no-display-prompt', '-st',
    ]);
    assert.deepEqual(llamaCliAdapter.invocation(req({ model: '/models/qwen.gguf', prompt: LARGE })).argv, [
      '/opt/bin/agent', '-m', '/models/qwen.gguf', '-f', '/tmp/run/prompt.md', '--no-display-prompt', '-st',
    ]);
    // llama-cli's -p takes the next argument as its value, so a leading `-` is safe there.
    assert.deepEqual(llamaCliAdapter.invocation(req({ model: 'm.gguf', prompt: '-x' })).argv, ['/opt/bin/agent', '-m', 'm.gguf', '-p', '-x', '--no-display-prompt', '-st']);
    assert.deepEqual(prepareInvocation(llamaCliAdapter, base), {
      ok: false,
      error: 'llama-cli needs a model: set the model for this role to a .gguf file path (passed as -m)',
    });
  });

  it('every adapter refuses an empty command by name and reports --version', () => {
    for (const adapter of [claudeAdapter, codexAdapter, opencodeAdapter, piAdapter]) {
      assert.deepEqual(prepareInvocation(adapter, req({ command: ' ' })), {
        ok: false,
        error: `no command configured for ${adapter.kind}: expected the executable's name or path (e.g. "${adapter.kind}")`,
      });
      assert.deepEqual(adapter.versionArgs, ['--version']);
    }
  });
});
