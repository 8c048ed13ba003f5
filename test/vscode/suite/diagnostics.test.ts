// Problems-panel diagnostics in a real VS Code, updated as the user types (unsaved edits), with
// positions and messages that say what was expected.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, waitFor, workspaceUri } from './helpers';

describe('diagnostics', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the demo workspace has no errors', async () => {
    await api();
    const errors = vscode.languages.getDiagnostics(workspaceUri('spec', 'tasks.md')).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map((d) => d.message), []);
  });

  it('reports problems as the user types, at the right place, then clears them', async () => {
    const a = await api();
    const uri = workspaceUri('spec', 'tasks.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    const depLine = doc.getText().split('\n').findIndex((l) => l === '**Depends on:** [TASK-006]');
    assert.ok(depLine > 0);
    await editor.edit((e) => e.replace(new vscode.Range(depLine, 0, depLine, doc.lineAt(depLine).text.length), '**Depends on:** [TASK-066]'));
    await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount, 0), '\n## TASK-009: Two hashes are not a task\n'));
    await a.whenIdle();
    const diags = await waitFor('the unknown dependency diagnostic', () => {
      const list = vscode.languages.getDiagnostics(uri);
      return list.some((d) => d.code === 'unknown-dependency') && list.some((d) => d.code === 'not-a-task') ? list : undefined;
    });
    const unknown = diags.find((d) => d.code === 'unknown-dependency')!;
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(unknown.range.start.line, depLine);
    assert.equal(doc.getText(unknown.range), 'TASK-066');
    assert.match(unknown.message, /TASK-066/);
    assert.match(unknown.message, /TASK-006/);
    const near = diags.find((d) => d.code === 'not-a-task')!;
    assert.equal(doc.lineAt(near.range.start.line).text, '## TASK-009: Two hashes are not a task');
    assert.match(near.message, /three "#"/);
    assert.equal(doc.isDirty, true);

    // Typing the original text back (not a file revert) is what a user's undo does.
    await editor.edit((e) => e.replace(new vscode.Range(0, 0, doc.lineCount, 0), original));
    await a.whenIdle();
    await waitFor('the diagnostics to clear', () => {
      const list = vscode.languages.getDiagnostics(uri);
      return list.some((d) => d.code === 'unknown-dependency' || d.code === 'not-a-task') ? undefined : list;
    });
  });
});
