// Runs one agent CLI as a child process: argv only (never a shell), its own process group, output
// framed into lines as it comes, a task timeout, an idle timeout and cancel that stop the whole tree.
// Output is never buffered here: lines go to the caller, so a run that prints gigabytes costs no memory.
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import type * as Execa from 'execa';
import { LineFramer } from './lineFramer';
import { killProcessGroup } from './processGroup';

export { isProcessGroupAlive, killProcessGroup, waitForGroupExit } from './processGroup';

export type OutputStream = 'stdout' | 'stderr';

export const DEFAULT_KILL_GRACE_MS = 5000;

/** After the child exits and its group is stopped, pipes still held open elsewhere are cut after this. */
const PIPE_DRAIN_MS = 2000;

export interface ProcessOptions {
  /** argv[0] is the executable (a name looked up on PATH, or a path); never a shell command line. */
  readonly argv: readonly string[];
  readonly cwd: string;
  /** Merged over process.env. */
  readonly env?: Readonly<Record<string, string>>;
  /** Written to stdin, which is then closed; absent: stdin is closed from the start. */
  readonly stdin?: string;
  /** Whole-run limit in ms; 0 or absent: none. */
  readonly timeoutMs?: number;
  /** Stop when neither stream printed anything for this many ms; 0 or absent: never. */
  readonly idleTimeoutMs?: number;
  /** Aborting it cancels the run (the whole process group is stopped). */
  readonly signal?: AbortSignal;
  /** SIGTERM to the group, then SIGKILL to what is left after this many ms (default 5000). */
  readonly killGraceMs?: number;
  /** One line is cut after this many characters (default ~1 MB); the cut line is flagged. */
  readonly maxLineLength?: number;
  /** Called once, right after the spawn and before any line: record the process group (= pid) here. */
  readonly onSpawn?: (pid: number) => void;
  /** Every framed line of either stream, in the order each stream printed them. */
  readonly onLine?: (line: string, stream: OutputStream, truncated: boolean) => void;
}

export type ProcessEndReason = 'exited' | 'timed_out' | 'idle' | 'cancelled' | 'spawn_failed';

interface ProcessStats {
  /** From the spawn to the child's exit (0 when it never started). */
  readonly durationMs: number;
  readonly stdoutBytes: number;
  readonly stderrBytes: number;
  /** Lines cut at maxLineLength. */
  readonly truncatedLines: number;
}

export type ProcessResult =
  | (ProcessStats & {
      /** `exited`: on its own; the others: stopped by the runner, whatever the exit code says. */
      readonly reason: 'exited' | 'timed_out' | 'idle' | 'cancelled';
      /** Undefined only when cancelled before the spawn. */
      readonly pid: number | undefined;
      readonly exitCode: number | null;
      readonly signal: string | null;
    })
  | (ProcessStats & {
      readonly reason: 'spawn_failed';
      readonly pid: undefined;
      readonly exitCode: null;
      readonly signal: null;
      /** Names the command or directory and what was wrong with it. */
      readonly error: string;
    });

/** A started process: a disposable (architecture principle 6) whose dispose() stops the tree. */
export interface RunningProcess {
  /**
   * Also the process group id. Undefined until the spawn, which happens asynchronously (onSpawn is
   * the moment to record it), and for good when the spawn failed or the run was cancelled first.
   */
  readonly pid: number | undefined;
  /** Never rejects for the process's sake; only an exception thrown by onSpawn or onLine rejects it. */
  readonly result: Promise<ProcessResult>;
  /** Stops the whole group (reason `cancelled`); before the spawn, prevents it; a no-op once the child exited. */
  cancel(): void;
  dispose(): void;
}

export function runProcess(opts: ProcessOptions): Promise<ProcessResult> {
  return startProcess(opts).result;
}

export function startProcess(opts: ProcessOptions): RunningProcess {
  const refused = checkOptions(opts);
  if (refused !== null) return settled(spawnFailed(refused));
  if (opts.signal?.aborted === true) return settled(NOT_STARTED);
  return new ProcessHandle(opts);
}

type ExecaModule = typeof Execa;
let execaModule: Promise<ExecaModule> | undefined;

/**
 * execa is ESM-only and one of its dependencies exports nothing to `require`, so a static import
 * breaks every CommonJS consumer (the tsx test run); a dynamic import loads it natively, and esbuild
 * still bundles it. Loaded once, on the first run.
 */
