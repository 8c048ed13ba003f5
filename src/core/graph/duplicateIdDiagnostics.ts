// Duplicate task ids: an error on each later occurrence, pointing at the first (which the graph,
// the ready set and runs use).
import type { Diagnostic } from '../spec/model';
import type { TaskGraph } from './types';

export function duplicateIdDiagnostics(graph: TaskGraph): Diagnostic[] {
  const file = graph.spec.file;
  const out: Diagnostic[] = [];
  for (const dup of graph.duplicates) {
    const first = graph.task(dup.id)!;
    out.push({
      severity: 'error',
      code: 'duplicate-id',
      message: `Duplicate task id ${dup.id}: already used by the task on line ${first.line + 1}; expected every task id to be unique. Specpilot keeps the first one and ignores this task for dependencies and runs.`,
      file,
      span: dup.idSpan,
      related: [{ file, span: first.idSpan, message: `${dup.id} is first defined here` }],
    });
  }
  return out;
}
