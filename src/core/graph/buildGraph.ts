// Turns a parsed task file into the indexed dependency graph every planner and check reads:
// explicit refs, reversed Blocks, prose refs, Spec Kit phase barriers and required sub-tasks.
import type { ParsedSpec, Span, Task } from '../spec/model';
import { effectiveDone } from './effectiveDone';
import { phaseLayout } from './phaseBarriers';
import { IndexedTaskGraph } from './indexedTaskGraph';
import { idPrefix, taskPrefixes } from './taskPrefix';
import type { TaskGraph, UnresolvedRef } from './types';
import { R_BLOCKS, R_CHILD, R_EXPLICIT, R_PHASE, R_PROSE } from './types';

const PRIORITY_RANK = { p0: 0, p1: 1, p2: 2, p3: 3 } as const;

/** Raw edges before grouping by source: typed columns grown by doubling, packed once. */
class EdgeList {
  from: Int32Array;
  to: Int32Array;
  reason: Uint8Array;
  readonly span: Span[] = [];
  length = 0;
  constructor(capacity: number) {
    this.from = new Int32Array(capacity);
    this.to = new Int32Array(capacity);
    this.reason = new Uint8Array(capacity);
  }
  add(from: number, to: number, reason: number, span: Span): void {
    if (this.length === this.from.length) this.grow();
    const i = this.length++;
    this.from[i] = from;
    this.to[i] = to;
    this.reason[i] = reason;
    this.span.push(span);
  }
  private grow(): void {
    const cap = this.from.length * 2 + 16;
    const from = new Int32Array(cap);
    const to = new Int32Array(cap);
    const reason = new Uint8Array(cap);
    from.set(this.from);
    to.set(this.to);
    reason.set(this.reason);
    this.from = from;
    this.to = to;
    this.reason = reason;
  }
}

export function buildGraph(spec: ParsedSpec): TaskGraph {
  const all = spec.tasks;
  const { indexOf, tasks, duplicates, nodeOf } = indexTasks(all);
  const n = tasks.length;
  const prefixes = taskPrefixes(tasks);
  const missingCount = new Int32Array(n);
  const unresolved: UnresolvedRef[] = [];
  const edges = new EdgeList(2 * n + 16);
  // Blocks edges are added after every Depends on edge (see below), resolved once here.
  const blocked = new EdgeList(16);

  // Passes in order of preference: when two rules link the same pair, the first one names it.
  for (let j = 0; j < all.length; j++) {
    const t = all[j]!;
    const v = nodeOf[j]!;
    const deps = t.dependsOn;
    for (let r = 0; r < deps.length; r++) {
      const ref = deps[r]!;
      const w = indexOf.get(ref.id);
      if (w !== undefined) {
        if (v >= 0) edges.add(v, w, ref.via === 'prose' ? R_PROSE : R_EXPLICIT, ref.span);
      } else if (prefixes.has(idPrefix(ref.id))) {
        unresolved.push({ task: t, ref, field: 'dependsOn', kind: 'missing' });
        if (v >= 0) missingCount[v]!++;
      } else {
        unresolved.push({ task: t, ref, field: 'dependsOn', kind: 'not-a-task' });
      }
    }
    const blocks = t.blocks;
    for (let r = 0; r < blocks.length; r++) {
      const ref = blocks[r]!;
      const w = indexOf.get(ref.id);
      if (w !== undefined) {
        if (v >= 0) blocked.add(w, v, R_BLOCKS, ref.span);
        continue;
      }
      const kind = prefixes.has(idPrefix(ref.id)) ? 'missing' : 'not-a-task';
      unresolved.push({ task: t, ref, field: 'blocks', kind });
    }
  }
  for (let i = 0; i < blocked.length; i++) edges.add(blocked.from[i]!, blocked.to[i]!, R_BLOCKS, blocked.span[i]!);
  let hasChildEdges = false;
  for (let v = 0; v < n; v++) {
    const children = tasks[v]!.children;
    for (let r = 0; r < children.length; r++) {
      const c = indexOf.get(children[r]!);
      if (c !== undefined && !tasks[c]!.optional) {
        edges.add(v, c, R_CHILD, tasks[c]!.header);
        hasChildEdges = true;
      }
    }
  }
  const phases = phaseLayout(spec, tasks);
  const barrierCount = Math.max(phases.members.length - 1, 0);
  for (let k = 0; k < barrierCount; k++) {
    const barrier = n + k;
    const members = phases.members[k + 1]!;
    // A task -> barrier edge points at the waiting task's phase heading: that heading is the "why".
    const heading = phases.heading[k + 1] ?? tasks[members[0]!]!.header;
    for (const m of phases.members[k]!) edges.add(barrier, m, R_PHASE, tasks[m]!.header);
    if (k > 0) edges.add(barrier, barrier - 1, R_PHASE, heading);
    for (const m of members) edges.add(m, barrier, R_PHASE, heading);
  }

  const nodeCount = n + barrierCount;
  const csr = packEdges(edges, nodeCount);
  const ownDone = new Uint8Array(n);
  const priorityRank = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    const t = tasks[v]!;
    ownDone[v] = t.status === 'done' ? 1 : 0;
    priorityRank[v] = t.priority === null ? 4 : PRIORITY_RANK[t.priority];
  }
  const { effDone, container } = effectiveDone(ownDone, csr, hasChildEdges);
  const barrierDone = new Uint8Array(barrierCount);
  for (let k = 0; k < barrierCount; k++) {
    let ok = 1;
    for (let e = csr.depStart[n + k]!; e < csr.depStart[n + k + 1]! && ok; e++) {
      const w = csr.depTo[e]!;
      ok = w < n ? effDone[w]! : barrierDone[w - n]!;
    }
    barrierDone[k] = ok;
  }
  return new IndexedTaskGraph(spec, tasks, duplicates, unresolved, {
    taskCount: n,
    nodeCount,
    ...csr,
    missingCount,
    effDone,
    container,
    barrierDone,
    priorityRank,
    indexOf,
    prefixes,
  });
}