function loadExeca(): Promise<ExecaModule> {
  execaModule ??= import('execa');
  return execaModule;
}

class ProcessHandle implements RunningProcess {
  readonly result: Promise<ProcessResult>;
  private supervisor: Supervisor | null = null;
  private cancelledBeforeSpawn = false;

  constructor(private readonly opts: ProcessOptions) {
    this.result = this.launch();
  }

  get pid(): number | undefined {
    return this.supervisor?.pid;
  }

  cancel(): void {
    if (this.supervisor === null) this.cancelledBeforeSpawn = true;
    else this.supervisor.stop('cancelled');
  }

  dispose(): void {
    this.cancel();
  }

  private async launch(): Promise<ProcessResult> {
    const [command = '', ...args] = this.opts.argv;
    let execa: ExecaModule['execa'];
    try {
      ({ execa } = await loadExeca());
    } catch (e) {
      return spawnFailed(`cannot run ${command}: the process library did not load (${String(e)})`);
    }
    if (this.cancelledBeforeSpawn || this.opts.signal?.aborted === true) return NOT_STARTED;
    const opts = this.opts;
    const subprocess = execa(command, args, {
      cwd: opts.cwd,
      ...(opts.env === undefined ? {} : { env: { ...opts.env } }),
      extendEnv: true,
      shell: false,
      // Its own process group, so one signal reaches everything it starts (execa signals only the child).
      detached: true,
      buffer: false,
      reject: false,
      ...(opts.stdin === undefined ? { stdin: 'ignore' as const } : { input: opts.stdin }),
      stdout: 'pipe',
      stderr: 'pipe',
      windowsHide: true,
    });
    const pid = subprocess.pid;
    if (pid === undefined) {
      const failed = await subprocess;
      return spawnFailed(describeSpawnError(command, failed.code, failed.originalMessage ?? failed.message ?? 'unknown error'));
    }
    // execa's own promise waits for the pipes; the supervisor decides when they are done.
    void subprocess.then(noop, noop);
    this.supervisor = new Supervisor(opts, pid, subprocess, subprocess.stdout, subprocess.stderr);
    return this.supervisor.result;
  }
}

type StopReason = 'timed_out' | 'idle' | 'cancelled';

interface ExitEmitter {
  once(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
}

class Supervisor {
  readonly result: Promise<ProcessResult>;
  readonly pid: number;
  private readonly started = performance.now();
  private readonly graceMs: number;
  private stopReason: StopReason | null = null;
  private exited = false;
  private groupStopped: Promise<boolean> | null = null;
  private callbackError: { readonly error: unknown } | null = null;
  private lastOutput = performance.now();
  private stdoutBytes = 0;
  private stderrBytes = 0;
  private truncatedLines = 0;
  private taskTimer: ReturnType<typeof setTimeout> | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onAbort = (): void => this.stop('cancelled');

  constructor(
    private readonly opts: ProcessOptions,
    pid: number,
    child: ExitEmitter,
    private readonly stdout: Readable,
    private readonly stderr: Readable,
  ) {
    this.pid = pid;
    this.graceMs = opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
    const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    // Listen before anything can print: data only flows once the event loop turns.
    const stdoutClosed = this.frame(stdout, 'stdout');
    const stderrClosed = this.frame(stderr, 'stderr');
    this.guard(() => opts.onSpawn?.(pid));
    this.armTimers();
    this.result = this.supervise(exit, Promise.all([stdoutClosed, stderrClosed]));
  }

  stop(reason: StopReason): void {
    if (this.exited || this.stopReason !== null) return;
    this.stopReason = reason;
    void this.stopGroup();
  }

  private async supervise(
    exit: Promise<{ code: number | null; signal: string | null }>,
    pipesClosed: Promise<unknown>,
  ): Promise<ProcessResult> {
    const { code, signal } = await exit;
    this.exited = true;
    const durationMs = Math.round(performance.now() - this.started);
    this.clearTimers();
    // What the child left behind in its group (a grandchild that outlived it) is stopped too: it must
    // not run on unowned, and it may hold our pipes open.
    await this.stopGroup();
    if (!(await settlesWithin(pipesClosed, PIPE_DRAIN_MS))) {
      // Something outside the group (it called setsid) still holds the pipes: stop reading them.
      this.stdout.destroy();
      this.stderr.destroy();
      await pipesClosed;
    }
    if (this.callbackError !== null) throw this.callbackError.error;
    return {
      reason: this.stopReason ?? 'exited',
      pid: this.pid,
      exitCode: code,
      signal,
      durationMs,
      stdoutBytes: this.stdoutBytes,
      stderrBytes: this.stderrBytes,
      truncatedLines: this.truncatedLines,
    };
  }

