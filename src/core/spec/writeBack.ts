// Lossless write-back: a status change or a checkbox toggle becomes the smallest text edit (the
// meta line's emoji + word, or one checkbox character), so every other byte of the user's file,
// frontmatter, CRLF and BOM included, stays as it was.
import { checkboxChar } from './checkbox';
import type { ParsedSpec, Span, SpecFormat, Task, TaskStatus } from './model';
import { formatSpecRunnerStatus, META_EXAMPLE } from './specRunnerMeta';

/** A single-line replacement, in the same units as Span. */
export interface TextEdit {
  readonly line: number;
  readonly col: number;
  readonly endCol: number;
  readonly newText: string;
}

export type WritableStatus = Exclude<TaskStatus, 'unknown'>;
export const WRITABLE_STATUSES: readonly WritableStatus[] = ['todo', 'in_progress', 'review', 'done', 'blocked'];

export type EditResult = { readonly ok: true; readonly edits: TextEdit[] } | { readonly ok: false; readonly error: string };

function replace(s: Span, newText: string): TextEdit {
  return { line: s.line, col: s.col, endCol: s.endCol, newText };
}

/** The status a file reads back after `statusEdit` wrote `status`: checkbox formats have no review marker. */
export function statusAfterWrite(format: SpecFormat, status: WritableStatus): WritableStatus {
  return format !== 'spec-runner' && status === 'review' ? 'in_progress' : status;
}

/** The edit that sets `task`'s status; none when it already has it or its marker already reads so. */
export function statusEdit(spec: ParsedSpec, task: Task, status: WritableStatus): EditResult {
  if (task.status === status) return { ok: true, edits: [] };
  if (!task.statusSpan) return { ok: false, error: noStatusError(task) };
  const newText = spec.format === 'spec-runner' ? formatSpecRunnerStatus(status) : checkboxChar(status, spec.format);
  // Checkbox formats write review as in progress: a `[-]` task set to review needs no edit.
  if (newText === task.statusText) return { ok: true, edits: [] };
  return { ok: true, edits: [replace(task.statusSpan, newText)] };
}

function noStatusError(task: Task): string {
  if (task.meta) {
    return `${task.id}'s meta line (line ${task.meta.line + 1}) has no status to rewrite: add one of TODO, IN_PROGRESS, REVIEW, DONE, BLOCKED after the priority, as in "${META_EXAMPLE}".`;
  }
  return `${task.id} has no meta line to rewrite: add one such as "${META_EXAMPLE}" on line ${task.line + 2}, under its header.`;
}

/** The edit that checks or unchecks checklist item `index` (1-based) of `task`. */
export function checkEdit(task: Task, index: number, checked: boolean): EditResult {
  if (task.checklist.length === 0) {
    return {
      ok: false,
      error: task.format === 'spec-runner'
        ? `${task.id} has no checklist items (items are "- [ ] text" lines at column 0 after **Checklist:**).`
        : `${task.id} has no checklist items; in ${task.format} files the task's own checkbox is its status: use "task done ${task.id}".`,
    };
  }
  const item = task.checklist.find((c) => c.index === index);
  if (!item) return { ok: false, error: `${task.id} has ${task.checklist.length} checklist items; ${index} is not one of 1..${task.checklist.length}.` };
  if (item.checked === checked) return { ok: true, edits: [] };
  return { ok: true, edits: [replace(item.box, checked ? 'x' : ' ')] };
}

/** Edits that tick every unchecked checklist item (a task that is done has done its checklist). */
export function checkAllEdits(task: Task): TextEdit[] {
  return task.checklist.filter((c) => !c.checked).map((c) => replace(c.box, 'x'));
}

/**
 * Applies single-line edits to the raw file text (BOM and line endings kept). Edits must not
 * overlap; they may come in any order.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return text;
  const sorted = [...edits].sort((a, b) => b.line - a.line || b.col - a.col);
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const maxLine = sorted[0]!.line;
  const starts: number[] = [bom];
  for (let i = bom; starts.length <= maxLine; ) {
    const nl = text.indexOf('\n', i);
    if (nl < 0) break;
    starts.push(nl + 1);
    i = nl + 1;
  }
  let out = text;
  for (const e of sorted) {
    const start = starts[e.line];
    if (start === undefined) throw new RangeError(`edit on line ${e.line + 1} is past the end of the text`);
    out = out.slice(0, start + e.col) + e.newText + out.slice(start + e.endCol);
  }
  return out;
}
