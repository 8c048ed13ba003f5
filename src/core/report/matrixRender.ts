// The traceability matrix as Markdown (one table line per task, the requirement's cells on its
// first line) and as JSON for `report --json`. Paths are relative to the workspace root and lines
// 1-based here; cell text from task and requirement files is escaped so it cannot break the table
// or smuggle HTML into a Markdown preview.
import { relPath } from './auditRender';
import { SHARED_COST_NOTE, type MatrixTask, type TraceMatrix } from './traceMatrix';

export function money(usd: number | null, unpriced = false): string {
  if (usd === null) return '—';
  return `$${usd.toFixed(usd < 1 ? 4 : 2)}${unpriced ? '+?' : ''}`;
}

/** Escapes what Markdown tables and previews would read as syntax: pipes, HTML, line breaks. */
export function mdCell(text: string): string {
  if (!/[\\&<>|\r\n]/.test(text)) return text;
  return text
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}

function verifiedText(t: MatrixTask): string {
  return t.verified === true ? 'verified' : t.verified === false ? 'not verified' : '—';
}

/** relPath per distinct file: a matrix names a handful of files thousands of times. */
function relPaths(root: string): (file: string) => string {
  const seen = new Map<string, string>();
  return (file) => {
    let rel = seen.get(file);
    if (rel === undefined) seen.set(file, (rel = relPath(root, file)));
    return rel;
  };
}

export function matrixMarkdown(m: TraceMatrix, root: string): string {
  const out: string[] = [];
  const rel = relPaths(root);
  const mdRel = (file: string): string => mdCell(rel(file));
  const scope = [m.milestone !== null ? `milestone ${mdCell(m.milestone)}` : null, m.uncoveredOnly ? 'uncovered requirements only' : null].filter((s) => s !== null);
  out.push(`# Traceability: ${mdRel(m.file)}${scope.length ? ` (${scope.join(', ')})` : ''}`, '');
  const t = m.totals;
  out.push(
    `${t.covered} of ${t.requirements} requirements traced by a task, ${t.uncovered} uncovered; ${t.tasks} tasks shown, ${t.verified} verified with evidence; cost ${money(t.costUsd)}${t.sharedTasks > 0 ? '¹' : ''}.`,
    '',
  );
  out.push('| Requirement | Design | Task | Status | Verified | Commit | Task cost | Requirement cost |');
  out.push('| --- | --- | --- | --- | --- | --- | ---: | ---: |');
  for (const row of m.rows) {
    const req = row.requirement
      ? `${mdCell(row.requirement.id)}${row.requirement.title ? ` ${mdCell(row.requirement.title)}` : ''} (${mdRel(row.requirement.file)}:${row.requirement.line + 1})`
      : '*(traces no requirement)*';
    const designs = row.designs.map((d) => `${mdCell(d.id)} (${mdRel(d.file)}:${d.line + 1})`).join(', ');
    const rowCost = money(row.costUsd);
    if (row.tasks.length === 0) {
      out.push(`| ${req} | ${designs} | *(no task)* |  |  |  |  | ${rowCost} |`);
      continue;
    }
    row.tasks.forEach((task, i) => {
      const shared = task.alsoIn.length > 0 ? ` ¹ also ${task.alsoIn.map(mdCell).join(', ')}` : '';
      const taskCell = `${mdCell(task.id)} ${mdCell(task.title)} (${mdRel(task.file)}:${task.line + 1})`;
      const commit = task.commit === null ? '—' : `\`${task.commit.slice(0, 8)}\``;
      const first = i === 0;
      out.push(`| ${first ? req : ''} | ${first ? designs : ''} | ${taskCell} | ${task.status} | ${verifiedText(task)} | ${commit} | ${money(task.costUsd, task.unpriced)}${shared} | ${first ? rowCost : ''} |`);
    });
  }
  if (m.totals.sharedTasks > 0) out.push('', `¹ ${SHARED_COST_NOTE}`);
  for (const n of m.notes) if (n !== SHARED_COST_NOTE) out.push('', `Note: ${mdCell(n)}`);
  return `${out.join('\n')}\n`;
}

/** `report --json`: the matrix with relative paths and 1-based lines. */
export function matrixJson(m: TraceMatrix, root: string): Record<string, unknown> {
  const rel = relPaths(root);
  const loc = (file: string, line: number): { file: string; line: number } => ({ file: rel(file), line: line + 1 });
  return {
    file: rel(m.file),
    milestone: m.milestone,
    uncoveredOnly: m.uncoveredOnly,
    totals: m.totals,
    notes: m.notes,
    rows: m.rows.map((r) => ({
      requirement: r.requirement ? { id: r.requirement.id, title: r.requirement.title, kind: r.requirement.kind, ...loc(r.requirement.file, r.requirement.line) } : null,
      designs: r.designs.map((d) => ({ id: d.id, title: d.title, ...loc(d.file, d.line) })),
      tasks: r.tasks.map((t) => ({
        id: t.id,
        title: t.title,
        ...loc(t.file, t.line),
        status: t.status,
        statusLine: t.statusLine + 1,
        verified: t.verified,
        verifiedAt: t.verifiedAt,
        commit: t.commit,
        commitSource: t.commitSource,
        costUsd: t.costUsd,
        unpriced: t.unpriced,
        alsoIn: t.alsoIn,
      })),
      costUsd: r.costUsd,
    })),
  };
}
