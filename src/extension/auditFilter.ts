// Which audit findings the Problems panel still needs once the parse diagnostics are there: the
// audit re-labels the graph's and trace index's diagnostics (cycles, unknown dependencies, dangling
// traces) and spec-runner's parser already warns about a task with no Traces line, so a finding is
// dropped where a parse diagnostic of the same problem sits on the same line. Pure, for unit tests.
import type { AuditFinding, AuditKind } from '../core/report/audit';
import type { Diagnostic, DiagnosticCode } from '../core/spec/model';

/** The parse diagnostics that already report each kind of finding. */
export const SHOWN_BY_PARSE: Readonly<Record<AuditKind, readonly DiagnosticCode[]>> = {
  orphan_task: ['no-traces'],
  uncovered_requirement: [],
  dangling_reference: ['unresolved-trace', 'unknown-dependency'],
  dependency: ['cycle', 'self-dependency', 'blocks-asymmetry', 'duplicate-id'],
  no_checklist: [],
};

const lineKey = (file: string, line: number, code: string): string => `${file}\u0000${line}\u0000${code}`;

/** The findings no parse diagnostic already reports, each once (two task files may share a requirements file). */
export function auditFindingsToShow(findings: readonly AuditFinding[], diagnostics: readonly Diagnostic[]): AuditFinding[] {
  const shown = new Set(diagnostics.map((d) => lineKey(d.file, d.span.line, d.code)));
  const seen = new Set<string>();
  const out: AuditFinding[] = [];
  for (const f of findings) {
    if (SHOWN_BY_PARSE[f.kind].some((code) => shown.has(lineKey(f.file, f.line, code)))) continue;
    const k = `${f.kind}\u0000${f.file}\u0000${f.line}\u0000${f.column}\u0000${f.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(f);
  }
  return out;
}
