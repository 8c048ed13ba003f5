// The doctor on real executables in a temp dir (found + version + format), on missing and
// unusable commands, and its one-line summary.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { doctor, doctorStatusLine } from '../../../src/core/agents/doctor';
import { which } from '../../../src/core/agents/which';

describe('doctor', function () {
  this.timeout(60_000);
  let dir = '';
  let env: Record<string, string> = {};

  function script(name: string, body: string, mode = 0o755): string {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, mode);
    return path;
  }

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'specpilot-doctor-'));
    env = { PATH: `${dir}${delimiter}${process.env['PATH'] ?? ''}` };
    script('claude', 'echo "2.0.14 (Claude Code)"');
    script('codex', 'echo "error: config.toml is invalid" >&2; exit 2');
    script('opencode', 'echo "opencode, no version for you"');
    script('pi', 'echo 0.9.1', 0o644);
    script('ollama', 'echo "Warning: could not connect to a running Ollama instance" >&2; echo "ollama version is 0.12.3"');
    script('llama-cli', 'echo "version: 6710 (74b8fc17)" >&2; echo "built with cc for x86_64-linux-gnu" >&2');
    script('slow-agent', 'exec sleep 60');
    script('my-agent', 'echo "my-agent 1.2.3"');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('rates each configured agent READY, DEGRADED or BROKEN', async () => {
    const entries = await doctor(
      [
        { role: 'implement', command: 'claude', template: '', model: '' },
        { role: 'review', command: 'codex', template: '', model: 'gpt-5' },
        { role: 'plan', command: 'opencode', template: '', model: '' },
        { role: 'extra', command: 'pi', template: '', model: '' },
        { role: 'local', command: 'ollama', template: '', model: 'llama3.2' },
        { role: 'local-nomodel', command: 'ollama', template: '', model: '' },
        { role: 'tiny', command: 'llama-cli', template: '', model: '/models/q.gguf' },
        { role: 'gone', command: '/nonexistent/bin/claude', template: '', model: '' },
        { role: 'what', command: 'aider', template: '', model: '' },
        { role: 'custom', command: 'ignored', template: `my-agent --prompt {prompt_file}`, model: '' },
        { role: 'badtemplate', command: 'my-agent', template: `{cmd} '{prompt}`, model: '' },
      ],
      { cwd: dir, env },
    );
    assert.deepEqual(entries, [
      { role: 'implement', command: 'claude', kind: 'claude', found: join(dir, 'claude'), version: '2.0.14 (Claude Code)', format: 'READY', detail: 'claude format check passed' },
      {
        role: 'review',
        command: 'codex',
        kind: 'codex',
        found: join(dir, 'codex'),
        version: null,
        format: 'DEGRADED',
        detail: `version check failed: \`${join(dir, 'codex')} --version\` failed (exit 2): error: config.toml is invalid; the agent may still run`,
      },
      {
        role: 'plan',
        command: 'opencode',
        kind: 'opencode',
        found: join(dir, 'opencode'),
        version: 'opencode, no version for you',
        format: 'DEGRADED',
        detail: 'unexpected version output "opencode, no version for you" (no version number)',
      },
      { role: 'extra', command: 'pi', kind: 'pi', found: null, version: null, format: 'BROKEN', detail: 'pi not found on PATH or not executable' },
      { role: 'local', command: 'ollama', kind: 'ollama', found: join(dir, 'ollama'), version: 'ollama version is 0.12.3', format: 'READY', detail: 'ollama format check passed' },
      {
        role: 'local-nomodel',
        command: 'ollama',
        kind: 'ollama',
        found: join(dir, 'ollama'),
        version: 'ollama version is 0.12.3',
        format: 'BROKEN',
        detail: 'ollama needs a model: `ollama run` has no default, so set the model for this role (e.g. "llama3.2" or "qwen2.5-coder:7b")',
      },
      { role: 'tiny', command: 'llama-cli', kind: 'llama-cli', found: join(dir, 'llama-cli'), version: 'version: 6710 (74b8fc17)', format: 'READY', detail: 'llama-cli format check passed' },
      { role: 'gone', command: '/nonexistent/bin/claude', kind: 'claude', found: null, version: null, format: 'BROKEN', detail: '/nonexistent/bin/claude not found on PATH or not executable' },
      {
        role: 'what',
        command: 'aider',
        kind: null,
        found: null,
        version: null,
        format: 'BROKEN',
        detail:
          'Unknown agent command "aider": Specpilot recognises claude, codex, opencode, pi, ollama, llama-cli by the command\'s file name. ' +
          'For another CLI set a command template, e.g. command_template: "{cmd} --prompt {prompt_file}" (placeholders {cmd}, {prompt}, {prompt_file}, {model}), or name the adapter kind explicitly.',
      },
      { role: 'custom', command: 'ignored', kind: 'custom', found: join(dir, 'my-agent'), version: 'my-agent 1.2.3', format: 'READY', detail: 'custom format check passed' },
      {
        role: 'badtemplate',
        command: 'my-agent',
        kind: 'custom',
        found: join(dir, 'my-agent'),
        version: 'my-agent 1.2.3',
        format: 'BROKEN',
        detail: 'command template: the single quote at column 7 is never closed',
      },
    ]);
  });

  it('finds the fake agent CLIs, reads their versions and rates them READY', async () => {
    const bin = resolve(__dirname, '../../fixtures/agents/bin');
    const fake = resolve(__dirname, '../../fixtures/agents/fake-agent.mjs');
    const fakesEnv = { PATH: `${bin}${delimiter}${process.env['PATH'] ?? ''}` };
    const entries = await doctor(
      [
        { role: 'implement', command: 'claude', template: '', model: '' },
        { role: 'review', command: 'codex', template: '', model: '' },
        { role: 'plan', command: 'opencode', template: '', model: '' },
        { role: 'extra', command: 'pi', template: '', model: '' },
        { role: 'local', command: 'ollama', template: '', model: 'llama3.2' },
        { role: 'tiny', command: 'llama-cli', template: '', model: '/models/q.gguf' },
        { role: 'custom', command: fake, template: '{cmd} --prompt-file {prompt_file}', model: '' },
      ],
      { cwd: dir, env: fakesEnv },
    );
    assert.deepEqual(
      entries.map((e) => [e.role, e.kind, e.found, e.version, e.format]),
      [
        ['implement', 'claude', join(bin, 'claude'), '2.0.14 (Claude Code)', 'READY'],
        ['review', 'codex', join(bin, 'codex'), 'codex-cli 0.46.0', 'READY'],
        ['plan', 'opencode', join(bin, 'opencode'), '1.0.85', 'READY'],
        ['extra', 'pi', join(bin, 'pi'), '0.70.2', 'READY'],
        ['local', 'ollama', join(bin, 'ollama'), 'ollama version is 0.12.3', 'READY'],
        ['tiny', 'llama-cli', join(bin, 'llama-cli'), 'version: 6710 (a1b2c3d4)', 'READY'],
        ['custom', 'custom', fake, 'fake-agent 1.0.0', 'READY'],
      ],
    );
    assert.equal(doctorStatusLine(entries[0]!), `implement: claude READY ${join(bin, 'claude')} (2.0.14 (Claude Code))`);
  });

  it('gives up on a version command that hangs, and kills it', async () => {
    const [entry] = await doctor([{ role: 'slow', command: 'slow-agent', template: '', model: '', kind: 'claude' }], { cwd: dir, env, timeoutMs: 1000 });
    assert.equal(entry?.format, 'DEGRADED');
    assert.equal(entry?.version, null);
    assert.equal(entry?.detail, `version check failed: \`${join(dir, 'slow-agent')} --version\` did not finish within 1000 ms; the agent may still run`);
  });

  it('says one line per entry', () => {
    assert.equal(
      doctorStatusLine({ role: 'implement', command: 'claude', kind: 'claude', found: '/usr/bin/claude', version: '2.0.14 (Claude Code)', format: 'READY', detail: 'claude format check passed' }),
      'implement: claude READY /usr/bin/claude (2.0.14 (Claude Code))',
    );
    assert.equal(
      doctorStatusLine({ role: 'review', command: 'aider', kind: null, found: null, version: null, format: 'BROKEN', detail: 'Unknown agent command "aider"' }),
      'review: unknown BROKEN aider: Unknown agent command "aider"',
    );
  });

  it('which: finds by PATH or by path, never a directory or a file without the execute bit', async () => {
    assert.equal(await which('claude', { cwd: '/', env }), join(dir, 'claude'));
    assert.equal(await which('./claude', { cwd: dir, env: {} }), join(dir, 'claude'));
    assert.equal(await which('pi', { cwd: '/', env }), null);
    assert.equal(await which('.', { cwd: dir, env }), null);
    assert.equal(await which('', { cwd: dir, env }), null);
    assert.equal(await which('claude', { cwd: '/', env: { PATH: '' } }), null);
  });
});
