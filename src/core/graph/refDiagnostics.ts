// Checks on each Depends on / Blocks ref: ids no task has (with a "did you mean"), refs that are
// not task ids at all (spec-runner ignores them), and a task naming itself.
import type { Diagnostic, SpecFormat, Task, TaskRef } from '../spec/model';
import { boundedEditDistance, closestId } from './editDistance';
import { edgeSpan } from './packedCore';
import { idPrefix } from './taskPrefix';
import type { TaskGraph, UnresolvedRef } from './types';
import { R_BLOCKS, R_CHILD, R_PHASE, R_PROSE } from './types';

/**
 * Id comparisons allowed for "did you mean" across a whole file: a few ms at worst. A file with
 * more unknown ids than that covers gets suggestions for the first ones only.
 */
const SUGGESTION_BUDGET = 100_000;

export function refDiagnostics(graph: TaskGraph): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ids = graph.unresolved.length > 0 ? graph.tasks.map((t) => t.id) : [];
  const prefixes = [...graph.core.prefixes];
  const budget = { left: SUGGESTION_BUDGET };
  for (const u of graph.unresolved) {
    out.push(u.kind === 'missing' ? unknownRef(graph, u, ids, budget) : notATaskRef(graph, u, ids, prefixes, budget));
  }
  // Self refs of graph tasks are their self-loop edges (one per task, Depends on before Blocks);
  // duplicates have no edges, so their refs are compared as written.
  const core = graph.core;
  const { taskCount: n, depStart, depTo, depReason } = core;
  for (let v = 0; v < n; v++) {
    for (let e = depStart[v]!; e < depStart[v + 1]!; e++) {
      if (depTo[e] !== v) continue;
      const reason = depReason[e]!;
      // Only refs are written; a task listed as its own sub-task is a hand-built oddity.
      if (reason === R_CHILD || reason === R_PHASE) continue;
      const via = reason === R_PROSE ? 'prose' : 'field';
      out.push(selfRef(graph, graph.tasks[v]!, { id: graph.tasks[v]!.id, span: edgeSpan(core, e), via }, reason === R_BLOCKS ? 'blocks' : 'dependsOn'));
    }
  }
  for (const t of graph.duplicates) {
    for (const ref of t.dependsOn) if (ref.id === t.id) out.push(selfRef(graph, t, ref, 'dependsOn'));
    for (const ref of t.blocks) if (ref.id === t.id) out.push(selfRef(graph, t, ref, 'blocks'));
  }
  return out;
}

function fieldLabel(ref: TaskRef, field: 'dependsOn' | 'blocks'): string {
  if (field === 'blocks') return 'Blocks';
  return ref.via === 'prose' ? 'its text' : 'Depends on';
}

function unknownRef(graph: TaskGraph, u: UnresolvedRef, ids: readonly string[], budget: { left: number }): Diagnostic {
  const { task, ref, field } = u;
  const verb = field === 'blocks' ? 'blocks' : 'depends on';
  const guess = closestId(ref.id, ids, 2, budget);
  const hint = guess ? ` Did you mean ${guess}?` : '';
  return {
    severity: 'error',
    code: 'unknown-dependency',
    message: `${task.id} ${verb} ${ref.id} (${fieldLabel(ref, field)}), but no task in this file has that id; expected the id of a task defined here.${hint}`,
    file: graph.spec.file,
    span: ref.span,
  };
}

function tracesField(format: SpecFormat): string {
  switch (format) {
    case 'spec-runner':
      return '**Traces to:**';
    case 'kiro':
      return '_Requirements: ..._';
    case 'spec-kit':
    case 'openspec':
      return 'the task\'s trace references';
  }
}

function notATaskRef(
  graph: TaskGraph,
  u: UnresolvedRef,
  ids: readonly string[],
  prefixes: readonly string[],
  budget: { left: number },
): Diagnostic {
  const { ref, field } = u;
  const what = field === 'blocks' ? 'a blocked task' : 'a dependency';
  // A mistyped prefix (`TSK-001`) lands here too: offer the task it probably meant. Only then:
  // `REQ-009` is far from every task prefix and is the common case, so it costs no id scan.
  const prefix = idPrefix(ref.id);
  const near = prefixes.some((p) => boundedEditDistance(prefix, p, 2) <= 2);
  const guess = near ? closestId(ref.id, ids, 2, budget) : null;
  const hint = guess ? ` If you meant task ${guess}, correct the id.` : '';
  return {
    severity: 'warning',
    code: 'unknown-dependency',
    message: `${ref.id} in ${fieldLabel(ref, field)} is not ${what}: no task header in this file uses the prefix "${idPrefix(ref.id)}", so it is ignored for ordering. Requirement and design ids belong in ${tracesField(graph.spec.format)}.${hint}`,
    file: graph.spec.file,
    span: ref.span,
  };
}

function selfRef(graph: TaskGraph, task: Task, ref: TaskRef, field: 'dependsOn' | 'blocks'): Diagnostic {
  const message = field === 'blocks'
    ? `${task.id} blocks itself; expected only other tasks' ids in Blocks (a task waiting for itself never becomes ready).`
    : `${task.id} depends on itself (${fieldLabel(ref, field)}); expected only other tasks' ids (a task waiting for itself never becomes ready).`;
  return { severity: 'error', code: 'self-dependency', message, file: graph.spec.file, span: ref.span };
}
