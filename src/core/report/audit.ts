// Audit (static, before execution): what breaks traceability or ordering in a task file, each
// finding positioned. Dependency and dangling-reference findings are the graph's and the trace
// index's own diagnostics re-labelled (one rule, one message, shared with `validate` and the
// editor); orphans, uncovered requirements and missing checklists are derived here.
import type { SpecAnalysis } from '../project/analyzeSpec';
import type { Diagnostic, Span, Task } from '../spec/model';

export type AuditKind = 'orphan_task' | 'uncovered_requirement' | 'dangling_reference' | 'dependency' | 'no_checklist';
export const AUDIT_KINDS: readonly AuditKind[] = ['orphan_task', 'uncovered_requirement', 'dangling_reference', 'dependency', 'no_checklist'];

export interface AuditFinding {
  readonly kind: AuditKind;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly file: string;
  /** 0-based line and UTF-16 columns [column, endColumn), as the model's spans (renderers print 1-based). */
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
  /** The task the finding is about or written in. */
  readonly taskId?: string;
  /** The requirement, design or task id the finding names. */
  readonly refId?: string;
}

export interface AuditReport {
  readonly file: string;
  readonly format: SpecAnalysis['spec']['format'];
  readonly tasks: number;
  /** By file, line, column. */
  readonly findings: readonly AuditFinding[];
  readonly errors: number;
  readonly warnings: number;
  /** Checks that could not be made for this file, and why. */
  readonly notes: readonly string[];
}

const DEPENDENCY_CODES = new Set<Diagnostic['code']>(['cycle', 'self-dependency', 'blocks-asymmetry', 'duplicate-id']);

export function auditSpec(a: SpecAnalysis): AuditReport {
  const { spec, graph, trace } = a;
  const findings: AuditFinding[] = [];
  const notes: string[] = [];
  const taskAt = taskLocator(spec.tasks);
  const at = (file: string, span: Span): Pick<AuditFinding, 'file' | 'line' | 'column' | 'endColumn'> => ({ file, line: span.line, column: span.col, endColumn: span.endCol });

  // Traces exist in spec-runner (**Traces to:**), Kiro (_Requirements:_) and Spec Kit (story labels);
  // OpenSpec tasks name no requirement, so coverage cannot be audited there.
  const traceable = spec.format !== 'openspec';
  if (!traceable) notes.push('OpenSpec tasks do not reference requirements: orphan tasks and uncovered requirements are not audited.');
  const definitionsFound = trace.sources.some((s) => s.found);
  if (!definitionsFound) notes.push('No requirements or design file was found beside the task file: uncovered requirements and dangling traces are not audited.');

  if (traceable) {
    const traced = tracedTasks(a);
    for (const t of graph.tasks) {
      if (traced.has(t.id)) continue;
      const how = spec.format === 'spec-kit' ? 'a user story label such as [US1]' : spec.format === 'kiro' ? 'a `_Requirements: 1.2_` line' : 'a `**Traces to:** [REQ-001]` line';
      findings.push({ kind: 'orphan_task', severity: 'warning', message: `${t.id} traces no requirement; expected ${how} naming what it implements.`, ...at(spec.file, t.idSpan), taskId: t.id });
    }
    if (definitionsFound) {
      for (const d of trace.uncovered()) {
        findings.push({ kind: 'uncovered_requirement', severity: 'warning', message: `${d.id}${d.title ? ` (${d.title})` : ''} is traced by no task; expected a task that traces ${d.id}.`, ...at(d.file, d.span), refId: d.id });
      }
    }
  }

  const unresolvedAt = new Map(graph.unresolved.map((u) => [spanKey(u.ref.span), u]));
  for (const d of a.diagnostics) {
    if (d.code === 'unresolved-trace') {
      // Infos say a definition file is missing (a note above), not that a reference dangles.
      if (d.severity === 'info') continue;
      const hit = trace.refAt(d.span.line, d.span.col);
      const ids = hit?.missing.length ? hit.missing : [null];
      for (const id of ids) {
        findings.push({
          kind: 'dangling_reference',
          severity: 'error',
          message: d.message,
          ...at(d.file, d.span),
          ...(hit ? { taskId: hit.task.id } : {}),
          ...(id !== null ? { refId: id } : {}),
        });
      }
    } else if (d.code === 'unknown-dependency') {
      const u = unresolvedAt.get(spanKey(d.span));
      const taskId = u?.task.id ?? taskAt(d.span.line)?.id;
      findings.push({
        kind: 'dangling_reference',
        severity: d.severity === 'error' ? 'error' : 'warning',
        message: d.message,
        ...at(d.file, d.span),
        ...(taskId !== undefined ? { taskId } : {}),
        ...(u ? { refId: u.ref.id } : {}),
      });
    } else if (DEPENDENCY_CODES.has(d.code)) {
      const taskId = taskAt(d.span.line)?.id;
      findings.push({
        kind: 'dependency',
        severity: d.severity === 'error' ? 'error' : 'warning',
        message: d.message,
        ...at(d.file, d.span),
        ...(taskId !== undefined ? { taskId } : {}),
      });
    }
  }

  // Only spec-runner tasks carry a checklist of their own; in the other formats a task is itself
  // a checkbox line (its sub-tasks are tasks).
  if (spec.format === 'spec-runner') {
    for (const t of graph.tasks) {
      if (t.checklist.length > 0) continue;
      findings.push({ kind: 'no_checklist', severity: 'warning', message: `${t.id} has no checklist; expected a **Checklist:** with the "- [ ] ..." items that say when it is done.`, ...at(spec.file, t.idSpan), taskId: t.id });
    }
  } else notes.push(`${spec.format} tasks are checkbox lines themselves: tasks without a checklist are not audited.`);

  findings.sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0) || x.line - y.line || x.column - y.column || AUDIT_KINDS.indexOf(x.kind) - AUDIT_KINDS.indexOf(y.kind));
  let errors = 0;
  for (const f of findings) if (f.severity === 'error') errors++;
  return { file: spec.file, format: spec.format, tasks: graph.tasks.length, findings, errors, warnings: findings.length - errors, notes };
}

