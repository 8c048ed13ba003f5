// Which adapter a configured command gets: override, then template, then the basename.
import assert from 'node:assert/strict';
import { DEFAULT_PRICES, withPrices } from '../../../src/core/agents/priceTable';
import { adapterByKind, adapterFor, commandBasename } from '../../../src/core/agents/detectAdapter';
import { AGENT_KINDS } from '../../../src/core/agents/types';
import type { AgentRequest } from '../../../src/core/agents/types';

function kindOf(command: string, template = '', override?: Parameters<typeof adapterFor>[2]): string {
  const choice = adapterFor(command, template, override);
  return choice.ok ? choice.adapter.kind : `error: ${choice.error}`;
}

describe('adapterFor', () => {
  it('detects each CLI by its basename, without directory or .exe/.cmd', () => {
    assert.equal(kindOf('claude'), 'claude');
    assert.equal(kindOf('/home/me/.local/bin/codex'), 'codex');
    assert.equal(kindOf('C:\\Users\\me\\AppData\\Roaming\\npm\\opencode.cmd'), 'opencode');
    assert.equal(kindOf('./node_modules/.bin/pi'), 'pi');
    assert.equal(kindOf('OLLAMA.EXE'.toLowerCase()), 'ollama');
    assert.equal(kindOf('/opt/llama.cpp/build/bin/llama-cli.exe'), 'llama-cli');
    assert.equal(commandBasename(' C:/tools/Claude.CMD '), 'Claude');
  });

  it('a template means custom; an explicit kind wins over both', () => {
    assert.equal(kindOf('claude', '{cmd} -p {prompt}'), 'custom');
    assert.equal(kindOf('my-agent', '{cmd} --prompt {prompt_file}'), 'custom');
    assert.equal(kindOf('my-claude-wrapper', '', 'claude'), 'claude');
    assert.equal(kindOf('claude', '{cmd} {prompt}', 'codex'), 'codex');
    assert.equal(kindOf('', '', 'custom'), 'custom');
  });

  it('names an unknown command, the known names and the template setting', () => {
    assert.equal(
      kindOf('/usr/bin/aider'),
      'error: Unknown agent command "/usr/bin/aider": Specpilot recognises claude, codex, opencode, pi, ollama, llama-cli by the command\'s file name. ' +
        'For another CLI set a command template, e.g. command_template: "{cmd} --prompt {prompt_file}" (placeholders {cmd}, {prompt}, {prompt_file}, {model}), or name the adapter kind explicitly.',
    );
    assert.match(kindOf(''), /^error: No agent command is configured: Specpilot recognises claude, codex/);
    assert.match(kindOf('claude-code'), /^error: Unknown agent command "claude-code"/);
  });

  it('has an adapter for every kind, and codex prices with the configured table', () => {
    for (const kind of AGENT_KINDS) assert.equal(adapterByKind(kind).kind, kind);
    const req: AgentRequest = { command: 'codex', model: 'team-model', prompt: '', promptFile: '', cwd: '/', skipPermissions: false, template: '' };
    const turn = '{"type":"turn.completed","usage":{"input_tokens":1000000,"cached_input_tokens":0,"output_tokens":0}}';
    const priced = adapterFor('codex', '', undefined, { prices: withPrices({ 'team-model': { input: 4, output: 8 } }) });
    assert.equal(priced.ok, true);
    if (!priced.ok) return;
    const parser = priced.adapter.parser(req);
    parser.feed(turn, 'stdout');
    assert.deepEqual(parser.finish().cost, { kind: 'usd', usd: 4 });
    const plain = adapterByKind('codex', { prices: DEFAULT_PRICES }).parser(req);
    plain.feed(turn, 'stdout');
    assert.deepEqual(plain.finish().cost, { kind: 'unpriced' });
  });
});
