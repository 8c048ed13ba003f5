// Committing a task's work and merging it back on real repositories: messages kept byte for byte,
// the fallback identity only where none is configured, and conflicts that leave both branches as they were.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { storedMessage, useGitSandbox } from './gitFixture';
import type { TestRepo } from './gitFixture';

const authorOf = (repo: TestRepo, sha: string): string => repo.git('log', '-1', '--format=%an <%ae>|%cn <%ce>', sha).trim();

describe('commitAll', () => {
  const sandbox = useGitSandbox();

  it('returns null when there is nothing to commit', async () => {
    const repo = await sandbox.repo();
    repo.commit('ignore logs', { '.gitignore': '*.log\n' });
    const head = repo.sha('HEAD');
    repo.write('debug.log', 'ignored\n');
    assert.equal(await repo.port.commitAll('TASK-001: nothing'), null);
    assert.equal(repo.sha('HEAD'), head);
  });

  it('stages modified, deleted and untracked files and commits them', async () => {
    const repo = await sandbox.repo();
    repo.commit('files', { 'a.txt': 'a\n', 'gone.txt': 'g\n' });
    repo.write('a.txt', 'changed\n');
    fs.rmSync(path.join(repo.dir, 'gone.txt'));
    repo.write('src/new.ts', 'export {};\n');
    const sha = await repo.port.commitAll('TASK-001: add things');
    assert.equal(sha, repo.sha('HEAD'));
    assert.equal(repo.git('show', '--name-status', '--format=', 'HEAD'), 'M\ta.txt\nD\tgone.txt\nA\tsrc/new.ts\n');
    assert.deepEqual((await repo.port.status()).changed, []);
  });

  it('keeps a multi-line message exactly as given', async () => {
    const repo = await sandbox.repo();
    const message = 'TASK-001: subject  \n\n\n# not a comment\n  indented body\t\n\n-- trailer-ish\n';
    repo.write('x.txt', 'x\n');
    const sha = await repo.port.commitAll(message);
    assert.ok(sha !== null);
    assert.equal(storedMessage(repo, sha), message);
    repo.write('y.txt', 'y\n');
    const noNewline = await repo.port.commitAll('--not an option\nsecond line');
    assert.ok(noNewline !== null);
    assert.equal(storedMessage(repo, noNewline), '--not an option\nsecond line\n', 'git only completes the last line');
  });

  it('commits in a repository on its first commit', async () => {
    const repo = await sandbox.repo({ initialCommit: false });
    repo.write('first.txt', '1\n');
    const sha = await repo.port.commitAll('first');
    assert.equal(sha, repo.sha('HEAD'));
    assert.equal(repo.git('rev-list', '--count', 'HEAD'), '1\n');
  });

  it('uses the fallback identity only when none is configured', async () => {
    const repo = await sandbox.repo({ identity: false });
    repo.write('a.txt', 'a\n');
    const fallback = await repo.port.commitAll('no identity');
    assert.ok(fallback !== null);
    assert.equal(authorOf(repo, fallback), 'Specpilot <specpilot@localhost>|Specpilot <specpilot@localhost>');
    assert.equal(repo.git('config', '--list', '--local').includes('user.'), false, 'nothing written to the config');

    repo.git('config', 'user.name', 'Only Name');
    repo.write('b.txt', 'b\n');
    const partial = await repo.port.commitAll('name only');
    assert.ok(partial !== null);
    assert.equal(authorOf(repo, partial), 'Only Name <specpilot@localhost>|Only Name <specpilot@localhost>');

    repo.git('config', 'user.email', 'only@example.com');
    repo.write('c.txt', 'c\n');
    const own = await repo.port.commitAll('own identity');
    assert.ok(own !== null);
    assert.equal(authorOf(repo, own), 'Only Name <only@example.com>|Only Name <only@example.com>');
  });

  it('keeps an identity set in the global config', async () => {
    const repo = await sandbox.repo({ identity: false });
    const home = process.env.HOME ?? '';
    fs.writeFileSync(path.join(home, '.gitconfig'), '[user]\n\tname = Global User\n\temail = global@example.com\n');
    try {
      repo.write('a.txt', 'a\n');
      const sha = await repo.port.commitAll('global identity');
      assert.ok(sha !== null);
      assert.equal(authorOf(repo, sha), 'Global User <global@example.com>|Global User <global@example.com>');
    } finally {
      fs.rmSync(path.join(home, '.gitconfig'));
    }
  });

  it('refuses an empty message', async () => {
    const repo = await sandbox.repo();
    repo.write('a.txt', 'a\n');
    await assert.rejects(repo.port.commitAll(' \n'), { message: 'expected a non-empty commit message' });
  });
});

