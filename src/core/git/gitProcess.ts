// One git process, spawned directly: simple-git's queue waited a fixed 50 ms after every command
// that printed nothing (add, commit --quiet, checkout --quiet, a clean status), several times a task.
import * as childProcess from 'node:child_process';

export interface GitResult {
  /** git's exit code; -2 when the binary could not be started, -1 when git was killed by a signal. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface GitProcessRequest {
  readonly binary: string;
  readonly cwd: string;
  /** The whole argv after the binary: never a shell, so nothing in it is interpreted. */
  readonly args: readonly string[];
  /** The complete environment of the process (gitRunner.ts decides what is in it). */
  readonly env: Readonly<Record<string, string>>;
  /** Written to git's stdin, which is closed after it; without it stdin is closed at once. */
  readonly input?: string;
}

const text = (chunks: readonly Buffer[]): string => Buffer.concat(chunks).toString('utf8');

/** Runs git to its end; never rejects: a failure to start is code -2 with the reason in stderr. */
export function runGitProcess(req: GitProcessRequest): Promise<GitResult> {
  return new Promise((resolve) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let settled = false;
    const settle = (result: GitResult): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    let child: childProcess.ChildProcess;
    try {
      // Through the module object, not a destructured import: the bench's spawn census wraps it.
      child = childProcess.spawn(req.binary, [...req.args], {
        cwd: req.cwd,
        env: req.env,
        shell: false,
        windowsHide: true,
        stdio: [req.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      });
    } catch (error) {
      settle({ code: -2, stdout: '', stderr: error instanceof Error ? error.message : String(error) });
      return;
    }
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => settle({ code: -2, stdout: text(stdout), stderr: error.message }));
    child.on('close', (code, signal) => {
      if (code !== null) settle({ code, stdout: text(stdout), stderr: text(stderr) });
      else settle({ code: -1, stdout: text(stdout), stderr: `${text(stderr)}git was killed by ${signal ?? 'a signal'}` });
    });
    if (req.input !== undefined && child.stdin) {
      // git may exit before reading all of it (a fatal error): that EPIPE is not ours to report.
      child.stdin.on('error', () => undefined);
      child.stdin.end(req.input);
    }
  });
}
