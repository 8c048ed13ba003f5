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

/** Raw edges before grouping by source; grown as plain arrays, packed once. */
class EdgeList {
  readonly from: number[] = [];
  readonly to: number[] = [];
  readonly reason: number[] = [];
  readonly span: Span[] = [];
  add(from: number, to: number, reason: number, span: Span): void {
    this.from.push(from);
    this.to.push(to);
    this.reason.push(reason);
    this.span.push(span);
  }
}

export function buildGraph(spec: ParsedSpec): TaskGraph {
  const all = spec.tasks;
  const indexOf = new Map<string, number>();
  const tasks: Task[] = [];
  const duplicates: Task[] = [];
  /** Node of each spec.tasks entry, -1 for a later occurrence of a taken id. */
  const nodeOf = new Int32Array(all.length);
  for (let j = 0; j < all.length; j++) {
    const t = all[j]!;
    if (indexOf.get(t.id) !== undefined) {
      duplicates.push(t);
      nodeOf[j] = -1;
    } else {
      nodeOf[j] = tasks.length;
      indexOf.set(t.id, tasks.length);
      tasks.push(t);
    }
  }
  const n = tasks.length;
  const prefixes = taskPrefixes(indexOf.keys());
  const missingCount = new Int32Array(n);
  const unresolved: UnresolvedRef[] = [];
  const edges = new EdgeList();
  // Blocks edges are added after every Depends on edge (see below), resolved once here.
  const blocked = new EdgeList();

  // Passes in order of preference: when two rules link the same pair, the first one names it.
  for (let j = 0; j < all.length; j++) {
    const t = all[j]!;
    const v = nodeOf[j]!;
    for (const ref of t.dependsOn) {
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
    for (const ref of t.blocks) {
      const w = indexOf.get(ref.id);
      if (w !== undefined) {
        if (v >= 0) blocked.add(w, v, R_BLOCKS, ref.span);
        continue;
      }
      const kind = prefixes.has(idPrefix(ref.id)) ? 'missing' : 'not-a-task';
      unresolved.push({ task: t, ref, field: 'blocks', kind });
    }
  }
  for (let i = 0; i < blocked.from.length; i++) edges.add(blocked.from[i]!, blocked.to[i]!, R_BLOCKS, blocked.span[i]!);
  for (let v = 0; v < n; v++) {
    for (const childId of tasks[v]!.children) {
      const c = indexOf.get(childId);
      if (c !== undefined && !tasks[c]!.optional) edges.add(v, c, R_CHILD, tasks[c]!.header);
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
  const { effDone, container } = effectiveDone(tasks, csr.depStart, csr.depTo, csr.depReason, csr.revStart, csr.revEdge, csr.depFrom);
  const barrierDone = new Uint8Array(barrierCount);
  for (let k = 0; k < barrierCount; k++) {
    let ok = 1;
    for (let e = csr.depStart[n + k]!; e < csr.depStart[n + k + 1]! && ok; e++) {
      const w = csr.depTo[e]!;
      ok = w < n ? effDone[w]! : barrierDone[w - n]!;
    }
    barrierDone[k] = ok;
  }
  const priorityRank = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    const p = tasks[v]!.priority;
    priorityRank[v] = p === null ? 4 : PRIORITY_RANK[p];
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
  const m = edges.from.length;
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
