// Turns a parsed task file into the indexed dependency graph every planner and check reads:
// explicit refs, reversed Blocks, prose refs, Spec Kit phase barriers and required sub-tasks.
// Edges pass through reused buffers into two typed allocations; spans are made when asked for.
import type { ParsedSpec, Priority, Span } from '../spec/model';
import { effectiveDone } from './effectiveDone';
import { indexIds } from './idIndex';
import { IndexedTaskGraph } from './indexedTaskGraph';
import { PackedCore } from './packedCore';
import { phaseLayout } from './phaseBarriers';
import { SLOT_EDGE_COUNT, SLOT_EDGE_FILL, SLOT_EDGE_KEPT, SLOT_EDGE_ORDER, SLOT_EDGE_SEEN, scratchInt32 } from './scratch';
import { F_OPTIONAL, STATUS_MASK, S_DONE, flagsOf } from './taskFlags';
import { idPrefix } from './taskPrefix';
import type { TaskGraph, UnresolvedRef } from './types';
import { R_BLOCKS, R_CHILD, R_EXPLICIT, R_PHASE, R_PROSE } from './types';

function rankOf(p: Priority | null): number {
  switch (p) {
    case 'p0':
      return 0;
    case 'p1':
      return 1;
    case 'p2':
      return 2;
    case 'p3':
      return 3;
    default:
      return 4;
  }
}

/** Edges in the order the rules name them (the first rule naming a pair wins), reused across builds. */
class RawEdges {
  from = new Int32Array(256);
  to = new Int32Array(256);
  reason = new Uint8Array(256);
  /** Index of the ref behind the edge in its task's list, for its span (see PackedCore). */
  ref = new Int32Array(256);
  length = 0;
  /** Sources never decrease: true for Depends on edges alone, the usual file. */
  bySource = true;

  reset(): void {
    this.length = 0;
    this.bySource = true;
  }

  add(from: number, to: number, reason: number, ref: number): void {
    if (this.length === this.from.length) this.grow();
    const i = this.length++;
    if (i > 0 && from < this.from[i - 1]!) this.bySource = false;
    this.from[i] = from;
    this.to[i] = to;
    this.reason[i] = reason;
    this.ref[i] = ref;
  }

  private grow(): void {
    const cap = this.from.length * 2;
    const from = new Int32Array(cap);
    const to = new Int32Array(cap);
    const reason = new Uint8Array(cap);
    const ref = new Int32Array(cap);
    from.set(this.from);
    to.set(this.to);
    reason.set(this.reason);
    ref.set(this.ref);
    this.from = from;
    this.to = to;
    this.reason = reason;
    this.ref = ref;
  }
}

const edges = new RawEdges();
/** Blocks edges go after every Depends on edge; resolved in the same pass, appended later. */
const blocked = new RawEdges();
/** Parent -> child candidates; a child's optional flag is known only once every task is read. */
const childCandidates = new RawEdges();
/** Stamps in SLOT_EDGE_SEEN are `stampBase + node + 1`, so the buffer is never cleared. */
let stampBase = 0;

