// Shared by `npm start` and `npm test`: runs `npm ci` when node_modules is missing or older than
// package-lock.json, and runs child commands with timing. Node built-ins only (node_modules may
// not exist yet when this runs).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** True when `npm ci` is due: no node_modules, or npm's record of it is older than the lock file. */
export function nodeModulesStale() {
  const record = join(repoRoot, 'node_modules', '.package-lock.json');
  if (!existsSync(record)) return true;
  return statSync(record).mtimeMs < statSync(join(repoRoot, 'package-lock.json')).mtimeMs;
}

export function ensureNodeModules() {
  if (!nodeModulesStale()) return;
  const started = Date.now();
  console.log('[setup] node_modules is missing or older than package-lock.json: npm ci');
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm ci failed (exit ${result.status ?? result.error?.message})`);
  console.log(`[setup] npm ci done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Runs a command in the repository, echoing its output live and returning it for parsing.
 * @returns {Promise<{ code: number, output: string, ms: number }>}
 */
export function runCommand(command, args, { env } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['inherit', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on('error', (error) => resolve({ code: 127, output: `${output}\n${error.message}`, ms: Date.now() - started }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output, ms: Date.now() - started }));
  });
}
