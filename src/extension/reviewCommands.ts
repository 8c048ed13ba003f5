// The approval commands behind CodeLens, the Tasks view, the notification and the palette:
// Approve, Reject (asks for the reason unless the caller gives one), Review (the run panel's Review
// tab) and the Supervised / Autopilot toggle. All refuse in Restricted Mode, saying why.
import * as vscode from 'vscode';
import { COMMANDS } from './commandIds';
import { modeLabel, toggleApprovalMode } from './approvalMode';
import type { RejectInput } from './reviewHost';
import type { ReviewService } from './reviewService';
import type { RunController } from './runController';
import type { RunPanels } from './runPanel';
import type { SpecWorkspace } from './specWorkspace';
import type { TreeNode } from './taskTreeProvider';

interface Target {
  readonly file: string | undefined;
  readonly id: string;
}

export function registerReviewCommands(
  ws: SpecWorkspace,
  runs: RunController,
  panels: RunPanels,
  reviews: ReviewService,
  view: vscode.TreeView<TreeNode>,
): vscode.Disposable[] {
  /** (file, id) from CodeLens and notifications, a tree node, the tree's selection, or a pick among the parked tasks. */
  const target = async (a0: unknown, a1: unknown, verb: string): Promise<Target | undefined> => {
    if (typeof a0 === 'string' && typeof a1 === 'string') return { file: a0, id: a1 };
    if (typeof a0 === 'string') return { file: undefined, id: a0 };
    const node = isNode(a0) ? a0 : view.selection[0];
    if (node?.kind === 'task' && runs.awaitingApproval().some((a) => a.id === node.task.id)) return { file: node.entry.uri.fsPath, id: node.task.id };
    const waiting = runs.awaitingApproval();
    if (waiting.length === 0) {
      void vscode.window.showInformationMessage('Specpilot: no task awaits approval.');
      return undefined;
    }
    if (waiting.length === 1) return { file: waiting[0]!.file, id: waiting[0]!.id };
    const pick = await vscode.window.showQuickPick(waiting.map((w) => ({ label: w.id, description: vscode.workspace.asRelativePath(w.file), w })), { placeHolder: `Task to ${verb}` });
    return pick ? { file: pick.w.file, id: pick.w.id } : undefined;
  };

  const refuseUntrusted = async (what: string): Promise<boolean> => {
    if (vscode.workspace.isTrusted) return false;
    const manage = 'Manage Workspace Trust';
    const pick = await vscode.window.showWarningMessage(`Specpilot: ${what} needs a trusted workspace (Restricted Mode allows no approval and starts no process). Trust it to go on.`, manage);
    if (pick === manage) await vscode.commands.executeCommand('workbench.trust.manage');
    return true;
  };

  const report = (outcome: { ok: boolean; message: string }): void => {
    if (outcome.ok) void vscode.window.showInformationMessage(`Specpilot: ${outcome.message}`);
    else void vscode.window.showErrorMessage(`Specpilot: ${outcome.message}`);
  };

  return [
    vscode.commands.registerCommand(COMMANDS.approveTask, async (a0?: unknown, a1?: unknown) => {
      if (await refuseUntrusted('Approving a task')) return undefined;
      const t = await target(a0, a1, 'approve');
      if (!t) return undefined;
      panels.show(t.id, { preserveFocus: true });
      const outcome = await reviews.approve(t.id, t.file);
      report(outcome);
      return outcome;
    }),
    vscode.commands.registerCommand(COMMANDS.rejectTask, async (a0?: unknown, a1?: unknown, a2?: unknown) => {
      if (await refuseUntrusted('Rejecting a task')) return undefined;
      const t = await target(a0, a1, 'reject');
      if (!t) return undefined;
      let input = rejectInput(a2);
      if (!input) {
        const reason = await vscode.window.showInputBox({
          title: `Reject ${t.id}`,
          prompt: 'Why? The next attempt gets your reason as context. (Per-hunk comments and reverts: use Review.)',
          placeHolder: 'e.g. the handler must reject URLs over 2,048 characters',
          ignoreFocusOut: true,
          validateInput: (v) => (v.trim() === '' ? 'A reason is required' : undefined),
        });
        if (reason === undefined || reason.trim() === '') return undefined;
        input = { reason: reason.trim(), comments: [], revert: [] };
      }
      panels.show(t.id, { preserveFocus: true });
      const outcome = await reviews.reject(t.id, input, t.file);
      report(outcome);
      return outcome;
    }),
    vscode.commands.registerCommand(COMMANDS.reviewTask, async (a0?: unknown, a1?: unknown) => {
      // Showing the review runs git (its diff): not in Restricted Mode.
      if (await refuseUntrusted('Reviewing a task')) return;
      const t = await target(a0, a1, 'review');
      if (t) panels.showReview(t.id);
    }),
    vscode.commands.registerCommand(COMMANDS.toggleApprovalMode, async () => {
      if (await refuseUntrusted('Changing the approval mode')) return undefined;
      const folder = vscode.window.activeTextEditor ? vscode.workspace.getWorkspaceFolder(vscode.window.activeTextEditor.document.uri) : undefined;
      const mode = await toggleApprovalMode(folder ?? ws.entries()[0]?.folder ?? vscode.workspace.workspaceFolders?.[0]);
      void vscode.window.showInformationMessage(mode === 'supervised'
        ? `Specpilot: ${modeLabel(mode)}: every task waits for your approval before it is merged.`
        : `Specpilot: ${modeLabel(mode)}: tasks are merged when their gates and review pass.`);
      return mode;
    }),
  ];
}

/** A decision passed by a caller (the integration tests, another extension), checked like the panel's. */
function rejectInput(v: unknown): RejectInput | undefined {
  if (typeof v !== 'object' || v === null || !('reason' in v) || typeof v.reason !== 'string' || v.reason.trim() === '') return undefined;
  const comments = 'comments' in v && Array.isArray(v.comments) ? (v.comments as RejectInput['comments']) : [];
  const revert = 'revert' in v && Array.isArray(v.revert) ? (v.revert as RejectInput['revert']) : [];
  return { reason: v.reason, comments, revert };
}

function isNode(x: unknown): x is TreeNode {
  return typeof x === 'object' && x !== null && 'kind' in x && 'entry' in x;
}
