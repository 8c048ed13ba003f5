// One 'cycle' error on the header of each task in a cycle, with the whole path and one related
// location per edge. Self-loops are left to 'self-dependency'; the message and related list of a
// cycle are built once and shared by its tasks, and both are capped (the path shortened in the
// middle, at most MAX_RELATED edges), so serialising a 50,000-task loop stays linear too.
import type { Diagnostic, RelatedInfo } from '../spec/model';
import { findCycles, formatCyclePath } from './findCycles';
import type { CycleEdge, DependencyCycle, TaskGraph } from './types';
import { assertNever } from '../spec/model';

const MAX_PATH_IDS = 24;
const MAX_RELATED = 50;

/** The cycle path with its middle elided past MAX_PATH_IDS ids. */
function shortPath(path: readonly string[]): string {
  if (path.length <= MAX_PATH_IDS) return formatCyclePath(path);
  const head = path.slice(0, MAX_PATH_IDS / 2);
  const tail = path.slice(path.length - MAX_PATH_IDS / 2);
  return `${head.join(' -> ')} -> … ${(path.length - MAX_PATH_IDS).toLocaleString('en-US')} more … -> ${tail.join(' -> ')}`;
}

function relatedOf(edges: readonly CycleEdge[], file: string): RelatedInfo[] {
  return edges.slice(0, MAX_RELATED).map((e) => ({ file, span: e.span, message: edgeText(e) }));
}

export function cycleDiagnostics(graph: TaskGraph): Diagnostic[] {
  const file = graph.spec.file;
  const out: Diagnostic[] = [];
  const reported = new Set<string>();
  const cycles = findCycles(graph);
  const firstOfGroup = new Map<readonly string[], DependencyCycle>();
  for (const cycle of cycles) {
    if (cycle.edges.length < 2) continue;
    if (!firstOfGroup.has(cycle.component)) firstOfGroup.set(cycle.component, cycle);
    const message = `Dependency cycle: ${shortPath(cycle.path)} (read "->" as "depends on"). None of these tasks can ever become ready; expected dependencies without a loop: remove one of them.`;
    const related = relatedOf(cycle.edges, file);
    for (let i = 0; i < cycle.path.length - 1; i++) {
      const id = cycle.path[i]!;
      if (reported.has(id)) continue;
      reported.add(id);
      out.push({ severity: 'error', code: 'cycle', message, file, span: graph.task(id)!.header, related });
    }
  }
  // Tasks of a dense group that no reported path went through (see MAX_CYCLES_PER_GROUP), and
  // tasks whose only reported loop is a self-loop while they also sit in a larger group.
  const seenGroups = new Set<readonly string[]>();
  for (const cycle of cycles) {
    if (cycle.component.length < 2 || seenGroups.has(cycle.component)) continue;
    seenGroups.add(cycle.component);
    const example = firstOfGroup.get(cycle.component);
    const related = example ? relatedOf(example.edges, file) : [];
    const shown = example ? `, for example ${shortPath(example.path)}` : '';
    for (const id of cycle.component) {
      if (reported.has(id)) continue;
      reported.add(id);
      out.push({
        severity: 'error',
        code: 'cycle',
        message: `${id} is one of ${cycle.component.length} tasks that depend on each other in a loop${shown} (read "->" as "depends on"). None of them can ever become ready; expected dependencies without a loop.`,
        file,
        span: graph.task(id)!.header,
        related,
      });
    }
  }
  return out;
}

export function edgeText(e: CycleEdge): string {
  switch (e.reason) {
    case 'explicit':
      return `${e.from} depends on ${e.to} (Depends on)`;
    case 'prose':
      return `${e.from} depends on ${e.to} (named in its text)`;
    case 'blocks':
      return `${e.to} blocks ${e.from} (Blocks), so ${e.from} waits for it`;
    case 'child':
      return `${e.from} waits for its required sub-task ${e.to}`;
    case 'phase':
      return `${e.from} is in a later phase than ${e.to}; every task of a phase waits for all earlier phases`;
    default:
      return assertNever(e.reason);
  }
}
