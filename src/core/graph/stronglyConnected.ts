// Tarjan's strongly connected components with an explicit stack: a 50,000-task chain must not
// overflow the call stack, so no recursion on graph depth.
import type { GraphCore } from './types';

export interface Components {
  /** Component id per node. */
  readonly comp: Int32Array;
  /** Node count per component. */
  readonly size: Int32Array;
  readonly count: number;
}

export function stronglyConnected(core: GraphCore): Components {
  const { nodeCount: nn, depStart, depTo } = core;
  const index = new Int32Array(nn).fill(-1);
  const low = new Int32Array(nn);
  const onStack = new Uint8Array(nn);
  const stack = new Int32Array(nn);
  const callNode = new Int32Array(nn);
  const callEdge = new Int32Array(nn);
  const comp = new Int32Array(nn).fill(-1);
  const sizes: number[] = [];
  let sp = 0;
  let counter = 0;
  for (let root = 0; root < nn; root++) {
    if (index[root] !== -1) continue;
    let csp = 0;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    callNode[csp] = root;
    callEdge[csp] = depStart[root]!;
    csp++;
    while (csp > 0) {
      const v = callNode[csp - 1]!;
      const e = callEdge[csp - 1]!;
      if (e < depStart[v + 1]!) {
        callEdge[csp - 1] = e + 1;
        const w = depTo[e]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          callNode[csp] = w;
          callEdge[csp] = depStart[w]!;
          csp++;
        } else if (onStack[w] === 1 && index[w]! < low[v]!) {
          low[v] = index[w]!;
        }
        continue;
      }
      csp--;
      if (csp > 0) {
        const u = callNode[csp - 1]!;
        if (low[v]! < low[u]!) low[u] = low[v]!;
      }
      if (low[v] === index[v]) {
        const id = sizes.length;
        let size = 0;
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          comp[w] = id;
          size++;
        } while (w !== v);
        sizes.push(size);
      }
    }
  }
  return { comp, size: Int32Array.from(sizes), count: sizes.length };
}
