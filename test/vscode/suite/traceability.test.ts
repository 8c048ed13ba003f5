// Hovers and Ctrl+click navigation in a real VS Code, through the same commands the editor uses:
// vscode.executeHoverProvider, vscode.executeDefinitionProvider, vscode.executeLinkProvider.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, hoverText, positionOf, workspaceUri } from './helpers';

async function open(...parts: string[]): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(...parts));
  await vscode.window.showTextDocument(doc);
  await (await api()).whenIdle();
  return doc;
}

describe('traceability in the editor', () => {
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('hovering REQ-002 in a task shows the requirement text and the tasks that trace it', async () => {
    const doc = await open('spec', 'tasks.md');
    const pos = positionOf(doc, '[REQ-002]', 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
    const text = hoverText(hovers);
    assert.match(text, /\*\*REQ-002\*\*: Redirect by code/);
    assert.match(text, /answers `302 Found` with `Location` set to the original URL/);
    assert.match(text, /Traced by:/);
    assert.match(text, /TASK-004\]\(command:specpilot\.openTask/);
    const range = hovers.find((h) => h.range)?.range;
    assert.ok(range);
    assert.equal(doc.getText(range), 'REQ-002');
  });

  it('hovering DESIGN-003 shows the design section', async () => {
    const doc = await open('spec', 'tasks.md');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'DESIGN-003', 2));
    assert.match(hoverText(hovers), /\*\*DESIGN-003\*\*: Link store/);
  });

  it('hovering a dependency shows that task', async () => {
    const doc = await open('spec', 'tasks.md');
    const pos = positionOf(doc, '**Depends on:** [TASK-002]', '**Depends on:** ['.length + 2);
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos));
    assert.match(text, /\*\*TASK-002\*\*: Link store with atomic snapshots/);
    assert.match(text, /Done/);
  });

  it('hovering a requirement heading in requirements.md lists the tasks that trace it', async () => {
    await open('spec', 'tasks.md');
    const req = await open('spec', 'requirements.md');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', req.uri, positionOf(req, 'REQ-001', 2));
    const text = hoverText(hovers);
    for (const id of ['TASK-001', 'TASK-002', 'TASK-003']) assert.match(text, new RegExp(`\\[${id}\\]`));
    assert.doesNotMatch(text, /TASK-004/);
    const uncovered = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', req.uri, positionOf(req, 'REQ-006', 2));
    assert.match(hoverText(uncovered), /No task traces this yet/);
  });

  it('go to definition jumps from REQ-001 to its heading and from a dependency to its task', async () => {
    const doc = await open('spec', 'tasks.md');
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider', doc.uri, positionOf(doc, '[REQ-001]', 2));
    assert.equal(defs.length, 1);
    const d = defs[0]!;
    const uri = 'uri' in d ? d.uri : d.targetUri;
    const range = 'range' in d ? d.range : d.targetRange;
    assert.ok(uri.fsPath.endsWith('requirements.md'));
    const reqDoc = await vscode.workspace.openTextDocument(uri);
    assert.equal(reqDoc.lineAt(range.start.line).text, '### REQ-001: Shorten a URL');
    assert.equal(reqDoc.getText(range), 'REQ-001');

    const dep = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider', doc.uri, positionOf(doc, '**Depends on:** [TASK-001]', '**Depends on:** ['.length + 1));
    const target = dep[0]!;
    const line = ('range' in target ? target.range : target.targetRange).start.line;
    assert.equal(doc.lineAt(line).text, '### TASK-001: Short code generator');
  });

  it('makes every resolved reference a document link', async () => {
    const doc = await open('spec', 'tasks.md');
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    const texts = links.map((l) => doc.getText(l.range));
    assert.ok(texts.includes('REQ-001'));
    assert.ok(texts.includes('DESIGN-004'));
    assert.ok(texts.includes('TASK-002'));
    const req = links.find((l) => doc.getText(l.range) === 'REQ-002')!;
    assert.ok(req.target?.fsPath.endsWith('requirements.md'));
    assert.match(req.target!.fragment, /^L18,/);
  });
});
