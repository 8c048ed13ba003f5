// "Never lose user changes": the rescue stash round trip on real repositories, untracked files
// included, by SHA when other stashes are pushed meanwhile, and kept whenever restoring fails.
import assert from 'node:assert/strict';
import { stashList, useGitSandbox } from './gitFixture';

describe('rescue stash', () => {
  const sandbox = useGitSandbox();

  it('returns null and stashes nothing on a clean tree (ignored files do not count)', async () => {
    const repo = await sandbox.repo();
    repo.commit('ignore', { '.gitignore': '*.log\n' });
    repo.write('debug.log', 'ignored\n');
    assert.equal(await repo.port.rescueStash('specpilot: rescue'), null);
    assert.deepEqual(stashList(repo), []);
  });

  it('round-trips staged, unstaged and untracked changes across a task run', async () => {
    const repo = await sandbox.repo();
    repo.commit('files', { '.gitignore': '*.log\n', 'a.txt': 'a\n', 'b.txt': 'b\n' });
    repo.write('a.txt', 'a edited\n');
    repo.write('b.txt', 'b staged\n');
    repo.write('added.txt', 'added and staged\n');
    repo.git('add', 'b.txt', 'added.txt');
    repo.write('notes/todo.md', 'untracked\n');
    repo.write('debug.log', 'ignored\n');

    const stash = await repo.port.rescueStash('specpilot: before TASK-001');
    assert.ok(stash !== null);
    assert.deepEqual(stash, { sha: repo.sha('stash@{0}'), message: 'specpilot: before TASK-001', branch: 'main' });
    assert.equal(repo.git('stash', 'list', '--format=%gs'), 'On main: specpilot: before TASK-001\n');
    assert.deepEqual(await repo.port.status(), { clean: true, changed: [], branch: 'main', operationInProgress: null });
    assert.equal(repo.exists('notes/todo.md'), false);
    assert.equal(repo.read('debug.log'), 'ignored\n', 'ignored files are left alone');

    // The task runs on its own branch and is merged back before the user's work returns.
    await repo.port.checkoutTaskBranch('task/TASK-001-x', 'main');
    repo.commit('TASK-001: work', { 'c.txt': 'task\n' });
    await repo.port.checkout('main');
    repo.git('merge', '--quiet', '--no-ff', '-m', 'merge', 'task/TASK-001-x');

    assert.equal(await repo.port.hasStash(stash.sha), true);
    await repo.port.restoreStash(stash);
    assert.equal(repo.read('a.txt'), 'a edited\n');
    assert.equal(repo.read('b.txt'), 'b staged\n');
    assert.equal(repo.read('added.txt'), 'added and staged\n');
    assert.equal(repo.read('notes/todo.md'), 'untracked\n');
    assert.equal(repo.read('c.txt'), 'task\n');
    assert.deepEqual((await repo.port.status()).changed, ['a.txt', 'added.txt', 'b.txt', 'notes/todo.md']);
    assert.equal(repo.git('status', '--porcelain=v1', '--untracked-files=all', 'notes'), '?? notes/todo.md\n');
    assert.deepEqual(stashList(repo), []);
    assert.equal(await repo.port.hasStash(stash.sha), false);
  });

  it('restores by SHA when another stash was pushed in between, dropping only its own', async () => {
    const repo = await sandbox.repo();
    repo.commit('files', { 'a.txt': 'a\n', 'b.txt': 'b\n' });
    repo.write('a.txt', 'mine\n');
    repo.write('untracked.txt', 'mine too\n');
    const stash = await repo.port.rescueStash('specpilot: rescue');
    assert.ok(stash !== null);

    repo.write('b.txt', 'someone else\n');
    repo.git('stash', 'push', '--quiet', '-m', 'other work');
    const other = repo.sha('stash@{0}');
    assert.deepEqual(stashList(repo), [other, stash.sha]);

    await repo.port.restoreStash(stash);
    assert.equal(repo.read('a.txt'), 'mine\n');
    assert.equal(repo.read('untracked.txt'), 'mine too\n');
    assert.equal(repo.read('b.txt'), 'b\n');
    assert.deepEqual(stashList(repo), [other]);
  });

  it('goes back to the branch the changes were stashed on', async () => {
    const repo = await sandbox.repo();
    repo.write('README.md', 'edited on main\n');
    const stash = await repo.port.rescueStash('rescue');
    assert.ok(stash !== null);
    await repo.port.checkoutTaskBranch('task/T1', 'main');
    repo.commit('T1: work', { 'task.txt': 't\n' });
    await repo.port.restoreStash(stash);
    assert.equal(repo.git('symbolic-ref', '--short', 'HEAD'), 'main\n');
    assert.equal(repo.read('README.md'), 'edited on main\n');
    assert.equal(repo.exists('task.txt'), false);
  });

  it('keeps the stash and says how to get it back when re-applying conflicts', async () => {
    const repo = await sandbox.repo();
    repo.commit('file', { 'f.txt': 'one\ntwo\nthree\n' });
    repo.write('f.txt', 'one\nUSER\nthree\n');
    const stash = await repo.port.rescueStash('specpilot: rescue');
    assert.ok(stash !== null);
    repo.commit('task changed the same line', { 'f.txt': 'one\nTASK\nthree\n' });

    await assert.rejects(repo.port.restoreStash(stash), {
      message:
        're-applying your changes on main conflicted in f.txt. ' +
        `They are kept in the stash ${stash.sha} ("specpilot: rescue"): resolve the conflicts in the working tree and then ` +
        'drop the entry from `git stash list`, or discard the conflicted files and re-apply them later with ' +
        `\`git stash apply ${stash.sha}\``,
    });
    assert.deepEqual(stashList(repo), [stash.sha]);
    assert.equal(await repo.port.hasStash(stash.sha), true);
    // The user's version is still in the stash, byte for byte.
    assert.equal(repo.git('show', `${stash.sha}:f.txt`), 'one\nUSER\nthree\n');
  });

  it('keeps the stash when an untracked file it holds now exists', async () => {
    const repo = await sandbox.repo();
    repo.write('notes.md', 'my notes\n');
    const stash = await repo.port.rescueStash('specpilot: rescue');
    assert.ok(stash !== null);
    repo.commit('task added the same path', { 'notes.md': 'task notes\n' });

    // git's own wording in the middle differs between versions; everything of ours is exact.
    await assert.rejects(repo.port.restoreStash(stash), (error: Error) => {
      const head = 're-applying your changes on main failed (git stash apply failed (exit 1): ';
      const tail =
        `). They are kept in the stash ${stash.sha} ("specpilot: rescue"): once nothing is in the way, ` +
        `get them back with \`git stash apply ${stash.sha}\` and drop the entry from \`git stash list\``;
      assert.ok(error.message.startsWith(head) && error.message.endsWith(tail), error.message);
      assert.ok(error.message.includes('notes.md already exists'), error.message);
      return true;
    });
    assert.deepEqual(stashList(repo), [stash.sha]);
    assert.equal(repo.read('notes.md'), 'task notes\n');
    assert.equal(repo.git('show', `${stash.sha}^3:notes.md`), 'my notes\n');
  });

  it('refuses a stash that is no longer listed, and a malformed SHA', async () => {
    const repo = await sandbox.repo();
    repo.write('README.md', 'edit\n');
    const stash = await repo.port.rescueStash('rescue');
    assert.ok(stash !== null);
    repo.git('stash', 'drop', '--quiet');
    await assert.rejects(repo.port.restoreStash(stash), {
      message:
        `the rescue stash ${stash.sha} ("rescue") is no longer in git stash list: it was dropped or already restored. ` +
        `If it was dropped by mistake, \`git stash apply ${stash.sha}\` can still bring it back until git gc runs`,
    });
    await assert.rejects(repo.port.restoreStash({ ...stash, sha: '--index' }), {
      message: 'expected a full stash commit SHA, got "--index"',
    });
  });

  it('refuses to stash in the middle of a merge', async () => {
    const repo = await sandbox.repo();
    repo.commit('base', { 'f.txt': 'base\n' });
    repo.git('checkout', '--quiet', '-b', 'side');
    repo.commit('side', { 'f.txt': 'side\n' });
    repo.git('checkout', '--quiet', 'main');
    repo.commit('main', { 'f.txt': 'main\n' });
    assert.throws(() => repo.git('merge', 'side'));
    await assert.rejects(repo.port.rescueStash('rescue'), {
      message: 'a merge is in progress: finish or abort it first; nothing was stashed',
    });
    assert.deepEqual(stashList(repo), []);
    repo.git('merge', '--abort');
  });

  it('works without a configured identity, under the fallback name', async () => {
    const repo = await sandbox.repo({ identity: false });
    repo.write('README.md', 'edit\n');
    const stash = await repo.port.rescueStash('rescue');
    assert.ok(stash !== null);
    assert.equal(repo.git('log', '-1', '--format=%cn <%ce>', stash.sha), 'Specpilot <specpilot@localhost>\n');
    await repo.port.restoreStash(stash);
    assert.equal(repo.read('README.md'), 'edit\n');
  });
});
