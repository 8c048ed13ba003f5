// `npm start`: installs what is missing, builds, and serves a real VS Code (code-server) on
// 127.0.0.1 with Specpilot loaded and a fresh git copy of the demo workspace, until Ctrl+C.
// Workspace Trust stays on (the real first-open prompt); `npm start -- --trusted` skips it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { demoAgent, ensureCodeServer, startCodeServer } from '../test/vscode/codeServer.mjs';
import { copyDemoWorkspace } from '../test/vscode/workspace.mjs';
import { ensureNodeModules, repoRoot, runCommand } from './setup.mjs';

const { values: cli } = parseArgs({ options: { trusted: { type: 'boolean', default: false } } });

async function main() {
  ensureNodeModules();
  ensureCodeServer();
  const build = await runCommand(process.execPath, [join(repoRoot, 'scripts', 'build.mjs')]);
  if (build.code !== 0) {
    console.error('[start] the build failed (see above)');
    return 1;
  }
  const workspace = copyDemoWorkspace('specpilot-start-');
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    console.error(`[start] PORT=${process.env.PORT} is not a TCP port`);
    return 1;
  }
  const server = await startCodeServer({
    workspace,
    logFile: join(workspace, '..', 'code-server.log'),
    ...(port === undefined ? {} : { port }),
    trust: !cli.trusted,
    extensionDevelopmentPath: repoRoot,
    // The offline demo agent, so Run works with no account; a real CLI is one setting away.
    settings: { 'specpilot.agent.command': demoAgent },
  });
  const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version;
  const url = server.workbenchUrl();
  const rule = '━'.repeat(72);
  console.log(`\n${rule}`);
  console.log(`  Specpilot ${version} in VS Code 1.100.3 (code-server), demo workspace: linkshort`);
  console.log('');
  console.log(`  Open:  ${url}`);
  console.log('');
  console.log(`  Workspace copy (a git repo): ${workspace}`);
  console.log(`  code-server log:             ${server.logFile}`);
  console.log(cli.trusted
    ? '  Workspace Trust is off for this session (--trusted).'
    : '  VS Code asks whether you trust the folder, as on a real first open: choose\n'
      + '  "Yes, I trust the authors" for agent runs, or stay in Restricted Mode to see it.');
  console.log('  Agent: the DEMO agent (offline, scripted, free): click "Run" above a ready task');
  console.log('  in spec/tasks.md. For a real agent set Settings > Specpilot > Agent: Command');
  console.log('  (e.g. `claude` on your PATH; `specpilot doctor` checks it).');
  console.log('  The extension is loaded as a development extension: after `npm run build`,');
  console.log('  run "Developer: Reload Window" in the browser to pick up the new bundle.');
  console.log('  Press Ctrl+C to stop.');
  console.log(`${rule}\n`);

  const stopped = new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => resolve(0));
  });
  let stopping = false;
  const exited = server.whenExited.then((how) => {
    if (stopping) return 0;
    console.error(`[start] code-server exited on its own (${how}); log: ${server.logFile}`);
    return 1;
  });
  const code = await Promise.race([stopped, exited]);
  stopping = true;
  console.log('\n[start] stopping code-server ...');
  await server.stop();
  console.log(`[start] stopped. The workspace copy stays at ${workspace}`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
