// Dependency cycles with a concrete path per cycle (`TASK-001 -> TASK-003 -> TASK-001`), found per
// strongly connected group, self-loops included. Phase barriers are collapsed out of the paths.
import type { Span } from '../spec/model';
import { edgeSpan } from './packedCore';
import { stronglyConnected } from './stronglyConnected';
import type { CycleEdge, DepReason, DependencyCycle, GraphCore, TaskGraph } from './types';
import { REASON_CODES } from './types';

/** A group of k tasks is covered by at most this many reported cycles, so a dense knot stays cheap. */
export const MAX_CYCLES_PER_GROUP = 100;

export interface CycleAnalysis {
  readonly cycles: readonly DependencyCycle[];
  /**
   * Per task: index into `cycles` of the first cycle through it (self-loops first), or of its
   * group's first cycle when the cover limit left it out of every path; -1 when in no cycle.
   */
  readonly cycleOf: Int32Array;
}

const cache = new WeakMap<TaskGraph, CycleAnalysis>();

/** Cycles in file order of their first task. */
export function findCycles(graph: TaskGraph): readonly DependencyCycle[] {
  return cycleAnalysis(graph).cycles;
}

export function formatCyclePath(path: readonly string[]): string {
  return path.join(' -> ');
}

export function cycleAnalysis(graph: TaskGraph): CycleAnalysis {
  const hit = cache.get(graph);
  if (hit) return hit;
  const result = analyse(graph);
  cache.set(graph, result);
  return result;
}

function analyse(graph: TaskGraph): CycleAnalysis {
  const core = graph.core;
  const { taskCount: n, nodeCount: nn, depStart, depTo } = core;
  const cycleOf = new Int32Array(n).fill(-1);
  const cycles: DependencyCycle[] = [];
  if (pointsBackward(core)) return { cycles, cycleOf };
  const tasks = graph.tasks;
  const { comp, size } = stronglyConnected(core);

  const groupMembers = new Map<number, string[]>();
  for (let v = 0; v < n; v++) {
    const c = comp[v]!;
    if (size[c]! < 2) continue;
    let list = groupMembers.get(c);
    if (!list) groupMembers.set(c, (list = []));
    list.push(tasks[v]!.id);
  }

  const covered = new Uint8Array(n);
  const groupCycles = new Map<number, number>();
  const groupFirst = new Map<number, number>();
  const visited = new Int32Array(nn);
  const parentEdge = new Int32Array(nn);
  const queue = new Int32Array(nn);
  let stamp = 0;
  const emit = (edgeSeq: readonly number[], start: number, c: number): void => {
    const cycle = collapse(graph, edgeSeq, start, groupMembers.get(c) ?? [tasks[start]!.id]);
    const k = cycles.length;
    cycles.push(cycle);
    if (!groupFirst.has(c)) groupFirst.set(c, k);
    for (const e of edgeSeq) {
      const w = depTo[e]!;
      if (w < n) {
        // A self-loop is its own report: it does not stand for the group's cycle.
        if (edgeSeq.length > 1) covered[w] = 1;
        if (cycleOf[w] === -1) cycleOf[w] = k;
      }
    }
  };

  for (let s = 0; s < n; s++) {
    const c = comp[s]!;
    for (let e = depStart[s]!; e < depStart[s + 1]!; e++) {
      if (depTo[e] === s) {
        emit([e], s, c);
        break;
      }
    }
    if (size[c]! < 2 || covered[s] === 1) continue;
    const done = groupCycles.get(c) ?? 0;
    if (done >= MAX_CYCLES_PER_GROUP) continue;
    groupCycles.set(c, done + 1);
    // Breadth-first inside the group: the shortest way from s back to s.
    stamp++;
    visited[s] = stamp;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    let closing = -1;
    while (head < tail && closing < 0) {
      const u = queue[head++]!;
      for (let e = depStart[u]!; e < depStart[u + 1]!; e++) {
        const w = depTo[e]!;
        if (comp[w] !== c) continue;
        if (w === s) {
          if (u === s) continue;
          closing = e;
          break;
        }
        if (visited[w] === stamp) continue;
        visited[w] = stamp;
        parentEdge[w] = e;
        queue[tail++] = w;
      }
    }
    // A group of two or more nodes always leads back to s; the guard only protects the loop.
    if (closing < 0) continue;
    const seq: number[] = [closing];
    for (let x = core.depFrom[closing]!; x !== s; x = core.depFrom[parentEdge[x]!]!) seq.push(parentEdge[x]!);
    seq.reverse();
    emit(seq, s, c);
  }
  for (let v = 0; v < n; v++) {
    if (cycleOf[v] === -1 && size[comp[v]!]! > 1) cycleOf[v] = groupFirst.get(comp[v]!) ?? -1;
  }
  return { cycles, cycleOf };
}

/**
 * Every edge goes to an earlier node (the usual file: each task names tasks above it), so node
 * order is a topological order and there is no cycle to look for.
 */
function pointsBackward(core: GraphCore): boolean {
  const { depTo, depFrom } = core;
  for (let e = 0; e < depTo.length; e++) if (depTo[e]! >= depFrom[e]!) return false;
  return true;
}

/** Edges s -> ... -> s with barrier hops merged into one `phase` edge between real tasks. */
function collapse(graph: TaskGraph, edgeSeq: readonly number[], start: number, component: readonly string[]): DependencyCycle {
  const core = graph.core;
  const { taskCount: n, depTo, depReason } = core;
  const path: string[] = [graph.tasks[start]!.id];
  const edges: CycleEdge[] = [];
  let from = path[0]!;
  let viaBarrier: Span | null = null;
  for (const e of edgeSeq) {
    const w = depTo[e]!;
    if (w >= n) {
      viaBarrier ??= edgeSpan(core, e);
      continue;
    }
    const to = graph.tasks[w]!.id;
    const reason: DepReason = viaBarrier ? 'phase' : REASON_CODES[depReason[e]!]!;
    edges.push({ from, to, reason, span: viaBarrier ?? edgeSpan(core, e) });
    path.push(to);
    from = to;
    viaBarrier = null;
  }
  return { path, edges, component };
}
