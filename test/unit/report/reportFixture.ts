// Small spec-runner workspaces for the verify / audit / report tests, written to temp dirs (with a
// real git repository when asked), and a CLI runner that starts the CLI as a real process.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const REPO = join(__dirname, '../../..');

export const TASKS = [
  '# Tasks',
  '',
  '## Milestone 1: Core',
  '',
  '### TASK-001: First',
  '🔴 P0 | ✅ DONE | Est: 1d',
  '',
  '**Checklist:**',
  '- [x] Done it',
  '',
  '**Traces to:** [REQ-001], [REQ-404], [DESIGN-001]',
  '**Depends on:** —',
  '',
  '### TASK-002: Second',
  '🟠 P1 | ⬜ TODO | Est: 1d',
  '',
  '**Depends on:** [TASK-001], [TASK-099]',
  '',
  '## Milestone 2: Extras',
  '',
  '### TASK-003: Third',
  '🟡 P2 | ✅ DONE | Est: 1d',
  '',
  '**Checklist:**',
  '- [x] One',
  '',
  '**Traces to:** [REQ-001], [REQ-003]',
  '**Depends on:** [TASK-004]',
  '',
  '### TASK-004: Fourth',
  '🟡 P2 | ⬜ TODO | Est: 1d',
  '',
  '**Checklist:**',
  '- [ ] One',
  '',
  '**Traces to:** [REQ-003]',
  '**Depends on:** [TASK-003]',
  '',
].join('\n');

export const REQUIREMENTS = ['# Requirements', '', '## REQ-001: Login', 'Users log in.', '', '## REQ-002: Logout', 'Users log out.', '', '## REQ-003: Audit | <b>trail</b>', 'Kept.', ''].join('\n');
export const DESIGN = ['# Design', '', '### DESIGN-001: Sessions', 'Cookies.', ''].join('\n');

const made: string[] = [];

/** A temp dir with `files` (path -> text); `git: true` makes it a repository with one commit on main. */
export function workspaceWith(files: Readonly<Record<string, string>>, opts: { git?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'specpilot-report-'));
  made.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  if (opts.git) {
    git(dir, 'init', '-q', '-b', 'main');
    writeFileSync(join(dir, '.gitignore'), 'spec/.specpilot/\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'spec');
  }
  return dir;
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: dir, encoding: 'utf8' }).trim();
}

export function removeWorkspaces(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface ProcessRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI as a real process (node + tsx), as a user or CI would start it. */
export function cli(args: readonly string[]): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src/cli/main.ts'), ...args], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
