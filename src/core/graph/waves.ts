// The run plan as topological levels (Kahn, a queue: no recursion) of the tasks not yet
// effectively done, and the tasks no order can reach, with the reason.
import type { Task } from '../spec/model';
import { cycleAnalysis } from './findCycles';
import type { TaskGraph, Unplannable, UnplannableReason, WavePlan } from './types';

/**
 * Wave 0 holds the unfinished tasks whose deps are all done, wave k those unblocked by waves
 * 0..k-1. Optional tasks are planned like any other (the executor decides to skip them); phase
 * barriers and parents with required sub-tasks take no wave of their own (a parent completes
 * with its children). Unplannable, in this order of reasons: on a cycle, with a missing
 * dependency, or waiting on an unplannable task.
 */
export function waves(graph: TaskGraph): WavePlan {
  const core = graph.core;
  const { taskCount: n, nodeCount: nn, depStart, depTo, depFrom, revStart, revEdge, effDone, container, missingCount } = core;
  const active = (v: number): boolean => v >= n || effDone[v] === 0;
  const indeg = new Int32Array(nn);
  const level = new Int32Array(nn);
  const processed = new Uint8Array(nn);
  const queue = new Int32Array(nn);
  let head = 0;
  let tail = 0;
  for (let v = 0; v < nn; v++) {
    if (!active(v)) continue;
    let d = 0;
    for (let e = depStart[v]!; e < depStart[v + 1]!; e++) if (active(depTo[e]!)) d++;
    indeg[v] = d;
    if (d === 0 && !(v < n && missingCount[v]! > 0)) queue[tail++] = v;
  }
  let maxLevel = -1;
  while (head < tail) {
    const v = queue[head++]!;
    processed[v] = 1;
    const emitted = v < n && container[v] === 0;
    if (emitted && level[v]! > maxLevel) maxLevel = level[v]!;
    const finish = level[v]! + (emitted ? 1 : 0);
    for (let r = revStart[v]!; r < revStart[v + 1]!; r++) {
      const w = depFrom[revEdge[r]!]!;
      if (!active(w)) continue;
      if (finish > level[w]!) level[w] = finish;
      if (--indeg[w]! === 0 && !(w < n && missingCount[w]! > 0)) queue[tail++] = w;
    }
  }

  const buckets: Task[][] = Array.from({ length: maxLevel + 1 }, () => []);
  const unplannable: Unplannable[] = [];
  let stuck: StuckContext | null = null;
  for (let v = 0; v < n; v++) {
    if (!active(v)) continue;
    const t = graph.tasks[v]!;
    if (processed[v] === 1) {
      if (container[v] === 0) buckets[level[v]!]!.push(t);
      continue;
    }
    stuck ??= stuckContext(graph, processed);
    unplannable.push({ task: t, reason: whyStuck(stuck, v) });
  }
  return { waves: buckets, unplannable };
}

interface StuckContext {
  readonly graph: TaskGraph;
  readonly processed: Uint8Array;
  readonly cycles: ReturnType<typeof cycleAnalysis>;
  /** Missing Depends on ids per task node, in written order, each once. */
  readonly missing: ReadonlyMap<number, string[]>;
}

/** Built only when something is stuck: a clean plan never pays for cycle analysis. */
function stuckContext(graph: TaskGraph, processed: Uint8Array): StuckContext {
  const missing = new Map<number, string[]>();
  for (const u of graph.unresolved) {
    if (u.field !== 'dependsOn' || u.kind !== 'missing') continue;
    const v = graph.core.indexOf.get(u.task.id);
    if (v === undefined || graph.tasks[v] !== u.task) continue;
    let ids = missing.get(v);
    if (!ids) missing.set(v, (ids = []));
    if (!ids.includes(u.ref.id)) ids.push(u.ref.id);
  }
  return { graph, processed, cycles: cycleAnalysis(graph), missing };
}

function whyStuck(ctx: StuckContext, v: number): UnplannableReason {
  const c = ctx.cycles.cycleOf[v]!;
  if (c >= 0) return { kind: 'cycle', path: ctx.cycles.cycles[c]!.path };
  const ids = ctx.missing.get(v);
  if (ids) return { kind: 'missing-dependency', ids };
  return { kind: 'after-unplannable', via: ctx.graph.tasks[stuckPrerequisite(ctx.graph, v, ctx.processed)]!.id };
}

/** The first unfinished, unprocessed task v waits on, looking through barriers (a loop: chains are long). */
function stuckPrerequisite(graph: TaskGraph, v: number, processed: Uint8Array): number {
  const { taskCount: n, depStart, depTo, effDone } = graph.core;
  let x = v;
  for (;;) {
    let barrier = -1;
    for (let e = depStart[x]!; e < depStart[x + 1]!; e++) {
      const w = depTo[e]!;
      if (processed[w] === 1) continue;
      if (w < n) {
        if (effDone[w] === 0 && w !== x) return w;
      } else if (barrier < 0) barrier = w;
    }
    if (barrier < 0) return v;
    x = barrier;
  }
}
