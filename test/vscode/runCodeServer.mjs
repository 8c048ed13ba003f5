// Runs the integration suite (out/test/vscode/suite/index.js) inside a real VS Code 1.100.3
// extension host: code-server on a git copy of the demo workspace, driven by headless Chromium.
// Usage: node test/vscode/runCodeServer.mjs [--extension-path <dir>] [--tests-path <index.js>]
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { format, parseArgs } from 'node:util';
import { launchBrowser } from './browser.mjs';
import { ensureCodeServer, repoRoot, startCodeServer } from './codeServer.mjs';
import { onCleanup, runMain } from './lifecycle.mjs';
import { copyDemoWorkspace } from './workspace.mjs';

const { values: cli } = parseArgs({
  options: {
    'extension-path': { type: 'string', default: repoRoot },
    'tests-path': { type: 'string', default: join(repoRoot, 'out', 'test', 'vscode', 'suite', 'index.js') },
    timeout: { type: 'string', default: process.env.SPECPILOT_VSCODE_TIMEOUT ?? '300' },
  },
});
const extensionPath = resolve(cli['extension-path']);
const testsPath = resolve(cli['tests-path']);
const resultsDir = join(repoRoot, 'test-results', 'vscode');
const state = { server: undefined, page: undefined, pageErrors: [], passed: false };

// Known, harmless workbench noise: there is no extension marketplace on these machines.
const NOISE = /ENOTFOUND open-vsx\.org/;

/** The console line the extension host printed: mocha passes printf-style arguments. */
function formatLine(args) {
  return format(...(Array.isArray(args) ? args : [args]));
}

async function main() {
  const started = Date.now();
  const problems = [
    [join(extensionPath, 'package.json'), 'the extension manifest'],
    [join(extensionPath, 'dist', 'extension.js'), 'the extension bundle (npm run build)'],
    [testsPath, 'the compiled suite (node scripts/build-tests.mjs)'],
  ].filter(([file]) => !existsSync(file));
  if (problems.length > 0) {
    for (const [file, what] of problems) console.error(`[vscode] missing ${what}: ${file}`);
    return 1;
  }
  ensureCodeServer();
  rmSync(resultsDir, { recursive: true, force: true });
  const workspace = copyDemoWorkspace('specpilot-vscode-');
  console.log(`[vscode] workspace copy: ${workspace}`);
  // Kept after a failure for inspection; removed after the server stopped when all passed.
  onCleanup(async () => {
    if (state.passed) rmSync(dirname(workspace), { recursive: true, force: true });
    else console.error(`[vscode] workspace copy kept: ${workspace}`);
  });
  const server = await startCodeServer({
    workspace,
    logFile: join(workspace, '..', 'code-server.log'),
    trust: false,
    extensionDevelopmentPath: extensionPath,
    extensionTestsPath: testsPath,
    env: { SPECPILOT_TEST_WORKSPACE: workspace },
  });
  state.server = server;
  onCleanup(() => server.stop());
  console.log(`[vscode] code-server ${server.url} (pid ${server.pid}) up after ${Date.now() - started} ms`);

  const { page } = await launchBrowser();
  state.page = page;
  let finish;
  const exitCode = new Promise((resolveExit) => {
    finish = resolveExit;
  });
  // The workbench forwards the extension host's console (our mocha reporter) through this.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const line = formatLine(args);
    if (NOISE.test(line)) return;
    if (type === 'error') console.error(line);
    else console.log(line);
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));
  page.on('pageerror', (error) => state.pageErrors.push(error.stack ?? error.message));
  await page.goto(server.workbenchUrl());
  await server.waitForLog(/Loading development extension at/, 120_000).catch((error) => {
    console.error(`[vscode] ${error.message}: the development extension may not be loaded`);
  });
  const code = await exitCode;
  console.log(`[vscode] suite exited with code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  state.passed = code === 0;
  return code;
}

async function saveFailureEvidence() {
  mkdirSync(resultsDir, { recursive: true });
  if (state.server) console.error(`[vscode] code-server log saved to ${state.server.saveLog(join(resultsDir, 'code-server.log'))}`);
  if (state.pageErrors.length > 0) writeFileSync(join(resultsDir, 'page-errors.txt'), state.pageErrors.join('\n\n'));
  if (state.page) {
    const shot = join(resultsDir, 'failure.png');
    await state.page.screenshot({ path: shot, timeout: 10_000 }).then(() => console.error(`[vscode] screenshot: ${shot}`), () => undefined);
  }
}

const timeoutSeconds = Number(cli.timeout);
runMain(main, { name: 'vscode', timeoutMs: (Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? timeoutSeconds : 300) * 1000, onFailure: saveFailureEvidence });
