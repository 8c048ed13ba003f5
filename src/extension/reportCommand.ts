// `specpilot.showReport`: opens the traceability report of a task file: the one given, the one in
// the active editor (or whose requirements / design file it is), the only one, or one picked.
import * as vscode from 'vscode';
import { COMMANDS } from './commandIds';
import type { ReportPanels } from './reportPanel';
import type { SpecEntry, SpecWorkspace } from './specWorkspace';

export function registerReportCommand(ws: SpecWorkspace, reports: ReportPanels): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.showReport, async (arg?: unknown) => {
    await ws.whenIdle();
    const entry = await chooseEntry(ws, arg);
    if (entry) reports.show(entry.uri.fsPath);
  });
}

async function chooseEntry(ws: SpecWorkspace, arg: unknown): Promise<SpecEntry | undefined> {
  const entries = ws.entries();
  if (entries.length === 0) {
    void vscode.window.showInformationMessage('Specpilot: no task file in this workspace to report on.');
    return undefined;
  }
  const given = arg instanceof vscode.Uri ? arg : typeof arg === 'string' && arg !== '' ? vscode.Uri.file(arg) : undefined;
  if (given) {
    const entry = ws.entryFor(given) ?? ws.entriesUsingDefinitions(given)[0];
    if (entry) return entry;
    void vscode.window.showWarningMessage(`Specpilot: ${given.fsPath} is no task file of this workspace.`);
    return undefined;
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active) {
    const entry = ws.entryFor(active) ?? ws.entriesUsingDefinitions(active)[0];
    if (entry) return entry;
  }
  if (entries.length === 1) return entries[0];
  const pick = await vscode.window.showQuickPick(
    entries.map((e) => ({ label: vscode.workspace.asRelativePath(e.uri, true), description: `${e.analysis.spec.tasks.length} tasks`, entry: e })),
    { title: 'Traceability report of which task file?' },
  );
  return pick?.entry;
}
