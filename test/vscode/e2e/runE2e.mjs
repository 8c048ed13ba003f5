// End-to-end run: opens a git copy of the demo in a real VS Code (code-server) with Specpilot as
// the development extension and uses it as a person would in Chromium, saving screenshots to
// test-results/e2e/. Usage: node test/vscode/e2e/runE2e.mjs [--extension-path <dir>] [--timeout <s>]
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../browser.mjs';
import { demoAgent, ensureCodeServer, repoRoot, startCodeServer } from '../codeServer.mjs';
import { onCleanup, runMain } from '../lifecycle.mjs';
import { copyDemoWorkspace, demoFixture } from '../workspace.mjs';
import {
  activityItem, createStepRunner, editorLine, hoverEditorText, hoverWidget, openViewContainer, quickOpen,
  sideBarRow, waitForWorkbench,
} from './workbench.mjs';

const { values: cli } = parseArgs({
  options: {
    'extension-path': { type: 'string', default: repoRoot },
    timeout: { type: 'string', default: process.env.SPECPILOT_E2E_TIMEOUT ?? '300' },
  },
});
const extensionPath = resolve(cli['extension-path']);
const resultsDir = join(repoRoot, 'test-results', 'e2e');
const state = { server: undefined, page: undefined, passed: false };

// Expectations come from the fixture itself so that editing the demo cannot silently drift.
const requirementTitle = (id) => {
  const match = readFileSync(join(demoFixture, 'spec', 'requirements.md'), 'utf8').match(new RegExp(`^#+ ${id}: (.+)$`, 'm'));
  if (!match?.[1]) throw new Error(`${id} has no title in the demo's requirements.md`);
  return match[1].trim();
};

