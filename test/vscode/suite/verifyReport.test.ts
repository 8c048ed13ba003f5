// Verify, audit and the traceability report in the real VS Code: the Testing API lists the demo's
// tasks at their header lines and its Verify profile reports each with its evidence; the audit
// puts what the parse diagnostics do not already say in the Problems panel (a Kiro orphan task, an
// uncovered requirement, a task without checklist); showReport opens the matrix in a webview.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, hoverText, waitFor, workspaceUri } from './helpers';

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' }).trim();

const cancelNever = (): vscode.CancellationTokenSource => new vscode.CancellationTokenSource();

describe('verify, audit and report', function () {
  this.timeout(120_000);
  const root = workspaceUri().fsPath;
  const tasksFile = workspaceUri('spec', 'tasks.md');
  const kiroDir = join(root, '.kiro', 'specs', 'orphans');
  let initial = '';

  before(() => {
    initial = git(root, 'rev-parse', 'HEAD');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    git(root, 'checkout', '-q', '-f', 'main');
    git(root, 'reset', '-q', '--hard', initial);
    rmSync(join(root, '.kiro'), { recursive: true, force: true });
    rmSync(join(root, 'spec', '.specpilot'), { recursive: true, force: true });
    const a = await api();
    await vscode.commands.executeCommand('specpilot.refresh');
    await waitFor('the workspace back to one task file', () => (a.analyses().size === 1 ? true : undefined), 20_000);
  });

  const headerLine = (text: string, id: string): number => text.split('\n').findIndex((l) => l.startsWith(`### ${id}:`));

  it('the Testing view lists every task of the demo at its header line, grouped by task file', async () => {
    const a = await api();
    const text = (await vscode.workspace.openTextDocument(tasksFile)).getText();
    const files = a.verify.tests.snapshot();
    assert.deepEqual(files.map((f) => [f.label, f.file]), [['spec/tasks.md', tasksFile.fsPath]]);
    const ids = ['TASK-001', 'TASK-002', 'TASK-003', 'TASK-004', 'TASK-005', 'TASK-006', 'TASK-007', 'TASK-008'];
    assert.deepEqual(
      files[0]!.tasks.map((t) => [t.label.split(':')[0], t.line]),
      ids.map((id) => [id, headerLine(text, id)]),
    );
    assert.equal(files[0]!.tasks[0]!.label, 'TASK-001: Short code generator');
    assert.equal(a.verify.tests.controller.id, 'specpilot');
    assert.equal(a.verify.tests.profile.label, 'Verify');
    assert.equal(a.verify.tests.profile.kind, vscode.TestRunProfileKind.Run);
    assert.equal(a.verify.tests.profile.isDefault, true);
  });

  it('the Verify profile reports a task failed, then passed, each with its evidence; the hover shows it', async () => {
    const a = await api();
    const tests = a.verify.tests;
    const id = tests.itemIdFor(tasksFile, 'TASK-001');
    const item = tests.controller.items.get(tasksFile.toString())!.children.get(id)!;
    const run = async (): Promise<void> => {
      const cts = cancelNever();
      await tests.run(new vscode.TestRunRequest([item]), cts.token);
      cts.dispose();
    };

    // TASK-001 was done before Specpilot: no commit names it, so it fails, saying why.
    await run();
    const failed = tests.outcome(id)!;
    assert.equal(failed.state, 'failed', failed.message);
    const lines = failed.message.split('\n');
    assert.match(lines[0]!, /^TASK-001 not verified at \d{4}-\d\d-\d\dT/);
    assert.ok(lines.includes('✓ checklist: all 3 items checked'), failed.message);
    assert.ok(lines.includes('✓ traces: REQ-001, DESIGN-001 exist'), failed.message);
    assert.ok(lines.some((l) => /^ {4}test: `npm test` exit 0, output sha256 [0-9a-f]{64}, \d+ ms$/.test(l)), failed.message);
    assert.ok(lines.includes('✗ commit: no commit naming TASK-001 on main'), failed.message);
    assert.deepEqual(
      ['checklist', 'traces', 'gates', 'commit'].map((c) => [c, tests.outcome(`${id}/${c}`)?.state]),
      [['checklist', 'passed'], ['traces', 'passed'], ['gates', 'passed'], ['commit', 'failed']],
    );

    // With a commit naming it on main, it passes; its evidence names the commit.
    git(root, 'commit', '-q', '--allow-empty', '-m', 'TASK-001: Short code generator');
    const sha = git(root, 'rev-parse', 'HEAD');
    await run();
    const passed = tests.outcome(id)!;
    assert.equal(passed.state, 'passed', passed.message);
    assert.match(passed.message, /^TASK-001 verified at /);
    assert.ok(passed.message.split('\n').includes(`    commit ${sha} on main: TASK-001: Short code generator`), passed.message);
    const review = tests.outcome(`${id}/review`);
    if (review) assert.notEqual(review.state, 'failed', review.message);

    // The hover on its status line shows the same evidence.
    const doc = await vscode.workspace.openTextDocument(tasksFile);
    const meta = headerLine(doc.getText(), 'TASK-001') + 1;
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', tasksFile, new vscode.Position(meta, 3))) ?? [];
    const text = hoverText(hovers);
    assert.match(text, /\*\*TASK-001 verified at /);
    assert.ok(text.includes(`commit ${sha} on main`), text);
    assert.ok(text.includes('npm test'), text);
    // An unverified task says so, and why.
    const todo = headerLine(doc.getText(), 'TASK-004');
    const hover4 = hoverText((await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', tasksFile, new vscode.Position(todo, 5))) ?? []);
    assert.match(hover4, /TASK-004 not verified\*\*: it is To do; Verify checks finished tasks\./);
  });

  it('a Verify from the CodeLens shows in the Testing view too', async () => {
    const a = await api();
    const id = a.verify.tests.itemIdFor(tasksFile, 'TASK-002');
    assert.equal(a.verify.tests.outcome(id), undefined);
    await vscode.commands.executeCommand('specpilot.verifyTask', tasksFile.fsPath, 'TASK-002');
    const outcome = await waitFor('the mirrored TASK-002 result', () => a.verify.tests.outcome(id));
    assert.equal(outcome.state, 'failed');
    assert.ok(outcome.message.split('\n').includes('✗ commit: no commit naming TASK-002 on main'), outcome.message);
  });

  it('running the whole file verifies done tasks and skips the others', async () => {
    const a = await api();
    const tests = a.verify.tests;
    const cts = cancelNever();
    await tests.run(new vscode.TestRunRequest([tests.controller.items.get(tasksFile.toString())!]), cts.token);
    cts.dispose();
    const state = (tid: string): string | undefined => tests.outcome(tests.itemIdFor(tasksFile, tid))?.state;
    assert.deepEqual(['TASK-001', 'TASK-002', 'TASK-003', 'TASK-004'].map(state), ['passed', 'failed', 'skipped', 'skipped']);
    assert.equal(tests.outcome(tests.itemIdFor(tasksFile, 'TASK-003'))?.message, 'TASK-003 is In progress: Verify checks finished tasks (run the task itself to verify it anyway).');
  });

  it('the audit shows an uncovered requirement, a Kiro orphan task and a task without checklist; not what the parser says', async () => {
    const a = await api();
    const requirements = workspaceUri('spec', 'requirements.md');
    const uncovered = await waitFor('the uncovered REQ-006', () => {
      const d = a.verify.auditDiagnostics(requirements).find((x) => x.code === 'uncovered_requirement');
      return d;
    });
    assert.equal(uncovered.source, 'specpilot audit');
    assert.equal(uncovered.severity, vscode.DiagnosticSeverity.Warning);
    const reqText = (await vscode.workspace.openTextDocument(requirements)).getText();
    assert.equal(uncovered.range.start.line, reqText.split('\n').findIndex((l) => l.startsWith('### REQ-006')));
    assert.match(uncovered.message, /^REQ-006 .*is traced by no task/);
    // The same list VS Code shows in the Problems panel.
    assert.ok(vscode.languages.getDiagnostics(requirements).some((d) => d.source === 'specpilot audit' && d.code === 'uncovered_requirement'));

    // A Kiro spec with an orphan task (no _Requirements:_ line): no parse diagnostic says it, the audit does.
    mkdirSync(kiroDir, { recursive: true });
    writeFileSync(join(kiroDir, 'requirements.md'), '# Requirements Document\n\n## Requirements\n\n### Requirement 1: Login\n\n#### Acceptance Criteria\n\n1. WHEN a user logs in THEN the system SHALL answer.\n');
    writeFileSync(join(kiroDir, 'tasks.md'), '# Implementation Plan\n\n- [ ] 1. Traced\n  - _Requirements: 1.1_\n\n- [ ] 2. Orphan task\n');
    const kiroTasks = vscode.Uri.file(join(kiroDir, 'tasks.md'));
    await vscode.commands.executeCommand('specpilot.refresh');
    const orphan = await waitFor('the Kiro orphan finding', () => a.verify.auditDiagnostics(kiroTasks).find((d) => d.code === 'orphan_task'), 20_000);
    assert.equal(orphan.range.start.line, 5);
    assert.equal(orphan.source, 'specpilot audit');
    assert.match(orphan.message, /^2 traces no requirement; expected a `_Requirements: 1\.2_` line/);
    // The Testing view follows the new task file too.
    assert.deepEqual(a.verify.tests.snapshot().map((f) => f.label).sort(), ['.kiro/specs/orphans/tasks.md', 'spec/tasks.md']);

    // A spec-runner task with neither traces nor checklist: the parser reports the missing traces,
    // the audit only the missing checklist (each problem once in the Problems panel).
    const doc = await vscode.workspace.openTextDocument(tasksFile);
    await vscode.window.showTextDocument(doc);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(tasksFile, new vscode.Position(doc.lineCount, 0), '\n### TASK-009: Orphan\n🟢 P3 | ⬜ TODO | Est: 1h\n\nNo traces and no checklist.\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const line = await waitFor('TASK-009 in the analysis', () => a.analyses().get(tasksFile.fsPath)?.spec.tasks.find((t) => t.id === 'TASK-009')?.line);
    const audit = await waitFor('the audit of TASK-009', () => {
      const here = a.verify.auditDiagnostics(tasksFile).filter((d) => d.range.start.line === line);
      return here.length > 0 ? here : undefined;
    });
    assert.deepEqual(audit.map((d) => d.code), ['no_checklist']);
    const parse = vscode.languages.getDiagnostics(tasksFile).filter((d) => d.source === 'specpilot' && d.range.start.line === line).map((d) => d.code);
    assert.ok(parse.includes('no-traces'), JSON.stringify(parse));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('showReport opens the matrix: requirement -> design -> tasks, verified with evidence, commit', async () => {
    const a = await api();
    await vscode.commands.executeCommand('specpilot.showReport', tasksFile.fsPath);
    const info = await waitFor('the report page', () => {
      const i = a.verify.report(tasksFile.fsPath);
      return i?.webviewReady && i.snapshot ? i : undefined;
    }, 50_000);
    assert.equal(info.visible, true);
    const s = info.snapshot!;
    assert.deepEqual(s.rows.map((r) => [r.requirement?.id ?? null, r.designs.map((d) => d.id), r.tasks.map((t) => t.id)]), [
      ['REQ-001', ['DESIGN-001', 'DESIGN-003', 'DESIGN-002'], ['TASK-001', 'TASK-002', 'TASK-003']],
      ['REQ-002', ['DESIGN-002'], ['TASK-004']],
      ['REQ-003', ['DESIGN-001'], ['TASK-005']],
      ['REQ-004', ['DESIGN-004'], ['TASK-006']],
      ['REQ-005', ['DESIGN-003'], ['TASK-007']],
      ['REQ-006', [], []],
      ['NFR-001', ['DESIGN-004'], ['TASK-008']],
      ['NFR-002', ['DESIGN-003'], ['TASK-002']],
    ]);
    const t1 = s.rows[0]!.tasks[0]!;
    const sha = git(root, 'log', '-1', '--format=%H', '--grep=TASK-001');
    assert.deepEqual([t1.verified, t1.commit, t1.status], [true, sha, 'done']);
    assert.deepEqual(s.rows[0]!.tasks.map((t) => t.verified), [true, false, null]);
    assert.equal(s.totals.verified, 1);
    assert.deepEqual(s.milestones, ['Milestone 1: Core shortener', 'Milestone 2: Insights and hardening']);
    assert.deepEqual(s.rows[0]!.requirement!.at, { file: workspaceUri('spec', 'requirements.md').fsPath, line: 11 });
  });
});
