// The report panel's snapshot from the core's traceability matrix: the same rows restated in the
// protocol's shape (the webview never imports core), the file's milestones for the filter, and the
// set of files the cells link to (the only files the page may ask the host to open). Pure.
import type { SpecAnalysis } from '../core/project/analyzeSpec';
import { buildTraceMatrix, type MatrixTask } from '../core/report/traceMatrix';
import type { TaskCommitIndex } from '../core/report/taskCommits';
import type { RunStoreReader } from '../core/store';
import type { HostToReport, ReportFilter, ReportRow, ReportTask } from '../protocol/reportMessages';

export interface ReportInput {
  readonly seq: number;
  readonly analysis: SpecAnalysis;
  readonly fileLabel: string;
  readonly filter: ReportFilter;
  readonly store: RunStoreReader | null;
  readonly commits: TaskCommitIndex | null;
  /** Notes of the caller (a run state or a git log that could not be read). */
  readonly notes: readonly string[];
}

export function buildReportSnapshot(input: ReportInput): HostToReport<'snapshot'> {
  const a = input.analysis;
  const matrix = buildTraceMatrix({
    analysis: a,
    store: input.store,
    commits: input.commits,
    milestone: input.filter.milestone,
    uncoveredOnly: input.filter.uncoveredOnly,
  });
  const tasks = new Map<string, ReportTask>();
  const taskOf = (t: MatrixTask): ReportTask => {
    const known = tasks.get(t.id);
    // alsoIn differs per row; everything else is the same cell.
    if (known && known.alsoIn.length === t.alsoIn.length && known.alsoIn.every((id, i) => id === t.alsoIn[i])) return known;
    const made: ReportTask = {
      id: t.id,
      title: t.title,
      status: t.status,
      verified: t.verified,
      verifiedAt: t.verifiedAt,
      commit: t.commit,
      costUsd: t.costUsd,
      unpriced: t.unpriced,
      alsoIn: t.alsoIn,
      at: { file: t.file, line: t.line },
      statusAt: { file: t.file, line: t.statusLine },
    };
    if (!known) tasks.set(t.id, made);
    return made;
  };
  const rows: ReportRow[] = matrix.rows.map((r) => ({
    requirement: r.requirement ? { id: r.requirement.id, title: r.requirement.title, at: { file: r.requirement.file, line: r.requirement.line } } : null,
    designs: r.designs.map((d) => ({ id: d.id, title: d.title, at: { file: d.file, line: d.line } })),
    tasks: r.tasks.map(taskOf),
    costUsd: r.costUsd,
  }));
  let done = 0;
  let priced = false;
  for (const t of tasks.values()) {
    if (t.status === 'done') done++;
    if (t.costUsd !== null) priced = true;
  }
  return {
    type: 'snapshot',
    seq: input.seq,
    file: a.spec.file,
    fileLabel: input.fileLabel,
    milestones: milestonesOf(a),
    filter: { milestone: matrix.milestone, uncoveredOnly: matrix.uncoveredOnly },
    rows,
    totals: {
      requirements: matrix.totals.requirements,
      uncovered: matrix.totals.uncovered,
      tasks: matrix.totals.tasks,
      done,
      verified: matrix.totals.verified,
      costUsd: priced ? matrix.totals.costUsd : null,
    },
    notes: [...matrix.notes, ...input.notes],
  };
}

/** The file's milestones (phases, groups) in file order, each once; sub-groups are not filters. */
export function milestonesOf(a: SpecAnalysis): string[] {
  const out: string[] = [];
  for (const g of a.spec.groups) if (g.kind !== 'subgroup' && !out.includes(g.title)) out.push(g.title);
  return out;
}

/** Every file a cell of the snapshot links to: the host opens these and no other. */
export function linkedFiles(s: HostToReport<'snapshot'>): Set<string> {
  const out = new Set<string>([s.file]);
  for (const r of s.rows) {
    if (r.requirement) out.add(r.requirement.at.file);
    for (const d of r.designs) out.add(d.at.file);
    for (const t of r.tasks) out.add(t.at.file);
  }
  return out;
}
