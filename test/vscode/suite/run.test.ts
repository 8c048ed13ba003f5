// Running a task from the editor, in the real VS Code: the CodeLens Run command -> task branch ->
// the (fake) claude CLI edits a file -> the test gate (`npm test` of the demo) -> commit -> merge ->
// tasks.md shows DONE; the run panel, status bar, tree and lenses show it. Then a hanging agent is
// stopped from its CodeLens. The workspace runs in Autopilot here (review.test.ts covers Supervised).
// The demo repository is put back afterwards for the suites after this.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, git, lensesAt, restoreDemo, useFakeAgent, waitFor, workspaceUri } from './helpers';

/** Reviewers get the same script: they pass. */
const REVIEW_PASSES = [{ contains: 'Specpilot review:', steps: [{ say: 'Reviewed: fine.' }, { marker: 'REVIEW_PASSED' }] }];

describe('run a task from the editor', function () {
  this.timeout(120_000);
  const root = workspaceUri().fsPath;
  const tasksFile = workspaceUri('spec', 'tasks.md');
  let initial = '';
  let scratch = '';

  before(async () => {
    initial = git(root, 'rev-parse', 'HEAD');
    await useFakeAgent();
    await (await api()).runs.setApprovalMode('autopilot');
    scratch = join(root, '..');
  });

  after(async () => {
    await (await api()).runs.setApprovalMode(undefined);
    await restoreDemo(root, initial);
  });

  it('shows Run on ready tasks and "Blocked by" on waiting ones', async () => {
    await api();
    const doc = await vscode.workspace.openTextDocument(tasksFile);
    await vscode.window.showTextDocument(doc);
    assert.deepEqual(await lensesAt(doc, 'TASK-003'), ['$(play) Run']);
    assert.deepEqual(await lensesAt(doc, 'TASK-005'), ['Blocked by TASK-003']);
    assert.deepEqual(await lensesAt(doc, 'TASK-001'), ['$(pass) Verify']);
  });

  it('runs TASK-003 end to end from its CodeLens: branch, edit, gate, commit, merge, DONE', async () => {
    const a = await api();
    const script = join(scratch, 'run-ok.json');
    writeFileSync(
      script,
      JSON.stringify({
        byPrompt: REVIEW_PASSES,
        steps: [
          { say: 'Adding the POST /links handler.' },
          { tool: 'Read', input: { file_path: 'src/server.js' }, output: '…' },
          { write: { path: 'src/links.js', content: "'use strict';\nmodule.exports = { maxBody: 8192 };\n" } },
          { cost: { usd: 0.42, input: 5000, output: 800 } },
          { marker: 'TASK_COMPLETE' },
        ],
      }),
    );
    process.env['SPECPILOT_FAKE_SCRIPT'] = script;
    process.env['SPECPILOT_FAKE_PROMPT_LOG'] = join(scratch, 'prompts.jsonl');
    const doc = await vscode.workspace.openTextDocument(tasksFile);
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('### TASK-003:'));
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100)) ?? [];
    const run = lenses.find((l) => l.range.start.line === line && l.command?.title === '$(play) Run')!.command!;
    await vscode.commands.executeCommand(run.command, ...(run.arguments ?? []));

    // tasks.md on disk: TASK-003 done, its checklist ticked; the work merged on main.
    const text = readFileSync(tasksFile.fsPath, 'utf8');
    assert.match(text, /### TASK-003: POST \/links endpoint\n🔴 P0 \| ✅ DONE/);
    assert.doesNotMatch(text.slice(text.indexOf('### TASK-003'), text.indexOf('### TASK-004')), /- \[ \]/);
    assert.equal(git(root, 'branch', '--show-current'), 'main');
    assert.equal(readFileSync(join(root, 'src', 'links.js'), 'utf8'), "'use strict';\nmodule.exports = { maxBody: 8192 };\n");
    assert.match(git(root, 'log', '-1', '--format=%s'), /^Merge task\/TASK-003-post-links-endpoint: TASK-003 POST \/links endpoint$/);
    assert.equal(git(root, 'status', '--porcelain'), '');
    // The prompt the agent got was the task's.
    assert.match(readFileSync(join(scratch, 'prompts.jsonl'), 'utf8'), /# Task TASK-003: POST \/links endpoint/);

    // The run panel holds the streamed output and the outcome.
    const panel = await waitFor('the run panel feed', () => {
      const p = a.runs.panel('TASK-003');
      return p.feed && p.feed.header.status === 'done' ? p : undefined;
    });
    const texts = panel.feed!.items.map((i) => JSON.stringify(i));
    assert.ok(texts.some((t) => t.includes('Adding the POST /links handler.')), texts.join('\n'));
    assert.ok(texts.some((t) => t.includes('Read')), 'the tool call is shown');
    assert.equal(panel.feed!.header.stage, 'done');
    assert.match(a.runs.statusBarText(), /^\$\(pulse\) Specpilot \$0\.42$/);

    // The editor follows: TASK-003 is done (no lens), TASK-004 runs next, the tree shows it done.
    await waitFor('the analysis to see TASK-003 done', () =>
      a.analyses().get(tasksFile.fsPath)?.spec.tasks.find((t) => t.id === 'TASK-003')?.status === 'done' ? true : undefined, 20_000);
    const doc2 = await vscode.workspace.openTextDocument(tasksFile);
    assert.deepEqual(await lensesAt(doc2, 'TASK-003'), ['$(pass) Verify', '$(output) Show log']);
    assert.deepEqual(await lensesAt(doc2, 'TASK-004'), ['$(play) Run']);
    const state = join(root, 'spec', '.specpilot', 'state.db');
    assert.ok(existsSync(state), 'the run state is saved under spec/.specpilot');
    assert.equal(readFileSync(join(root, 'spec', '.specpilot', '.gitignore'), 'utf8').trim(), '*');
  });

  it('Verify on the done task checks checklist, traces, gates and its commit, with evidence', async () => {
    const a = await api();
    type Result = { verified: boolean; checks: { name: string; passed: boolean | null; detail: string; gates?: { command: string; exitCode: number; outputSha256: string }[]; commit?: { sha: string } }[] };
    const ok = (await vscode.commands.executeCommand('specpilot.verifyTask', tasksFile.fsPath, 'TASK-003')) as Result;
    assert.equal(ok.verified, true, JSON.stringify(ok));
    assert.deepEqual(ok.checks.map((c) => [c.name, c.passed]), [['checklist', true], ['traces', true], ['gates', true], ['commit', true], ['review', true]]);
    const gate = ok.checks.find((c) => c.name === 'gates')!.gates![0]!;
    assert.equal(gate.command, 'npm test');
    assert.equal(gate.exitCode, 0);
    assert.match(gate.outputSha256, /^[0-9a-f]{64}$/);
    assert.equal(ok.checks.find((c) => c.name === 'commit')!.commit!.sha, git(root, 'log', '-1', '--format=%H', '--grep=TASK-003'));
    // TASK-001 was done before Specpilot: no commit names it, so it is not verified.
    const no = (await vscode.commands.executeCommand('specpilot.verifyTask', tasksFile.fsPath, 'TASK-001')) as Result;
    assert.equal(no.verified, false);
    assert.match(no.checks.find((c) => c.name === 'commit')!.detail, /^no commit naming TASK-001 on main$/);
    const doc = await vscode.workspace.openTextDocument(tasksFile);
    assert.deepEqual(await lensesAt(doc, 'TASK-003'), ['$(verified-filled) Verified', '$(output) Show log']);
    assert.deepEqual(await lensesAt(doc, 'TASK-001'), ['$(error) Not verified']);
    void a;
  });

  it('shows Running… with Stop while the agent works, and Stop ends it keeping the work on the branch', async () => {
    const a = await api();
    const script = join(scratch, 'run-hang.json');
    writeFileSync(script, JSON.stringify({ byPrompt: REVIEW_PASSES, steps: [{ write: { path: 'wip.txt', content: 'half done\n' } }, { say: 'thinking' }, { hang: true }] }));
    process.env['SPECPILOT_FAKE_SCRIPT'] = script;
    const doc = await vscode.workspace.openTextDocument(tasksFile);
    const running = vscode.commands.executeCommand('specpilot.runTask', tasksFile.fsPath, 'TASK-004');
    const titles = await waitFor('the Running lens', async () => {
      const t = await lensesAt(doc, 'TASK-004');
      return t.some((x) => x.startsWith('$(sync~spin) Running… attempt 1/')) ? t : undefined;
    }, 30_000);
    assert.equal(titles[1], '$(debug-stop) Stop');
    assert.match(a.runs.statusBarText(), /^\$\(sync~spin\) TASK-004 · attempt 1\/\d · \$0\.00/);
    // The agent has started and streams into the panel before Stop is clicked.
    await waitFor('the agent output in the panel', () =>
      a.runs.panel('TASK-004').feed?.items.some((i) => JSON.stringify(i).includes('thinking')) ? true : undefined, 30_000);
    const stop = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100))!.find((l) => l.command?.title === '$(debug-stop) Stop')!.command!;
    await vscode.commands.executeCommand(stop.command, ...(stop.arguments ?? []));
    await running;
    assert.equal(git(root, 'branch', '--show-current'), 'main');
    assert.equal(existsSync(join(root, 'wip.txt')), false);
    assert.equal(git(root, 'show', 'task/TASK-004-redirect-handler:wip.txt'), 'half done');
    assert.deepEqual(await lensesAt(await vscode.workspace.openTextDocument(tasksFile), 'TASK-004'), ['$(debug-restart) Retry', '$(output) Show log']);
  });
});
