// Public shapes of the dependency graph: what the tree, hover, CLI and executor read. The indexed
// form (`GraphCore`) is what the algorithms in this folder walk; the rest is the readable surface.
import type { ParsedSpec, Span, Task, TaskRef, TaskStatus } from '../spec/model';

/**
 * Why one task waits for another: `explicit` Depends on, `prose` a `(depends on T010)` in the text,
 * `blocks` the other task's Blocks names this one, `phase` a Spec Kit phase barrier, `child` a
 * required sub-task (Kiro, OpenSpec).
 */
export type DepReason = 'explicit' | 'blocks' | 'prose' | 'phase' | 'child';

export interface TaskDep {
  readonly id: string;
  readonly reason: DepReason;
  /** Where the dependency comes from: the ref, the phase heading, or the sub-task's header. */
  readonly span: Span;
}

/** A Depends on / Blocks ref that names no task of the file. */
export interface UnresolvedRef {
  /** The task that wrote the ref (a duplicate occurrence included). */
  readonly task: Task;
  readonly ref: TaskRef;
  readonly field: 'dependsOn' | 'blocks';
  /**
   * `missing`: its prefix is a task prefix of this file, so it is a broken dependency.
   * `not-a-task`: no task header uses its prefix (`[REQ-009]`), so it is no dependency at all.
   */
  readonly kind: 'missing' | 'not-a-task';
}

/**
 * Indexed graph. Nodes 0..taskCount-1 are `TaskGraph.tasks` in file order; nodes taskCount.. are
 * virtual phase barriers (barrier k is satisfied when every task of the k-th non-empty phase and
 * barrier k-1 are). Edges point from a node to what it waits for, stored CSR-style.
 */
export interface GraphCore {
  readonly taskCount: number;
  readonly nodeCount: number;
  /** Edges of node v are depStart[v] .. depStart[v+1]-1. */
  readonly depStart: Int32Array;
  readonly depTo: Int32Array;
  readonly depFrom: Int32Array;
  /** Index into REASON_CODES. */
  readonly depReason: Uint8Array;
  /** Bit (1 << code) for every rule that named the pair, the kept reason included. */
  readonly depNamedBy: Uint8Array;
  readonly depSpan: readonly Span[];
  /** Reverse edges: revEdge[revStart[v]..revStart[v+1]-1] are the edge ids whose target is v. */
  readonly revStart: Int32Array;
  readonly revEdge: Int32Array;
  /** Per task: Depends on refs (field or prose) whose id has a task prefix but no task. */
  readonly missingCount: Int32Array;
  /** Per task: done, or a parent whose required children are all effectively done. */
  readonly effDone: Uint8Array;
  /** Per task: has at least one required child, so it completes with its children. */
  readonly container: Uint8Array;
  /** Per barrier: satisfied now. */
  readonly barrierDone: Uint8Array;
  /** Per task: 0 p0 .. 3 p3, 4 no priority. */
  readonly priorityRank: Uint8Array;
  readonly indexOf: ReadonlyMap<string, number>;
  /** Prefixes of the task ids (`TASK-`, `T`, ``): a ref with another prefix is no task ref. */
  readonly prefixes: ReadonlySet<string>;
}

export interface TaskGraph {
  readonly spec: ParsedSpec;
  /** One node per distinct id (its first occurrence), in file order. */
  readonly tasks: readonly Task[];
  /** Later occurrences of an id already taken; validation reports them, the graph ignores them. */
  readonly duplicates: readonly Task[];
  /** Refs naming no task, in file order of the task that wrote them. */
  readonly unresolved: readonly UnresolvedRef[];
  readonly core: GraphCore;
  has(id: string): boolean;
  task(id: string): Task | undefined;
  /** Everything `id` waits for, explicit and derived, each once (first reason wins). */
  dependsOn(id: string): readonly TaskDep[];
  /** Every task waiting directly on `id`, each once. */
  dependantsOf(id: string): readonly TaskDep[];
  /** `done` for a parent whose required children are all done, the written status otherwise. */
  effectiveStatus(id: string): TaskStatus | undefined;
}

/** Numeric edge reasons in CSR order of preference: a pair linked twice keeps the first. */
export const REASON_CODES: readonly DepReason[] = ['explicit', 'prose', 'blocks', 'child', 'phase'];
export const R_EXPLICIT = 0;
export const R_PROSE = 1;
export const R_BLOCKS = 2;
export const R_CHILD = 3;
export const R_PHASE = 4;

export interface CycleEdge {
  readonly from: string;
  readonly to: string;
  readonly reason: DepReason;
  readonly span: Span;
}

export interface DependencyCycle {
  /** Ids around the cycle, the first repeated at the end; each `->` reads "depends on". */
  readonly path: readonly string[];
  /** path[i] -> path[i+1], with why and where it is written. */
  readonly edges: readonly CycleEdge[];
  /** Every task of the strongly connected group the cycle lies in, in file order. */
  readonly component: readonly string[];
}

export type UnplannableReason =
  | { readonly kind: 'cycle'; readonly path: readonly string[] }
  | { readonly kind: 'missing-dependency'; readonly ids: readonly string[] }
  /** Waits (directly, or through a phase barrier / parent) on another unplannable task. */
  | { readonly kind: 'after-unplannable'; readonly via: string };

export interface Unplannable {
  readonly task: Task;
  readonly reason: UnplannableReason;
}

export interface WavePlan {
  /** waves[0] can start now; waves[k] once waves[0..k-1] are done. File order inside a wave. */
  readonly waves: readonly (readonly Task[])[];
  readonly unplannable: readonly Unplannable[];
}
