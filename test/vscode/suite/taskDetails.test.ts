// The Task details webview in a real VS Code: the command opens one panel beside the editor, its
// page runs under the CSP and completes the ready -> snapshot handshake, it follows edits of the
// task file with newer snapshots, and a second task reuses the same panel.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, waitFor } from './helpers';

const COMMAND = 'specpilot.showTaskDetails';
const VIEW_TYPE = 'specpilot.taskDetails';
/**
 * How long the page may take to answer: once in CI the handshake took about 30 s (3-4 s in other
 * runs). The waits catch a page that never answers; a slow machine is not what they test.
 */
const WEBVIEW_MS = 50_000;

function tasksFile(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder);
  return path.join(folder.uri.fsPath, 'spec', 'tasks.md');
}

/** Every open tab showing this extension's details panel (VS Code prefixes the view type). */
function detailsTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(VIEW_TYPE));
}

describe('Task details panel', () => {
  after(async () => {
    await vscode.window.tabGroups.close(detailsTabs());
  });

  it('opens TASK-003 beside the editor, titled "TASK-003 · Details", and the page says ready', async () => {
    const specpilot = await api();
    await vscode.commands.executeCommand(COMMAND, tasksFile(), 'TASK-003');
    const info = await waitFor('the webview handshake', () => {
      const i = specpilot.taskDetailsPanel();
      return i?.webviewReady && i.seq >= 1 ? i : undefined;
    }, WEBVIEW_MS);
    assert.equal(info.title, 'TASK-003 · Details');
    assert.equal(info.visible, true);
    assert.deepEqual(info.target, { file: tasksFile(), id: 'TASK-003' });
    assert.equal(info.details?.title, 'POST /links endpoint');
    assert.equal(info.details?.status, 'in_progress');
    assert.deepEqual(info.details?.waitsFor.map((d) => [d.id, d.status]), [['TASK-002', 'done']]);
    assert.deepEqual(info.details?.unblocks.map((d) => d.id), ['TASK-005']);
    assert.deepEqual(info.details?.traces.map((t) => t.definitions.map((d) => d.id)), [['REQ-001'], ['DESIGN-002']]);
    const tabs = detailsTabs();
    assert.equal(tabs.length, 1);
    assert.equal(tabs[0]?.label, 'TASK-003 · Details');
  });

  it('reuses the one panel for another task', async () => {
    const specpilot = await api();
    const before = specpilot.taskDetailsPanel()?.seq ?? 0;
    await vscode.commands.executeCommand(COMMAND, tasksFile(), 'TASK-004');
    const info = await waitFor('the TASK-004 snapshot', () => {
      const i = specpilot.taskDetailsPanel();
      return i && i.seq > before && i.details?.id === 'TASK-004' ? i : undefined;
    }, WEBVIEW_MS);
    assert.equal(info.title, 'TASK-004 · Details');
    assert.equal(detailsTabs().length, 1);
    assert.deepEqual(info.details?.unblocks.map((d) => d.id), ['TASK-006', 'TASK-007']);
  });

  it('sends a newer snapshot when the task changes in the editor', async () => {
    const specpilot = await api();
    const doc = await vscode.workspace.openTextDocument(tasksFile());
    const line = doc.getText().split(/\r?\n/).indexOf('### TASK-004: Redirect handler');
    assert.ok(line >= 0);
    const titleRange = new vscode.Range(line, '### TASK-004: '.length, line, '### TASK-004: Redirect handler'.length);
    const before = specpilot.taskDetailsPanel()?.seq ?? 0;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, titleRange, 'Redirect handler v2');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    try {
      const info = await waitFor('the edited snapshot', () => {
        const i = specpilot.taskDetailsPanel();
        return i && i.seq > before && i.details?.title === 'Redirect handler v2' ? i : undefined;
      }, WEBVIEW_MS);
      assert.equal(info.title, 'TASK-004 · Details');
    } finally {
      const undo = new vscode.WorkspaceEdit();
      undo.replace(doc.uri, new vscode.Range(line, '### TASK-004: '.length, line, '### TASK-004: Redirect handler v2'.length), 'Redirect handler');
      await vscode.workspace.applyEdit(undo);
      await doc.save();
    }
  });

  it('closes and forgets the panel when its tab is closed', async () => {
    const specpilot = await api();
    await vscode.window.tabGroups.close(detailsTabs());
    await waitFor('the panel to be disposed', () => specpilot.taskDetailsPanel() === undefined || undefined);
    assert.equal(detailsTabs().length, 0);
  });
});
