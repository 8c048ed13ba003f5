// The cross-task checks of a task file (the parser reports syntax; this reports what needs the
// whole file): duplicate ids, unknown and self dependencies, cycles, Blocks/Depends asymmetry.
import type { Diagnostic, ParsedSpec } from '../spec/model';
import { blocksAsymmetryDiagnostics } from './blocksAsymmetry';
import { buildGraph } from './buildGraph';
import { cycleDiagnostics } from './cycleDiagnostics';
import { duplicateIdDiagnostics } from './duplicateIdDiagnostics';
import { refDiagnostics } from './refDiagnostics';
import type { TaskGraph } from './types';

/** Pass the graph when it is already built for this spec; diagnostics come sorted by line, col. */
export function validateSpec(spec: ParsedSpec, graph: TaskGraph = buildGraph(spec)): Diagnostic[] {
  const g = graph.spec === spec ? graph : buildGraph(spec);
  const out = [
    ...duplicateIdDiagnostics(g),
    ...refDiagnostics(g),
    ...cycleDiagnostics(g),
    ...blocksAsymmetryDiagnostics(g),
  ];
  // Array.prototype.sort is stable: same position keeps the order above.
  return out.sort((a, b) => a.span.line - b.span.line || a.span.col - b.span.col);
}
