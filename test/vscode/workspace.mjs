// Makes a throwaway copy of the demo workspace (test/fixtures/demo) as a git repository with one
// commit, because Specpilot works on git branches and must never touch the fixture itself.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './codeServer.mjs';

export const demoFixture = join(repoRoot, 'test', 'fixtures', 'demo');

function git(cwd, ...args) {
  // A fixed identity: CI machines and fresh containers have no git user configured.
  const result = spawnSync('git', ['-c', 'user.name=Specpilot Demo', '-c', 'user.email=demo@specpilot.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${result.stderr || result.error?.message}`);
  return result.stdout;
}

/**
 * Copies the demo to <tmp>/<prefix>XXXXXX/demo, runs git init on branch main and commits it.
 * @param {string} prefix temp dir name prefix, e.g. 'specpilot-vscode-'
 * @returns {string} the absolute path of the copy
 */
export function copyDemoWorkspace(prefix = 'specpilot-demo-') {
  const workspace = join(mkdtempSync(join(tmpdir(), prefix)), 'demo');
  cpSync(demoFixture, workspace, { recursive: true });
  git(workspace, 'init', '-q', '-b', 'main');
  git(workspace, 'add', '-A');
  git(workspace, 'commit', '-q', '-m', 'linkshort: specs and first two tasks');
  return workspace;
}
