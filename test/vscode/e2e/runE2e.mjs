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

  const runner = createStepRunner();
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
    await hoverEditorText(page, 'REQ-001');
    await hoverWidget(page, title).waitFor({ state: 'visible', timeout: 15_000 });
    await shot('hover.png');
  });
  await runner.step('right-click TASK-003 > Show Task Details opens the details panel', async () => {
    await page.keyboard.press('Escape');
    await page.mouse.move(700, 600);
    await page.locator('.monaco-list-row', { hasText: 'TASK-003 POST /links endpoint' }).first().click({ button: 'right' });
    await page.locator('.context-view .action-label', { hasText: 'Show Task Details' }).first().click();
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
    // Mid-run: the stepper is on Implement and Stop is live.
    await run.locator('#run-stage [aria-current="step"]', { hasText: 'Implement' }).waitFor({ state: 'visible', timeout: 10_000 });
    await shot('run-streaming.png');
  });
  await runner.step('the run ends done: gate passed, merged, and tasks.md shows TASK-003 DONE', async () => {
    const run = page.frameLocator('iframe.webview').last().frameLocator('iframe#active-frame');
    await run.locator('#run-status', { hasText: /done/i }).waitFor({ state: 'visible', timeout: 90_000 });
    await run.locator('#run-gates', { hasText: 'test' }).waitFor({ state: 'visible', timeout: 10_000 });
    const tasksMd = join(workspace, 'spec', 'tasks.md');
    const until = Date.now() + 30_000;
    while (!/### TASK-003: POST \/links endpoint\n🔴 P0 \| ✅ DONE/.test(readFileSync(tasksMd, 'utf8'))) {
      if (Date.now() > until) throw new Error('tasks.md does not show TASK-003 DONE');
      await page.waitForTimeout(200);
    }
    assert.ok(existsSync(join(workspace, 'docs', 'demo-runs', 'TASK-003.md')), "the demo agent's file is merged on main");
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
