// What the runner and fake-agent tests share: where the fake CLIs live, a temp dir per test with a
// script file, and a zombie-aware "is this pid dead yet" wait (with a deadline, never a bare sleep).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const FAKE_DIR = path.join(__dirname, '..', '..', 'fixtures', 'agents');
export const FAKE_BIN = path.join(FAKE_DIR, 'bin');
export const FAKE_AGENT = path.join(FAKE_DIR, 'fake-agent.mjs');

export const fakeBin = (name: string): string => path.join(FAKE_BIN, name);

export type Step = Readonly<Record<string, unknown>>;

export class TempDir {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'specpilot-agents-'));
  /** Pids a test saw (grandchildren); SIGKILLed on cleanup so a failed test leaves nothing running. */
  readonly pids: number[] = [];

  path(name: string): string {
    return path.join(this.dir, name);
  }

  /** Writes a fake-agent script and returns the env that points the fake at it. */
  script(steps: readonly Step[] | Readonly<Record<string, unknown>>, name = 'script.json'): Record<string, string> {
    fs.writeFileSync(this.path(name), JSON.stringify(steps));
    return { SPECPILOT_FAKE_SCRIPT: this.path(name) };
  }

  readPid(name: string): number {
    const pid = Number(fs.readFileSync(this.path(name), 'utf8'));
    this.pids.push(pid);
    return pid;
  }

  cleanup(): void {
    for (const pid of this.pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone, as it should be.
      }
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * True once `pid` runs no more. `kill(pid, 0)` throwing ESRCH is the proof, but an orphan killed in a
 * container stays a zombie until PID 1 reaps it (seconds here, never under some inits): a zombie
 * (state Z in /proc) runs nothing and counts as dead too.
 */
export async function waitUntilDead(pid: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!isRunning(pid)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return !(e instanceof Error && 'code' in e && e.code === 'ESRCH');
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}
