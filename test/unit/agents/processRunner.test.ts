// The process runner on real child processes: exit codes, stdin, env, argv without a shell, the task
// and idle timeouts, cancel, SIGTERM escalating to SIGKILL, grandchildren stopped with the group,
// spawn failures in words, and output framed to the last partial line.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import type { OutputStream, ProcessOptions, ProcessResult } from '../../../src/core/agents/processRunner';
import { isProcessGroupAlive, killProcessGroup, runProcess, startProcess } from '../../../src/core/agents/processRunner';
import { FAKE_AGENT, TempDir, isRunning, waitUntilDead } from './fakeAgentHarness';

const NODE = process.execPath;

interface Collected {
  readonly result: ProcessResult;
  readonly lines: readonly [OutputStream, string][];
}

/** Runs with every line collected; `onLine` may react to a line (cancel on "ready"). */
async function collect(opts: ProcessOptions, onLine?: (line: string) => void): Promise<Collected> {
  const lines: [OutputStream, string][] = [];
  const result = await runProcess({
    ...opts,
    onLine: (line, stream) => {
      lines.push([stream, line]);
      onLine?.(line);
    },
  });
  return { result, lines };
}

const node = (code: string): string[] => [NODE, '-e', code];

describe('runProcess', function () {
  this.timeout(20_000);
  let tmp: TempDir;
  beforeEach(() => {
    tmp = new TempDir();
  });
  afterEach(() => tmp.cleanup());

  it('reports the exit code, and each stream line by line with exact byte counts', async () => {
    const { result, lines } = await collect({
      argv: node("console.log('a'); console.error('err'); console.log('c'); process.exit(3)"),
      cwd: tmp.dir,
    });
    assert.equal(result.reason, 'exited');
    assert.equal(result.exitCode, 3);
    assert.equal(result.signal, null);
    assert.deepEqual(lines.filter(([s]) => s === 'stdout'), [['stdout', 'a'], ['stdout', 'c']]);
    assert.deepEqual(lines.filter(([s]) => s === 'stderr'), [['stderr', 'err']]);
    assert.equal(result.stdoutBytes, 4);
    assert.equal(result.stderrBytes, 4);
    assert.equal(result.truncatedLines, 0);
    assert.equal(typeof result.pid, 'number');
  });

  it('feeds stdin then closes it; without stdin text the child reads EOF at once', async () => {
    const echo = node("let n = 0; process.stdin.on('data', (d) => { n += d.length; process.stdout.write(d); }).on('end', () => console.log('\\neof ' + n));");
    const fed = await collect({ argv: echo, cwd: tmp.dir, stdin: 'one\ntwo ü' });
    assert.deepEqual(fed.lines, [['stdout', 'one'], ['stdout', 'two ü'], ['stdout', 'eof 10']]);
    const closed = await collect({ argv: echo, cwd: tmp.dir });
    assert.deepEqual(closed.lines, [['stdout', ''], ['stdout', 'eof 0']]);
  });

  it('merges env over process.env and runs in cwd', async () => {
    const { lines } = await collect({
      argv: node('console.log(process.env.SPECPILOT_TEST_VAR, typeof process.env.PATH, process.cwd())'),
      cwd: tmp.dir,
      env: { SPECPILOT_TEST_VAR: 'from-test' },
    });
    assert.deepEqual(lines, [['stdout', `from-test string ${fs.realpathSync(tmp.dir)}`]]);
  });

  it('passes argv as is, never through a shell', async () => {
    const tricky = ['$(echo pwned)', '; rm -rf /', '*', '"quoted" \'single\'', 'a\\nb', ''];
    const { lines } = await collect({ argv: [NODE, '-e', 'console.log(JSON.stringify(process.argv.slice(1)))', ...tricky], cwd: tmp.dir });
    assert.deepEqual(lines, [['stdout', JSON.stringify(tricky)]]);
  });

  it('calls onSpawn once, before any line, with the pid that leads its own process group', async () => {
    const calls: string[] = [];
    let groupOfPid: number | null = null;
    const handle = startProcess({
      argv: node("console.log('hello')"),
      cwd: tmp.dir,
      onSpawn: (pid) => {
        calls.push(`spawn ${pid}`);
        if (process.platform === 'linux') {
          const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
          groupOfPid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
        }
      },
      onLine: (line) => calls.push(line),
    });
    const result = await handle.result;
    assert.equal(result.pid, handle.pid);
    assert.deepEqual(calls, [`spawn ${String(handle.pid)}`, 'hello']);
    if (process.platform === 'linux') assert.equal(groupOfPid, handle.pid);
  });

  it('stops the group at the task timeout', async () => {
    const { result, lines } = await collect({
      argv: [FAKE_AGENT],
      cwd: tmp.dir,
      env: tmp.script([{ say: 'working' }, { hang: true }]),
      stdin: 'the prompt',
      timeoutMs: 400,
    });
    assert.equal(result.reason, 'timed_out');
    assert.equal(result.exitCode, null);
    assert.equal(result.signal, 'SIGTERM');
    assert.deepEqual(lines, [['stdout', 'working']]);
  });

  it('stops the group after the idle timeout when neither stream prints', async () => {
    const { result, lines } = await collect({
      argv: [FAKE_AGENT],
      cwd: tmp.dir,
      env: tmp.script([{ say: 'thinking' }, { stderr: 'still here' }, { hang: true }]),
      stdin: 'the prompt',
      idleTimeoutMs: 400,
    });
    assert.equal(result.reason, 'idle');
    assert.equal(result.signal, 'SIGTERM');
    assert.deepEqual(lines, [['stdout', 'thinking'], ['stderr', 'still here']]);
  });

  it('does not call a run idle while it keeps printing', async () => {
    // Prints every 50 ms for about 1.2 s: far longer than the idle timeout, never quiet for as long.
    const { result, lines } = await collect({
      argv: node("let n = 0; const t = setInterval(() => { console.log('tick ' + ++n); if (n === 24) clearInterval(t); }, 50);"),
      cwd: tmp.dir,
      idleTimeoutMs: 800,
    });
    assert.equal(result.reason, 'exited');
    assert.equal(result.exitCode, 0);
    assert.equal(lines.length, 24);
  });

  it('cancels through the AbortSignal, and through the handle', async () => {
    const controller = new AbortController();
    const viaSignal = await collect(
      { argv: [FAKE_AGENT], cwd: tmp.dir, env: tmp.script([{ say: 'ready' }, { hang: true }]), stdin: 'p', signal: controller.signal },
      (line) => line === 'ready' && controller.abort(),
    );
    assert.equal(viaSignal.result.reason, 'cancelled');
    assert.equal(viaSignal.result.signal, 'SIGTERM');

    const lines: string[] = [];
    const handle = startProcess({
      argv: [FAKE_AGENT],
      cwd: tmp.dir,
      env: tmp.script([{ say: 'ready' }, { hang: true }]),
      stdin: 'p',
      onLine: (line) => {
        lines.push(line);
        if (line === 'ready') handle.dispose();
      },
    });
    const viaHandle = await handle.result;
    assert.equal(viaHandle.reason, 'cancelled');
    assert.deepEqual(lines, ['ready']);
  });

  it('does not start at all when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let spawned = false;
    const result = await runProcess({ argv: node('1'), cwd: tmp.dir, signal: controller.signal, onSpawn: () => (spawned = true) });
    assert.deepEqual(result, { reason: 'cancelled', pid: undefined, exitCode: null, signal: null, durationMs: 0, stdoutBytes: 0, stderrBytes: 0, truncatedLines: 0 });
    assert.equal(spawned, false);
  });

  it('escalates to SIGKILL when the child ignores SIGTERM for the grace period', async () => {
    const handle = startProcess({
      argv: [FAKE_AGENT],
      cwd: tmp.dir,
      env: tmp.script([{ ignoreSigterm: true }, { say: 'ready' }, { hang: true }]),
      stdin: 'p',
      killGraceMs: 300,
      onLine: (line) => line === 'ready' && handle.cancel(),
    });
    const result = await handle.result;
    assert.equal(result.reason, 'cancelled');
    assert.equal(result.signal, 'SIGKILL');
    assert.equal(result.exitCode, null);
  });

  for (const holdPipes of [true, false]) {
    const how = holdPipes ? 'holding our pipes' : 'with no pipes';
    it(`stops a grandchild (${how}) that outlived its parent`, async () => {
      const { result, lines } = await collect({
        argv: [FAKE_AGENT],
        cwd: tmp.dir,
        env: tmp.script([{ grandchild: true, pidFile: 'gc.pid', holdPipes }, { say: 'done' }]),
        stdin: 'p',
        killGraceMs: 2000,
      });
      assert.equal(result.reason, 'exited');
      assert.equal(result.exitCode, 0);
      assert.deepEqual(lines, [['stdout', 'done']]);
      assert.equal(await waitUntilDead(tmp.readPid('gc.pid')), true);
    });

    it(`stops a grandchild (${how}) on cancel`, async () => {
      const handle = startProcess({
        argv: [FAKE_AGENT],
        cwd: tmp.dir,
        env: tmp.script([{ grandchild: true, pidFile: 'gc.pid', holdPipes }, { say: 'ready' }, { hang: true }]),
        stdin: 'p',
        onLine: (line) => line === 'ready' && handle.cancel(),
      });
      const result = await handle.result;
      assert.equal(result.reason, 'cancelled');
      assert.equal(await waitUntilDead(tmp.readPid('gc.pid')), true);
    });
  }

  it('names a missing command', async () => {
    let spawned = false;
    const result = await runProcess({ argv: ['specpilot-no-such-agent-cli', '-p', 'x'], cwd: tmp.dir, onSpawn: () => (spawned = true) });
    assert.deepEqual(result, {
      reason: 'spawn_failed',
      pid: undefined,
      exitCode: null,
      signal: null,
      error: 'command not found: specpilot-no-such-agent-cli (is it installed and on PATH? or give its absolute path)',
      durationMs: 0,
      stdoutBytes: 0,
      stderrBytes: 0,
      truncatedLines: 0,
    });
    assert.equal(spawned, false);
  });

  it('names a command that is not executable, a missing working directory and an empty argv', async () => {
    const script = tmp.path('agent.sh');
    fs.writeFileSync(script, '#!/bin/sh\necho hi\n', { mode: 0o644 });
    const failure = async (opts: ProcessOptions): Promise<string> => {
      const r = await runProcess(opts);
      return r.reason === 'spawn_failed' ? r.error : `not a spawn failure: ${r.reason}`;
    };
    assert.equal(await failure({ argv: [script], cwd: tmp.dir }), `cannot run ${script}: permission denied (is the file executable?)`);
    const gone = tmp.path('no-such-dir');
    assert.equal(await failure({ argv: [NODE], cwd: gone }), `cannot run ${NODE}: the working directory ${gone} does not exist`);
    assert.equal(await failure({ argv: [NODE], cwd: script }), `cannot run ${NODE}: the working directory ${script} is not a directory`);
    assert.equal(await failure({ argv: [], cwd: tmp.dir }), 'no command to run: the argv is empty');
    assert.equal(await failure({ argv: [NODE, 'a\0b'], cwd: tmp.dir }), `cannot run ${NODE}: an argument contains a NUL character`);
  });

  it('says a prompt too large for argv must go by file or stdin (Linux caps one argument at 128 KiB)', async function () {
    if (process.platform !== 'linux') this.skip();
    const r = await runProcess({ argv: [NODE, '-e', '1', 'x'.repeat(200 * 1024)], cwd: tmp.dir });
    assert.equal(r.reason === 'spawn_failed' ? r.error : r.reason, `cannot run ${NODE}: its arguments are too long for the system (E2BIG); a large prompt must go by file or stdin`);
  });

  it('flushes the half line a crashing agent printed last', async () => {
    const { result, lines } = await collect({
      argv: [FAKE_AGENT],
      cwd: tmp.dir,
      env: tmp.script([{ say: 'first' }, { crashMidLine: true }]),
      stdin: 'p',
    });
    assert.equal(result.exitCode, 1);
    assert.deepEqual(lines, [['stdout', 'first'], ['stdout', 'I was about to say something important when']]);
  });

  it('cuts lines longer than maxLineLength and counts them', async () => {
    const seen: [string, boolean][] = [];
    const result = await runProcess({
      argv: node("console.log('x'.repeat(5000)); console.log('ok')"),
      cwd: tmp.dir,
      maxLineLength: 1000,
      onLine: (line, _stream, truncated) => seen.push([line, truncated]),
    });
    assert.deepEqual(seen, [['x'.repeat(1000), true], ['ok', false]]);
    assert.equal(result.truncatedLines, 1);
    assert.equal(result.stdoutBytes, 5004);
  });

  it('stops the run and rejects with the error when a callback throws', async () => {
    const boom = new Error('log disk full');
    const handle = startProcess({
      argv: [FAKE_AGENT],
      cwd: tmp.dir,
      env: tmp.script([{ say: 'ready' }, { hang: true }]),
      stdin: 'p',
      onLine: () => {
        throw boom;
      },
    });
    await assert.rejects(handle.result, boom);
    assert.equal(handle.pid !== undefined && (await waitUntilDead(handle.pid)), true);
  });
});

