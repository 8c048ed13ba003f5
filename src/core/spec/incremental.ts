// Re-parses a task file after an edit by redoing only the task blocks the edit touches, so the
// editor's per-keystroke diagnostics stay cheap on large files. Falls back to a whole parse
// whenever the edit could change context (frontmatter, group headings).
import type { BlockContext } from './formatParser';
import type { Diagnostic, ParsedSpec, SpecGroup, Task, TaskField, TaskRef, TraceRef } from './model';
import { candidateParent, linkHierarchy, parseLines, parserFor, safeParse } from './parseSpec';
import { shiftSpan } from './text';

/** Lines [startLine, oldEndLine) of the previous text became [startLine, newEndLine) of the new one. */
export interface LineChange {
  readonly startLine: number;
  readonly oldEndLine: number;
  readonly newEndLine: number;
}

export function reparseSpec(prev: ParsedSpec, lines: readonly string[], change: LineChange): ParsedSpec {
  const whole = (): ParsedSpec => parseLines(lines, prev.file, prev.format, prev.eol, prev.bom);
  const { startLine, oldEndLine, newEndLine } = change;
  const delta = newEndLine - oldEndLine;
  const parser = parserFor(prev.format);
  if (startLine <= (prev.frontmatter?.endLine ?? 0) || lines.length !== prev.lineCount + delta) return whole();
  // An unclosed '---' on line 1 becomes frontmatter once its closing line is typed anywhere.
  if (prev.frontmatter === null && lines[0] === '---') return whole();
  if (anyIn(prev.contextLines, startLine, oldEndLine)) return whole();
  for (let i = startLine; i < newEndLine; i++) if (parser.isContextLine(lines[i] ?? '')) return whole();

  const tasks = prev.tasks;
  // Restart at the last task header strictly before the edit: an edit on a header line may turn
  // it into text of the task above.
  const restartIdx = lastIndexBefore(tasks, startLine);
  const bodyStart = prev.frontmatter ? prev.frontmatter.endLine + 1 : 0;
  const restart = restartIdx >= 0 ? tasks[restartIdx]!.line : bodyStart;
  if (restartIdx < 0 && prev.contextLines.length > 0 && prev.contextLines[0]! < startLine) return whole();
  const ctx: BlockContext = restartIdx >= 0
    ? { group: tasks[restartIdx]!.group, subgroup: tasks[restartIdx]!.subgroup }
    : { group: null, subgroup: null };
  // The window ends at the first task header at or after the edit's old end.
  let resumeIdx = restartIdx + 1;
  while (resumeIdx < tasks.length && tasks[resumeIdx]!.line < oldEndLine) resumeIdx++;
  // ...or earlier, at a group heading after the edit, which the edit cannot have changed. (Not at
  // a fence: a fence inside a task's block does not end the task.)
  const nextContext = firstAtOrAfter(prev.groups.map((g) => g.line), oldEndLine);
  const taskEnd = resumeIdx < tasks.length ? tasks[resumeIdx]!.line : prev.lineCount;
  const oldWindowEnd = Math.min(taskEnd, nextContext ?? taskEnd);
  const newWindowEnd = oldWindowEnd + delta;
  if (anyIn(prev.contextLines, restart, oldEndLine)) return whole();

  const chunk = safeParse(parser, lines, restart, newWindowEnd, ctx, prev.file);
  const after = delta === 0 ? tasks.slice(resumeIdx) : tasks.slice(resumeIdx).map((t) => shiftTask(t, delta));
  // Reused tasks get their id-derived parent back: the parent may exist again after this edit.
  const restore = (t: Task): Task => {
    const candidate = candidateParent(prev.format, t.id);
    return candidate === t.parent ? t : { ...t, parent: candidate };
  };
  const merged = [...tasks.slice(0, Math.max(restartIdx, 0)).map(restore), ...chunk.tasks, ...after.map(restore)];
  const groups: SpecGroup[] = delta === 0 ? prev.groups.slice() : prev.groups.map((g) =>
    g.line >= oldWindowEnd ? { ...g, line: g.line + delta, span: shiftSpan(g.span, delta) } : g);
  const diagnostics: Diagnostic[] = [];
  for (const d of prev.diagnostics) {
    if (d.span.line < restart) diagnostics.push(d);
  }
  diagnostics.push(...chunk.diagnostics);
  for (const d of prev.diagnostics) {
    if (d.span.line >= oldWindowEnd) diagnostics.push(delta === 0 ? d : shiftDiagnostic(d, delta));
  }
  const contextLines = prev.contextLines.map((l) => (l >= oldEndLine ? l + delta : l));
  return { ...prev, tasks: linkHierarchy(merged), groups, diagnostics, lineCount: lines.length, contextLines };
}

/** True when the sorted list holds a line in [from, to). */
function anyIn(sorted: readonly number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo]! < to;
}

function firstAtOrAfter(sorted: readonly number[], line: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < line) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo];
}

function lastIndexBefore(tasks: readonly Task[], line: number): number {
  let lo = 0;
  let hi = tasks.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tasks[mid]!.line < line) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** A task that moves itself (spec-runner's, whose lazy fields live on its prototype: a spread would drop them). */
interface ShiftableTask extends Task {
  shift(delta: number): Task;
}

function isShiftable(t: Task): t is ShiftableTask {
  return typeof (t as Partial<ShiftableTask>).shift === 'function';
}

export function shiftTask(t: Task, delta: number): Task {
  if (isShiftable(t)) return t.shift(delta);
  const ref = (r: TaskRef): TaskRef => ({ ...r, span: shiftSpan(r.span, delta) });
  const trace = (r: TraceRef): TraceRef => ({ ...r, span: shiftSpan(r.span, delta) });
  const field = (f: TaskField): TaskField => ({ ...f, span: shiftSpan(f.span, delta), value: shiftSpan(f.value, delta) });
  return {
    ...t,
    line: t.line + delta,
    endLine: t.endLine + delta,
    header: shiftSpan(t.header, delta),
    idSpan: shiftSpan(t.idSpan, delta),
    titleSpan: shiftSpan(t.titleSpan, delta),
    statusSpan: t.statusSpan && shiftSpan(t.statusSpan, delta),
    meta: t.meta && shiftSpan(t.meta, delta),
    checklist: t.checklist.map((c) => ({ ...c, span: shiftSpan(c.span, delta), box: shiftSpan(c.box, delta) })),
    dependsOn: t.dependsOn.map(ref),
    blocks: t.blocks.map(ref),
    traces: t.traces.map(trace),
    fields: t.fields.map(field),
  };
}

function shiftDiagnostic(d: Diagnostic, delta: number): Diagnostic {
  const moved: Diagnostic = { ...d, span: shiftSpan(d.span, delta) };
  return moved;
}
