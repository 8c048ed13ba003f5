// Proves the harness itself: the real VS Code 1.100 API, the demo workspace copy opened as the
// folder, and the Specpilot extension loaded from this repository and activated.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'specpilot.specpilot';

describe('smoke: the real VS Code harness', () => {
  it('runs inside VS Code 1.100', () => {
    assert.match(vscode.version, /^1\.100\./);
  });

  it('opens the git copy of the demo workspace', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1);
    const folder = folders[0];
    assert.ok(folder);
    assert.equal(folder.name, 'demo');
    // The launcher exports the copy's path; the fixture itself must never be the workspace.
    const expected = process.env['SPECPILOT_TEST_WORKSPACE'];
    if (expected !== undefined) assert.equal(folder.uri.fsPath, expected);
    assert.doesNotMatch(folder.uri.fsPath, /test\/fixtures\/demo$/);
    const tasks = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'spec', 'tasks.md')));
    assert.match(tasks, /^### TASK-001: Short code generator$/m);
    const git = await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, '.git'));
    assert.equal(git.type, vscode.FileType.Directory);
  });

  it(`activates ${EXTENSION_ID} and returns its API object`, async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    const api: unknown = await extension.activate();
    assert.equal(extension.isActive, true);
    assert.equal(typeof api, 'object');
    assert.notEqual(api, null);
  });
});
