// Human review in the real VS Code, Supervised mode (the default): a run parks TASK-003 for
// approval; it is rejected with a reason, a per-hunk comment and one reverted hunk; the next
// attempt gets them in its prompt (the fake agent logs its prompts) and parks again; it is
// approved, merges, and Verify shows it verified with its evidence (the review's verdicts included).
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, git, lensesAt, restoreDemo, useFakeAgent, waitFor, workspaceUri } from './helpers';

const BRANCH = 'task/TASK-003-post-links-endpoint';

interface PromptLine { readonly prompt: string }
const prompts = (file: string): string[] =>
  readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as PromptLine).prompt);

describe('review and approve a task in the editor (Supervised)', function () {
  this.timeout(180_000);
  const root = workspaceUri().fsPath;
  const tasksFile = workspaceUri('spec', 'tasks.md');
  let initial = '';
  let scratch = '';
  let promptLog = '';

  before(async () => {
    initial = git(root, 'rev-parse', 'HEAD');
    const a = await api();
    await useFakeAgent();
    assert.equal(await a.runs.setApprovalMode(undefined), 'supervised', 'Supervised is the default');
    scratch = join(root, '..');
    promptLog = join(scratch, 'review-prompts.jsonl');
    rmSync(promptLog, { force: true });
    const script = join(scratch, 'review-flow.json');
    rmSync(`${script}.count`, { force: true });
    writeFileSync(
      script,
      JSON.stringify({
        byPrompt: [{ contains: 'Specpilot review:', steps: [{ say: '- handler validated\n- tests present' }, { marker: 'REVIEW_PASSED' }] }],
        runs: [
          [
            { say: 'Adding the handler.' },
            { write: { path: 'src/links.js', content: "'use strict';\nmodule.exports = { maxBody: 8192 };\n" } },
            { write: { path: 'notes.txt', content: 'scratch notes the person does not want\n' } },
            { marker: 'TASK_COMPLETE' },
          ],
          [
            { say: 'Using a named constant as asked.' },
            { write: { path: 'src/links.js', content: "'use strict';\nconst KIB = 1024;\nmodule.exports = { maxBody: 8 * KIB };\n" } },
            { marker: 'TASK_COMPLETE' },
          ],
        ],
      }),
    );
    process.env['SPECPILOT_FAKE_SCRIPT'] = script;
    process.env['SPECPILOT_FAKE_PROMPT_LOG'] = promptLog;
  });

  after(async () => {
    await restoreDemo(root, initial);
  });

  it('parks TASK-003 for approval after its gates and review pass', async () => {
    const a = await api();
    // Open, as a person's would be: the status writes then go through the editor.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(tasksFile));
    await vscode.commands.executeCommand('specpilot.runTask', tasksFile.fsPath, 'TASK-003');
    // Back on main, untouched: the candidate waits on the task branch.
    assert.equal(git(root, 'branch', '--show-current'), 'main');
    assert.equal(git(root, 'status', '--porcelain'), '');
    // main's task file keeps its status (the demo's TASK-003 was left in progress); the candidate says review.
    assert.match(readFileSync(tasksFile.fsPath, 'utf8'), /### TASK-003: POST \/links endpoint\n🔴 P0 \| 🔄 IN_PROGRESS/);
    assert.match(git(root, 'show', `${BRANCH}:spec/tasks.md`), /### TASK-003: POST \/links endpoint\n🔴 P0 \| 🔍 REVIEW/);
    assert.match(git(root, 'log', '-1', '--format=%s', BRANCH), /^Review candidate TASK-003: POST \/links endpoint$/);
    const doc = await vscode.workspace.openTextDocument(tasksFile);
    const titles = await waitFor('the awaiting-approval lens', async () => {
      const t = await lensesAt(doc, 'TASK-003');
      return t[0] === '$(eye) Awaiting approval:' ? t : undefined;
    }, 20_000);
    assert.deepEqual(titles, ['$(eye) Awaiting approval:', 'Approve', 'Reject', 'Review']);
    await waitFor('the awaiting count in the status bar', () => (a.runs.approvalStatus().awaiting.includes('1 awaiting approval') ? true : undefined), 20_000);
    assert.match(a.runs.approvalStatus().mode, /Supervised/);

    const review = (await a.runs.review('TASK-003'))!;
    assert.equal(review.branch, BRANCH);
    assert.equal(review.baseBranch, 'main');
    assert.deepEqual(review.verdicts.map((v) => [v.role, v.verdict]), [['quality', 'passed'], ['implementation', 'passed'], ['testing', 'passed']]);
    assert.match(review.verdicts[0]!.findings, /handler validated/);
    const files = Object.fromEntries(review.files.map((f) => [f.path, f]));
    assert.deepEqual([files['src/links.js']?.status, files['src/links.js']?.added, files['src/links.js']?.removed], ['added', 2, 0]);
    assert.deepEqual([files['notes.txt']?.status, files['notes.txt']?.hunks.length], ['added', 1]);
    // Specpilot's own status edit of the task file is bookkeeping, not work to review.
    assert.deepEqual(review.files.map((f) => f.path).sort(), ['notes.txt', 'src/links.js']);
  });

  it('Reject with a reason, a hunk comment and a reverted hunk re-runs with them in the prompt, and parks again', async () => {
    const a = await api();
    const review = (await a.runs.review('TASK-003'))!;
    const notes = review.files.find((f) => f.path === 'notes.txt')!;
    const outcome = (await vscode.commands.executeCommand('specpilot.rejectTask', tasksFile.fsPath, 'TASK-003', {
      reason: 'Name the size limit instead of a magic number.',
      comments: [{ path: 'src/links.js', hunk: 0, text: 'Use 8 * KIB here.' }],
      revert: [{ path: 'notes.txt', index: 0, header: notes.hunks[0]!.header }],
    })) as { ok: boolean; message: string };
    assert.equal(outcome.ok, true, outcome.message);

    const implement = prompts(promptLog).filter((p) => !p.includes('Specpilot review:'));
    assert.equal(implement.length, 2, 'a second implement attempt ran');
    const second = implement[1]!;
    assert.match(second, /Name the size limit instead of a magic number\./);
    assert.match(second, /Use 8 \* KIB here\./);
    assert.match(second, /src\/links\.js/);
    assert.match(second, /notes\.txt/);
    assert.match(second, /```text\n/);

    // Parked again, with the reverted hunk gone from the branch and the new work on it.
    assert.equal(git(root, 'branch', '--show-current'), 'main');
    assert.equal(git(root, 'show', `${BRANCH}:src/links.js`), "'use strict';\nconst KIB = 1024;\nmodule.exports = { maxBody: 8 * KIB };");
    assert.throws(() => git(root, 'cat-file', '-e', `${BRANCH}:notes.txt`));
    const again = (await a.runs.review('TASK-003'))!;
    assert.deepEqual(again.files.map((f) => f.path), ['src/links.js']);
    assert.equal(again.attempt, 2);
  });

  it('Approve commits, merges and marks it done; Verify shows it verified with the review in its evidence', async () => {
    const a = await api();
    const outcome = (await vscode.commands.executeCommand('specpilot.approveTask', tasksFile.fsPath, 'TASK-003')) as { ok: boolean; message: string };
    assert.equal(outcome.ok, true, outcome.message);
    assert.equal(git(root, 'branch', '--show-current'), 'main');
    assert.match(git(root, 'log', '-1', '--format=%s'), /^Merge task\/TASK-003-post-links-endpoint: TASK-003 POST \/links endpoint$/);
    assert.match(readFileSync(tasksFile.fsPath, 'utf8'), /### TASK-003: POST \/links endpoint\n🔴 P0 \| ✅ DONE/);
    assert.equal(readFileSync(join(root, 'src', 'links.js'), 'utf8'), "'use strict';\nconst KIB = 1024;\nmodule.exports = { maxBody: 8 * KIB };\n");
    await waitFor('no task awaiting approval', () => (a.runs.approvalStatus().awaiting === '' ? true : undefined), 20_000);
    assert.equal(await a.runs.review('TASK-003'), null);

    type Result = { verified: boolean; checks: { name: string; passed: boolean | null; detail: string; evidence: { verdict: string; commitSha: string | null }[] }[] };
    const v = (await vscode.commands.executeCommand('specpilot.verifyTask', tasksFile.fsPath, 'TASK-003')) as Result;
    assert.equal(v.verified, true, JSON.stringify(v));
    assert.deepEqual(v.checks.map((c) => [c.name, c.passed]), [['checklist', true], ['traces', true], ['gates', true], ['commit', true], ['review', true]]);
    const commit = git(root, 'log', '-1', '--format=%H', '--grep=TASK-003');
    assert.equal(v.checks.find((c) => c.name === 'commit')!.evidence[0]!.commitSha, commit);

    // The status line's hover shows that evidence.
    const doc = await vscode.workspace.openTextDocument(tasksFile);
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('### TASK-003:')) + 1;
    const hover = await waitFor('the evidence hover', async () => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 9))) ?? [];
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
      return text.includes(commit.slice(0, 8)) ? text : undefined;
    }, 20_000);
    assert.match(hover, /review/i);
  });
});
