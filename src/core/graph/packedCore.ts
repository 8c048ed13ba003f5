// The GraphCore `buildGraph` returns: typed arrays carved from two buffers, plus what a clean
// file never needs made on first use only: the id Map and the span of every edge (validation
// and planning read spans only to report a problem, the tree and hover only for one task).
import type { Span, Task } from '../spec/model';
import type { IdIndex } from './idIndex';
import { indexIds } from './idIndex';
import type { GraphCore } from './types';
import { R_BLOCKS, R_CHILD, R_EXPLICIT, R_PROSE } from './types';

/** Where each edge's span comes from, kept as numbers until someone asks. */
export interface SpanSource {
  /**
   * Per edge: index of the ref that made it in the waiting task's Depends on (explicit, prose)
   * or in the blocking task's Blocks (blocks); unused for child and phase edges.
   */
  readonly depRef: Int32Array;
  /** Per barrier: the heading of the phase that waits on it. */
  readonly barrierHeading: readonly Span[];
}

export class PackedCore implements GraphCore {
  private spans: Span[] | null = null;

  constructor(
    readonly tasks: readonly Task[],
    readonly ids: IdIndex,
    private readonly source: SpanSource,
    readonly taskCount: number,
    readonly nodeCount: number,
    readonly depStart: Int32Array,
    readonly depTo: Int32Array,
    readonly depFrom: Int32Array,
    readonly depReason: Uint8Array,
    readonly depNamedBy: Uint8Array,
    readonly revStart: Int32Array,
    readonly revEdge: Int32Array,
    readonly missingCount: Int32Array,
    readonly effDone: Uint8Array,
    readonly container: Uint8Array,
    readonly barrierDone: Uint8Array,
    readonly priorityRank: Uint8Array,
    /** See taskFlags.ts. */
    readonly taskFlags: Uint8Array,
  ) {}

  get indexOf(): ReadonlyMap<string, number> {
    return this.ids.map();
  }

  get prefixes(): ReadonlySet<string> {
    return this.ids.prefixes;
  }

  get depSpan(): readonly Span[] {
    if (this.spans === null) {
      const spans: Span[] = [];
      for (let e = 0; e < this.depTo.length; e++) spans.push(this.edgeSpan(e));
      this.spans = spans;
    }
    return this.spans;
  }

  /** `depSpan[e]` without making the whole array: what a report about one edge needs. */
  edgeSpan(e: number): Span {
    if (this.spans !== null) return this.spans[e]!;
    const { taskCount: n, depTo, depFrom, depReason } = this;
    const { depRef, barrierHeading } = this.source;
    const reason = depReason[e]!;
    const to = depTo[e]!;
    if (reason === R_EXPLICIT || reason === R_PROSE) return this.tasks[depFrom[e]!]!.dependsOn[depRef[e]!]!.span;
    if (reason === R_BLOCKS) return this.tasks[to]!.blocks[depRef[e]!]!.span;
    if (reason === R_CHILD || to < n) return this.tasks[to]!.header;
    // Phase: barrier -> barrier - 1, or a task -> the barrier before its phase.
    return barrierHeading[(depFrom[e]! >= n ? depFrom[e]! : to) - n]!;
  }
}

/** Span of edge e of any core, without making a built core's whole span array. */
export function edgeSpan(core: GraphCore, e: number): Span {
  return core instanceof PackedCore ? core.edgeSpan(e) : core.depSpan[e]!;
}

/**
 * One core held for the life of the process. V8 keeps the hidden class of a class's instances only
 * while one lives: a GC that frees every graph of the last build also throws away the optimized
 * code of every planner and check that reads a core, and the next build runs unoptimized until V8
 * compiles it again. Holding one instance keeps the class, and that code, alive.
 */
const none = new Int32Array(1);
const noBytes = new Uint8Array(0);
export const CORE_SHAPE_KEEPER = new PackedCore(
  [], indexIds([]), { depRef: none, barrierHeading: [] }, 0, 0, none, none, none, noBytes, noBytes, none, none, none,
  noBytes, noBytes, noBytes, noBytes, noBytes,
);
