// "Did you mean" for misspelt keys and values. Optimal-string-alignment distance counts a swap of
// two neighbours as one edit, the commonest typo ("max_retires").

export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const row: number[] = new Array<number>(cols).fill(0);
    row[0] = i;
    d.push(row);
  }
  const first = d[0]!;
  for (let j = 0; j < cols; j++) first[j] = j;
  for (let i = 1; i < rows; i++) {
    const row = d[i]!;
    const prev = d[i - 1]!;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      row[j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** Edits allowed before a candidate stops looking like the same word. */
function threshold(word: string): number {
  return Math.min(3, Math.max(1, Math.floor(word.length / 3)));
}

/**
 * The candidate closest to `word` (case-insensitive), or null when none is close enough. Ties go
 * to the earlier candidate, so schema order decides.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | null {
  const w = word.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const distance = editDistance(w, c.toLowerCase());
    if (distance < bestDistance) {
      best = c;
      bestDistance = distance;
    }
  }
  return best !== null && bestDistance <= threshold(word) ? best : null;
}
