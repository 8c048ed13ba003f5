// Installs and starts code-server 4.100.3 (a complete VS Code 1.100.3 from npm) because machines
// here cannot download VS Code for @vscode/test-electron; steps and flags follow
// /work/shared/docs/real-vscode-harness.md. Used by the integration suite, the e2e run and `npm start`.
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = join(repoRoot, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
const packageDir = join(cacheDir, 'node_modules', 'code-server');
const vscodeDir = join(packageDir, 'lib', 'vscode');
export const entryJs = join(packageDir, 'out', 'node', 'entry.js');
const markerFile = join(cacheDir, '.installed.json');
const installLog = join(cacheDir, 'install.log');

/** Debian packages the harness needs: native build deps, ripgrep for search, the browser, emoji glyphs. */
export const APT_PACKAGES = [
  'build-essential', 'python3', 'git', 'pkg-config', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev',
  'libsecret-1-dev', 'ripgrep', 'chromium', 'fonts-noto-color-emoji',
];

// Native modules that must exist after the manual rebuilds (each entry: any one of these files);
// npm's exit codes are not trusted (node-pty's post-install step fails after the module is built).
const vscodeModules = join(vscodeDir, 'node_modules');
const NATIVE_MODULES = [
  [join(vscodeModules, 'node-pty', 'build', 'Release', 'pty.node')],
  [join(vscodeModules, '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node')],
  [join(vscodeModules, 'native-watchdog', 'build', 'Release', 'watchdog.node')],
  [join(vscodeModules, 'kerberos', 'build', 'Release', 'kerberos.node')],
  // @parcel/watcher ships prebuilt per-platform packages; a rebuild only happens without them.
  [
    join(vscodeModules, '@parcel', `watcher-linux-${process.arch}-glibc`, 'watcher.node'),
    join(vscodeModules, '@parcel', 'watcher', 'build', 'Release', 'watcher.node'),
  ],
  [join(cacheDir, 'node_modules', 'argon2', 'lib', 'binding', 'napi-v3', 'argon2.node')],
  [entryJs],
];

const log = (message) => console.log(`[code-server] ${message}`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Names of APT_PACKAGES that dpkg does not report as installed ([] where dpkg is absent). */
export function missingAptPackages(packages = APT_PACKAGES) {
  const probe = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\\n', ...packages], { encoding: 'utf8' });
  if (probe.error) return [];
  const installed = new Set(
    probe.stdout.split('\n').filter((line) => line.endsWith(' installed') && line.includes('install ok')).map((line) => line.split(' ')[0]),
  );
  return packages.filter((name) => !installed.has(name));
}

/** Installs missing Debian packages when running as root; otherwise says what to install. */
export function ensureAptPackages() {
  const missing = missingAptPackages();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages (run as root): apt-get install -y ${missing.join(' ')}`);
  }
  const started = Date.now();
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  runOrThrow('apt-get', ['update'], { env, stdio: 'inherit' });
  runOrThrow('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, stdio: 'inherit' });
  log(`apt packages installed in ${seconds(Date.now() - started)}`);
}

function runOrThrow(command, args, options) {
  const result = spawnSync(command, args, options);
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Installs code-server into .vscode-test/code-server-<version>/ once; later calls return at once.
 * Each step leaves a marker so an interrupted install resumes where it stopped.
 * @returns {string} the path of code-server's entry.js
 */
export function ensureCodeServer() {
  if (existsSync(markerFile) && existsSync(entryJs)) return entryJs;
  ensureAptPackages();
  const started = Date.now();
  mkdirSync(join(cacheDir, '.steps'), { recursive: true });
  log(`installing code-server@${CODE_SERVER_VERSION} into ${cacheDir} (about 1-2 min; log: ${installLog})`);
  const env = { ...process.env, npm_config_unsafe_perm: 'true', npm_config_yes: 'true', npm_config_update_notifier: 'false' };
  // node-gyp would download Node's headers from nodejs.org (unreachable here): use the local ones.
  const nodePrefix = join(dirname(process.execPath), '..');
  if (!env.npm_config_nodedir && existsSync(join(nodePrefix, 'include', 'node', 'node.h'))) env.npm_config_nodedir = nodePrefix;
  const npmQuiet = ['--no-audit', '--no-fund', '--ignore-scripts'];
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim() || '/usr/bin/rg';

  const steps = [
    // code-server's own postinstall downloads ripgrep from GitHub: scripts off, its steps by hand.
    { name: 'npm install code-server', cwd: cacheDir, cmd: 'npm', args: ['install', '--prefix', cacheDir, ...npmQuiet, `code-server@${CODE_SERVER_VERSION}`] },
    { name: 'npm install lib/vscode', cwd: vscodeDir, cmd: 'npm', args: ['install', '--omit=dev', ...npmQuiet] },
    { name: 'link ripgrep', cwd: vscodeDir, cmd: 'sh', args: ['-c', `mkdir -p node_modules/@vscode/ripgrep/bin && ln -sf '${rg}' node_modules/@vscode/ripgrep/bin/rg`] },
    { name: 'rebuild native modules', cwd: vscodeDir, cmd: 'npm', args: ['rebuild', 'kerberos', '@parcel/watcher', '@vscode/deviceid', '@vscode/spdlog', 'native-watchdog', 'node-pty'], mayFail: true },
    { name: 'link node_modules.asar', cwd: vscodeDir, cmd: 'ln', args: ['-sfn', 'node_modules', 'node_modules.asar'] },
    { name: 'npm install lib/vscode/extensions', cwd: join(vscodeDir, 'extensions'), cmd: 'npm', args: ['install', '--omit=dev', ...npmQuiet] },
    // Without it start-up fails with "Cannot find module .../argon2.node".
    { name: 'rebuild argon2', cwd: cacheDir, cmd: 'npm', args: ['rebuild', 'argon2'] },
  ];
  for (const [index, step] of steps.entries()) {
    const stepMarker = join(cacheDir, '.steps', `${index}.done`);
    if (existsSync(stepMarker)) continue;
    const stepStarted = Date.now();
    process.stdout.write(`[code-server] ${index + 1}/${steps.length} ${step.name} ... `);
    const fd = openSync(installLog, 'a');
    writeFileSync(fd, `\n### ${step.name}: ${step.cmd} ${step.args.join(' ')} (cwd ${step.cwd})\n`);
    const result = spawnSync(step.cmd, step.args, { cwd: step.cwd, env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    const failed = result.error !== undefined || (result.status !== 0 && !step.mayFail);
    console.log(`${failed ? 'FAILED' : 'ok'} (${seconds(Date.now() - stepStarted)}${result.status !== 0 && !failed ? `, exit ${result.status} tolerated` : ''})`);
    if (failed) {
      throw new Error(`code-server install step "${step.name}" failed (${result.error?.message ?? `exit ${result.status}`}); last lines of ${installLog}:\n${tail(installLog)}`);
    }
    writeFileSync(stepMarker, new Date().toISOString());
  }

  const missing = NATIVE_MODULES.filter((alternatives) => !alternatives.some((file) => existsSync(file))).map((alternatives) => alternatives.join(' or '));
  if (missing.length > 0) {
    rmSync(join(cacheDir, '.steps'), { recursive: true, force: true });
    throw new Error(`code-server install incomplete, missing:\n  ${missing.join('\n  ')}\nsee ${installLog}`);
  }
  writeFileSync(markerFile, `${JSON.stringify({ version: CODE_SERVER_VERSION, installedAt: new Date().toISOString(), seconds: (Date.now() - started) / 1000 }, null, 2)}\n`);
  log(`installed in ${seconds(Date.now() - started)}`);
  return entryJs;
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function answersHttp(url) {
  return new Promise((resolve) => {
    const request = get(url, (response) => {
      response.resume();
      resolve(true);
    });
    request.on('error', () => resolve(false));
    request.setTimeout(2000, () => {
      request.destroy();
      resolve(false);
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The offline demo agent (a scripted stand-in for claude) that `npm start` and the e2e run use. */
export const demoAgent = join(repoRoot, 'test', 'fixtures', 'agents', 'demo', 'claude');

/** User settings that keep tests and demos free of welcome pages, tips and telemetry. */
function userSettings(trust) {
  return {
    'workbench.startupEditor': 'none',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.ignoreRecommendations': true,
    'extensions.autoCheckUpdates': false,
    'security.workspace.trust.enabled': trust,
    'git.openRepositoryInParentFolders': 'never',
  };
}

/**
 * Starts code-server detached in its own process group, bound to 127.0.0.1, with the workspace as
 * cwd and output to logFile (the development extension is not loaded otherwise), and waits until
 * it answers HTTP.
 * @param {{ workspace: string, logFile: string, port?: number, trust?: boolean,
 *   extensionDevelopmentPath?: string, extensionTestsPath?: string, env?: Record<string, string>,
 *   settings?: Record<string, unknown> }} options
 */
export async function startCodeServer(options) {
  const { workspace, logFile, trust = false } = options;
  const entry = ensureCodeServer();
  const port = options.port ?? (await freePort());
  const stateDir = mkdtempSync(join(tmpdir(), 'specpilot-code-server-'));
  const settingsDir = join(stateDir, 'user', 'User');
  mkdirSync(settingsDir, { recursive: true });
  writeFileSync(join(settingsDir, 'settings.json'), `${JSON.stringify({ ...userSettings(trust), ...options.settings }, null, 2)}\n`);
  mkdirSync(dirname(logFile), { recursive: true });
  const out = openSync(logFile, 'w');
  const args = [
    entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', join(stateDir, 'user'), '--extensions-dir', join(stateDir, 'extensions'),
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
    ...(trust ? [] : ['--disable-workspace-trust']),
    workspace,
  ];
  const child = spawn(process.execPath, args, {
    cwd: workspace, detached: true, stdio: ['ignore', out, out], env: { ...process.env, ...options.env },
  });
  closeSync(out);
  let exited = child.exitCode !== null;
  /** Resolves with code-server's exit code (or signal name) when it stops for any reason. */
  const whenExited = new Promise((resolveExit) => {
    child.on('exit', (code, signal) => {
      exited = true;
      resolveExit(code ?? signal);
    });
  });
  const pid = child.pid;
  const base = `http://127.0.0.1:${port}`;

  const killGroup = (signal) => {
    try {
      if (pid !== undefined) process.kill(-pid, signal);
    } catch {
      // the group is already gone
    }
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killGroup('SIGTERM');
    for (let i = 0; i < 50 && !exited; i++) await sleep(100);
    killGroup('SIGKILL');
    // SPECPILOT_KEEP_SERVER_STATE=1 keeps the user data (the extension's own log under user/logs) for a post-mortem.
    if (process.env.SPECPILOT_KEEP_SERVER_STATE === '1') console.error(`[code-server] state kept: ${stateDir}`);
    else rmSync(stateDir, { recursive: true, force: true });
  };
  // Last resort when the caller dies without awaiting stop(): never leave a server running.
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);

  const deadline = Date.now() + 60_000;
  while (!(await answersHttp(`${base}/healthz`))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${base} (${exited ? 'it exited' : 'timeout'}); log ${logFile}:\n${tail(logFile)}`);
    }
    await sleep(250);
  }

  const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
  /** The workbench URL for the workspace, with the development extension and tests in the payload. */
  const workbenchUrl = (payloadPaths = {}) => {
    const payload = [];
    const devPath = payloadPaths.extensionDevelopmentPath ?? options.extensionDevelopmentPath;
    const testsPath = payloadPaths.extensionTestsPath ?? options.extensionTestsPath;
    if (devPath) payload.push(['extensionDevelopmentPath', remote(devPath)]);
    if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
    // encodeURI keeps the slashes, so the printed URL stays readable for `npm start`.
    const query = `folder=${encodeURI(workspace).replace(/[?#&]/g, encodeURIComponent)}`;
    return `${base}/?${query}${payload.length > 0 ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''}`;
  };
  /** Resolves when a line matching `pattern` appears in the log; rejects after timeoutMs. */
  const waitForLog = async (pattern, timeoutMs = 60_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const text = readFileSync(logFile, 'utf8');
      if (pattern.test(text)) return;
      if (exited || Date.now() > until) throw new Error(`code-server log never matched ${pattern}${exited ? ' (it exited)' : ''}`);
      await sleep(200);
    }
  };
  /** Copies the log to dest (used to keep it after a failure). */
  const saveLog = (dest) => {
    mkdirSync(dirname(dest), { recursive: true });
    copyFileSync(logFile, dest);
    return dest;
  };
  return { url: base, port, pid, workspace, logFile, workbenchUrl, waitForLog, saveLog, whenExited, stop };
}
