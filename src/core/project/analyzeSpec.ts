// One analysis per version of a task file: the parse plus everything derived from it (graph,
// validation, traceability, ready set), computed once and shared by the tree, hovers, CodeLens,
// diagnostics and the CLI.
import { buildGraph, readySet, validateSpec } from '../graph';
import type { TaskGraph } from '../graph';
import type { Diagnostic, ParsedSpec, Severity, Task } from '../spec/model';
import { buildTraceIndex, type LoadedDefinitions, type TraceIndex } from '../trace';

export interface SpecAnalysis {
  readonly spec: ParsedSpec;
  readonly graph: TaskGraph;
  readonly trace: TraceIndex;
  /** Text of every definition file that was found, by path (for hovers). */
  readonly definitionTexts: ReadonlyMap<string, string>;
  /** Parser, validation and traceability diagnostics of the task file, by line then column. */
  readonly diagnostics: readonly Diagnostic[];
  /** Tasks to run next, in spec-runner's order. */
  readonly ready: readonly Task[];
}

export const NO_DEFINITIONS: LoadedDefinitions = { definitions: [], sources: [], texts: new Map() };

export function analyzeSpec(spec: ParsedSpec, definitions: LoadedDefinitions = NO_DEFINITIONS): SpecAnalysis {
  const graph = buildGraph(spec);
  const trace = buildTraceIndex({
    definitions: definitions.definitions,
    tasks: spec.tasks,
    tasksFile: spec.file,
    sources: definitions.sources,
  });
  const diagnostics = [...spec.diagnostics, ...validateSpec(spec, graph), ...trace.unresolved()].sort(
    (a, b) => a.span.line - b.span.line || a.span.col - b.span.col,
  );
  return { spec, graph, trace, definitionTexts: definitions.texts, diagnostics, ready: readySet(graph) };
}

/** Counts by severity; `strict` counts warnings as errors, like `validate --strict`. */
export function countDiagnostics(diagnostics: readonly { readonly severity: Severity }[], strict = false): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error' || (strict && d.severity === 'warning')) errors++;
    else if (d.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}
