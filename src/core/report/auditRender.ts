// The audit as text (file:line:col lines, as editors and CI annotate), JSON and CSV; positions
// printed 1-based and paths relative to the workspace root. CSV cells are quoted per RFC 4180 and
// guarded against spreadsheet formulas, since messages quote ids and titles from task files.
import { relative } from 'node:path';
import type { AuditFinding, AuditReport } from './audit';

export interface AuditJsonFinding {
  readonly kind: AuditFinding['kind'];
  readonly severity: AuditFinding['severity'];
  readonly message: string;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
  readonly taskId: string | null;
  readonly refId: string | null;
}

export function relPath(root: string, file: string): string {
  const rel = relative(root, file).replace(/\\/g, '/');
  return rel === '' || rel.startsWith('..') ? file : rel;
}

function jsonFinding(root: string, f: AuditFinding): AuditJsonFinding {
  return {
    kind: f.kind,
    severity: f.severity,
    message: f.message,
    file: relPath(root, f.file),
    line: f.line + 1,
    column: f.column + 1,
    endColumn: f.endColumn + 1,
    taskId: f.taskId ?? null,
    refId: f.refId ?? null,
  };
}

export function auditJson(r: AuditReport, root: string, strict: boolean): Record<string, unknown> {
  return {
    ok: !(r.errors > 0 || (strict && r.findings.length > 0)),
    strict,
    file: relPath(root, r.file),
    format: r.format,
    tasks: r.tasks,
    errors: r.errors,
    warnings: r.warnings,
    notes: r.notes,
    findings: r.findings.map((f) => jsonFinding(root, f)),
  };
}

export const AUDIT_CSV_HEADER = ['severity', 'kind', 'file', 'line', 'column', 'task', 'ref', 'message'] as const;

/** One CSV document (CRLF line ends, as RFC 4180 says), a header row first. */
export function auditCsv(r: AuditReport, root: string): string {
  const rows: string[] = [AUDIT_CSV_HEADER.join(',')];
  for (const f of r.findings) {
    const j = jsonFinding(root, f);
    rows.push([j.severity, j.kind, j.file, String(j.line), String(j.column), j.taskId ?? '', j.refId ?? '', j.message].map(csvCell).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

/**
 * A cell quoted when it holds a comma, quote or line break (quotes doubled). A cell a spreadsheet
 * would run as a formula (= + - @, tab, CR first) gets a leading apostrophe (OWASP's advice).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** `file:line:col: severity: message [kind]` per finding (severity as `audit --strict` counts it). */
export function auditLines(r: AuditReport, root: string, strict: boolean): string[] {
  return r.findings.map((f) => {
    const j = jsonFinding(root, f);
    const severity = strict ? 'error' : j.severity;
    return `${j.file}:${j.line}:${j.column}: ${severity}: ${j.message} [${j.kind}]`;
  });
}
