// Maps the core's positions and diagnostics onto VS Code's types; the core already counts in
// VS Code's units (0-based line, UTF-16 column), so this is a shape change, never arithmetic.
import * as vscode from 'vscode';
import type { Diagnostic, Severity, Span } from '../core/spec/model';

export function toRange(s: Span): vscode.Range {
  return new vscode.Range(s.line, s.col, s.line, s.endCol);
}

export function toSeverity(s: Severity, strict: boolean): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return strict ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
    case 'info':
      return vscode.DiagnosticSeverity.Information;
  }
}

export function toDiagnostic(d: Diagnostic, strict: boolean): vscode.Diagnostic {
  const out = new vscode.Diagnostic(toRange(d.span), d.message, toSeverity(d.severity, strict));
  out.source = 'specpilot';
  out.code = d.code;
  if (d.related && d.related.length > 0) {
    out.relatedInformation = d.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(r.file), toRange(r.span)), r.message),
    );
  }
  return out;
}

export function spanContains(s: Span, line: number, col: number): boolean {
  return s.line === line && col >= s.col && col <= s.endCol;
}
