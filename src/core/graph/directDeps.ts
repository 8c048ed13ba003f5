// The graph's edges between tasks as stored, without expanding Spec Kit phase barriers:
// `TaskGraph.dependsOn` lists every task of every earlier phase, so calling it for each task of a
// large file is quadratic. Trees, lists and JSON that show every task use these instead.
import type { TaskGraph } from './types';
import { REASON_CODES, type DepReason } from './types';

export interface DirectDep {
  readonly id: string;
  readonly reason: Exclude<DepReason, 'phase'>;
}

function reasonOf(code: number): Exclude<DepReason, 'phase'> | null {
  const r = REASON_CODES[code];
  return r === undefined || r === 'phase' ? null : r;
}

/** What `id` waits for directly (explicit, prose, blocks, child), each task once, in stored order. */
export function directDeps(g: TaskGraph, id: string): DirectDep[] {
  const v = g.core.indexOf.get(id);
  if (v === undefined) return [];
  const { taskCount: n, depStart, depTo, depReason } = g.core;
  const out: DirectDep[] = [];
  const seen = new Set<number>();
  for (let e = depStart[v]!; e < depStart[v + 1]!; e++) {
    const w = depTo[e]!;
    const reason = reasonOf(depReason[e]!);
    if (w >= n || reason === null || seen.has(w)) continue;
    seen.add(w);
    out.push({ id: g.tasks[w]!.id, reason });
  }
  return out;
}

/** The tasks waiting directly on `id` (phase barriers left out), each once, in file order. */
export function directDependants(g: TaskGraph, id: string): DirectDep[] {
  const v = g.core.indexOf.get(id);
  if (v === undefined) return [];
  const { taskCount: n, depFrom, depReason, revStart, revEdge } = g.core;
  const found: { s: number; reason: Exclude<DepReason, 'phase'> }[] = [];
  const seen = new Set<number>();
  for (let r = revStart[v]!; r < revStart[v + 1]!; r++) {
    const e = revEdge[r]!;
    const s = depFrom[e]!;
    const reason = reasonOf(depReason[e]!);
    if (s >= n || reason === null || seen.has(s)) continue;
    seen.add(s);
    found.push({ s, reason });
  }
  found.sort((a, b) => a.s - b.s);
  return found.map(({ s, reason }) => ({ id: g.tasks[s]!.id, reason }));
}

/** True when the file has Spec Kit phases that act as barriers between its tasks. */
export function hasPhaseBarriers(g: TaskGraph): boolean {
  return g.core.nodeCount > g.core.taskCount;
}

