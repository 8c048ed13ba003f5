// What activate() returns: a small, typed window on the live state, for the integration tests
// (and for other extensions that want to read the task model).
import * as vscode from 'vscode';
import type { SpecAnalysis } from '../core/project/analyzeSpec';
import type { SpecWorkspace } from './specWorkspace';
import type { TaskDetailsHost, TaskDetailsPanelInfo } from './taskDetailsPanel';
import type { TaskTreeProvider, TreeNode } from './taskTreeProvider';
import type { RunController } from './runController';
import type { RunFeedView } from './runFeed';
import type { RunPanelInfo, RunPanels } from './runPanel';
import type { RunStatusBar } from './runStatusBar';
import { setApprovalMode, type ApprovalMode } from './approvalMode';
import type { ApprovalStatusBar } from './approvalStatusBar';
import type { ReviewView } from '../protocol/reviewMessages';
import type { ReviewService } from './reviewService';
import type { AuditDiagnostics } from './auditDiagnostics';
import type { ReportPanelInfo, ReportPanels } from './reportPanel';
import type { VerifyTests } from './verifyTests';

/** The run side of the extension, as the integration tests see it. */
export interface RunsApi {
  readonly controller: RunController;
  /** What the run panel of `taskId` holds (header and kept output), and the panel itself when open. */
  panel(taskId: string): { readonly feed: RunFeedView | undefined; readonly info: RunPanelInfo | undefined };
  /** The run status bar item's text; '' while hidden. */
  statusBarText(): string;
  /** The approval mode item (`$(eye) Supervised`) and the awaiting-approval count item; '' while hidden. */
  approvalStatus(): { readonly mode: string; readonly awaiting: string };
  /** Sets the workspace's approval mode as the status-bar toggle does; `undefined` gives it back to the setting. */
  setApprovalMode(mode: ApprovalMode | undefined): Promise<ApprovalMode>;
  /** The parked review of `taskId` as the Review tab gets it; null when the task does not await approval. */
  review(taskId: string): Promise<ReviewView | null>;
}

/** Verify in the Testing view, the audit in the Problems panel and the report panel, as the integration tests see them. */
export interface VerifyApi {
  /** The Testing API side: items, the Verify profile, each item's last outcome. */
  readonly tests: VerifyTests;
  /** The 'specpilot-audit' diagnostics of a file. */
  auditDiagnostics(uri: vscode.Uri): readonly vscode.Diagnostic[];
  /** The report panel of `file` (the last opened one without it). */
  report(file?: string): ReportPanelInfo | undefined;
  /** Rebuilds the report of `file` now and resolves when it was posted. */
  rebuildReport(file: string): Promise<void>;
}

export interface TreeItemSnapshot {
  readonly label: string;
  readonly description: string;
  readonly tooltip: string;
  readonly icon: string | undefined;
  readonly iconColor: string | undefined;
  readonly contextValue: string | undefined;
  readonly command: { command: string; arguments: readonly unknown[] } | undefined;
  readonly collapsible: boolean;
  readonly children: readonly TreeItemSnapshot[];
}

export interface SpecpilotApi {
  /** Resolves when no analysis is pending. */
  whenIdle(): Promise<void>;
  /** The analysis of every task file, by file path. */
  analyses(): ReadonlyMap<string, SpecAnalysis>;
  /** The Tasks tree as the view shows it, resolved recursively. */
  treeSnapshot(): Promise<TreeItemSnapshot[]>;
  /** The number on the Tasks view's badge. */
  badge(): number | undefined;
  readonly treeView: vscode.TreeView<TreeNode>;
  /** The Task details panel's state, when one is open. */
  taskDetailsPanel(): TaskDetailsPanelInfo | undefined;
  /** How long activate() took, in ms. */
  activationMs(): number;
  readonly runs: RunsApi;
  readonly verify: VerifyApi;
}

export interface VerifyParts {
  readonly tests: VerifyTests;
  readonly audit: AuditDiagnostics;
  readonly reports: ReportPanels;
}

export interface RunParts {
  readonly controller: RunController;
  readonly panels: RunPanels;
  readonly statusBar: RunStatusBar;
  readonly approvalBar: ApprovalStatusBar;
  readonly reviews: ReviewService;
}

export function makeApi(
  ws: SpecWorkspace,
  tree: TaskTreeProvider,
  view: vscode.TreeView<TreeNode>,
  details: TaskDetailsHost,
  activationMs: () => number,
  run: RunParts,
  verify: VerifyParts,
): SpecpilotApi {
  const snap = async (node: TreeNode | undefined): Promise<TreeItemSnapshot[]> => {
    const out: TreeItemSnapshot[] = [];
    for (const child of tree.getChildren(node)) {
      const item = tree.resolveTreeItem(tree.getTreeItem(child), child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath : undefined;
      const tooltip = typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
      out.push({
        label,
        description: typeof item.description === 'string' ? item.description : '',
        tooltip,
        icon: icon?.id,
        iconColor: icon?.color?.id,
        contextValue: item.contextValue,
        command: item.command ? { command: item.command.command, arguments: item.command.arguments ?? [] } : undefined,
        collapsible: item.collapsibleState !== vscode.TreeItemCollapsibleState.None,
        children: await snap(child),
      });
    }
    return out;
  };
  return {
    whenIdle: () => ws.whenIdle(),
    analyses: () => new Map(ws.entries().map((e) => [e.uri.fsPath, e.analysis])),
    treeSnapshot: () => snap(undefined),
    badge: () => view.badge?.value,
    treeView: view,
    taskDetailsPanel: () => details.info(),
    activationMs,
    runs: {
      controller: run.controller,
      panel: (taskId) => {
        run.panels.flush();
        return { feed: run.panels.snapshotFor(taskId), info: run.panels.panelInfo(taskId) };
      },
      statusBarText: () => run.statusBar.text(),
      approvalStatus: () => run.approvalBar.text(),
      review: async (taskId) => {
        const r = await run.reviews.load(taskId);
        if (!r.ok) throw new Error(r.error);
        return r.value;
      },
      setApprovalMode: (mode) => setApprovalMode(vscode.workspace.workspaceFolders?.[0], mode),
    },
    verify: {
      tests: verify.tests,
      auditDiagnostics: (uri) => verify.audit.diagnosticsFor(uri),
      report: (file) => verify.reports.info(file),
      rebuildReport: (file) => verify.reports.rebuild(file),
    },
  };
}
