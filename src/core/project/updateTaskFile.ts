// Applies a status change or a checkbox toggle to a task file on disk: the smallest edit,
// checked by re-parsing before anything is written, written atomically, and refused when the
// file changed since it was read (so a concurrent edit is never overwritten).
import { readFileSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import type { ParsedSpec, Task } from '../spec/model';
import { parseSpec } from '../spec/parseSpec';
import { applyEdits, checkEdit, statusAfterWrite, statusEdit, type TextEdit, type WritableStatus } from '../spec/writeBack';

export type TaskChange =
  | { readonly kind: 'status'; readonly taskId: string; readonly status: WritableStatus }
  | { readonly kind: 'check'; readonly taskId: string; readonly index: number; readonly checked: boolean };

export type UpdateResult =
  | { readonly ok: true; readonly changed: boolean; readonly text: string; readonly spec: ParsedSpec; readonly task: Task }
  | { readonly ok: false; readonly error: string; readonly notFound?: boolean };

/** Computes the new text for `change` without touching the disk. */
export function planTaskChange(spec: ParsedSpec, text: string, change: TaskChange): UpdateResult {
  const matches = spec.tasks.filter((t) => t.id === change.taskId);
  const task = matches[0];
  if (!task) {
    return { ok: false, notFound: true, error: `no task ${change.taskId} in ${spec.file}` };
  }
  if (matches.length > 1) {
    const lines = matches.map((t) => t.line + 1).join(', ');
    return { ok: false, error: `${change.taskId} is defined ${matches.length} times (lines ${lines}); give each task its own id first` };
  }
  const result = change.kind === 'status' ? statusEdit(spec, task, change.status) : checkEdit(task, change.index, change.checked);
  if (!result.ok) return result;
  if (result.edits.length === 0) return { ok: true, changed: false, text, spec, task };
  const next = applyEdits(text, result.edits);
  const reparsed = parseSpec(next, spec.file, { format: spec.format });
  const problem = verify(spec, reparsed, change, result.edits);
  if (problem) return { ok: false, error: `refusing to write ${spec.file}: ${problem}` };
  const updated = reparsed.tasks.find((t) => t.id === change.taskId)!;
  return { ok: true, changed: true, text: next, spec: reparsed, task: updated };
}

/** The edit must change exactly what it claims and nothing else the model can see. */
function verify(before: ParsedSpec, after: ParsedSpec, change: TaskChange, edits: readonly TextEdit[]): string | null {
  if (after.tasks.length !== before.tasks.length) return 'the edit would change the number of tasks';
  const t = after.tasks.find((x) => x.id === change.taskId);
  if (!t) return `the edit would lose ${change.taskId}`;
  if (change.kind === 'status') {
    const expected = statusAfterWrite(after.format, change.status);
    if (t.status !== expected) return `the edit would leave ${change.taskId} ${t.status}, not ${expected}`;
  }
  if (change.kind === 'check' && t.checklist.find((c) => c.index === change.index)?.checked !== change.checked) {
    return `the edit would not ${change.checked ? 'check' : 'uncheck'} item ${change.index}`;
  }
  if (edits.some((e) => /[\r\n]/.test(e.newText))) return 'an edit would add a line break';
  // Every other task must read back exactly as before: same id, place, status and checklist.
  for (let k = 0; k < before.tasks.length; k++) {
    const b = before.tasks[k]!;
    const a = after.tasks[k]!;
    if (a.id !== b.id || a.line !== b.line || a.endLine !== b.endLine) return `the edit would change task ${b.id} (line ${b.line + 1})`;
    if (b.id === change.taskId) continue;
    if (a.status !== b.status || a.checklist.length !== b.checklist.length || a.checklist.some((c, i) => c.checked !== b.checklist[i]!.checked)) {
      return `the edit would also change ${b.id} (line ${b.line + 1})`;
    }
  }
  return null;
}

/** Plans `change` against the file's current bytes and writes it; `expectedText` guards against lost updates. */
export function updateTaskFile(spec: ParsedSpec, expectedText: string, change: TaskChange): UpdateResult {
  let current: string;
  try {
    current = readFileSync(spec.file, 'utf8');
  } catch (err) {
    return { ok: false, error: `cannot read ${spec.file}: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (current !== expectedText) return { ok: false, error: `${spec.file} changed on disk since it was read; nothing was written, try again` };
  const planned = planTaskChange(spec, current, change);
  if (!planned.ok || !planned.changed) return planned;
  try {
    writeFileAtomic.sync(spec.file, planned.text, { encoding: 'utf8', fsync: true });
  } catch (err) {
    return { ok: false, error: `cannot write ${spec.file}: ${err instanceof Error ? err.message : String(err)}` };
  }
  return planned;
}
