// A Kiro/OpenSpec parent is done when its own box is, or when all its required sub-tasks are
// (recursively). Computed bottom-up with a queue, so nesting depth costs no stack.
import { R_CHILD } from './types';

interface ChildEdges {
  readonly depStart: Int32Array;
  readonly depTo: Int32Array;
  readonly depFrom: Int32Array;
  readonly depReason: Uint8Array;
  readonly revStart: Int32Array;
  readonly revEdge: Int32Array;
}

/** `ownDone[v]`: the task's own status is done. Without child edges that is the whole answer. */
export function effectiveDone(ownDone: Uint8Array, g: ChildEdges, hasChildEdges: boolean): { effDone: Uint8Array; container: Uint8Array } {
  const n = ownDone.length;
  const container = new Uint8Array(n);
  if (!hasChildEdges) return { effDone: ownDone.slice(), container };
  const { depStart, depTo, depFrom, depReason, revStart, revEdge } = g;
  const effDone = new Uint8Array(n);
  const pending = new Int32Array(n);
  const kidsDone = new Uint8Array(n).fill(1);
  for (let v = 0; v < n; v++) {
    for (let e = depStart[v]!; e < depStart[v + 1]!; e++) {
      if (depReason[e] === R_CHILD && depTo[e] !== v) pending[v]!++;
    }
    if (pending[v]! > 0) container[v] = 1;
  }
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let v = 0; v < n; v++) if (pending[v] === 0) queue[tail++] = v;
  while (head < tail) {
    const c = queue[head++]!;
    const done = ownDone[c] === 1 || (container[c] === 1 && kidsDone[c] === 1);
    effDone[c] = done ? 1 : 0;
    for (let r = revStart[c]!; r < revStart[c + 1]!; r++) {
      const e = revEdge[r]!;
      if (depReason[e] !== R_CHILD) continue;
      const p = depFrom[e]!;
      if (p === c) continue;
      if (!done) kidsDone[p] = 0;
      if (--pending[p]! === 0) queue[tail++] = p;
    }
  }
  // Parents on a parent loop (only hand-built specs make one) never leave `pending`: own box only.
  for (let v = 0; v < n; v++) if (pending[v]! > 0 && ownDone[v] === 1) effDone[v] = 1;
  return { effDone, container };
}