export function buildGraph(spec: ParsedSpec): TaskGraph {
  const all = spec.tasks;
  const ids = indexIds(all);
  const { tasks, nodeOf } = ids;
  const n = tasks.length;
  const phases = phaseLayout(spec, tasks);
  const barrierCount = Math.max(phases.members.length - 1, 0);
  const nodeCount = n + barrierCount;

  // Per-task bytes: own done (then effective done), container, priority rank, flags, barriers.
  const bytes = new Uint8Array(4 * n + barrierCount);
  const ownDone = bytes.subarray(0, n);
  const priorityRank = bytes.subarray(2 * n, 3 * n);
  const taskFlags = bytes.subarray(3 * n, 4 * n);
  const missingCount = new Int32Array(n);
  const unresolved: UnresolvedRef[] = [];
  edges.reset();
  blocked.reset();
  childCandidates.reset();

  // Rules in order of preference, since the first rule linking a pair names it: Depends on (and
  // prose) refs, Blocks, required sub-tasks, phase barriers. An edge keeps the index of its ref
  // in the task's list and finds the span again only when asked (PackedCore.edgeSpan).
  for (let j = 0; j < all.length; j++) {
    const t = all[j]!;
    const v = nodeOf === null ? j : nodeOf[j]!;
    const deps = t.dependsOn;
    for (let r = 0; r < deps.length; r++) {
      const ref = deps[r]!;
      const w = ids.find(ref.id);
      if (w >= 0) {
        if (v >= 0) edges.add(v, w, ref.via === 'prose' ? R_PROSE : R_EXPLICIT, r);
      } else if (ids.prefixes.has(idPrefix(ref.id))) {
        unresolved.push({ task: t, ref, field: 'dependsOn', kind: 'missing' });
        if (v >= 0) missingCount[v]!++;
      } else {
        unresolved.push({ task: t, ref, field: 'dependsOn', kind: 'not-a-task' });
      }
    }
    const blocks = t.blocks;
    for (let r = 0; r < blocks.length; r++) {
      const ref = blocks[r]!;
      const w = ids.find(ref.id);
      if (w >= 0) {
        if (v >= 0) blocked.add(w, v, R_BLOCKS, r);
        continue;
      }
      const kind = ids.prefixes.has(idPrefix(ref.id)) ? 'missing' : 'not-a-task';
      unresolved.push({ task: t, ref, field: 'blocks', kind });
    }
    if (v < 0) continue;
    const flags = flagsOf(t);
    taskFlags[v] = flags;
    ownDone[v] = (flags & STATUS_MASK) === S_DONE ? 1 : 0;
    priorityRank[v] = rankOf(t.priority);
    const children = t.children;
    for (let r = 0; r < children.length; r++) {
      const c = ids.find(children[r]!);
      if (c >= 0) childCandidates.add(v, c, R_CHILD, 0);
    }
  }
  for (let i = 0; i < blocked.length; i++) edges.add(blocked.from[i]!, blocked.to[i]!, R_BLOCKS, blocked.ref[i]!);
  let hasChildEdges = false;
  for (let i = 0; i < childCandidates.length; i++) {
    const c = childCandidates.to[i]!;
    if ((taskFlags[c]! & F_OPTIONAL) !== 0) continue;
    edges.add(childCandidates.from[i]!, c, R_CHILD, 0);
    hasChildEdges = true;
  }
  const barrierHeading: Span[] = [];
  for (let k = 0; k < barrierCount; k++) {
    const barrier = n + k;
    const members = phases.members[k + 1]!;
    // A task -> barrier edge points at the waiting task's phase heading: that heading is the "why".
    barrierHeading.push(phases.heading[k + 1] ?? tasks[members[0]!]!.header);
    for (const m of phases.members[k]!) edges.add(barrier, m, R_PHASE, 0);
    if (k > 0) edges.add(barrier, barrier - 1, R_PHASE, 0);
    for (const m of members) edges.add(m, barrier, R_PHASE, 0);
  }

  const csr = packEdges(nodeCount);
  let effDone: Uint8Array = ownDone;
  let container: Uint8Array = bytes.subarray(n, 2 * n);
  if (hasChildEdges) ({ effDone, container } = effectiveDone(ownDone, csr, true));
  const barrierDone = bytes.subarray(4 * n, 4 * n + barrierCount);
  const { depStart, depTo } = csr;
  for (let k = 0; k < barrierCount; k++) {
    let ok = 1;
    for (let e = depStart[n + k]!; e < depStart[n + k + 1]! && ok; e++) {
      const w = depTo[e]!;
      ok = w < n ? effDone[w]! : barrierDone[w - n]!;
    }
    barrierDone[k] = ok;
  }
  const core = new PackedCore(
    tasks,
    ids,
    { depRef: csr.depRef, barrierHeading },
    n,
    nodeCount,
    depStart,
    depTo,
    csr.depFrom,
    csr.depReason,
    csr.depNamedBy,
    csr.revStart,
    csr.revEdge,
    missingCount,
    effDone,
    container,
    barrierDone,
    priorityRank,
    taskFlags,
  );
  return new IndexedTaskGraph(spec, tasks, ids.duplicates, unresolved, core);
}