interface TaskIndex {
  readonly indexOf: Map<string, number>;
  /** First occurrence of each id, file order: the graph's nodes. */
  readonly tasks: Task[];
  readonly duplicates: Task[];
  /** Node of each spec.tasks entry, -1 for a later occurrence of a taken id. */
  readonly nodeOf: Int32Array;
}

/**
 * One Map write per task in the usual case: filled back to front, the first occurrence of an id
 * is what stays, and an unchanged size proves there were no duplicates.
 */
function indexTasks(all: readonly Task[]): TaskIndex {
  const indexOf = new Map<string, number>();
  for (let j = all.length - 1; j >= 0; j--) indexOf.set(all[j]!.id, j);
  const nodeOf = new Int32Array(all.length);
  if (indexOf.size === all.length) {
    for (let j = 0; j < all.length; j++) nodeOf[j] = j;
    return { indexOf, tasks: all.slice(), duplicates: [], nodeOf };
  }
  const tasks: Task[] = [];
  const duplicates: Task[] = [];
  for (let j = 0; j < all.length; j++) {
    const t = all[j]!;
    if (indexOf.get(t.id) === j) {
      nodeOf[j] = tasks.length;
      tasks.push(t);
    } else {
      nodeOf[j] = -1;
      duplicates.push(t);
    }
  }
  for (let v = 0; v < tasks.length; v++) indexOf.set(tasks[v]!.id, v);
  return { indexOf, tasks, duplicates, nodeOf };
}

interface Csr {
  depStart: Int32Array;
  depTo: Int32Array;
  depFrom: Int32Array;
  depReason: Uint8Array;
  depNamedBy: Uint8Array;
  depSpan: Span[];
  revStart: Int32Array;
  revEdge: Int32Array;
}

/** Groups edges by source (stable), drops repeated pairs keeping the first, builds the reverse. */
function packEdges(edges: EdgeList, nodeCount: number): Csr {
  const m = edges.length;
  const count = new Int32Array(nodeCount + 1);
  for (let i = 0; i < m; i++) count[edges.from[i]! + 1]!++;
  for (let v = 0; v < nodeCount; v++) count[v + 1]! += count[v]!;
  const order = new Int32Array(m);
  const fill = count.slice(0, nodeCount);
  for (let i = 0; i < m; i++) order[fill[edges.from[i]!]!++] = i;

  const depStart = new Int32Array(nodeCount + 1);
  const depTo = new Int32Array(m);
  const depFrom = new Int32Array(m);
  const depReason = new Uint8Array(m);
  const depNamedBy = new Uint8Array(m);
  const depSpan: Span[] = [];
  const seen = new Int32Array(nodeCount);
  const keptAt = new Int32Array(nodeCount);
  let k = 0;
  for (let v = 0; v < nodeCount; v++) {
    depStart[v] = k;
    for (let j = count[v]!; j < count[v + 1]!; j++) {
      const i = order[j]!;
      const w = edges.to[i]!;
      const reason = edges.reason[i]!;
      if (seen[w] === v + 1) {
        depNamedBy[keptAt[w]!]! |= 1 << reason;
        continue;
      }
      seen[w] = v + 1;
      keptAt[w] = k;
      depTo[k] = w;
      depFrom[k] = v;
      depReason[k] = reason;
      depNamedBy[k] = 1 << reason;
      depSpan.push(edges.span[i]!);
      k++;
    }
  }
  depStart[nodeCount] = k;

  const revStart = new Int32Array(nodeCount + 1);
  for (let e = 0; e < k; e++) revStart[depTo[e]! + 1]!++;
  for (let v = 0; v < nodeCount; v++) revStart[v + 1]! += revStart[v]!;
  const revEdge = new Int32Array(k);
  const rfill = revStart.slice(0, nodeCount);
  for (let e = 0; e < k; e++) revEdge[rfill[depTo[e]!]!++] = e;
  return {
    depStart,
    depTo: depTo.subarray(0, k),
    depFrom: depFrom.subarray(0, k),
    depReason: depReason.subarray(0, k),
    depNamedBy: depNamedBy.subarray(0, k),
    depSpan,
    revStart,
    revEdge,
  };
}
