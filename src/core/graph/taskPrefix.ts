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

/** The prefixes of the tasks' ids; runs of one prefix (the usual file) cost no slicing. */
export function taskPrefixes(tasks: readonly { readonly id: string }[]): Set<string> {
  const out = new Set<string>();
  let last = '\u0000';
  for (let i = 0; i < tasks.length; i++) {
    const id = tasks[i]!.id;
    if (id.startsWith(last) && isNumberTail(id, last.length)) continue;
    last = idPrefix(id);
    out.add(last);
  }
  return out;
}

/** True when id[from..] is all digits and dots, and not empty (so idPrefix(id) is id[0..from]). */
function isNumberTail(id: string, from: number): boolean {
  if (from >= id.length) return false;
  for (let i = from; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46)) return false;
  }
  return true;
}
