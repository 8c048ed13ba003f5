// Test and lint gates: the user's own command lines (commands.test / commands.lint), the one
// place a shell runs, in the task's tree, in a trusted workspace only (the front ends check).
import { createHash } from 'node:crypto';
import { runProcess } from '../agents/processRunner';
import type { GateOutcome } from './taskMachine';

export interface GateSpec {
  readonly name: string;
  readonly command: string;
  /** lint_blocking: false makes a failing lint a warning. */
  readonly blocking: boolean;
}

export interface GateRun extends GateOutcome {
  readonly durationMs: number;
  readonly outputSha256: string;
}

const TAIL_LINES = 80;

/** The gates a config asks for, in order; a disabled or empty command is no gate. */
export function gatesFor(c: {
  readonly hooks: { readonly post_done: { readonly run_tests: boolean; readonly run_lint: boolean; readonly lint_blocking: boolean } };
  readonly commands: { readonly test: string; readonly lint: string };
}): GateSpec[] {
  const gates: GateSpec[] = [];
  if (c.hooks.post_done.run_tests && c.commands.test.trim()) gates.push({ name: 'test', command: c.commands.test, blocking: true });
  if (c.hooks.post_done.run_lint && c.commands.lint.trim()) gates.push({ name: 'lint', command: c.commands.lint, blocking: c.hooks.post_done.lint_blocking });
  return gates;
}

export async function runGate(
  gate: GateSpec,
  opts: {
    readonly cwd: string;
    readonly timeoutMs: number;
    readonly signal?: AbortSignal;
    readonly onLine?: (line: string) => void;
    /** The shell's pid, also its process group: recorded so a killed runner's gate can be stopped. */
    readonly onSpawn?: (pid: number) => void;
  },
): Promise<GateRun> {
  const tail: string[] = [];
  const hash = createHash('sha256');
  const shell = process.platform === 'win32' ? ['cmd.exe', '/d', '/s', '/c', gate.command] : ['/bin/sh', '-c', gate.command];
  const result = await runProcess({
    argv: shell,
    cwd: opts.cwd,
    timeoutMs: opts.timeoutMs,
    idleTimeoutMs: 0,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onSpawn ? { onSpawn: opts.onSpawn } : {}),
    onLine: (line: string) => {
      hash.update(line + '\n');
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      opts.onLine?.(line);
    },
  });
  const why =
    result.reason === 'timed_out' ? `(timed out after ${Math.round(opts.timeoutMs / 1000)} s)` : result.reason === 'spawn_failed' ? '(could not start the shell)' : null;
  if (why) tail.push(why);
  return {
    name: gate.name,
    command: gate.command,
    blocking: gate.blocking,
    passed: result.reason === 'exited' && result.exitCode === 0,
    exitCode: result.exitCode,
    outputTail: tail.join('\n'),
    durationMs: result.durationMs,
    outputSha256: hash.digest('hex'),
  };
}
