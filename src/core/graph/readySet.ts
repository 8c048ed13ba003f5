// What to run next, in spec-runner's order: interrupted work first, then the todo tasks whose
// dependencies are all (effectively) done.
import type { Task } from '../spec/model';
import type { GraphCore, TaskGraph } from './types';
import { R_CHILD } from './types';

/**
 * Interrupted (`in_progress`, `review`) tasks first, then ready `todo` tasks; each part by
 * priority P0..P3 (none last), then file order. Never ready: `done` (effective status),
 * `blocked`, `unknown`, optional Kiro tasks. A missing dependency keeps a todo task out (it cannot
 * be checked). An interrupted task re-enters whatever its deps (spec-runner resumes it), except a
 * parent with unfinished required sub-tasks: its `[-]` only says work began under it.
 */
export function readySet(graph: TaskGraph): readonly Task[] {
  const core = graph.core;
  const { taskCount: n, effDone, priorityRank } = core;
  const interrupted: number[] = [];
  const ready: number[] = [];
  for (let v = 0; v < n; v++) {
    const t = graph.tasks[v]!;
    if (t.optional || effDone[v] === 1) continue;
    if (t.status === 'in_progress' || t.status === 'review') {
      if (!hasUnfinishedChild(core, v)) interrupted.push(v);
    } else if (t.status === 'todo' && core.missingCount[v] === 0 && depsSatisfied(core, v)) {
      ready.push(v);
    }
  }
  const byPriority = (a: number, b: number): number => priorityRank[a]! - priorityRank[b]! || a - b;
  interrupted.sort(byPriority);
  ready.sort(byPriority);
  const out: Task[] = [];
  for (const v of interrupted) out.push(graph.tasks[v]!);
  for (const v of ready) out.push(graph.tasks[v]!);
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
