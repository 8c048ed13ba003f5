// Desktop launcher of the same integration suite with @vscode/test-electron, for machines that can
// download VS Code (developer laptops, GitHub-hosted CI; on headless Linux run it under xvfb-run).
// Not part of `npm test`: these machines reach only npm and Debian, so use test:vscode here.
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './codeServer.mjs';
import { copyDemoWorkspace } from './workspace.mjs';

const VSCODE_VERSION = process.env.SPECPILOT_VSCODE_VERSION ?? '1.100.3';
const extensionTestsPath = join(repoRoot, 'out', 'test', 'vscode', 'suite', 'index.js');

async function main() {
  for (const file of [join(repoRoot, 'dist', 'extension.js'), extensionTestsPath]) {
    if (!existsSync(file)) {
      console.error(`[electron] missing ${file}: run \`npm run test:electron\` (it builds first)`);
      return 1;
    }
  }
  const workspace = copyDemoWorkspace('specpilot-electron-');
  console.log(`[electron] VS Code ${VSCODE_VERSION}, workspace copy: ${workspace}`);
  try {
    await runTests({
      version: VSCODE_VERSION,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      extensionTestsEnv: { SPECPILOT_TEST_WORKSPACE: workspace },
      launchArgs: [workspace, '--disable-workspace-trust', '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
      timeout: 30_000,
    });
    rmSync(dirname(workspace), { recursive: true, force: true });
    return 0;
  } catch (error) {
    rmSync(dirname(workspace), { recursive: true, force: true });
    const message = error instanceof Error ? error.message : String(error);
    // runTests rejects with "Test run failed with code N" when the suite ran and failed.
    if (/Test run failed/.test(message)) {
      console.error(`[electron] ${message}`);
      return 1;
    }
    console.error(`[electron] could not download or start VS Code ${VSCODE_VERSION}: ${message}`);
    console.error('[electron] this machine cannot reach update.code.visualstudio.com; run `npm run test:vscode` (code-server) instead.');
    return 2;
  }
}

process.exit(await main());