async function main() {
  if (!existsSync(join(extensionPath, 'dist', 'extension.js'))) {
    console.error(`[e2e] missing ${join(extensionPath, 'dist', 'extension.js')}: run \`npm run test:e2e\` (it builds first)`);
    return 1;
  }
  ensureCodeServer();
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const workspace = copyDemoWorkspace('specpilot-e2e-');
  onCleanup(async () => {
    if (state.passed) rmSync(dirname(workspace), { recursive: true, force: true });
    else console.error(`[e2e] workspace copy kept: ${workspace}`);
  });
  const server = await startCodeServer({
    workspace,
    logFile: join(workspace, '..', 'code-server.log'),
    trust: false,
    extensionDevelopmentPath: extensionPath,
    settings: { 'specpilot.agent.command': demoAgent },
  });
  state.server = server;
  onCleanup(() => server.stop());
  const { page } = await launchBrowser({ width: 1400, height: 900 });
  state.page = page;
  const shot = async (name) => {
    await page.screenshot({ path: join(resultsDir, name) });
    console.log(`      screenshot: ${join(resultsDir, name)}`);
  };

  const runner = createStepRunner({ onFail: () => page.screenshot({ path: join(resultsDir, 'failed-step.png') }) });
  console.log(`\n  e2e: Specpilot in VS Code (${server.url}, workspace ${workspace})`);
  runner.start();
  await runner.step('the workbench loads the demo workspace', async () => {
    await page.goto(server.workbenchUrl());
    await waitForWorkbench(page);
    await page.locator('.part.sidebar .monaco-list-row', { hasText: 'spec' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  });
  await runner.step('the Specpilot extension is loaded from this repository', async () => {
    const escaped = extensionPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await server.waitForLog(new RegExp(`Loading development extension at ${escaped}`), 60_000);
  });
  await runner.step('the activity bar shows a "Specpilot" view container', async () => {
    await activityItem(page, 'Specpilot').waitFor({ state: 'visible', timeout: 30_000 }).catch(() => {
      throw new Error('no activity-bar entry labelled "Specpilot" within 30 s: package.json must contribute '
        + 'viewsContainers.activitybar { id: "specpilot", title: "Specpilot" } and the extension must load');
    });
  });
  await runner.step('clicking it shows the Tasks tree with the demo tasks', async () => {
    await openViewContainer(page, 'Specpilot');
    await sideBarRow(page, 'TASK-001').waitFor({ state: 'visible', timeout: 30_000 });
    for (const id of ['TASK-002', 'TASK-003']) assert.equal(await sideBarRow(page, id).isVisible(), true, `${id} row is visible`);
    // Move away and let the activity bar's tooltip fade, or it covers the tree in the screenshot.
    await page.mouse.move(900, 500);
    await page.locator('.workbench-hover-container, .monaco-hover:visible').first().waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => undefined);
    await page.waitForTimeout(300);
    await shot('tree.png');
  });
  await runner.step('Ctrl+P opens spec/tasks.md in an editor', async () => {
    await quickOpen(page, 'tasks.md', '### TASK-001');
    await editorLine(page, 'REQ-001').waitFor({ state: 'visible', timeout: 10_000 });
  });
  const title = requirementTitle('REQ-001');
  await runner.step(`hovering REQ-001 shows the requirement ("${title}")`, async () => {
    // Lenses and test decorations arrive after the text and move its lines: a hover aimed before
    // they settled lands beside the word, so it is aimed again (at most 3 times).
    for (let i = 0; ; i++) {
      await hoverEditorText(page, 'REQ-001');
      const shown = await hoverWidget(page, title).waitFor({ state: 'visible', timeout: 6_000 }).then(() => true, () => false);
      if (shown) break;
      if (i === 2) throw new Error(`no hover with "${title}" after 3 tries`);
      await page.mouse.move(900, 850);
      await page.waitForTimeout(500);
    }
    await shot('hover.png');
  });
  await runner.step('right-click TASK-003 > Show Task Details opens the details panel', async () => {
    await page.keyboard.press('Escape');
    await page.mouse.move(700, 600);
    await page.locator('.monaco-list-row', { hasText: 'TASK-003 POST /links endpoint' }).first().click({ button: 'right' });
    await page.locator('.context-view .action-label', { hasText: 'Show Task Details' }).first().click();
    // A click that lands while the menu is still being laid out is dropped; the item is then focused.
    if (await page.locator('.context-view .action-label', { hasText: 'Show Task Details' }).first().isVisible().catch(() => false)) {
      await page.waitForTimeout(500);
      if (await page.locator('.context-view .action-label', { hasText: 'Show Task Details' }).first().isVisible().catch(() => false)) await page.keyboard.press('Enter');
    }
    const panel = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    await panel.locator('text=Link store with atomic snapshots').first().waitFor({ state: 'visible', timeout: 20_000 });
    await panel.locator('text=Shorten a URL').first().waitFor({ state: 'visible', timeout: 10_000 });
    await page.mouse.move(1300, 850);
    await page.waitForTimeout(500);
    await shot('task-details.png');
  });

  await runner.step('clicking Run in the CodeLens above TASK-003 streams the demo agent into the run panel', async () => {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.type('View: Close All Editors');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Close All Editors' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('Enter');
    await quickOpen(page, 'tasks.md', '### TASK-001');
    await page.keyboard.press('Control+G');
    await page.keyboard.type('37');
    await page.keyboard.press('Enter');
    const header = editorLine(page, '### TASK-003');
    await header.waitFor({ state: 'visible', timeout: 10_000 });
    // The lens of TASK-003 is the "Run" link drawn just above its header line.
    const headerBox = await header.boundingBox();
    const lenses = page.locator('.part.editor .monaco-editor .codelens-decoration a', { hasText: 'Run' });
    await lenses.first().waitFor({ state: 'visible', timeout: 30_000 });
    let target = null;
    for (const lens of await lenses.all()) {
      const box = await lens.boundingBox();
      if (box && headerBox && box.y < headerBox.y && headerBox.y - box.y < 40) target = lens;
    }
    assert.ok(target, 'a Run lens right above the TASK-003 header');
    await target.click();
    const run = page.frameLocator('iframe.webview').last().frameLocator('iframe#active-frame');
    await run.locator('.run-line', { hasText: 'Demo agent' }).first().waitFor({ state: 'visible', timeout: 60_000 });
    await run.locator('.run-line', { hasText: 'Read spec/tasks.md' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    // Mid-run (the demo agent takes a few seconds more to implement): the stream as it arrives.
    await shot('run-streaming.png');
    assert.match(await run.locator('#run-stage [aria-current="step"]').first().textContent({ timeout: 10_000 }), /Implement|Gates|Review|Approval/);
  });
  const runPanel = () => page.frameLocator('iframe.webview').last().frameLocator('iframe#active-frame');
  const branch = 'task/TASK-003-post-links-endpoint';
  const git = (...args) => spawnSync('git', args, { cwd: workspace, encoding: 'utf8' }).stdout.trim();
  const candidates = () => git('log', '--format=%s', branch).split('\n').filter((s) => s.startsWith('Review candidate TASK-003')).length;
  const until = async (what, fn, ms = 90_000) => {
    const end = Date.now() + ms;
    while (!(await fn())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await page.waitForTimeout(250);
    }
  };
  await runner.step('Supervised: after its gate and three AI reviewers pass, TASK-003 parks; the Review tab shows verdicts and the diff', async () => {
    const run = runPanel();
    await run.locator('#run-tab-review').waitFor({ state: 'visible', timeout: 120_000 });
    await run.locator('#run-tab-review').click();
    await run.locator('#review-verdicts li[data-role]').nth(2).waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await run.locator('#review-verdicts li[data-role]').count(), 3, 'quality, implementation and testing reviewed it');
    await run.locator('#review-diffs article[data-path="docs/demo-runs/TASK-003.md"]').waitFor({ state: 'visible', timeout: 20_000 });
    await run.locator('#review-diffs [data-hunk]').first().waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(candidates(), 1, 'the candidate is committed on the task branch');
    assert.equal(git('branch', '--show-current'), 'main', 'main is checked out again while the task waits');
    await page.locator('.part.statusbar', { hasText: '1 awaiting approval' }).waitFor({ state: 'visible', timeout: 20_000 });
    // The rendered lens, not just the provider: VS Code drops a lens refresh when the editor loses
    // focus to the run panel, and the lens once kept saying "Running… review" here.
    await page.locator('.part.editor .monaco-editor .codelens-decoration', { hasText: 'Awaiting approval' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await page.mouse.move(700, 880);
    await page.waitForTimeout(400);
    await shot('review.png');
    await run.locator('#review-diffs article[data-path="docs/demo-runs/TASK-003.md"]').scrollIntoViewIfNeeded();
    await page.waitForTimeout(400);
    await shot('review-diff.png');
  });
  await runner.step('Open diff opens VS Code\'s native diff editor: base revision against the task branch', async () => {
    await runPanel().locator('.review-actions [data-action="open-diff"]').click();
    await page.locator('.part.editor .monaco-diff-editor').first().waitFor({ state: 'visible', timeout: 20_000 });
    await page.locator('.part.editor .monaco-diff-editor .line-insert').first().waitFor({ state: 'visible', timeout: 20_000 });
    await page.waitForTimeout(500);
    await shot('open-diff.png');
    // Back to the run panel's editor tab.
    await page.locator('.part.editor .tab', { hasText: 'TASK-003' }).first().click();
    await runPanel().locator('#run-tab-review').waitFor({ state: 'visible', timeout: 20_000 });
  });
  await runner.step('Reject with a reason and a hunk comment (kept while the panel is hidden): attempt 2 gets both in its prompt and parks again', async () => {
    const run = runPanel();
    await run.locator('#run-tab-review').click();
    const hunk = run.locator('#review-diffs [data-hunk]').first();
    await hunk.locator('[data-action="comment-hunk"]').click();
    await hunk.locator('textarea[data-field="hunk-comment"]').fill('Say which attempt wrote this line.');
    await run.locator('.review-actions [data-action="reject"]').click();
    await run.locator('#review-reason').fill('Record the attempt number in the run note.');
    // One file's diff takes the panel's place in its group, so VS Code tears the page down; back on
    // the panel, the comment and the reason are still there (the page's saved draft).
    await run.locator('#review-diffs article [data-action="open-diff"]').first().click();
    await page.locator('.part.editor .monaco-diff-editor').first().waitFor({ state: 'visible', timeout: 20_000 });
    await page.locator('.part.editor .tab', { hasText: '· Run' }).first().click();
    await run.locator('#run-tab-review').click();
    const comment = run.locator('#review-diffs [data-hunk]').first().locator('textarea[data-field="hunk-comment"]');
    await comment.waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await comment.inputValue(), 'Say which attempt wrote this line.');
    await run.locator('.review-actions [data-action="reject"]').click();
    assert.equal(await run.locator('#review-reason').inputValue(), 'Record the attempt number in the run note.');
    await page.waitForTimeout(300);
    await shot('reject.png');
    await run.locator('[data-action="send-reject"]').click();
    // Attempt 2 runs and parks again (its candidate commit only when it changed something).
    await runPanel().locator('#run-attempt', { hasText: /Attempt 2\// }).waitFor({ state: 'visible', timeout: 60_000 });
    await runPanel().locator('#run-status', { hasText: /Waiting for approval/i }).waitFor({ state: 'visible', timeout: 150_000 });
    const prompt = readFileSync(join(workspace, 'spec', '.specpilot', 'logs', 'TASK-003', 'attempt-2.prompt.md'), 'utf8');
    assert.match(prompt, /Record the attempt number in the run note\./);
    assert.match(prompt, /Say which attempt wrote this line\./);
    await runPanel().locator('#run-tab-review').waitFor({ state: 'visible', timeout: 30_000 });
    await runPanel().locator('#run-tab-review').click();
    await runPanel().locator('.review-actions [data-action="approve"]').waitFor({ state: 'visible', timeout: 30_000 });
    await runPanel().locator('.review-summary, #review-status').first().waitFor({ state: 'attached', timeout: 5_000 }).catch(() => undefined);
  });
  await runner.step('Approve: committed, merged, and tasks.md shows TASK-003 DONE', async () => {
    await runPanel().locator('#run-tab-review').click();
    await runPanel().locator('.review-actions [data-action="approve"]').click();
    const tasksMd = join(workspace, 'spec', 'tasks.md');
    await until('tasks.md to show TASK-003 DONE', () => /### TASK-003: POST \/links endpoint\n🔴 P0 \| ✅ DONE/.test(readFileSync(tasksMd, 'utf8')));
    const run = runPanel();
    await run.locator('#run-status', { hasText: /done/i }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.ok(existsSync(join(workspace, 'docs', 'demo-runs', 'TASK-003.md')), "the demo agent's file is merged on main");
    assert.match(git('log', '-1', '--format=%s'), /^Merge task\/TASK-003-post-links-endpoint: TASK-003 POST \/links endpoint$/);
    // The editor follows: the lens above TASK-003 offers Verify (no longer Running or Awaiting approval).
    const lens = page.locator('.part.editor .monaco-editor .codelens-decoration', { hasText: 'Show log' });
    await lens.first().waitFor({ state: 'visible', timeout: 20_000 });
    await page.mouse.move(700, 880);
    await page.waitForTimeout(500);
    await shot('run-done.png');
  });

  // A second VS Code on a fresh copy with Workspace Trust on, answered "No": Restricted Mode.
  await server.stop();
  const restricted = copyDemoWorkspace('specpilot-e2e-restricted-');
  onCleanup(async () => {
    if (state.passed) rmSync(dirname(restricted), { recursive: true, force: true });
  });
  const server2 = await startCodeServer({
    workspace: restricted,
    logFile: join(restricted, '..', 'code-server.log'),
    trust: true,
    extensionDevelopmentPath: extensionPath,
    settings: { 'specpilot.agent.command': demoAgent },
  });
  state.server = server2;
  onCleanup(() => server2.stop());
  await runner.step('in Restricted Mode the Run lens explains why and starts nothing', async () => {
    await page.goto(server2.workbenchUrl());
    await waitForWorkbench(page);
    const no = page.locator('.monaco-dialog-box .monaco-button', { hasText: /No, I don.t trust the authors/ });
    await no.waitFor({ state: 'visible', timeout: 30_000 });
    await no.click();
    await quickOpen(page, 'tasks.md', '### TASK-001');
    await page.keyboard.press('Control+G');
    await page.keyboard.type('37');
    await page.keyboard.press('Enter');
    const lens = page.locator('.part.editor .monaco-editor .codelens-decoration a', { hasText: 'Run (Restricted Mode)' }).first();
    await lens.waitFor({ state: 'visible', timeout: 30_000 });
    await lens.click();
    await page.locator('.notification-toast', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('.notification-toast .monaco-button', { hasText: 'Manage Workspace Trust' }).first().waitFor({ state: 'visible', timeout: 5_000 });
    await page.waitForTimeout(1500);
    const branches = spawnSync('git', ['branch', '--list', 'task/*'], { cwd: restricted, encoding: 'utf8' }).stdout.trim();
    assert.equal(branches, '', 'no task branch: nothing ran');
    assert.equal(existsSync(join(restricted, 'spec', '.specpilot', 'state.db')), false, 'no run state: nothing ran');
    await shot('restricted.png');
  });

  const { failed } = runner.summary();
  state.passed = failed === 0;
  return failed === 0 ? 0 : 1;
}

async function saveFailureEvidence() {
  mkdirSync(resultsDir, { recursive: true });
  if (state.page) {
    const file = join(resultsDir, 'failure.png');
    await state.page.screenshot({ path: file, timeout: 10_000 }).then(() => console.error(`[e2e] failure screenshot: ${file}`), () => undefined);
  }
  if (state.server) console.error(`[e2e] code-server log saved to ${state.server.saveLog(join(resultsDir, 'code-server.log'))}`);
}

const timeoutSeconds = Number(cli.timeout);
runMain(main, { name: 'e2e', timeoutMs: (Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? timeoutSeconds : 300) * 1000, onFailure: saveFailureEvidence });
