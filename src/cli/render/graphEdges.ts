// The graph's edges between tasks as stored, without expanding Spec Kit phase barriers:
// `TaskGraph.dependsOn` lists every task of every earlier phase, so calling it for each task of a
// file with a few thousand tasks is quadratic (and `task graph --json` ran out of string length).
import { REASON_CODES, type DepReason, type TaskGraph } from '../../core/graph';

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

/** The tasks of earlier phases `id` waits for through the barriers (one task: linear, fine once). */
export function phasePrerequisites(g: TaskGraph, id: string): string[] {
  return g.has(id) ? g.dependsOn(id).filter((d) => d.reason === 'phase').map((d) => d.id) : [];
}

/** The tasks of later phases that wait for `id` through the barriers. */
export function phaseWaiters(g: TaskGraph, id: string): string[] {
  return g.has(id) ? g.dependantsOf(id).filter((d) => d.reason === 'phase').map((d) => d.id) : [];
}

/** `A, B, C` or `A, B, C, … (12 in all)`: long id lists stay one readable line. */
export function idList(ids: readonly string[], max = 8): string {
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')}, … (${ids.length} in all)`;
}
