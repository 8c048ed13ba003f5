// Runs `<cli> --version` for the doctor: argv only, no shell, its own process group so a timeout
// stops a wrapper script's children too, output capped. node:child_process rather than execa:
// under the unit tests' tsx loader execa cannot be required (its dependency unicorn-magic is ESM-only).
import { spawn } from 'node:child_process';

export type ProbeResult =
  | { readonly kind: 'exited'; readonly exitCode: number | null; readonly signal: string | null; readonly stdout: string; readonly stderr: string }
  | { readonly kind: 'timed_out'; readonly stdout: string; readonly stderr: string }
  | { readonly kind: 'spawn_failed'; readonly message: string };

const MAX_OUTPUT = 64 * 1024;

export interface ProbeOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs: number;
}

function stopGroup(pid: number | undefined, kill: () => void): void {
  try {
    if (pid !== undefined && process.platform !== 'win32') process.kill(-pid, 'SIGKILL');
    else kill();
  } catch {
    // Already gone.
  }
}

export function probe(path: string, args: readonly string[], opts: ProbeOptions): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const finish = (r: ProbeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const child = spawn(path, [...args], {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
      shell: false,
    });
    const timer = setTimeout(() => {
      timedOut = true;
      stopGroup(child.pid, () => child.kill('SIGKILL'));
    }, opts.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < MAX_OUTPUT) stderr += d;
    });
    child.on('error', (e) => finish({ kind: 'spawn_failed', message: e.message }));
    child.on('close', (exitCode, signal) => {
      // A version command that left children behind holding the pipes: they go with it.
      stopGroup(child.pid, () => undefined);
      finish(timedOut ? { kind: 'timed_out', stdout, stderr } : { kind: 'exited', exitCode, signal, stdout, stderr });
    });
  });
}
