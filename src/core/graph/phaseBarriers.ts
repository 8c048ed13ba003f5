// Spec Kit phases are barriers: each task of a later `## ` phase waits for every task of all
// earlier ones. One virtual node per phase boundary keeps that O(n) edges instead of O(n^2).
import type { ParsedSpec, Span, Task } from '../spec/model';

export interface PhaseLayout {
  /** Task node indices of each non-empty phase, in file order. */
  readonly members: readonly (readonly number[])[];
  /** Span of the heading that opens each non-empty phase (null for tasks before any heading). */
  readonly heading: readonly (Span | null)[];
  readonly title: readonly (string | null)[];
}

/**
 * The layout of a file without phases, one object for all: a fresh literal per build let a GC
 * that freed the last one take its hidden class along, and every build after it dropped its
 * optimized code at the first read of the layout.
 */
const NO_PHASES: PhaseLayout = Object.freeze({ members: Object.freeze([]), heading: Object.freeze([]), title: Object.freeze([]) });

/** Groups the tasks by the last phase heading above them; empty for every format but Spec Kit. */
export function phaseLayout(spec: ParsedSpec, tasks: readonly Task[]): PhaseLayout {
  if (spec.format !== 'spec-kit') return NO_PHASES;
  const headings = spec.groups.filter((g) => g.kind === 'phase');
  if (headings.length === 0) return NO_PHASES;
  const lines = headings.map((g) => g.line);
  const buckets: number[][] = Array.from({ length: headings.length + 1 }, () => []);
  for (let i = 0; i < tasks.length; i++) buckets[phaseIndex(lines, tasks[i]!.line)]!.push(i);
  const members: number[][] = [];
  const heading: (Span | null)[] = [];
  const title: (string | null)[] = [];
  for (let p = 0; p < buckets.length; p++) {
    const b = buckets[p]!;
    if (b.length === 0) continue;
    members.push(b);
    const h = p === 0 ? null : headings[p - 1]!;
    heading.push(h ? h.span : null);
    title.push(h ? h.title : null);
  }
  return { members, heading, title };
}

/** 0 before the first heading, k after the k-th (headings sorted by line). */
function phaseIndex(lines: readonly number[], line: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid]! < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
