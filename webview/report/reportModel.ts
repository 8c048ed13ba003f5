// The report page's pure parts (no DOM): reading the host's message, the cells' wording, and how
// the matrix is cut into chunks so 10,000 rows render a screenful at a time instead of all at once.
import type { HostToReport, ReportLocation, ReportRow, ReportTotals } from '../../src/protocol/reportMessages';

/** Table rows a chunk renders at most (a requirement with more tasks than this is one chunk). */
export const CHUNK_LINES = 300;

/** The host's snapshot, or null for anything else (a stray message must not crash the page). */
export function readReportMessage(data: unknown): HostToReport | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Readonly<Record<string, unknown>>;
  if (m['type'] !== 'snapshot' || typeof m['seq'] !== 'number' || !Array.isArray(m['rows']) || !Array.isArray(m['milestones'])) return null;
  const filter = m['filter'];
  const totals = m['totals'];
  if (typeof filter !== 'object' || filter === null || typeof totals !== 'object' || totals === null) return null;
  return data as HostToReport;
}

/** Table rows a matrix row takes: one per task, one when no task traces the requirement. */
export function rowLines(row: ReportRow): number {
  return Math.max(1, row.tasks.length);
}

/** The end (exclusive) of the chunk starting at `start`: whole matrix rows, about `budget` table rows. */
export function chunkEnd(rows: readonly ReportRow[], start: number, budget = CHUNK_LINES): number {
  let end = start;
  let lines = 0;
  while (end < rows.length && (end === start || lines + rowLines(rows[end]!) <= budget)) {
    lines += rowLines(rows[end]!);
    end++;
  }
  return end;
}

export function formatCost(usd: number | null): string {
  if (usd === null) return '—';
  if (usd > 0 && usd < 0.01) return '<$0.01';
  return `$${usd.toFixed(2)}`;
}

export function verifiedText(v: boolean | null): string {
  return v === true ? 'verified' : v === false ? 'not verified' : '—';
}

/** A codicon for the verified cell. */
export function verifiedIcon(v: boolean | null): string {
  return v === true ? 'verified-filled' : v === false ? 'error' : 'dash';
}

export function shortSha(sha: string | null): string {
  return sha === null ? '—' : sha.slice(0, 8);
}

export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** `tasks.md:12` (1-based, as editors show lines). */
export function locationLabel(at: ReportLocation): string {
  return `${fileName(at.file)}:${at.line + 1}`;
}

export function totalsText(t: ReportTotals): string {
  const parts = [
    `${n(t.requirements)} requirement${t.requirements === 1 ? '' : 's'} (${n(t.uncovered)} uncovered)`,
    `${n(t.tasks)} task${t.tasks === 1 ? '' : 's'}, ${n(t.done)} done, ${n(t.verified)} verified`,
  ];
  if (t.costUsd !== null) parts.push(`${formatCost(t.costUsd)} spent`);
  return parts.join(' · ');
}

/** "Showing 300 of 2,000 rows; scroll for more" while chunks remain, else "". */
export function progressText(rendered: number, total: number): string {
  return rendered >= total ? '' : `Showing ${rendered.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows; scroll for more`;
}

function n(x: number): string {
  return x.toLocaleString('en-US');
}
