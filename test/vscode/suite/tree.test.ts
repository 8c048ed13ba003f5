// The Tasks tree in a real VS Code: groups, status icons, descriptions, dependency children that
// reveal their task, the ready badge, opening a task at its header, and refresh on file change.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeItemSnapshot } from '../../../src/extension/api';
import { api, waitFor, workspaceUri } from './helpers';

function find(items: readonly TreeItemSnapshot[], label: string): TreeItemSnapshot | undefined {
  for (const i of items) {
    if (i.label === label || i.label.startsWith(`${label} `)) return i;
    const inner = find(i.children, label);
    if (inner) return inner;
  }
  return undefined;
}

describe('Tasks tree', () => {
  it('groups the demo tasks by milestone with status icons, priority and estimate', async () => {
    const a = await api();
    const roots = await a.treeSnapshot();
    assert.deepEqual(roots.map((r) => r.label), ['Milestone 1: Core shortener', 'Milestone 2: Insights and hardening']);
    assert.deepEqual(roots[0]!.children.map((c) => c.label), [
      'TASK-001 Short code generator',
      'TASK-002 Link store with atomic snapshots',
      'TASK-003 POST /links endpoint',
      'TASK-004 Redirect handler',
      'TASK-005 Custom aliases',
    ]);
    assert.equal(roots[0]!.description, '2/5');
    const t1 = find(roots, 'TASK-001')!;
    assert.equal(t1.icon, 'pass-filled');
    assert.equal(t1.iconColor, 'testing.iconPassed');
    assert.equal(t1.description, 'P0 · 4h');
    const t3 = find(roots, 'TASK-003')!;
    assert.equal(t3.icon, 'play-circle');
    assert.equal(t3.description, 'P0 · 1d · ready');
    assert.match(t3.tooltip, /Checklist: 1\/3/);
    assert.match(t3.tooltip, /Waits for: TASK-002 \(Done\)/);
    const t4 = find(roots, 'TASK-004')!;
    assert.equal(t4.icon, 'circle-large-outline');
    assert.equal(t4.contextValue, 'task.todo.ready');
    const t7 = find(roots, 'TASK-007')!;
    assert.equal(t7.icon, 'circle-slash');
  });

  it('shows what a task waits for as children that reveal the task', async () => {
    const a = await api();
    const roots = await a.treeSnapshot();
    const t3 = find(roots, 'TASK-003')!;
    assert.deepEqual(t3.children.map((c) => `${c.label} | ${c.description}`), ['depends on TASK-002 | Link store with atomic snapshots']);
    const dep = t3.children[0]!;
    assert.equal(dep.icon, 'pass-filled');
    assert.equal(dep.command?.command, 'specpilot.revealTask');
    await vscode.commands.executeCommand(dep.command!.command, ...dep.command!.arguments);
    const selected = await waitFor('TASK-002 selected', () => {
      const s = a.treeView.selection[0];
      return s && s.kind === 'task' && s.task.id === 'TASK-002' ? s : undefined;
    });
    assert.equal(selected.kind, 'task');
  });

  it('puts the number of ready tasks on the badge', async () => {
    const a = await api();
    assert.equal(a.badge(), 2);
  });

  it('opens a task at its header when clicked', async () => {
    const a = await api();
    const t4 = find(await a.treeSnapshot(), 'TASK-004')!;
    await vscode.commands.executeCommand(t4.command!.command, ...t4.command!.arguments);
    const editor = await waitFor('an editor on tasks.md', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.fsPath.endsWith('tasks.md') ? e : undefined;
    });
    assert.equal(editor.document.lineAt(editor.selection.active.line).text, '### TASK-004: Redirect handler');
  });

  it('refreshes when the file changes on disk', async () => {
    const a = await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const uri = workspaceUri('spec', 'tasks.md');
    const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    try {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(before.replace('🔴 P0 | ⬜ TODO | Est: 4h', '🔴 P0 | ✅ DONE | Est: 4h')));
      const t4 = await waitFor('TASK-004 done in the tree', async () => {
        await a.whenIdle();
        const item = find(await a.treeSnapshot(), 'TASK-004');
        return item?.icon === 'pass-filled' ? item : undefined;
      });
      assert.equal(t4.icon, 'pass-filled');
    } finally {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(before));
      await waitFor('TASK-004 todo again', async () => {
        await a.whenIdle();
        const item = find(await a.treeSnapshot(), 'TASK-004');
        return item?.icon === 'circle-large-outline' ? item : undefined;
      });
    }
  });
});