  private stopGroup(): Promise<boolean> {
    this.groupStopped ??= killProcessGroup(this.pid, this.graceMs);
    return this.groupStopped;
  }

  private frame(stream: Readable, name: OutputStream): Promise<void> {
    const framer = new LineFramer((line, truncated) => {
      if (truncated) this.truncatedLines += 1;
      this.guard(() => this.opts.onLine?.(line, name, truncated));
    }, this.opts.maxLineLength);
    stream.on('data', (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (name === 'stdout') this.stdoutBytes += bytes;
      else this.stderrBytes += bytes;
      this.lastOutput = performance.now();
      framer.push(chunk);
    });
    // A read error ends the stream like EOF: what was read still counts.
    stream.on('error', noop);
    return new Promise((resolve) => {
      stream.once('close', () => {
        framer.end();
        resolve();
      });
    });
  }

  /** A throwing callback is the caller's bug: the run is stopped and the result rejects with it. */
  private guard(callback: () => void): void {
    if (this.callbackError !== null) return;
    try {
      callback();
    } catch (error) {
      this.callbackError = { error };
      this.stop('cancelled');
    }
  }

  private armTimers(): void {
    const { timeoutMs = 0, idleTimeoutMs = 0, signal } = this.opts;
    if (timeoutMs > 0) this.taskTimer = setTimeout(() => this.stop('timed_out'), timeoutMs);
    if (idleTimeoutMs > 0) {
      // One timer re-armed for the remaining quiet time, rather than a new timer per chunk of output.
      const check = (): void => {
        const quiet = performance.now() - this.lastOutput;
        if (quiet >= idleTimeoutMs) this.stop('idle');
        else this.idleTimer = setTimeout(check, idleTimeoutMs - quiet);
      };
      this.idleTimer = setTimeout(check, idleTimeoutMs);
    }
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  private clearTimers(): void {
    clearTimeout(this.taskTimer);
    clearTimeout(this.idleTimer);
    this.opts.signal?.removeEventListener('abort', this.onAbort);
  }
}

const NO_STATS: ProcessStats = { durationMs: 0, stdoutBytes: 0, stderrBytes: 0, truncatedLines: 0 };
const NOT_STARTED: ProcessResult = { ...NO_STATS, reason: 'cancelled', pid: undefined, exitCode: null, signal: null };

function spawnFailed(error: string): ProcessResult {
  return { ...NO_STATS, reason: 'spawn_failed', pid: undefined, exitCode: null, signal: null, error };
}

function settled(result: ProcessResult): RunningProcess {
  return { pid: undefined, result: Promise.resolve(result), cancel: noop, dispose: noop };
}

/** What execa cannot say clearly: a missing cwd otherwise reads as "spawn <command> ENOENT". */
function checkOptions(opts: ProcessOptions): string | null {
  const command = opts.argv[0];
  if (command === undefined || command.trim() === '') return 'no command to run: the argv is empty';
  const withNul = opts.argv.find((a) => a.includes('\0'));
  if (withNul !== undefined) return `cannot run ${command}: an argument contains a NUL character`;
  try {
    if (!statSync(opts.cwd).isDirectory()) return `cannot run ${command}: the working directory ${opts.cwd} is not a directory`;
  } catch {
    return `cannot run ${command}: the working directory ${opts.cwd} does not exist`;
  }
  return null;
}

function describeSpawnError(command: string, code: string | undefined, detail: string): string {
  switch (code) {
    case 'ENOENT':
      return `command not found: ${command} (is it installed and on PATH? or give its absolute path)`;
    case 'EACCES':
      return `cannot run ${command}: permission denied (is the file executable?)`;
    case 'E2BIG':
      return `cannot run ${command}: its arguments are too long for the system (E2BIG); a large prompt must go by file or stdin`;
    case 'ENOEXEC':
      return `cannot run ${command}: not an executable format (a script needs a #! line)`;
    default:
      return `cannot run ${command}: ${detail}`;
  }
}

/** Whether `promise` settled within `ms`; the timer is cleared either way so it holds no event loop. */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    const done = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    promise.then(done, done);
  });
}

function noop(): void {
  // Deliberately nothing: a handle whose process never started has nothing to stop.
}
