// Puts the audit (orphan tasks, uncovered requirements, tasks without a checklist) in the Problems
// panel under its own source, 'specpilot audit', for every task file and its requirements and
// design files, refreshed with every analysis. What the parse diagnostics already say is left out.
import * as vscode from 'vscode';
import { auditSpec, type AuditFinding } from '../core/report/audit';
import { auditFindingsToShow } from './auditFilter';
import type { SpecWorkspace } from './specWorkspace';

export const AUDIT_COLLECTION = 'specpilot-audit';
export const AUDIT_SOURCE = 'specpilot audit';

export class AuditDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(AUDIT_COLLECTION);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly ws: SpecWorkspace) {
    this.subscription = ws.onDidChange(() => this.publish());
    this.publish();
  }

  /** Diagnostics of this collection for one file (for the integration tests). */
  diagnosticsFor(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(uri) ?? [];
  }

  private publish(): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const entry of this.ws.entries()) {
      // Files that had findings before and now have none must be cleared, not left stale.
      for (const f of [entry.uri.fsPath, ...entry.definitionFiles]) if (!byFile.has(f)) byFile.set(f, []);
      const report = auditSpec(entry.analysis);
      for (const f of auditFindingsToShow(report.findings, entry.analysis.diagnostics)) {
        let list = byFile.get(f.file);
        if (!list) byFile.set(f.file, (list = []));
        if (!list.some((d) => sameFinding(d, f))) list.push(toDiagnostic(f));
      }
    }
    this.collection.clear();
    for (const [file, list] of byFile) this.collection.set(vscode.Uri.file(file), list);
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}

function toDiagnostic(f: AuditFinding): vscode.Diagnostic {
  const range = new vscode.Range(f.line, f.column, f.line, Math.max(f.column, f.endColumn));
  const severity = f.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const d = new vscode.Diagnostic(range, f.message, severity);
  d.source = AUDIT_SOURCE;
  d.code = f.kind;
  return d;
}

/** Two task files sharing a requirements file both find its uncovered requirements: show each once. */
function sameFinding(d: vscode.Diagnostic, f: AuditFinding): boolean {
  return d.code === f.kind && d.range.start.line === f.line && d.range.start.character === f.column && d.message === f.message;
}
