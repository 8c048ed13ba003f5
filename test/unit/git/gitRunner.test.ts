// The direct git runner: what it lets through of the environment, which binaries it refuses, and
// real git processes for exit codes, stderr, stdin and a binary that does not exist.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { binaryProblem, gitEnvironment, GitRunner } from '../../../src/core/git/gitRunner';
import { useGitSandbox } from './gitFixture';

describe('git runner environment and binary', () => {
  it('strips every GIT_* variable and the plain ones git runs programs from, except the identity and no-system ones', () => {
    const ambient = {
      PATH: '/usr/bin',
      HOME: '/home/u',
      GIT_DIR: '/elsewhere/.git',
      git_work_tree: '/elsewhere',
      GIT_INDEX_FILE: '/tmp/index',
      GIT_SSH_COMMAND: 'evil',
      GIT_CONFIG_GLOBAL: '/tmp/config',
      EDITOR: 'vim',
      Pager: 'less',
      VISUAL: 'code',
      PREFIX: '/usr',
      SSH_ASKPASS: '/bin/askpass',
      GIT_AUTHOR_NAME: 'Ann',
      GIT_COMMITTER_EMAIL: 'ann@example.com',
      git_config_nosystem: '1',
      GITHUB_TOKEN: 'kept: not a GIT_ variable',
      UNSET: undefined,
    };
    assert.deepEqual(gitEnvironment(ambient), {
      PATH: '/usr/bin',
      HOME: '/home/u',
      GIT_AUTHOR_NAME: 'Ann',
      GIT_COMMITTER_EMAIL: 'ann@example.com',
      git_config_nosystem: '1',
      GITHUB_TOKEN: 'kept: not a GIT_ variable',
    });
  });

  it('accepts plain executable names and paths and refuses anything a shell would read', () => {
    for (const ok of ['git', '/usr/bin/git', 'C:\\Program_Files\\Git\\bin\\git.exe', '~/bin/git-2.45']) assert.equal(binaryProblem(ok), null, ok);
    const problem = 'only letters, digits and / \\ . _ ~ - may appear in it (after an optional drive letter)';
    for (const bad of ['', 'git; rm -rf ~', 'git --exec-path=/tmp', '$(git)', 'C:\\Program Files\\Git\\git.exe']) assert.equal(binaryProblem(bad), problem, bad);
    assert.throws(() => new GitRunner('.', 'git|sh'), { message: `expected a plain git executable name or path, got "git|sh": ${problem}` });
  });
});

describe('git runner processes', () => {
  const sandbox = useGitSandbox();

  it('reports exit codes and stderr instead of throwing, and throws from ok() naming the command', async () => {
    const repo = await sandbox.repo();
    const git = new GitRunner(repo.dir, 'git');
    assert.deepEqual(await git.run(['rev-parse', '--verify', 'HEAD']), { code: 0, stdout: `${repo.sha('HEAD')}\n`, stderr: '' });
    assert.deepEqual(await git.run(['rev-parse', '--verify', 'nope']), { code: 128, stdout: '', stderr: 'fatal: Needed a single revision\n' });
    await assert.rejects(git.ok(['rev-parse', '--verify', 'nope']), { message: 'git rev-parse failed (exit 128): fatal: Needed a single revision' });
    // An empty answer is an answer (simple-git waited 50 ms after each of these).
    assert.deepEqual(await git.run(['diff', '--quiet']), { code: 0, stdout: '', stderr: '' });
  });

  it('writes input to stdin and refuses abbreviated options', async () => {
    const repo = await sandbox.repo();
    const git = new GitRunner(repo.dir, 'git');
    const out = await git.ok(['cat-file', '--batch-check=%(objecttype)'], { input: 'HEAD\nHEAD^{tree}\nnope\n' });
    assert.equal(out, 'commit\ntree\nnope missing\n');
    assert.deepEqual(await git.run(['log', '--onel', '-1']), { code: 128, stdout: '', stderr: 'fatal: unrecognized argument: --onel\n' });
  });

  it('reports a binary that cannot be started as code -2', async () => {
    const dir = sandbox.tempDir();
    const result = await new GitRunner(dir, 'specpilot-no-such-git').run(['--version']);
    assert.deepEqual(result, { code: -2, stdout: '', stderr: 'spawn specpilot-no-such-git ENOENT' });
  });

  it('works on its own repository whatever GIT_DIR, GIT_WORK_TREE or GIT_INDEX_FILE say, and keeps GIT_AUTHOR_NAME', async () => {
    const repo = await sandbox.repo();
    const other = await sandbox.repo();
    const otherHead = other.sha('HEAD');
    const saved = { GIT_DIR: process.env.GIT_DIR, GIT_WORK_TREE: process.env.GIT_WORK_TREE, GIT_INDEX_FILE: process.env.GIT_INDEX_FILE, GIT_AUTHOR_NAME: process.env.GIT_AUTHOR_NAME };
    process.env.GIT_DIR = path.join(other.dir, '.git');
    process.env.GIT_WORK_TREE = other.dir;
    process.env.GIT_INDEX_FILE = path.join(other.dir, '.git', 'index');
    process.env.GIT_AUTHOR_NAME = 'Env Author';
    try {
      repo.write('mine.txt', 'mine\n');
      assert.deepEqual(await repo.port.status(), { clean: false, changed: ['mine.txt'], branch: 'main', operationInProgress: null });
      const sha = await repo.port.commitAll('T1: mine');
      assert.ok(sha !== null);
      for (const key of Object.keys(saved)) delete process.env[key];
      assert.equal(repo.git('log', '-1', '--format=%an|%cn|%s', sha), 'Env Author|Test User|T1: mine\n');
      assert.equal(other.sha('HEAD'), otherHead, 'the other repository is untouched');
      assert.equal(execFileSync('git', ['status', '--porcelain'], { cwd: other.dir, encoding: 'utf8' }), '');
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
