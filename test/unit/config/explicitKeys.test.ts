// Which keys a config file sets itself: the editor's settings apply only where it is silent.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { explicitKeys } from '../../../src/core/config/explicitKeys';

describe('explicitKeys', () => {
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'specpilot-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the dotted keys the file gives a value, not null ones or sections alone', () => {
    const file = join(dir, 'spec-runner.config.yaml');
    writeFileSync(file, ['claude_command: codex', 'budget_usd: null', 'hooks:', '  post_done:', '    run_tests: false', 'commands:', '  test: "npm test"', 'paths: {}'].join('\n'));
    assert.deepEqual([...explicitKeys({ file, legacy: false })].sort(), ['claude_command', 'commands.test', 'hooks.post_done.run_tests']);
  });

  it('reads the legacy file under its executor: wrapper, and nothing without a file', () => {
    const file = join(dir, 'executor.config.yaml');
    writeFileSync(file, 'executor:\n  max_retries: 5\n  claude_model: opus\n');
    assert.deepEqual([...explicitKeys({ file, legacy: true })].sort(), ['claude_model', 'max_retries']);
    assert.equal(explicitKeys({ file: null, legacy: false }).size, 0);
    assert.equal(explicitKeys({ file: join(dir, 'missing.yaml'), legacy: false }).size, 0);
  });
});
