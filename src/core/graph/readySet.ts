// What to run next, in spec-runner's order: interrupted work first, then the todo tasks whose
// dependencies are all (effectively) done.
import type { Task } from '../spec/model';
import { SLOT_READY_CLASS, scratchUint8 } from './scratch';
import { F_OPTIONAL, STATUS_MASK, S_IN_PROGRESS, S_REVIEW, S_TODO, taskFlags } from './taskFlags';
import type { GraphCore, TaskGraph } from './types';
import { R_CHILD } from './types';

/** Priority ranks 0..4 (p0..p3, none). */
const RANKS = 5;
/** Not ready, then interrupted by rank, then ready todo by rank. */
const BUCKETS = 2 * RANKS;

/**
 * Interrupted (`in_progress`, `review`) tasks first, then ready `todo` tasks; each part by
 * priority P0..P3 (none last), then file order. Never ready: `done` (effective status),
 * `blocked`, `unknown`, optional Kiro tasks. A missing dependency keeps a todo task out (it cannot
 * be checked). An interrupted task re-enters whatever its deps (spec-runner resumes it), except a
 * parent with unfinished required sub-tasks: its `[-]` only says work began under it.
 */
export function readySet(graph: TaskGraph): readonly Task[] {
  const core = graph.core;
  const { taskCount: n, effDone, priorityRank, missingCount } = core;
  const flags = taskFlags(graph);
  // Counting sort on (interrupted first, priority rank), file order kept inside each bucket.
  const bucketOf = scratchUint8(SLOT_READY_CLASS, n);
  const start = new Int32Array(BUCKETS + 1);
  for (let v = 0; v < n; v++) {
    const f = flags[v]!;
    let b = 0;
    if ((f & F_OPTIONAL) === 0 && effDone[v] === 0) {
      const status = f & STATUS_MASK;
      const rank = Math.min(priorityRank[v]!, RANKS - 1);
      if (status === S_IN_PROGRESS || status === S_REVIEW) {
        if (!hasUnfinishedChild(core, v)) b = 1 + rank;
      } else if (status === S_TODO && missingCount[v] === 0 && depsSatisfied(core, v)) {
        b = 1 + RANKS + rank;
      }
    }
    bucketOf[v] = b;
    if (b > 0) start[b]!++;
  }
  // start[b] becomes where bucket b begins (bucket 0, not ready, takes no room).
  let total = 0;
  for (let b = 1; b <= BUCKETS; b++) {
    const size = start[b]!;
    start[b] = total;
    total += size;
  }
  const out = new Array<Task>(total);
  for (let v = 0; v < n; v++) {
    const b = bucketOf[v]!;
    if (b > 0) out[start[b]!++] = graph.tasks[v]!;
  }
  return out;
}

export function depsSatisfied(core: GraphCore, v: number): boolean {
  const { taskCount: n, depStart, depTo, effDone, barrierDone } = core;
  for (let e = depStart[v]!; e < depStart[v + 1]!; e++) {
    const w = depTo[e]!;
    if ((w < n ? effDone[w] : barrierDone[w - n]) !== 1) return false;
  }
  return true;
}

function hasUnfinishedChild(core: GraphCore, v: number): boolean {
  const { depStart, depTo, depReason, effDone } = core;
  for (let e = depStart[v]!; e < depStart[v + 1]!; e++) {
    if (depReason[e] === R_CHILD && effDone[depTo[e]!] !== 1) return true;
  }
  return false;
}
