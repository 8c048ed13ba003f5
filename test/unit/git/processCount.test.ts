// How many git processes one task's git work starts (the orchestration budget is mostly process
// start-ups): counted exactly, command by command, so a change that adds one shows up here.
import assert from 'node:assert/strict';
import childProcess, { type ChildProcess } from 'node:child_process';
import { useGitSandbox } from './gitFixture';

/** The git subcommands (first argument that is not an option or a -c value) spawned while `body` runs. */
async function gitCommands(body: () => Promise<void>): Promise<string[]> {
  const original = childProcess.spawn;
  const seen: string[] = [];
  function counted(this: unknown, ...args: unknown[]): ChildProcess {
    const argv = Array.isArray(args[1]) ? args[1].map(String) : [];
    let i = 0;
    while (argv[i] === '-c' || argv[i]?.startsWith('--') === true) i += argv[i] === '-c' ? 2 : 1;
    seen.push(argv[i] ?? '');
    return Reflect.apply(original, childProcess, args) as ChildProcess;
  }
  Object.defineProperty(childProcess, 'spawn', { value: counted, configurable: true, writable: true });
  try {
    await body();
  } finally {
    Object.defineProperty(childProcess, 'spawn', { value: original, configurable: true, writable: true });
  }
  return seen;
}

describe('git processes per task', () => {
  const sandbox = useGitSandbox();

  it('branch, commit, merge and the way back take eleven processes, the identity read once', async () => {
    const repo = await sandbox.repo();
    const port = repo.port;
    const prepare = await gitCommands(async () => {
      const [status, base] = await Promise.all([port.status(), port.detectBase('')]);
      assert.equal(status.clean, true);
      assert.deepEqual(base, { ok: true, branch: 'main', source: 'main' });
      await port.checkoutTaskBranch('task/T1-x', 'main');
    });
    assert.deepEqual(prepare.sort(), ['cat-file', 'checkout', 'status']);

    repo.write('work.txt', 'done\n');
    let sha: string | null = null;
    const commit = await gitCommands(async () => {
      sha = await port.commitAll('T1: x');
    });
    assert.equal(sha, repo.sha('task/T1-x'));
    assert.deepEqual(commit.sort(), ['add', 'commit', 'config', 'diff']);

    const merge = await gitCommands(async () => {
      const merged = await port.merge('task/T1-x', 'main', { noFf: true, message: 'Merge T1' });
      assert.deepEqual(merged, { ok: true, sha: repo.sha('main'), fastForward: false });
      assert.equal(await port.currentBranch(), 'main');
    });
    assert.deepEqual(merge.sort(), ['cat-file', 'checkout', 'merge', 'status']);
  });
});
