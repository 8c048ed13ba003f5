// Custom command templates: shell-like splitting of the template the user wrote, each placeholder
// replaced inside one argv element, and a hostile prompt that stays exactly one element.
import assert from 'node:assert/strict';
import { splitTemplate, substitute } from '../../../src/core/agents/adapters/commandTemplate';
import { customAdapter } from '../../../src/core/agents/adapters/customAdapter';
import { prepareInvocation } from '../../../src/core/agents/prepareInvocation';
import type { AgentRequest } from '../../../src/core/agents/types';

const HOSTILE = '"; rm -rf / #\n$(id) `whoami` \'quoted\' {model} {prompt_file}\n\tend';

const req = (template: string, over: Partial<AgentRequest> = {}): AgentRequest => ({
  command: '/usr/local/bin/my agent',
  model: 'big-model',
  prompt: HOSTILE,
  promptFile: '/tmp/run dir/prompt.md',
  cwd: '/work/repo',
  skipPermissions: false,
  template,
  ...over,
});

describe('custom command templates', () => {
  it('splits words like a shell: quotes group, whitespace of any kind separates', () => {
    assert.deepEqual(splitTemplate(`  {cmd}\t--prompt  {prompt_file} `), { ok: true, words: ['{cmd}', '--prompt', '{prompt_file}'] });
    assert.deepEqual(splitTemplate(`run "two words" 'it"s' a"b c"d '' ""`), { ok: true, words: ['run', 'two words', 'it"s', 'ab cd', '', ''] });
    assert.deepEqual(splitTemplate(`C:\\tools\\agent.exe --x`), { ok: true, words: ['C:\\tools\\agent.exe', '--x'] });
    assert.deepEqual(splitTemplate(`{cmd} "--prompt={prompt}`), { ok: false, error: 'command template: the double quote at column 7 is never closed' });
    assert.deepEqual(splitTemplate(`{cmd} 'x`), { ok: false, error: 'command template: the single quote at column 7 is never closed' });
    assert.deepEqual(splitTemplate('   '), { ok: false, error: 'command template is empty: expected e.g. "{cmd} --prompt {prompt_file}"' });
  });

  it('substitutes each placeholder as one element and never rescans the values', () => {
    assert.deepEqual(
      substitute(['{cmd}', '--file={prompt_file}', '{prompt}', '-m{model}', '{other}'], { cmd: 'a b', prompt: '{model} $(id)', prompt_file: '/p f', model: 'M' }),
      ['a b', '--file=/p f', '{model} $(id)', '-mM', '{other}'],
    );
  });

  it('keeps a hostile prompt one argv element, exactly as written', () => {
    const inv = customAdapter.invocation(req(`{cmd} --model {model} --text {prompt} --file={prompt_file}`));
    assert.deepEqual(inv.argv, ['/usr/local/bin/my agent', '--model', 'big-model', '--text', HOSTILE, '--file=/tmp/run dir/prompt.md']);
    assert.equal(inv.stdin, undefined);
    const quoted = customAdapter.invocation(req(`{cmd} "{prompt}" '{prompt}'`));
    assert.deepEqual(quoted.argv, ['/usr/local/bin/my agent', HOSTILE, HOSTILE]);
  });

  it('uses `{cmd} --prompt {prompt_file}` when the template is empty', () => {
    assert.deepEqual(customAdapter.invocation(req('')), { argv: ['/usr/local/bin/my agent', '--prompt', '/tmp/run dir/prompt.md'], cwd: '/work/repo' });
  });

  it('feeds the prompt on stdin when the template names neither {prompt} nor {prompt_file}', () => {
    assert.deepEqual(customAdapter.invocation(req('aider --message-file - --model {model}', { env: { A: '1' } })), {
      argv: ['aider', '--message-file', '-', '--model', 'big-model'],
      cwd: '/work/repo',
      env: { A: '1' },
      stdin: HOSTILE,
    });
  });

  it('names template problems before any spawn', () => {
    assert.deepEqual(prepareInvocation(customAdapter, req('{cmd} --p {promt}')), {
      ok: false,
      error: 'command template: unknown placeholder {promt}; expected {cmd}, {prompt}, {prompt_file}, {model}',
    });
    assert.deepEqual(prepareInvocation(customAdapter, req(`{cmd} '{prompt}`)), { ok: false, error: 'command template: the single quote at column 7 is never closed' });
    assert.deepEqual(prepareInvocation(customAdapter, req('{cmd} {prompt}', { command: '' })), { ok: false, error: 'command template uses {cmd} but no command is configured' });
    assert.deepEqual(prepareInvocation(customAdapter, req('{cmd} {prompt_file}', { promptFile: '' })), {
      ok: false,
      error: 'command template uses {prompt_file} but the request has no prompt file',
    });
    // JSON in a template is not a placeholder.
    assert.equal(prepareInvocation(customAdapter, req(`{cmd} --opts '{"a":1}' {prompt}`)).ok, true);
  });
});