interface Csr {
  readonly depStart: Int32Array;
  readonly depTo: Int32Array;
  readonly depFrom: Int32Array;
  readonly depReason: Uint8Array;
  readonly depNamedBy: Uint8Array;
  readonly depRef: Int32Array;
  readonly revStart: Int32Array;
  readonly revEdge: Int32Array;
}

/** Groups `edges` by source (stable), drops repeated pairs keeping the first, builds the reverse. */
function packEdges(nodeCount: number): Csr {
  const m = edges.length;
  const { from, to, reason, ref } = edges;
  // Every int column in one allocation, every byte column in another.
  const ints = new Int32Array(2 * (nodeCount + 1) + 4 * m);
  const depStart = ints.subarray(0, nodeCount + 1);
  const revStart = ints.subarray(nodeCount + 1, 2 * (nodeCount + 1));
  let at = 2 * (nodeCount + 1);
  const depTo = ints.subarray(at, (at += m));
  const depFrom = ints.subarray(at, (at += m));
  const depRef = ints.subarray(at, (at += m));
  const revEdge = ints.subarray(at, (at += m));
  const bytes = new Uint8Array(2 * m);
  const depReason = bytes.subarray(0, m);
  const depNamedBy = bytes.subarray(m, 2 * m);

  const count = scratchInt32(SLOT_EDGE_COUNT, nodeCount + 1);
  count.fill(0, 0, nodeCount + 1);
  for (let i = 0; i < m; i++) count[from[i]! + 1]!++;
  for (let v = 0; v < nodeCount; v++) count[v + 1]! += count[v]!;
  let order: Int32Array | null = null;
  if (!edges.bySource) {
    order = scratchInt32(SLOT_EDGE_ORDER, m);
    const fill = scratchInt32(SLOT_EDGE_FILL, nodeCount);
    fill.set(count.subarray(0, nodeCount));
    for (let i = 0; i < m; i++) order[fill[from[i]!]!++] = i;
  }

  if (stampBase + nodeCount + 1 >= 0x7fffffff) stampBase = 0;
  const seen = scratchInt32(SLOT_EDGE_SEEN, nodeCount);
  if (stampBase === 0) seen.fill(0, 0, nodeCount);
  const keptAt = scratchInt32(SLOT_EDGE_KEPT, nodeCount);
  let k = 0;
  for (let v = 0; v < nodeCount; v++) {
    depStart[v] = k;
    const stamp = stampBase + v + 1;
    for (let p = count[v]!; p < count[v + 1]!; p++) {
      const i = order === null ? p : order[p]!;
      const w = to[i]!;
      const r = reason[i]!;
      if (seen[w] === stamp) {
        depNamedBy[keptAt[w]!]! |= 1 << r;
        continue;
      }
      seen[w] = stamp;
      keptAt[w] = k;
      depTo[k] = w;
      depFrom[k] = v;
      depReason[k] = r;
      depNamedBy[k] = 1 << r;
      depRef[k] = ref[i]!;
      k++;
    }
  }
  depStart[nodeCount] = k;
  stampBase += nodeCount + 1;

  for (let e = 0; e < k; e++) revStart[depTo[e]! + 1]!++;
  for (let v = 0; v < nodeCount; v++) revStart[v + 1]! += revStart[v]!;
  const rfill = scratchInt32(SLOT_EDGE_FILL, nodeCount);
  rfill.set(revStart.subarray(0, nodeCount));
  for (let e = 0; e < k; e++) revEdge[rfill[depTo[e]!]!++] = e;
  return {
    depStart,
    depTo: k === m ? depTo : depTo.subarray(0, k),
    depFrom: k === m ? depFrom : depFrom.subarray(0, k),
    depReason: k === m ? depReason : depReason.subarray(0, k),
    depNamedBy: k === m ? depNamedBy : depNamedBy.subarray(0, k),
    depRef,
    revStart,
    revEdge: k === m ? revEdge : revEdge.subarray(0, k),
  };
}