describe('process groups', function () {
  this.timeout(20_000);

  it('killProcessGroup stops a live group and reports false when nothing is left', async () => {
    const child = spawn(NODE, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
    const pid = child.pid;
    assert.ok(pid !== undefined);
    try {
      assert.equal(isProcessGroupAlive(pid), true);
      assert.equal(await killProcessGroup(pid, 1000), true);
      assert.equal(isProcessGroupAlive(pid), false);
      assert.equal(isRunning(pid), false);
      assert.equal(await killProcessGroup(pid, 1000), false);
    } finally {
      if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  it('counts a group whose only members are zombies as dead', async function () {
    if (process.platform !== 'linux') this.skip();
    // The leader execs node, which never reaps the `sleep` it inherited: once sleep exits it is a zombie
    // of the group, and after the leader dies it waits for PID 1 (slow in containers) to reap it.
    const child = spawn('sh', ['-c', `sleep 0.05 & exec "${NODE}" -e "console.log('up'); setInterval(() => {}, 1000)"`], {
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const pid = child.pid;
    assert.ok(pid !== undefined);
    try {
      await new Promise((resolve) => child.stdout.once('data', resolve));
      await new Promise((resolve) => setTimeout(resolve, 300)); // let sleep exit and turn zombie
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(pid, 'SIGKILL');
      await exited;
      assert.equal(isProcessGroupAlive(pid), false);
    } finally {
      if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  it('never treats 0, 1, negatives, fractions or our own group as a group to signal', async () => {
    for (const id of [0, 1, -1, -4242, 1.5, Number.NaN]) {
      assert.equal(isProcessGroupAlive(id), false, String(id));
      assert.equal(await killProcessGroup(id, 0), false, String(id));
    }
    if (process.platform === 'linux') {
      const stat = fs.readFileSync('/proc/self/stat', 'utf8');
      const ownGroup = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      // Only the probe: if the guard were broken, killProcessGroup would stop this test run.
      assert.equal(isProcessGroupAlive(ownGroup), false);
    }
  });
});
