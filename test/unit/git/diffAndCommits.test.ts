// What a task changed, read back from real repositories: numstat with a binary file, the unified
// diff of base...head and of the working tree with untracked files, and the task's own commits.
import assert from 'node:assert/strict';
import { useGitSandbox } from './gitFixture';
import type { TestRepo } from './gitFixture';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x00, 0xff]);

describe('diffStat and diff', () => {
  const sandbox = useGitSandbox();

  /** A task branch that edits, deletes, adds text and binary files, while main moves on elsewhere. */
  async function taskRepo(): Promise<TestRepo> {
    const repo = await sandbox.repo();
    repo.commit('files', { 'a.txt': 'one\ntwo\nthree\n', 'gone.txt': 'bye\n' });
    await repo.port.checkoutTaskBranch('task/T1-x', 'main');
    repo.write('a.txt', 'one\nTWO\nthree\nfour\n');
    repo.git('rm', '--quiet', 'gone.txt');
    repo.commit('T1: work', { 'logo.png': PNG, 'src/ünï.ts': 'export const x = 1;\n' });
    await repo.port.checkout('main');
    repo.commit('main moved on', { 'main-only.txt': 'not part of the task\n' });
    await repo.port.checkout('task/T1-x');
    return repo;
  }

  it('diffStat counts lines per file since the merge base, binary files flagged', async () => {
    const repo = await taskRepo();
    assert.deepEqual(await repo.port.diffStat('main', 'task/T1-x'), [
      { path: 'a.txt', added: 2, removed: 1, binary: false },
      { path: 'gone.txt', added: 0, removed: 1, binary: false },
      { path: 'logo.png', added: 0, removed: 0, binary: true },
      { path: 'src/ünï.ts', added: 1, removed: 0, binary: false },
    ]);
  });

  it('diff of base...head is the unified diff of the task alone', async () => {
    const repo = await taskRepo();
    const blob = (rev: string, file: string): string => repo.git('rev-parse', '--short=7', `${rev}:${file}`).trim();
    const text = await repo.port.diff('main', 'task/T1-x');
    assert.equal(
      text,
      [
        'diff --git a/a.txt b/a.txt',
        `index ${blob('main', 'a.txt')}..${blob('task/T1-x', 'a.txt')} 100644`,
        '--- a/a.txt',
        '+++ b/a.txt',
        '@@ -1,3 +1,4 @@',
        ' one',
        '-two',
        '+TWO',
        ' three',
        '+four',
        'diff --git a/gone.txt b/gone.txt',
        'deleted file mode 100644',
        `index ${blob('main', 'gone.txt')}..0000000`,
        '--- a/gone.txt',
        '+++ /dev/null',
        '@@ -1 +0,0 @@',
        '-bye',
        'diff --git a/logo.png b/logo.png',
        'new file mode 100644',
        `index 0000000..${blob('task/T1-x', 'logo.png')}`,
        'Binary files /dev/null and b/logo.png differ',
        'diff --git a/src/ünï.ts b/src/ünï.ts',
        'new file mode 100644',
        `index 0000000..${blob('task/T1-x', 'src/ünï.ts')}`,
        '--- /dev/null',
        '+++ b/src/ünï.ts',
        '@@ -0,0 +1 @@',
        '+export const x = 1;',
        '',
      ].join('\n'),
    );
    assert.equal(text.includes('main-only.txt'), false);
  });

  it('diff of the working tree includes untracked files and leaves the index alone', async () => {
    const repo = await sandbox.repo();
    repo.commit('files', { '.gitignore': '*.log\n', 'a.txt': 'a\n' });
    await repo.port.checkoutTaskBranch('task/T2', 'main');
    repo.commit('T2: committed part', { 'c.txt': 'committed\n' });
    repo.write('a.txt', 'a edited\n');
    repo.write('new/untracked.txt', 'brand new\n');
    repo.write('blob.bin', PNG);
    repo.write('debug.log', 'ignored\n');
    // status may refresh the index's stat data, so it runs before the index is captured.
    const statusBefore = repo.git('status', '--porcelain=v1');
    const indexBefore = repo.git('ls-files', '--stage', '--debug');

    const text = await repo.port.diff('main', null);
    const files = text.split('\n').filter((line) => line.startsWith('diff --git '));
    assert.deepEqual(files, [
      'diff --git a/a.txt b/a.txt',
      'diff --git a/blob.bin b/blob.bin',
      'diff --git a/c.txt b/c.txt',
      'diff --git a/new/untracked.txt b/new/untracked.txt',
    ]);
    assert.ok(text.includes('--- /dev/null\n+++ b/new/untracked.txt\n@@ -0,0 +1 @@\n+brand new\n'), text);
    assert.ok(text.includes('-a\n+a edited\n'), text);
    assert.ok(text.includes('Binary files /dev/null and b/blob.bin differ\n'), text);
    assert.equal(repo.git('ls-files', '--stage', '--debug'), indexBefore, 'the real index is untouched');
    assert.equal(repo.git('status', '--porcelain=v1'), statusBefore);
  });

  it('refuses revisions that would read as options', async () => {
    const repo = await sandbox.repo();
    await assert.rejects(repo.port.diff('--output=/tmp/x', null), { message: 'expected a branch name or commit, got "--output=/tmp/x"' });
    await assert.rejects(repo.port.diffStat('main', '-p'), { message: 'expected a branch name or commit, got "-p"' });
  });
});

describe('commitsFor', () => {
  const sandbox = useGitSandbox();

  it('lists the commits naming the id as a whole word, newest first', async () => {
    const repo = await sandbox.repo();
    await repo.port.checkoutTaskBranch('task/TASK-001-x', 'main');
    const first = repo.commit('TASK-001: first step', { 'a.txt': '1\n' });
    repo.commit('TASK-0012: another task', { 'b.txt': '1\n' });
    const body = repo.commit('Refactor helpers\n\nPart of TASK-001.', { 'c.txt': '1\n' });
    repo.commit('XTASK-001 is not it', { 'd.txt': '1\n' });
    const last = repo.commit('fix(TASK-001): last step', { 'e.txt': '1\n' });

    assert.deepEqual(await repo.port.commitsFor('TASK-001', 'task/TASK-001-x'), [
      { sha: last, subject: 'fix(TASK-001): last step' },
      { sha: body, subject: 'Refactor helpers' },
      { sha: first, subject: 'TASK-001: first step' },
    ]);
    assert.deepEqual(await repo.port.commitsFor('TASK-0012', 'task/TASK-001-x'), [
      { sha: repo.sha('HEAD~3'), subject: 'TASK-0012: another task' },
    ]);
    assert.deepEqual(await repo.port.commitsFor('TASK-001', 'main'), []);
    assert.deepEqual(await repo.port.commitsFor('TASK-001', 'task/deleted'), []);
    assert.deepEqual(await repo.port.commitsFor('', 'task/TASK-001-x'), []);
  });

  it('matches ids with regex characters literally', async () => {
    const repo = await sandbox.repo();
    const sha = repo.commit('T.1+: dotted', { 'a.txt': '1\n' });
    repo.commit('TX1+: not it', { 'b.txt': '1\n' });
    assert.deepEqual(await repo.port.commitsFor('T.1+', 'main'), [{ sha, subject: 'T.1+: dotted' }]);
  });
});