describe('merge', () => {
  const sandbox = useGitSandbox();

  /** main with one more commit after the task branch started, and a task branch with its own. */
  async function diverged(taskFiles: Record<string, string>, mainFiles: Record<string, string>): Promise<TestRepo> {
    const repo = await sandbox.repo();
    repo.commit('shared', { 'f.txt': 'one\ntwo\nthree\n' });
    await repo.port.checkoutTaskBranch('task/T1-x', 'main');
    repo.commit('T1: task work', taskFiles);
    await repo.port.checkout('main');
    repo.commit('main moved on', mainFiles);
    await repo.port.checkout('task/T1-x');
    return repo;
  }

  it('--no-ff creates a merge commit with the message, even when a fast-forward was possible', async () => {
    const repo = await sandbox.repo();
    const base = repo.sha('main');
    await repo.port.checkoutTaskBranch('task/T1-x', 'main');
    const tip = repo.commit('T1: work', { 'a.txt': 'a\n' });
    const message = 'Merge T1: x\n\nTask: T1\n';
    const result = await repo.port.merge('task/T1-x', 'main', { noFf: true, message });
    assert.deepEqual(result, { ok: true, sha: repo.sha('main'), fastForward: false });
    assert.equal(repo.git('symbolic-ref', '--short', 'HEAD'), 'main\n');
    assert.equal(repo.git('rev-list', '--parents', '-1', 'main'), `${repo.sha('main')} ${base} ${tip}\n`);
    assert.equal(storedMessage(repo, repo.sha('main')), message);
    assert.equal(repo.sha('task/T1-x'), tip, 'the task branch is kept');
  });

  it('fast-forwards when noFf is false and main did not move', async () => {
    const repo = await sandbox.repo();
    await repo.port.checkoutTaskBranch('task/T1-x', 'main');
    const tip = repo.commit('T1: work', { 'a.txt': 'a\n' });
    const result = await repo.port.merge('task/T1-x', 'main', { noFf: false, message: 'unused for a fast-forward' });
    assert.deepEqual(result, { ok: true, sha: tip, fastForward: true });
    assert.equal(repo.sha('main'), tip);
  });

  it('merges without fast-forward when main moved on, without a configured identity', async () => {
    const repo = await sandbox.repo({ identity: false });
    repo.commit('shared', { 'f.txt': 'f\n' });
    await repo.port.checkoutTaskBranch('task/T1-x', 'main');
    repo.commit('T1', { 'a.txt': 'a\n' });
    await repo.port.checkout('main');
    repo.commit('main', { 'b.txt': 'b\n' });
    const result = await repo.port.merge('task/T1-x', 'main', { noFf: false, message: 'Merge T1' });
    assert.deepEqual(result, { ok: true, sha: repo.sha('main'), fastForward: false });
    assert.equal(repo.git('log', '-1', '--format=%cn <%ce>', 'main'), 'Specpilot <specpilot@localhost>\n');
    assert.equal(repo.git('rev-list', '--parents', '-1', 'main').trim().split(' ').length, 3, 'a merge commit');
    assert.equal(repo.read('a.txt'), 'a\n');
  });

  it('aborts a conflicting merge and leaves both branches exactly as they were', async () => {
    const repo = await diverged({ 'f.txt': 'one\nTASK\nthree\n' }, { 'f.txt': 'one\nMAIN\nthree\n', 'm.txt': 'm\n' });
    const main = repo.sha('main');
    const task = repo.sha('task/T1-x');
    const result = await repo.port.merge('task/T1-x', 'main', { noFf: true, message: 'Merge T1' });
    assert.deepEqual(result, {
      ok: false,
      conflicts: ['f.txt'],
      message:
        'Merging task/T1-x into main failed (conflicts in f.txt); the merge was aborted: main is unchanged and task/T1-x is kept. ' +
        'To merge by hand: git checkout main && git merge --no-ff task/T1-x, resolve the conflicts, then git commit.',
    });
    assert.equal(repo.sha('main'), main);
    assert.equal(repo.sha('task/T1-x'), task);
    assert.deepEqual(await repo.port.status(), { clean: true, changed: [], branch: 'main', operationInProgress: null });
    assert.equal(repo.read('f.txt'), 'one\nMAIN\nthree\n');
  });

  it('refuses to start on a dirty tree, a missing branch or a hostile name, changing nothing', async () => {
    const repo = await diverged({ 'a.txt': 'a\n' }, { 'b.txt': 'b\n' });
    const main = repo.sha('main');
    repo.write('wip.txt', 'user work\n');
    assert.deepEqual(await repo.port.merge('task/T1-x', 'main', { noFf: true, message: 'm' }), {
      ok: false,
      conflicts: [],
      message: 'the working tree has uncommitted changes (wip.txt): commit or stash them first; nothing was merged',
    });
    assert.equal(repo.git('symbolic-ref', '--short', 'HEAD'), 'task/T1-x\n');
    fs.rmSync(path.join(repo.dir, 'wip.txt'));
    assert.deepEqual(await repo.port.merge('task/T9', 'main', { noFf: true, message: 'm' }), {
      ok: false,
      conflicts: [],
      message: 'expected the branch task/T9 to exist; nothing was merged',
    });
    assert.deepEqual(await repo.port.merge('--abort', 'main', { noFf: true, message: 'm' }), {
      ok: false,
      conflicts: [],
      message: 'expected a valid git branch name (see git check-ref-format --branch), got "--abort"; nothing was merged',
    });
    assert.equal(repo.sha('main'), main);
  });

  it('merges the branch even when a tag has the same name', async () => {
    const repo = await sandbox.repo();
    const base = repo.sha('main');
    repo.git('tag', 'task/T1-x', base);
    await repo.port.checkoutTaskBranch('task/T1-x', 'main');
    const tip = repo.commit('T1: work', { 'a.txt': 'a\n' });
    const result = await repo.port.merge('task/T1-x', 'main', { noFf: false, message: 'Merge T1' });
    assert.deepEqual(result, { ok: true, sha: tip, fastForward: true });
  });

  it('answers a merge that already happened with that merge, making no second one', async () => {
    const repo = await diverged({ 'a.txt': 'a\n' }, { 'b.txt': 'b\n' });
    const first = await repo.port.merge('task/T1-x', 'main', { noFf: true, message: 'Merge T1' });
    assert.ok(first.ok);
    repo.commit('main moved on again', { 'c.txt': 'c\n' });
    const moved = repo.sha('main');
    await repo.port.checkout('task/T1-x');
    // Packed refs leave no loose ref file to read HEAD's commit from: git is asked instead.
    repo.git('pack-refs', '--all');
    // A resumed run merges again: the same merge commit is the answer, and main stays where it is.
    assert.deepEqual(await repo.port.merge('task/T1-x', 'main', { noFf: true, message: 'Merge T1 again' }), { ok: true, sha: first.sha, fastForward: false });
    assert.equal(repo.sha('main'), moved);
    assert.equal(repo.git('symbolic-ref', '--short', 'HEAD'), 'main\n');
  });

  it('answers a branch already in the base by a fast-forward with the base tip', async () => {
    const repo = await sandbox.repo();
    await repo.port.checkoutTaskBranch('task/T1-x', 'main');
    const tip = repo.commit('T1: work', { 'a.txt': 'a\n' });
    await repo.port.checkout('main');
    repo.git('merge', '--quiet', '--ff-only', 'task/T1-x');
    const after = repo.commit('later', { 'b.txt': 'b\n' });
    assert.deepEqual(await repo.port.merge('task/T1-x', 'main', { noFf: true, message: 'unused' }), { ok: true, sha: after, fastForward: false });
    assert.equal(repo.git('rev-list', '--count', 'main'), '3\n', 'no merge commit was made');
    assert.equal(repo.sha('task/T1-x'), tip);
  });

  it('passes a hostile message through as text', async () => {
    const repo = await diverged({ 'a.txt': 'a\n' }, { 'b.txt': 'b\n' });
    const message = '-calias.x=!touch pwned\n$(rm -rf ~) `id`; echo hi\n';
    const result = await repo.port.merge('task/T1-x', 'main', { noFf: true, message });
    assert.equal(result.ok, true);
    assert.equal(storedMessage(repo, repo.sha('main')), message);
    assert.equal(repo.exists('pwned'), false);
  });
});
