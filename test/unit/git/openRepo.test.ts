// Finding the repository and its base branch on real repositories: the root from a subdirectory,
// clear errors for no dir / no repository / no git, and main, master, configured, current, none.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openRepo } from '../../../src/core/git';
import type { GitPort } from '../../../src/core/git';
import { useGitSandbox } from './gitFixture';

async function open(dir: string): Promise<GitPort> {
  const port = await openRepo(dir);
  if ('error' in port) throw new Error(port.error);
  return port;
}

describe('openRepo', () => {
  const sandbox = useGitSandbox();

  it('finds the root from a subdirectory', async () => {
    const repo = await sandbox.repo();
    repo.write('src/deep/file.ts', 'x\n');
    const port = await open(path.join(repo.dir, 'src', 'deep'));
    assert.equal(port.root, repo.dir);
    assert.equal(await port.headSha(), repo.sha('HEAD'));
  });

  it('reports a directory outside any repository', async () => {
    const dir = sandbox.tempDir();
    assert.deepEqual(await openRepo(dir), {
      error: `${dir} is not inside a git repository: run \`git init\` there or open a folder inside a repository`,
    });
  });

  it('reports a missing directory and a file', async () => {
    const dir = sandbox.tempDir();
    const missing = path.join(dir, 'nope');
    assert.deepEqual(await openRepo(missing), { error: `expected a directory inside a git repository, but ${missing} does not exist` });
    fs.writeFileSync(path.join(dir, 'file'), '');
    assert.deepEqual(await openRepo(path.join(dir, 'file')), {
      error: `expected a directory inside a git repository, but ${path.join(dir, 'file')} is not a directory`,
    });
  });

  it('reports git missing', async () => {
    const repo = await sandbox.repo();
    assert.deepEqual(await openRepo(repo.dir, { gitBinary: 'specpilot-no-such-git' }), {
      error: 'git was not found: "specpilot-no-such-git" could not be run; install git and make sure it is on PATH',
    });
  });

  it('reports a binary that is not a plain executable name or path', async () => {
    const repo = await sandbox.repo();
    const result = await openRepo(repo.dir, { gitBinary: 'git; rm -rf ~' });
    assert.ok('error' in result);
    assert.match(result.error, /^expected a plain git executable name or path, got "git; rm -rf ~": /);
  });

  it('reports the inside of .git, which has no working tree', async () => {
    const repo = await sandbox.repo();
    assert.deepEqual(await openRepo(path.join(repo.dir, '.git')), {
      error: `expected ${path.join(repo.dir, '.git')} to be inside a git working tree: fatal: this operation must be run in a work tree`,
    });
  });
});

describe('base branch detection', () => {
  const sandbox = useGitSandbox();

  it('prefers main, then master, then the current branch', async () => {
    const repo = await sandbox.repo({ branch: 'trunk' });
    assert.deepEqual(await repo.port.detectBase(''), { ok: true, branch: 'trunk', source: 'current' });
    repo.git('branch', 'master');
    assert.deepEqual(await repo.port.detectBase(''), { ok: true, branch: 'master', source: 'master' });
    repo.git('branch', 'main');
    assert.deepEqual(await repo.port.detectBase(''), { ok: true, branch: 'main', source: 'main' });
    assert.equal(await repo.port.baseBranch(''), 'main');
  });

  it('uses the configured branch when it exists, and falls back when it does not', async () => {
    const repo = await sandbox.repo();
    repo.git('branch', 'develop');
    assert.deepEqual(await repo.port.detectBase('develop'), { ok: true, branch: 'develop', source: 'configured' });
    assert.deepEqual(await repo.port.detectBase('release'), { ok: true, branch: 'main', source: 'main' });
    assert.deepEqual(await repo.port.detectBase('../../etc'), { ok: true, branch: 'main', source: 'main' });
  });

  it('reports a repository with no commits yet as an error value', async () => {
    const repo = await sandbox.repo({ initialCommit: false });
    const error =
      `the repository at ${repo.dir} has no commits yet, so there is no base branch for task branches: ` +
      'make a first commit (for example `git commit --allow-empty -m "Initial commit"`)';
    assert.deepEqual(await repo.port.detectBase('main'), { ok: false, error });
    await assert.rejects(repo.port.baseBranch('main'), { message: error });
    await assert.rejects(repo.port.headSha(), {
      message: `expected a commit at HEAD, but the repository at ${repo.dir} has no commits on the current branch yet`,
    });
    assert.deepEqual(await repo.port.status(), { clean: true, changed: [], branch: 'main', operationInProgress: null });
  });

  it('reports a detached HEAD with no candidate branch', async () => {
    const repo = await sandbox.repo({ branch: 'trunk' });
    repo.git('checkout', '--quiet', '--detach');
    assert.deepEqual(await repo.port.detectBase('dev'), {
      ok: false,
      error: 'expected a base branch: none of dev, main, master exists and HEAD is detached; check out a branch or set main_branch',
    });
  });
});
