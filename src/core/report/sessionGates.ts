// The gates of one verify session. The gates check asks "do the gates pass on the current tree", and
// the tree does not change during a session, so each gate command runs once, at the first task
// that needs it, and every task's check gets that same run as its evidence.
import { runGate, type GateRun, type GateSpec } from '../executor/gates';

export interface SharedGateRun {
  readonly run: GateRun;
  /** The task whose check started the run. */
  readonly firstTaskId: string;
  /** How many tasks the session verifies: all of them share this run. */
  readonly sessionTasks: number;
}

export interface SessionGates {
  /** The gate's one run in this session: started by the first call, awaited by every later one. */
  run(gate: GateSpec, taskId: string): Promise<SharedGateRun>;
  /** Gate processes started so far. */
  readonly runs: number;
  /** Their time from start to end, summed (a shared run counts once). */
  readonly ms: number;
  /** A run was stopped by the session's signal: its result says nothing about the tree. */
  readonly cancelled: boolean;
}

export function sessionGates(o: {
  readonly root: string;
  readonly timeoutMs: number;
  /** How many tasks the session verifies (said in every check's detail). */
  readonly tasks: number;
  /** Cancels the session: stops a running gate (its whole process group). */
  readonly signal?: AbortSignal;
}): SessionGates {
  const started = new Map<string, Promise<SharedGateRun>>();
  let runs = 0;
  let ms = 0;
  let cancelled = false;
  const start = async (gate: GateSpec, taskId: string): Promise<SharedGateRun> => {
    runs++;
    const t0 = performance.now();
    const run = await runGate(gate, { cwd: o.root, timeoutMs: o.timeoutMs, ...(o.signal ? { signal: o.signal } : {}) });
    ms += performance.now() - t0;
    if (o.signal?.aborted === true && !run.passed) cancelled = true;
    return { run, firstTaskId: taskId, sessionTasks: o.tasks };
  };
  return {
    run(gate, taskId) {
      // Name and command both: a config naming two gates alike must not merge them.
      const key = `${gate.name}\0${gate.command}`;
      let p = started.get(key);
      if (p === undefined) {
        p = start(gate, taskId);
        started.set(key, p);
      }
      return p;
    },
    get runs() {
      return runs;
    },
    get ms() {
      return ms;
    },
    get cancelled() {
      return cancelled;
    },
  };
}
