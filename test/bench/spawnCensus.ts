// Counts the child processes a bench case starts (git, the agent) and how long each lived, by
// wrapping child_process.spawn, which the git layer and execa both call through the module object:
// it says how much of a task's wall time is spent waiting for processes rather than in Specpilot.
import childProcess, { type ChildProcess } from 'node:child_process';
import { basename } from 'node:path';

export interface SpawnTally {
  /** Processes started, by the basename of their command. */
  readonly count: Readonly<Record<string, number>>;
  /** Their lifetimes summed (spawn call to exit), ms, by the same key. */
  readonly ms: Readonly<Record<string, number>>;
  /**
   * From a git process's exit to the next process's spawn, summed over consecutive git commands:
   * the caller's own work between them.
   */
  readonly betweenGitMs: number;
}

export interface SpawnCensus {
  /** Stops counting and puts child_process.spawn back. */
  stop(): SpawnTally;
}

export function watchSpawns(): SpawnCensus {
  const original = childProcess.spawn;
  const count: Record<string, number> = {};
  const ms: Record<string, number> = {};
  let betweenGitMs = 0;
  let lastGitExit: number | null = null;
  function counted(this: unknown, ...args: unknown[]): ChildProcess {
    const command = typeof args[0] === 'string' ? basename(args[0]) : 'unknown';
    const started = performance.now();
    if (command === 'git' && lastGitExit !== null) betweenGitMs += started - lastGitExit;
    lastGitExit = null;
    const child: ChildProcess = Reflect.apply(original, childProcess, args);
    count[command] = (count[command] ?? 0) + 1;
    child.once('exit', () => {
      const exited = performance.now();
      ms[command] = (ms[command] ?? 0) + (exited - started);
      if (command === 'git') lastGitExit = exited;
    });
    return child;
  }
  Object.defineProperty(childProcess, 'spawn', { value: counted, configurable: true, writable: true });
  return {
    stop() {
      Object.defineProperty(childProcess, 'spawn', { value: original, configurable: true, writable: true });
      return { count: { ...count }, ms: { ...ms }, betweenGitMs };
    },
  };
}
