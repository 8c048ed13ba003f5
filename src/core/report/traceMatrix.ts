// The traceability matrix: requirement -> design -> tasks -> status -> verified -> commit, with
// costs per task and per requirement. Pure and synchronous over what the caller read once (the
// analysis, a store snapshot, the base branch's commits), so a report of 10,000 tasks is a few
// map lookups per cell. Every cell carries its file and 0-based line for links in the editor.
import type { SpecAnalysis } from '../project/analyzeSpec';
import type { TaskStatus } from '../spec/model';
import type { RunStoreReader } from '../store';
import type { DefinitionKind, TraceDefinition } from '../trace';
import type { TaskCommitIndex } from './taskCommits';
import { latestVerifications, verifiedWithEvidence } from './verifications';
import type { VerifyResult } from './verify';

export interface MatrixRequirement {
  readonly id: string;
  readonly title: string;
  readonly kind: DefinitionKind;
  readonly file: string;
  /** 0-based, as the model's spans. */
  readonly line: number;
}

export interface MatrixDesign {
  readonly id: string;
  readonly title: string;
  readonly file: string;
  readonly line: number;
}

export interface MatrixTask {
  readonly id: string;
  readonly title: string;
  readonly file: string;
  /** The task's header line. */
  readonly line: number;
  readonly status: TaskStatus;
  /** Where the status is written (the meta line or the checkbox), for the status cell's link. */
  readonly statusLine: number;
  /** Verified with stored evidence (latestVerification); false: its last verify failed; null: never verified. */
  readonly verified: boolean | null;
  readonly verifiedAt: string | null;
  /** Full SHA: the store's merge (else commit) SHA, else the newest commit on the base naming the task. */
  readonly commit: string | null;
  readonly commitSource: 'store' | 'git' | null;
  /** The task's priced attempts, all runs; null when no attempt was recorded. */
  readonly costUsd: number | null;
  /** Some attempt could not be priced: costUsd is a lower bound. */
  readonly unpriced: boolean;
  /** Other rows (requirement ids) this task is listed in: its cost counts in each of them. */
  readonly alsoIn: readonly string[];
}

export interface TraceRow {
  /** null: the row of tasks that trace no requirement. */
  readonly requirement: MatrixRequirement | null;
  readonly designs: readonly MatrixDesign[];
  readonly tasks: readonly MatrixTask[];
  /** Sum of the row's task costs (a task in several rows counts in each); null when none has one. */
  readonly costUsd: number | null;
}

export interface TraceMatrixTotals {
  /** Requirement rows (before the milestone filter) and how many some task traces. */
  readonly requirements: number;
  readonly covered: number;
  readonly uncovered: number;
  /** Distinct tasks shown, and how many of them are verified with evidence. */
  readonly tasks: number;
  readonly verified: number;
  /** Distinct tasks' cost: each task once. */
  readonly costUsd: number;
  /** Tasks listed under more than one requirement (their cost is in each row's sum). */
  readonly sharedTasks: number;
}

export interface TraceMatrix {
  readonly file: string;
  readonly milestone: string | null;
  readonly uncoveredOnly: boolean;
  readonly rows: readonly TraceRow[];
  readonly totals: TraceMatrixTotals;
  readonly notes: readonly string[];
}

export interface TraceMatrixInput {
  readonly analysis: SpecAnalysis;
  readonly store?: RunStoreReader | null;
  /** The stored verifications; read from `store` when not given. */
  readonly verifications?: ReadonlyMap<string, VerifyResult>;
  /** Commits on the base for tasks the store has no SHA for (one `git log`, see taskCommits). */
  readonly commits?: TaskCommitIndex | null;
  /** A milestone / phase / group name or number, as `task list --milestone`. */
  readonly milestone?: string | null;
  readonly uncoveredOnly?: boolean;
}

/**
 * Kinds a task is expected to implement, each a row; designs are context and go in their column.
 * A Kiro criterion (`1.2`) is no row of its own: its tasks are listed under its requirement (`1`),
 * and with uncoveredOnly an uncovered criterion is listed, as audit reports it.
 */
const ROW_KINDS = new Set<DefinitionKind>(['requirement', 'nfr', 'functional', 'story']);

export const SHARED_COST_NOTE = 'A task tracing several requirements counts in full in each of their costs; the total counts it once.';

