// Real repositories in temp dirs for the git-layer tests, with the machine's git config kept out:
// HOME and XDG_CONFIG_HOME point at an empty temp dir and GIT_CONFIG_NOSYSTEM=1 while tests run.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openRepo } from '../../../src/core/git';
import type { GitPort } from '../../../src/core/git';

const ISOLATED_KEYS = [
  'HOME',
  'XDG_CONFIG_HOME',
  'GIT_CONFIG_NOSYSTEM',
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_AUTHOR_DATE',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
  'GIT_COMMITTER_DATE',
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'EMAIL',
] as const;

export interface TestRepo {
  /** The repository root, as git reports it (symlinks such as macOS /tmp resolved). */
  readonly dir: string;
  readonly port: GitPort;
  /** Runs git in the repository (test set-up and inspection, outside the code under test). */
  git(...args: string[]): string;
  write(file: string, content: string | Buffer): void;
  read(file: string): string;
  exists(file: string): boolean;
  /** Writes the files, stages everything and commits; returns the new HEAD. */
  commit(message: string, files?: Readonly<Record<string, string | Buffer>>): string;
  sha(rev: string): string;
}

export interface RepoOptions {
  /** `git init -b <branch>`; main by default. */
  readonly branch?: string;
  /** Sets user.name / user.email in the repository config; true by default. */
  readonly identity?: boolean;
  /** Makes a first commit with README.md; true by default. */
  readonly initialCommit?: boolean;
}

/**
 * Call inside a `describe`: isolates git's config for its tests and removes every repository
 * and dir made through the returned helpers afterwards.
 */
export function useGitSandbox(): { repo(options?: RepoOptions): Promise<TestRepo>; tempDir(): string } {
  const saved = new Map<string, string | undefined>();
  const dirs: string[] = [];
  let home = '';

  const tempDir = (): string => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'specpilot-git-test-')));
    dirs.push(dir);
    return dir;
  };

  before(() => {
    for (const key of ISOLATED_KEYS) saved.set(key, process.env[key]);
    for (const key of ISOLATED_KEYS) delete process.env[key];
    home = tempDir();
    process.env.HOME = home;
    process.env.XDG_CONFIG_HOME = path.join(home, '.config');
    process.env.GIT_CONFIG_NOSYSTEM = '1';
  });

  // Every test spawns dozens of git processes: generous on a slow 2-core machine, never a timing check.
  beforeEach(function () {
    this.currentTest?.timeout(60_000);
  });

  after(() => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  const repo = async (options: RepoOptions = {}): Promise<TestRepo> => {
    const dir = tempDir();
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    git('init', '--quiet', '-b', options.branch ?? 'main');
    if (options.identity !== false) {
      git('config', 'user.name', 'Test User');
      git('config', 'user.email', 'test@example.com');
    }
    const write = (file: string, content: string | Buffer): void => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    };
    const sha = (rev: string): string => git('rev-parse', '--verify', rev).trim();
    const commit = (message: string, files: Readonly<Record<string, string | Buffer>> = {}): string => {
      for (const [file, content] of Object.entries(files)) write(file, content);
      git('add', '--all');
      if (options.identity === false) {
        git('-c', 'user.name=Fixture', '-c', 'user.email=fixture@example.com', 'commit', '--quiet', '--allow-empty', '-m', message);
      } else {
        git('commit', '--quiet', '--allow-empty', '-m', message);
      }
      return sha('HEAD');
    };
    if (options.initialCommit !== false) commit('Initial commit', { 'README.md': 'hello\n' });
    const port = await openRepo(dir);
    assert.ok(!('error' in port), `openRepo(${dir}) failed: ${'error' in port ? port.error : ''}`);
    return {
      dir,
      port,
      git,
      write,
      read: (file) => fs.readFileSync(path.join(dir, file), 'utf8'),
      exists: (file) => fs.existsSync(path.join(dir, file)),
      commit,
      sha,
    };
  };

  return { repo, tempDir };
}

/** `git stash list --format=%H`, newest first. */
export function stashList(repo: TestRepo): string[] {
  return repo.git('stash', 'list', '--format=%H').split('\n').filter((line) => line !== '');
}

/** The message git stored in a commit object, byte for byte. */
export function storedMessage(repo: TestRepo, sha: string): string {
  const raw = repo.git('cat-file', 'commit', sha);
  return raw.slice(raw.indexOf('\n\n') + 2);
}
