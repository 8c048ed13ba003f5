// The dependency graph of a task file and the checks and plans built on it.
export { buildGraph } from './buildGraph';
export { directDependants, directDeps, hasPhaseBarriers, type DirectDep } from './directDeps';
export { readySet, depsSatisfied } from './readySet';
export { waves } from './waves';
export { findCycles, formatCyclePath, cycleAnalysis, MAX_CYCLES_PER_GROUP } from './findCycles';
export type { CycleAnalysis } from './findCycles';
export { validateSpec } from './validateSpec';
export { duplicateIdDiagnostics } from './duplicateIdDiagnostics';
export { refDiagnostics } from './refDiagnostics';
export { cycleDiagnostics, edgeText } from './cycleDiagnostics';
export { blocksAsymmetryDiagnostics } from './blocksAsymmetry';
export { idPrefix, taskPrefixes } from './taskPrefix';
export { boundedEditDistance, closestId } from './editDistance';
export { stronglyConnected } from './stronglyConnected';
export type { Components } from './stronglyConnected';
export { phaseLayout } from './phaseBarriers';
export type { PhaseLayout } from './phaseBarriers';
export { effectiveDone } from './effectiveDone';
export { IndexedTaskGraph } from './indexedTaskGraph';
export type {
  CycleEdge,
  DepReason,
  DependencyCycle,
  GraphCore,
  TaskDep,
  TaskGraph,
  Unplannable,
  UnplannableReason,
  UnresolvedRef,
  WavePlan,
} from './types';
export { REASON_CODES, R_BLOCKS, R_CHILD, R_EXPLICIT, R_PHASE, R_PROSE } from './types';