/** Exit status of `audit`: 1 when a finding is an error (any finding with strict), else 0. */
export function auditFailed(r: AuditReport, strict: boolean): boolean {
  return r.errors > 0 || (strict && r.findings.length > 0);
}

/**
 * Tasks that trace something: themselves, or through a sub-task or parent (a Kiro parent whose
 * sub-tasks list the requirements, or sub-tasks under a parent that does).
 */
function tracedTasks(a: SpecAnalysis): Set<string> {
  const direct = new Set<string>();
  for (const t of a.graph.tasks) if (t.story !== null || t.traces.some((r) => r.ids.length > 0)) direct.add(t.id);
  const traced = new Set(direct);
  for (const t of a.graph.tasks) {
    if (!direct.has(t.id)) continue;
    // Up: every ancestor; down: every descendant. Each walk stops at a task already marked.
    for (let p = t.parent; p !== null && !direct.has(p); p = a.graph.task(p)?.parent ?? null) traced.add(p);
    const stack = [...t.children];
    while (stack.length) {
      const id = stack.pop()!;
      if (traced.has(id)) continue;
      traced.add(id);
      stack.push(...(a.graph.task(id)?.children ?? []));
    }
  }
  return traced;
}

function spanKey(s: Span): string {
  return `${s.line}:${s.col}`;
}

/** The task whose block holds a 0-based line (tasks are in file order). */
function taskLocator(tasks: readonly Task[]): (line: number) => Task | undefined {
  return (line) => {
    let lo = 0;
    let hi = tasks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const t = tasks[mid]!;
      if (line < t.line) hi = mid - 1;
      else if (line > t.endLine) lo = mid + 1;
      else return t;
    }
    return undefined;
  };
}
