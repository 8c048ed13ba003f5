// Puts parser, validation, traceability and config problems in the Problems panel, refreshed
// with every analysis (so as the user types, after the workspace's short debounce).
import * as vscode from 'vscode';
import { loadConfig } from '../core/config';
import { toDiagnostic } from './convert';
import type { Settings } from './settings';
import type { SpecWorkspace } from './specWorkspace';

export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('specpilot');
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly ws: SpecWorkspace,
    private readonly settings: Settings,
  ) {
    this.subscription = ws.onDidChange(() => this.publish());
    this.publish();
  }

  private publish(): void {
    const strict = this.settings.strict();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const add = (file: string, d: vscode.Diagnostic): void => {
      let list = byFile.get(file);
      if (!list) byFile.set(file, (list = []));
      list.push(d);
    };
    for (const entry of this.ws.entries()) {
      byFile.set(entry.uri.fsPath, byFile.get(entry.uri.fsPath) ?? []);
      for (const d of entry.analysis.diagnostics) add(d.file, toDiagnostic(d, strict));
    }
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      const loaded = loadConfig(folder.uri.fsPath);
      if (!loaded.source.file) continue;
      byFile.set(loaded.source.file, byFile.get(loaded.source.file) ?? []);
      for (const d of loaded.diagnostics) {
        const range = new vscode.Range(d.line - 1, d.col - 1, d.endLine - 1, d.endCol - 1);
        const sev = d.severity === 'error' ? vscode.DiagnosticSeverity.Error
          : d.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
        const diag = new vscode.Diagnostic(range, d.message, sev);
        diag.source = 'specpilot';
        diag.code = d.code;
        add(d.file, diag);
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
