// Entry point of the integration suite inside the VS Code extension host (the extensionTestsPath
// contract shared by code-server here and @vscode/test-electron): runs every *.test.js beside it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  // No colours: the output travels through the workbench console to the launcher's log parser.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  // SPECPILOT_SUITE_GREP narrows a local run to matching tests (`npm run test:vscode` passes the environment on).
  const grep = process.env['SPECPILOT_SUITE_GREP'];
  if (grep) mocha.grep(grep);
  const files = readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  for (const file of files) mocha.addFile(join(__dirname, file));
  console.log(`[suite] ${files.length} test file(s): ${files.join(', ')}`);
  const failures = await new Promise<number>((resolve) => {
    mocha.run(resolve);
  });
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
