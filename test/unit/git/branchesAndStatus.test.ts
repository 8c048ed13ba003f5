// Task branches on a real repository (create from base, resume, hostile names refused) and the
// working-tree status the executor checks first: staged, unstaged, untracked, ignored, operations.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { useGitSandbox } from './gitFixture';

describe('task branches', () => {
  const sandbox = useGitSandbox();

  it('creates the branch from base and checks it out, then resumes it', async () => {
    const repo = await sandbox.repo();
    const base = repo.sha('main');
    repo.git('checkout', '--quiet', '-b', 'elsewhere');
    const elsewhere = repo.commit('unrelated work', { 'other.txt': 'x\n' });
    const name = repo.port.taskBranchName('TASK-001', 'Add login page');
    assert.equal(name, 'task/TASK-001-add-login-page');
    assert.equal(await repo.port.branchExists(name), false);

    await repo.port.checkoutTaskBranch(name, 'main');
    assert.equal(await repo.port.branchExists(name), true);
    assert.equal(repo.git('symbolic-ref', '--short', 'HEAD'), `${name}\n`);
    assert.equal(await repo.port.headSha(), base);
    const work = repo.commit('TASK-001: half done', { 'login.ts': 'export {};\n' });

    await repo.port.checkout('elsewhere');
    assert.equal(await repo.port.headSha(), elsewhere);
    await repo.port.checkoutTaskBranch(name, 'main');
    assert.equal(repo.git('symbolic-ref', '--short', 'HEAD'), `${name}\n`);
    assert.equal(await repo.port.headSha(), work, 'resumed, not recreated from main');
  });

  it('treats a branch named like a file as a branch, never restoring the file over an edit', async () => {
    const repo = await sandbox.repo();
    repo.commit('add file named like the branch', { feature: 'tracked file\n' });
    repo.git('branch', 'feature');
    repo.git('checkout', '--quiet', '-b', 'other');
    repo.write('feature', 'local edit\n');
    await repo.port.checkout('feature');
    assert.equal(repo.git('symbolic-ref', '--short', 'HEAD'), 'feature\n');
    assert.equal(repo.read('feature'), 'local edit\n');
  });

  it('refuses hostile and missing names with clear errors and touches nothing', async () => {
    const repo = await sandbox.repo();
    const head = repo.sha('HEAD');
    await assert.rejects(repo.port.checkoutTaskBranch('$(rm -rf ~)', 'main'), {
      message: 'expected a valid git branch name (see git check-ref-format --branch), got "$(rm -rf ~)"',
    });
    await assert.rejects(repo.port.checkout('--orphan'), {
      message: 'expected a valid git branch name (see git check-ref-format --branch), got "--orphan"',
    });
    await assert.rejects(repo.port.checkoutTaskBranch('task/T1', 'nope'), {
      message: 'expected the base branch nope to exist to create task/T1 from it',
    });
    assert.equal(await repo.port.branchExists('../../etc'), false);
    assert.equal(repo.sha('HEAD'), head);
    assert.equal(repo.git('branch', '--format=%(refname:short)'), 'main\n');
  });

  it('reports git’s own refusal to create the branch over local changes, creating nothing', async () => {
    const repo = await sandbox.repo();
    repo.commit('base', { 'f.txt': 'base\n' });
    repo.git('branch', 'other');
    repo.commit('main', { 'f.txt': 'main\n' });
    repo.write('f.txt', 'dirty\n');
    await assert.rejects(repo.port.checkoutTaskBranch('task/T1', 'other'), {
      message:
        'git checkout failed (exit 1): error: Your local changes to the following files would be overwritten by checkout:\n' +
        '\tf.txt\nPlease commit your changes or stash them before you switch branches.\nAborting',
    });
    assert.equal(await repo.port.branchExists('task/T1'), false);
    assert.equal(await repo.port.currentBranch(), 'main');
    assert.equal(repo.read('f.txt'), 'dirty\n');
  });

  it('names hostile titles safely end to end', async () => {
    const repo = await sandbox.repo();
    for (const title of ['$(rm -rf ~)', '../../etc', 'feat: a; b']) {
      const name = repo.port.taskBranchName('TASK-9', title);
      await repo.port.checkoutTaskBranch(name, 'main');
      assert.equal(repo.git('symbolic-ref', '--short', 'HEAD'), `${name}\n`);
    }
    assert.equal(
      repo.git('branch', '--format=%(refname:short)'),
      'main\ntask/TASK-9-etc\ntask/TASK-9-feat-a-b\ntask/TASK-9-rm-rf\n',
    );
  });
});

