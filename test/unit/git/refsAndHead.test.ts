// Answers the git layer now gets without a git process per question: several revisions resolved by
// one cat-file, the checked-out branch read from HEAD's file, and the git dir paths of a linked
// worktree, where HEAD and the operation markers are not under the main .git.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openRepo } from '../../../src/core/git';
import type { GitPort } from '../../../src/core/git';
import { GitRunner } from '../../../src/core/git/gitRunner';
import { branchTips, resolveCommits } from '../../../src/core/git/refs';
import { useGitSandbox } from './gitFixture';

async function open(dir: string): Promise<GitPort> {
  const port = await openRepo(dir);
  if ('error' in port) throw new Error(port.error);
  return port;
}

describe('revisions resolved in one process', () => {
  const sandbox = useGitSandbox();

  it('resolveCommits answers each revision in order: commits, peeled tags, and null for the rest', async () => {
    const repo = await sandbox.repo();
    const first = repo.sha('HEAD');
    const second = repo.commit('second', { 'a.txt': 'a\n' });
    repo.git('tag', '-a', 'v1', '-m', 'annotated', first);
    const tree = repo.git('rev-parse', 'HEAD^{tree}').trim();
    const git = new GitRunner(repo.dir, 'git');
    assert.deepEqual(await resolveCommits(git, ['HEAD', 'refs/heads/main', 'v1', 'nope', '-x', 'a b', tree, 'HEAD~1', '']), [
      second,
      second,
      first,
      null,
      null,
      null,
      null,
      first,
      null,
    ]);
    assert.deepEqual(await resolveCommits(git, []), []);
  });

  it('branchTips answers branches only, null for missing and invalid names', async () => {
    const repo = await sandbox.repo();
    const main = repo.sha('main');
    repo.git('branch', 'feature/x');
    repo.git('tag', 'only-a-tag');
    const git = new GitRunner(repo.dir, 'git');
    assert.deepEqual(await branchTips(git, ['main', '../bad', 'feature/x', 'only-a-tag', 'missing', '-main']), [main, null, main, null, null, null]);
  });
});

describe('currentBranch', () => {
  const sandbox = useGitSandbox();

  it('names the branch, HEAD when detached, and a branch with no commits yet', async () => {
    const repo = await sandbox.repo();
    assert.equal(await repo.port.currentBranch(), 'main');
    repo.git('checkout', '--quiet', '-b', 'task/T-1.2-x');
    assert.equal(await repo.port.currentBranch(), 'task/T-1.2-x');
    repo.git('checkout', '--quiet', '--detach');
    assert.equal(await repo.port.currentBranch(), 'HEAD');
    const empty = await sandbox.repo({ branch: 'trunk', initialCommit: false });
    assert.equal(await empty.port.currentBranch(), 'trunk');
  });

  it('reads a linked worktree’s own HEAD and operation markers', async () => {
    const repo = await sandbox.repo();
    repo.commit('base', { 'f.txt': 'base\n' });
    repo.git('branch', 'side');
    repo.commit('main', { 'f.txt': 'main\n' });
    const tree = path.join(sandbox.tempDir(), 'wt');
    repo.git('worktree', 'add', '--quiet', '-b', 'wt-branch', tree, 'side');
    const wt = await open(tree);
    assert.equal(wt.root, tree);
    assert.equal(await wt.currentBranch(), 'wt-branch');
    assert.deepEqual(await wt.status(), { clean: true, changed: [], branch: 'wt-branch', operationInProgress: null });
    assert.equal(await repo.port.currentBranch(), 'main');

    const wtGit = new GitRunner(tree, 'git');
    fs.writeFileSync(path.join(tree, 'f.txt'), 'worktree\n');
    await wtGit.ok(['commit', '--quiet', '--all', '--message=worktree']);
    const merged = await wtGit.run(['merge', 'main']);
    assert.equal(merged.code, 1, 'the merge conflicts');
    assert.deepEqual(await wt.status(), { clean: false, changed: ['f.txt'], branch: 'wt-branch', operationInProgress: 'merge' });
    assert.deepEqual(await repo.port.status(), { clean: true, changed: [], branch: 'main', operationInProgress: null }, 'the main worktree is not merging');
    await wtGit.ok(['merge', '--abort']);
  });
});
