// The executor's status writes through an open editor, in a real VS Code: saved when the document
// is clean, left unsaved beside the user's typing, and sent to the disk when a checkout rewrote the
// file before the editor reloaded it or the editor refused the edit of a clean document. A lost
// write here left an approved task's merge marked REVIEW instead of DONE (seen in CI).
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { applyLineEdits } from '../../../src/extension/applyLineEdits';
import { editorTaskFileWriter } from '../../../src/extension/editorTaskFileWriter';
import { waitFor } from './helpers';

const TASKS = [
  '# Tasks',
  '',
  '### TASK-001: First',
  '🔴 P0 | 🔄 IN_PROGRESS | Est: 1h',
  '',
  'Body of the first task.',
  '',
  '**Checklist:**',
  '- [ ] one',
  '- [ ] two',
  '',
].join('\n');

describe('status writes through the editor', () => {
  let dir: string;
  let file: string;
  let log: vscode.LogOutputChannel;

  before(() => {
    log = vscode.window.createOutputChannel('Specpilot status-write test', { log: true });
  });
  after(() => log.dispose());

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'specpilot-status-'));
    file = join(dir, 'tasks.md');
    writeFileSync(file, TASKS);
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    rmSync(dir, { recursive: true, force: true });
  });

  it('a clean document gets the status and the ticks, saved, with the edit in undo history', async () => {
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const error = await editorTaskFileWriter(file, 'spec-runner', log).setStatus('TASK-001', 'done', true);
    assert.equal(error, null);
    assert.equal(doc.isDirty, false);
    const disk = readFileSync(file, 'utf8');
    assert.match(disk, /🔴 P0 \| ✅ DONE \| Est: 1h/);
    assert.match(disk, /- \[x\] one\n- \[x\] two/);
    assert.equal(doc.getText(), disk);
    await vscode.commands.executeCommand('undo');
    assert.match(doc.getText(), /🔄 IN_PROGRESS/, 'undo takes the status edit back');
  });

  it('typing that lands while the status is written is kept, and the status lands too', async () => {
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const typing = new vscode.WorkspaceEdit();
    typing.insert(doc.uri, new vscode.Position(5, 0), 'Typed: ');
    // Sent just before the writer's edit: it reaches the editor after the writer read the document.
    const typed = vscode.workspace.applyEdit(typing);
    const error = await editorTaskFileWriter(file, 'spec-runner', log).setStatus('TASK-001', 'review', false);
    assert.equal(await typed, true);
    assert.equal(error, null);
    const text = doc.getText();
    assert.match(text, /Typed: Body of the first task\./);
    assert.match(text, /🔴 P0 \| 🔍 REVIEW \| Est: 1h/);
    assert.equal(doc.isDirty, true, 'the user\'s unsaved typing is not saved behind their back');
    assert.doesNotMatch(readFileSync(file, 'utf8'), /Typed: /);
  });

  it('an edit the editor refuses on a clean document (reloaded under it) is written on disk', async () => {
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    let refusals = 0;
    const refuse = async (): Promise<boolean> => {
      refusals++;
      return false;
    };
    const error = await editorTaskFileWriter(file, 'spec-runner', log, refuse).setStatus('TASK-001', 'done', true);
    assert.equal(error, null);
    assert.equal(refusals, 1);
    const disk = readFileSync(file, 'utf8');
    assert.match(disk, /✅ DONE/);
    assert.match(disk, /- \[x\] one\n- \[x\] two/);
    await waitFor('the editor to reload the file', () => (doc.getText() === disk ? true : undefined));
  });

  it('an edit refused on a dirty document is computed again from what the user has now, never written over it', async () => {
    const doc = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) => b.insert(new vscode.Position(5, 0), 'Unsaved: '));
    let refusals = 0;
    const refuseOnce: typeof applyLineEdits = async (d, edits) => (refusals++ === 0 ? false : applyLineEdits(d, edits));
    const error = await editorTaskFileWriter(file, 'spec-runner', log, refuseOnce).setStatus('TASK-001', 'review', false);
    assert.equal(error, null);
    assert.equal(refusals, 2);
    assert.match(doc.getText(), /Unsaved: Body/);
    assert.match(doc.getText(), /🔍 REVIEW/);
    assert.equal(readFileSync(file, 'utf8'), TASKS, 'the disk is not written under unsaved changes');

    const refuseAll = async (): Promise<boolean> => false;
    const refused = await editorTaskFileWriter(file, 'spec-runner', log, refuseAll).setStatus('TASK-001', 'done', false);
    assert.match(refused ?? '', /the editor refused the edit of .*tasks\.md/);
    assert.equal(readFileSync(file, 'utf8'), TASKS);
  });

  it('a file a checkout rewrote before the editor reloaded it is written on disk, keeping the new content', async () => {
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const checkedOut = TASKS.replace('Body of the first task.', 'Body from the task branch.');
    writeFileSync(file, checkedOut);
    const error = await editorTaskFileWriter(file, 'spec-runner', log).setStatus('TASK-001', 'done', false);
    assert.equal(error, null);
    const disk = readFileSync(file, 'utf8');
    assert.match(disk, /Body from the task branch\./);
    assert.match(disk, /✅ DONE/);
    await waitFor('the editor to reload the file', () => (doc.getText() === disk ? true : undefined));
    assert.equal(doc.isDirty, false);
  });
});
