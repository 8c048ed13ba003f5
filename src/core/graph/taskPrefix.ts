// spec-runner's rule for refs in Depends on / Blocks: a ref is a task ref only when some task header
// of the same file uses its prefix (`TASK-`), so `[REQ-009]` there is no dependency.

/** The id without its trailing number: `TASK-001` -> `TASK-`, `T010` -> `T`, `2.1` -> ``. */
export function idPrefix(id: string): string {
  let end = id.length;
  while (end > 0) {
    const c = id.charCodeAt(end - 1);
    if ((c >= 48 && c <= 57) || c === 46) end--;
    else break;
  }
  return end === id.length ? id : id.slice(0, end);
}

export function taskPrefixes(ids: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const id of ids) out.add(idPrefix(id));
  return out;
}
