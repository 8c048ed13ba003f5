// "Did you mean" for unknown dependency ids: Levenshtein distance with a cut-off and reused row
// buffers, so comparing a typo against thousands of ids stays cheap (most pairs stop early).

let prevRow = new Int32Array(64);
let curRow = new Int32Array(64);

/** Edit distance between a and b, or max+1 as soon as it is known to exceed max. */
export function boundedEditDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0 || lb === 0) return Math.min(Math.max(la, lb), max + 1);
  if (prevRow.length <= lb) {
    prevRow = new Int32Array(lb + 1);
    curRow = new Int32Array(lb + 1);
  }
  let prev = prevRow;
  let cur = curRow;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[lb]!, max + 1);
}

/**
 * The candidate closest to `id` within `max` edits (ties: the earliest candidate), or null.
 * `budget.left` caps the comparisons across calls so a file full of typos cannot stall validation.
 */
export function closestId(id: string, candidates: readonly string[], max: number, budget: { left: number }): string | null {
  let best: string | null = null;
  let bestDist = max + 1;
  for (const c of candidates) {
    if (Math.abs(c.length - id.length) >= bestDist) continue;
    if (budget.left <= 0) break;
    budget.left--;
    const d = boundedEditDistance(id, c, bestDist - 1);
    if (d < bestDist) {
      best = c;
      bestDist = d;
      // 0 cannot happen (the id is unknown), so 1 cannot be beaten.
      if (d <= 1) break;
    }
  }
  return best;
}
