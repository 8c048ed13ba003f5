// The readable face of the indexed graph: id-based queries for the tree, hover and CLI, with the
// virtual phase barriers expanded into the concrete tasks they stand for.
import type { ParsedSpec, Task, TaskStatus } from '../spec/model';
import type { DepReason, GraphCore, TaskDep, TaskGraph, UnresolvedRef } from './types';
import { REASON_CODES } from './types';
import { CORE_SHAPE_KEEPER, PackedCore, edgeSpan } from './packedCore';

export class IndexedTaskGraph implements TaskGraph {
  constructor(
    readonly spec: ParsedSpec,
    readonly tasks: readonly Task[],
    readonly duplicates: readonly Task[],
    readonly unresolved: readonly UnresolvedRef[],
    readonly core: GraphCore,
  ) {}

  has(id: string): boolean {
    return this.node(id) >= 0;
  }

  task(id: string): Task | undefined {
    const v = this.node(id);
    return v < 0 ? undefined : this.tasks[v];
  }

  effectiveStatus(id: string): TaskStatus | undefined {
    const v = this.node(id);
    if (v < 0) return undefined;
    return this.core.effDone[v] === 1 ? 'done' : this.tasks[v]!.status;
  }

  dependsOn(id: string): readonly TaskDep[] {
    const v = this.node(id);
    return v < 0 ? [] : this.prerequisites(v);
  }

  dependantsOf(id: string): readonly TaskDep[] {
    const v = this.node(id);
    return v < 0 ? [] : this.waiters(v);
  }

  /** Node of `id` or -1; a built graph's index answers without the id Map. */
  private node(id: string): number {
    const core = this.core;
    return core instanceof PackedCore ? core.ids.find(id) : (core.indexOf.get(id) ?? -1);
  }

  /** A barrier stands for every task of the earlier phases; all get the waiting task's heading. */
  private prerequisites(v: number): TaskDep[] {
    const core = this.core;
    const { taskCount: n, depStart, depTo, depReason } = core;
    const out: TaskDep[] = [];
    const seen = new Set<number>();
    for (let e = depStart[v]!; e < depStart[v + 1]!; e++) {
      const w = depTo[e]!;
      if (w < n) {
        if (!seen.has(w)) {
          seen.add(w);
          out.push({ id: this.tasks[w]!.id, reason: REASON_CODES[depReason[e]!]!, span: edgeSpan(core, e) });
        }
        continue;
      }
      // The barrier chain only points at earlier phases: a loop, not recursion.
      const behind: number[] = [];
      for (let b = w; b >= n;) {
        let next = -1;
        for (let f = depStart[b]!; f < depStart[b + 1]!; f++) {
          const x = depTo[f]!;
          if (x >= n) next = x;
          else if (!seen.has(x)) {
            seen.add(x);
            behind.push(x);
          }
        }
        b = next;
      }
      behind.sort((a, b) => a - b);
      const span = edgeSpan(core, e);
      for (const x of behind) out.push({ id: this.tasks[x]!.id, reason: 'phase', span });
    }
    return out;
  }

  /** A barrier stands for every task of the later phases, each with its own phase heading. */
  private waiters(v: number): TaskDep[] {
    const core = this.core;
    const { taskCount: n, depFrom, depReason, revStart, revEdge } = core;
    const out: TaskDep[] = [];
    const seen = new Set<number>();
    const add = (e: number, reason: DepReason): void => {
      const s = depFrom[e]!;
      if (seen.has(s)) return;
      seen.add(s);
      out.push({ id: this.tasks[s]!.id, reason, span: edgeSpan(core, e) });
    };
    for (let r = revStart[v]!; r < revStart[v + 1]!; r++) {
      const e = revEdge[r]!;
      const s = depFrom[e]!;
      if (s < n) {
        add(e, REASON_CODES[depReason[e]!]!);
        continue;
      }
      for (let b = s; b >= n;) {
        let next = -1;
        for (let q = revStart[b]!; q < revStart[b + 1]!; q++) {
          const f = revEdge[q]!;
          const x = depFrom[f]!;
          if (x >= n) next = x;
          else add(f, 'phase');
        }
        b = next;
      }
    }
    return out;
  }
}

/** Held for the life of the process, like CORE_SHAPE_KEEPER, so the graph's hidden class survives a GC. */
const _shapeKeeper = new IndexedTaskGraph({
  format: 'spec-runner', file: '', tasks: [], groups: [], diagnostics: [], frontmatter: null, eol: '\n', bom: false,
  lineCount: 0, contextLines: [],
}, [], [], [], CORE_SHAPE_KEEPER);
