// activate(): the composition root. It wires the core to VS Code's views and providers, owns
// every Disposable it creates, and returns the API the integration tests drive.
import * as vscode from 'vscode';
import { makeApi, type SpecpilotApi } from './api';
import { VIEW_TASKS } from './commandIds';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { vscodeSettings } from './settings';
import { SpecWorkspace } from './specWorkspace';
import { registerTaskCommands } from './taskCommands';
import { registerTaskDetails } from './taskDetailsPanel';
import { TaskTreeProvider, type TreeNode } from './taskTreeProvider';
import { TraceHoverProvider } from './traceHoverProvider';
import { TraceDefinitionProvider, TraceLinkProvider } from './traceNavigation';
import { RunController } from './runController';
import { registerRunCommands } from './runCommands';
import { RunPanels } from './runPanel';
import { RunStatusBar } from './runStatusBar';
import { TaskCodeLensProvider } from './taskCodeLens';
import { useApprovalModeState } from './approvalMode';
import { ApprovalStatusBar } from './approvalStatusBar';
import { BASE_SCHEME, BaseContentProvider } from './baseContent';
import { registerReviewCommands } from './reviewCommands';
import { ReviewService } from './reviewService';
import { AuditDiagnostics } from './auditDiagnostics';
import { registerReportCommand } from './reportCommand';
import { ReportPanels } from './reportPanel';
import { VerifyHoverProvider } from './verifyHoverProvider';
import { VerifyTests } from './verifyTests';

let runs: RunController | undefined;

/** Markdown files in the four tools' spec folders: task, requirements and design files. */
const SPEC_DOCUMENTS: vscode.DocumentSelector = [
  { scheme: 'file', language: 'markdown', pattern: '**/{spec,specs,openspec,.kiro}/**/*.md' },
];

export async function activate(context: vscode.ExtensionContext): Promise<SpecpilotApi> {
  const started = Date.now();
  const log = vscode.window.createOutputChannel('Specpilot', { log: true });
  const ws = new SpecWorkspace(vscodeSettings, log);
  const tree = new TaskTreeProvider(ws, vscodeSettings);
  const view = vscode.window.createTreeView<TreeNode>(VIEW_TASKS, { treeDataProvider: tree, showCollapseAll: true });
  const updateBadge = (): void => {
    const ready = tree.readyCount();
    view.badge = ready > 0 ? { value: ready, tooltip: `${ready} task${ready === 1 ? '' : 's'} ready to run` } : undefined;
  };
  const details = registerTaskDetails({ ws, tree, view, extensionUri: context.extensionUri, log });
  const panels = new RunPanels({
    extensionUri: context.extensionUri,
    log,
    stop: () => runs?.stop(),
    logFileFor: (taskId) => runs?.logPathById(taskId) ?? null,
    review: (): ReviewService => reviews,
  });
  // The review service is built after the controller it drives; its sink reads it when events come.
  runs = new RunController(ws, log, [(_file, e) => panels.feed(e), (file, e): void => reviews.onRunEvent(file, e)]);
  const controller = runs;
  const lenses = new TaskCodeLensProvider(ws, controller);
  const statusBar = new RunStatusBar(controller);
  const reviews: ReviewService = new ReviewService(ws, controller, panels, log);
  context.subscriptions.push(useApprovalModeState(context.workspaceState));
  const approvalBar = new ApprovalStatusBar(ws, controller);
  const verifyTests = new VerifyTests(ws, controller, log);
  const audit = new AuditDiagnostics(ws);
  const reports = new ReportPanels({ extensionUri: context.extensionUri, ws, runs: controller, log });
  tree.setRunState(controller);
  context.subscriptions.push(
    details,
    log,
    ws,
    tree,
    view,
    ws.onDidChange(updateBadge),
    new DiagnosticsPublisher(ws, vscodeSettings),
    vscode.languages.registerHoverProvider(SPEC_DOCUMENTS, new TraceHoverProvider(ws)),
    vscode.languages.registerDefinitionProvider(SPEC_DOCUMENTS, new TraceDefinitionProvider(ws)),
    vscode.languages.registerDocumentLinkProvider(SPEC_DOCUMENTS, new TraceLinkProvider(ws)),
    ...registerTaskCommands(ws, tree, view, log),
    panels,
    controller,
    lenses,
    statusBar,
    vscode.languages.registerCodeLensProvider(SPEC_DOCUMENTS, lenses),
    verifyTests,
    audit,
    reports,
    registerReportCommand(ws, reports),
    vscode.languages.registerHoverProvider(SPEC_DOCUMENTS, new VerifyHoverProvider(ws, controller)),
    ...registerRunCommands(ws, controller, panels, view, log),
    approvalBar,
    vscode.workspace.registerTextDocumentContentProvider(BASE_SCHEME, new BaseContentProvider(log)),
    ...registerReviewCommands(ws, controller, panels, reviews, view),
    controller.onDidChange(() => void vscode.commands.executeCommand('setContext', 'specpilot.running', controller.isRunning())),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('specpilot')) void ws.refresh();
    }),
  );
  await ws.refresh();
  const activationMs = Date.now() - started;
  log.info(`activated in ${activationMs} ms`);
  return makeApi(ws, tree, view, details, () => activationMs, { controller, panels, statusBar, approvalBar, reviews }, { tests: verifyTests, audit, reports });
}

/** Stops every run so no agent outlives the window: its process group is killed, its work kept. */
export async function deactivate(): Promise<void> {
  await runs?.shutdown();
  runs = undefined;
}
