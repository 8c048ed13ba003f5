// A Kiro/OpenSpec parent is done when its own box is, or when all its required sub-tasks are
// (recursively). Computed bottom-up with a queue, so nesting depth costs no stack.
import type { Task } from '../spec/model';
import { R_CHILD } from './types';

export function effectiveDone(
  tasks: readonly Task[],
  depStart: Int32Array,
  depTo: Int32Array,
  depReason: Uint8Array,
  revStart: Int32Array,
  revEdge: Int32Array,
  depFrom: Int32Array,
): { effDone: Uint8Array; container: Uint8Array } {
  const n = tasks.length;
  const effDone = new Uint8Array(n);
  const container = new Uint8Array(n);
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
    const done = tasks[c]!.status === 'done' || (container[c] === 1 && kidsDone[c] === 1);
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
  for (let v = 0; v < n; v++) if (pending[v]! > 0 && tasks[v]!.status === 'done') effDone[v] = 1;
  return { effDone, container };
}