describe('working tree status', () => {
  const sandbox = useGitSandbox();

  it('is clean on a fresh commit', async () => {
    const repo = await sandbox.repo();
    assert.deepEqual(await repo.port.status(), { clean: true, changed: [], branch: 'main', operationInProgress: null });
  });

  it('lists staged, unstaged and untracked paths but not ignored ones', async () => {
    const repo = await sandbox.repo();
    repo.commit('tracked files', { '.gitignore': 'build/\n*.log\n', 'a.txt': 'a\n', 'b.txt': 'b\n', 'gone.txt': 'g\n' });
    repo.write('a.txt', 'a changed\n');
    repo.write('b.txt', 'b staged\n');
    repo.git('add', 'b.txt');
    repo.git('rm', '--quiet', 'gone.txt');
    repo.write('new dir/ünïcode file.txt', 'u\n');
    repo.write('build/out.js', 'ignored\n');
    repo.write('debug.log', 'ignored\n');
    assert.deepEqual(await repo.port.status(), {
      clean: false,
      changed: ['a.txt', 'b.txt', 'gone.txt', 'new dir/ünïcode file.txt'],
      branch: 'main',
      operationInProgress: null,
    });
  });

  it('answers independent calls made in parallel, failing ones included', async () => {
    const repo = await sandbox.repo();
    repo.write('u.txt', 'u\n');
    const head = repo.sha('HEAD');
    const [status, missing, present, sha, refused] = await Promise.all([
      repo.port.status(),
      repo.port.branchExists('nope'),
      repo.port.branchExists('main'),
      repo.port.headSha(),
      repo.port.diff('nope', 'main').then(
        () => 'resolved',
        (error: Error) => error.message,
      ),
    ]);
    assert.deepEqual(status, { clean: false, changed: ['u.txt'], branch: 'main', operationInProgress: null });
    assert.deepEqual([missing, present, sha], [false, true, head]);
    assert.match(refused, /^git diff failed \(exit 128\): fatal: /);
  });

  it('reports a detached HEAD as HEAD', async () => {
    const repo = await sandbox.repo();
    repo.git('checkout', '--quiet', '--detach');
    assert.equal((await repo.port.status()).branch, 'HEAD');
  });

  it('reports a merge, a cherry-pick and a rebase in progress', async () => {
    const repo = await sandbox.repo();
    repo.commit('base', { 'f.txt': 'base\n' });
    repo.git('checkout', '--quiet', '-b', 'side');
    const side = repo.commit('side', { 'f.txt': 'side\n' });
    repo.git('checkout', '--quiet', 'main');
    repo.commit('main', { 'f.txt': 'main\n' });
    const conflicted = (...args: string[]): void => {
      const result = spawnSync('git', args, { cwd: repo.dir, stdio: 'ignore' });
      assert.notEqual(result.status, 0, `git ${args.join(' ')} should stop on the conflict`);
    };

    conflicted('merge', 'side');
    assert.deepEqual(await repo.port.status(), { clean: false, changed: ['f.txt'], branch: 'main', operationInProgress: 'merge' });
    repo.git('merge', '--abort');

    conflicted('cherry-pick', side);
    assert.equal((await repo.port.status()).operationInProgress, 'cherry-pick');
    repo.git('cherry-pick', '--abort');

    conflicted('rebase', 'side');
    const status = await repo.port.status();
    assert.equal(status.operationInProgress, 'rebase');
    assert.equal(status.branch, 'HEAD');
    repo.git('rebase', '--abort');
    assert.deepEqual(await repo.port.status(), { clean: true, changed: [], branch: 'main', operationInProgress: null });
  });
});
