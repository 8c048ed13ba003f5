// The commands behind the tree and hovers: open a task at its header, reveal a task in the tree,
// and change a task's status through the editor (WorkspaceEdit), so a user's unsaved edits are
// never overwritten and the change lands in undo history.
import * as vscode from 'vscode';
import { applyLineEdits } from './applyLineEdits';
import { statusEdit, type WritableStatus } from '../core/spec/writeBack';
import { COMMANDS } from './commandIds';
import type { SpecWorkspace } from './specWorkspace';
import type { TaskNode, TaskTreeProvider, TreeNode } from './taskTreeProvider';

export function registerTaskCommands(
  ws: SpecWorkspace,
  tree: TaskTreeProvider,
  view: vscode.TreeView<TreeNode>,
  log: vscode.LogOutputChannel,
): vscode.Disposable[] {
  const setStatus = (status: WritableStatus) => async (node?: TreeNode) => {
    const target = node?.kind === 'task' ? node : selectedTask(view);
    if (!target) return;
    await setTaskStatus(ws, target, status, log);
  };
  return [
    vscode.commands.registerCommand(COMMANDS.refresh, () => ws.refresh()),
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
    vscode.commands.registerCommand(COMMANDS.openTask, async (uri: vscode.Uri | string, line: number) => {
      const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
      const pos = new vscode.Position(Math.max(0, line), 0);
      await vscode.window.showTextDocument(target, { selection: new vscode.Range(pos, pos), preview: true });
    }),
    vscode.commands.registerCommand(COMMANDS.revealTask, async (file: string | undefined, id: string) => {
      const node = tree.findTask(file, id);
      if (!node) {
        void vscode.window.showWarningMessage(`Specpilot: no task ${id} in the Tasks view`);
        return;
      }
      await view.reveal(node, { select: true, focus: true, expand: true });
    }),
    vscode.commands.registerCommand(COMMANDS.setStatusTodo, setStatus('todo')),
    vscode.commands.registerCommand(COMMANDS.setStatusInProgress, setStatus('in_progress')),
    vscode.commands.registerCommand(COMMANDS.setStatusDone, setStatus('done')),
    vscode.commands.registerCommand(COMMANDS.setStatusBlocked, setStatus('blocked')),
  ];
}

function selectedTask(view: vscode.TreeView<TreeNode>): TaskNode | undefined {
  const s = view.selection[0];
  return s?.kind === 'task' ? s : undefined;
}

/** Edits through the document: saves afterwards only when the document had no unsaved changes. */
export async function setTaskStatus(ws: SpecWorkspace, node: TaskNode, status: WritableStatus, log: vscode.LogOutputChannel): Promise<boolean> {
  await ws.whenIdle();
  const entry = ws.entryFor(node.entry.uri) ?? node.entry;
  const task = entry.analysis.spec.tasks.find((t) => t.id === node.task.id && t.line === node.task.line)
    ?? entry.analysis.spec.tasks.find((t) => t.id === node.task.id);
  if (!task) return false;
  const result = statusEdit(entry.analysis.spec, task, status);
  if (!result.ok) {
    void vscode.window.showErrorMessage(`Specpilot: ${result.error}`);
    return false;
  }
  if (result.edits.length === 0) return true;
  const doc = await vscode.workspace.openTextDocument(entry.uri);
  const wasDirty = doc.isDirty;
  const ok = await applyLineEdits(doc, result.edits);
  if (!ok) {
    void vscode.window.showErrorMessage(`Specpilot: could not change ${task.id}: the editor refused the edit`);
    return false;
  }
  if (!wasDirty) await doc.save();
  log.info(`${task.id}: ${task.status} -> ${status}`);
  return true;
}