export function buildTraceMatrix(input: TraceMatrixInput): TraceMatrix {
  const { analysis: a, store = null } = input;
  const milestone = input.milestone?.trim() ? input.milestone.trim().toLowerCase() : null;
  const uncoveredOnly = input.uncoveredOnly === true;
  const verifications = input.verifications ?? (store ? latestVerifications(store) : new Map<string, VerifyResult>());
  // The task records carry each task's summed cost too, so one query serves SHAs and costs.
  const records = new Map((store?.tasks() ?? []).map((t) => [t.taskId, t]));
  const notes: string[] = [];
  if (!a.trace.sources.some((s) => s.found)) notes.push('No requirements file was found beside the task file: every task is listed as tracing no requirement.');

  const inMilestone = (id: string): boolean => milestone === null || groupMatches(a.graph.task(id)?.group ?? null, milestone);
  const taskCells = new Map<string, MatrixTask>();
  const cell = (id: string): MatrixTask | null => {
    const done = taskCells.get(id);
    if (done) return done;
    const t = a.graph.task(id);
    if (!t) return null;
    const rec = records.get(id);
    const stored = rec?.mergeSha ?? rec?.commitSha ?? null;
    const logged = stored === null ? (input.commits?.commitsOf(id)[0]?.sha ?? null) : null;
    const v = verifications.get(id) ?? null;
    const made: MatrixTask = {
      id,
      title: t.title,
      file: a.spec.file,
      line: t.line,
      status: a.graph.effectiveStatus(id) ?? t.status,
      statusLine: t.statusSpan?.line ?? t.line,
      verified: verifiedWithEvidence(v),
      verifiedAt: v?.at ?? null,
      commit: stored ?? logged,
      commitSource: stored !== null ? 'store' : logged !== null ? 'git' : null,
      costUsd: rec && rec.attempts > 0 ? rec.costUsd : null,
      unpriced: rec?.unpriced ?? false,
      alsoIn: [],
    };
    taskCells.set(id, made);
    return made;
  };

  const rows: { requirement: MatrixRequirement; tasks: MatrixTask[] }[] = [];
  const inRows = new Set<string>();
  const seen = new Set<string>();
  let requirements = 0;
  let covered = 0;
  const uncovered = uncoveredOnly ? new Set(a.trace.uncovered().map((d) => d.id)) : null;
  for (const d of a.trace.definitions) {
    if (seen.has(d.id)) continue;
    if (!ROW_KINDS.has(d.kind)) {
      seen.add(d.id);
      if (uncovered?.has(d.id)) rows.push({ requirement: requirementOf(d), tasks: [] });
      continue;
    }
    seen.add(d.id);
    requirements++;
    const tracing = a.trace.tasksTracing(d.id);
    if (tracing.length > 0) covered++;
    for (const id of tracing) inRows.add(id);
    if (uncoveredOnly ? tracing.length > 0 : milestone !== null && !tracing.some(inMilestone)) continue;
    const tasks: MatrixTask[] = [];
    for (const id of tracing) {
      if (!inMilestone(id)) continue;
      const c = cell(id);
      if (c) tasks.push(c);
    }
    rows.push({ requirement: requirementOf(d), tasks });
  }

  const orphans: MatrixTask[] = [];
  if (!uncoveredOnly) {
    for (const t of a.graph.tasks) {
      if (inRows.has(t.id) || !inMilestone(t.id)) continue;
      const c = cell(t.id);
      if (c) orphans.push(c);
    }
  }

  // Which rows list each task, then the cells with the other rows named and each row's sums.
  const rowsOf = new Map<string, string[]>();
  for (const r of rows) {
    for (const t of r.tasks) {
      const list = rowsOf.get(t.id);
      if (list) list.push(r.requirement.id);
      else rowsOf.set(t.id, [r.requirement.id]);
    }
  }
  const finalCell = (t: MatrixTask, rowId: string | null): MatrixTask => {
    const list = rowsOf.get(t.id);
    return list && list.length > 1 ? { ...t, alsoIn: list.filter((id) => id !== rowId) } : t;
  };
  const out: TraceRow[] = rows.map((r) => {
    const tasks = r.tasks.map((t) => finalCell(t, r.requirement.id));
    return { requirement: r.requirement, designs: designsOf(a, tasks), tasks, costUsd: sumCost(tasks) };
  });
  if (orphans.length > 0) out.push({ requirement: null, designs: designsOf(a, orphans), tasks: orphans, costUsd: sumCost(orphans) });

  let verified = 0;
  let costUsd = 0;
  let sharedTasks = 0;
  for (const t of taskCells.values()) {
    if (t.verified === true) verified++;
    costUsd += t.costUsd ?? 0;
    if ((rowsOf.get(t.id)?.length ?? 0) > 1) sharedTasks++;
  }
  if (sharedTasks > 0) notes.push(SHARED_COST_NOTE);
  return {
    file: a.spec.file,
    milestone: input.milestone?.trim() || null,
    uncoveredOnly,
    rows: out,
    totals: { requirements, covered, uncovered: requirements - covered, tasks: taskCells.size, verified, costUsd, sharedTasks },
    notes,
  };
}

/** Task ids the store has no commit SHA for: the ones to look up in the base branch's log. */
export function tasksWithoutStoredCommit(a: SpecAnalysis, store: RunStoreReader | null): string[] {
  const known = new Set((store?.tasks() ?? []).filter((t) => (t.mergeSha ?? t.commitSha) !== null).map((t) => t.taskId));
  return a.graph.tasks.filter((t) => !known.has(t.id)).map((t) => t.id);
}

/** The milestone filter of `task list`: a number matches the group's number, words its name. */
export function groupMatches(group: string | null, wanted: string): boolean {
  if (group === null) return false;
  const g = group.toLowerCase();
  const w = wanted.toLowerCase();
  if (/^\d+$/.test(w)) return new RegExp(`(^|\\D)${w}(\\D|$)`).test(g.split(':')[0] ?? g);
  return g.includes(w);
}

function requirementOf(d: TraceDefinition): MatrixRequirement {
  return { id: d.id, title: d.title, kind: d.kind, file: d.file, line: d.line };
}

function designsOf(a: SpecAnalysis, tasks: readonly MatrixTask[]): MatrixDesign[] {
  const out: MatrixDesign[] = [];
  const seen = new Set<string>();
  for (const cellTask of tasks) {
    const t = a.graph.task(cellTask.id);
    if (!t) continue;
    for (const ref of t.traces) {
      for (const id of ref.ids) {
        if (seen.has(id)) continue;
        const d = a.trace.definition(id);
        if (d === null || d.kind !== 'design') continue;
        seen.add(id);
        out.push({ id: d.id, title: d.title, file: d.file, line: d.line });
      }
    }
  }
  return out;
}

function sumCost(tasks: readonly MatrixTask[]): number | null {
  let sum: number | null = null;
  for (const t of tasks) if (t.costUsd !== null) sum = (sum ?? 0) + t.costUsd;
  return sum;
}
