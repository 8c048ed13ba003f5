// CLI helpers over the graph's direct edges (src/core/graph/directDeps.ts): phase summaries and
// readable id lists for terminal output.
import type { TaskGraph } from '../../core/graph';

export { directDependants, directDeps, hasPhaseBarriers, type DirectDep } from '../../core/graph';

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
