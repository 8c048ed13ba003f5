// What the Task details panel shows about one task, read off a SpecAnalysis into the protocol's
// plain shape. No 'vscode' import: the mapping is pure, so unit tests run it on real fixtures.
import type { SpecAnalysis } from '../core/project/analyzeSpec';
import type { TaskDep } from '../core/graph';
import type { Task } from '../core/spec/model';
import { definitionText } from '../core/trace';
import type {
  DetailsDefinition, DetailsDependency, DetailsDiagnostic, DetailsTrace, TaskDetails,
} from '../protocol/messages';

/** Shows a path to the user: workspace-relative where possible. */
export type PathLabel = (file: string) => string;

/** The first task with `id` (the one the graph keeps), or null when the file has none. */
export function buildTaskDetails(a: SpecAnalysis, id: string, label: PathLabel): TaskDetails | null {
  const task = a.graph.task(id) ?? a.spec.tasks.find((t) => t.id === id);
  if (!task) return null;
  return {
    id: task.id,
    title: task.title,
    status: task.status,
    statusText: task.statusText,
    priority: task.priority === null ? null : task.priority.toUpperCase(),
    estimate: task.estimate,
    group: task.group,
    subgroup: task.subgroup,
    format: task.format,
    line: task.line,
    ready: a.ready.some((t) => t.id === task.id),
    optional: task.optional,
    description: task.description,
    checklist: task.checklist.map((c) => ({ index: c.index, text: c.text, checked: c.checked, line: c.span.line })),
    waitsFor: waitsFor(a, task),
    unblocks: unblocks(a, task),
    traces: task.traces.map((ref): DetailsTrace => {
      const definitions: DetailsDefinition[] = [];
      const missing: string[] = [];
      for (const defId of ref.ids) {
        const def = a.trace.definition(defId);
        if (!def) {
          missing.push(defId);
          continue;
        }
        const source = a.definitionTexts.get(def.file);
        definitions.push({
          id: def.id,
          title: def.title,
          kind: def.kind,
          file: def.file,
          fileLabel: label(def.file),
          line: def.line,
          text: source === undefined ? '' : definitionText(def, source),
        });
      }
      return { text: ref.text, line: ref.span.line, definitions, missing };
    }),
    diagnostics: diagnosticsOf(a, task),
  };
}

/**
 * Every prerequisite except phase barriers already passed: a Spec Kit task formally waits for
 * every task of the earlier phases, but only the unfinished ones are worth a line.
 */
function waitsFor(a: SpecAnalysis, task: Task): DetailsDependency[] {
  const out = a.graph
    .dependsOn(task.id)
    .filter((d) => d.reason !== 'phase' || a.graph.effectiveStatus(d.id) !== 'done')
    .map((d) => dependency(a, d));
  for (const u of a.graph.unresolved) {
    if (u.task === task && u.field === 'dependsOn' && u.kind === 'missing') out.push(missingDependency(u.ref.id, 'explicit'));
  }
  return out;
}

/** Tasks that wait on this one; later phases are left out (they wait on every earlier task). */
function unblocks(a: SpecAnalysis, task: Task): DetailsDependency[] {
  const out = a.graph
    .dependantsOf(task.id)
    .filter((d) => d.reason !== 'phase')
    .map((d) => dependency(a, d));
  for (const u of a.graph.unresolved) {
    if (u.task === task && u.field === 'blocks' && u.kind === 'missing') out.push(missingDependency(u.ref.id, 'blocks'));
  }
  return out;
}

function dependency(a: SpecAnalysis, d: TaskDep): DetailsDependency {
  const t = a.graph.task(d.id);
  if (!t) return missingDependency(d.id, d.reason);
  return { id: d.id, reason: d.reason, title: t.title, status: a.graph.effectiveStatus(d.id) ?? t.status, line: t.line };
}

function missingDependency(id: string, reason: DetailsDependency['reason']): DetailsDependency {
  return { id, reason, title: null, status: null, line: null };
}

/** Diagnostics inside the task's block (header to last line) of the tasks file. */
function diagnosticsOf(a: SpecAnalysis, task: Task): DetailsDiagnostic[] {
  const last = Math.max(task.line, task.endLine);
  return a.diagnostics
    .filter((d) => d.file === a.spec.file && d.span.line >= task.line && d.span.line <= last)
    .map((d) => ({ severity: d.severity, code: d.code, message: d.message, line: d.span.line, col: d.span.col }));
}
