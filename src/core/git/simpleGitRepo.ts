// The GitPort on a real repository through simple-git: openRepo finds the repository root (or says
// clearly why there is none) and every operation runs git by argv in that root.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectBase } from './baseBranch';
import { taskBranchName } from './branchName';
import { identityArgs } from './commitIdentity';
import { LOG_FORMAT, parseGitVersion, parseLogZ } from './gitOutput';
import type { BaseBranchResult, DiffFileStat, GitPort, MergeResult, RescueStash, WorkingTreeStatus } from './gitPort';
import { GitRunner } from './gitRunner';
import { mergeBranch } from './mergeBranch';
import type { MergeOptions } from './mergeBranch';
import { assertBranchName, assertRevision, branchTip, checkoutBranch, resolveCommit } from './refs';
import { diff, diffStat } from './repoDiff';
import { readStatus } from './repoStatus';
import { hasStash, rescueStash, restoreStash } from './rescueStash';
import { mentionsTaskId } from './taskIdMatch';

/** Oldest git with every option used here (merge --cleanup, status --no-renames). */
export const MIN_GIT_VERSION = [2, 25, 0] as const;

export interface OpenRepoOptions {
  /** The git executable (e.g. VS Code's git.path); `git` from PATH by default. */
  readonly gitBinary?: string;
}

export type OpenRepoResult = GitPort | { readonly error: string };

/** The repository containing `dir`, or why there is none (no such dir, no git, not a repository). */
export async function openRepo(dir: string, options: OpenRepoOptions = {}): Promise<OpenRepoResult> {
  const binary = options.gitBinary ?? 'git';
  if (!fs.existsSync(dir)) return { error: `expected a directory inside a git repository, but ${dir} does not exist` };
  if (!fs.statSync(dir).isDirectory()) return { error: `expected a directory inside a git repository, but ${dir} is not a directory` };
  let probe: GitRunner;
  try {
    probe = new GitRunner(dir, binary);
  } catch (error) {
    return { error: `expected a plain git executable name or path, got ${JSON.stringify(binary)}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const version = await probe.run(['--version']);
  if (version.code !== 0) {
    return { error: `git was not found: ${JSON.stringify(binary)} could not be run; install git and make sure it is on PATH` };
  }
  const parsed = parseGitVersion(version.stdout);
  if (parsed !== null && compareVersions(parsed, MIN_GIT_VERSION) < 0) {
    return { error: `expected git ${MIN_GIT_VERSION.join('.')} or newer, found ${parsed.join('.')}: update git` };
  }
  const top = await probe.run(['rev-parse', '--show-toplevel']);
  // path.resolve turns the C:/x git prints on Windows into the platform's own form.
  const root = top.stdout.trim() === '' ? '' : path.resolve(top.stdout.trim());
  if (top.code !== 0 || root === '') {
    const reason = top.stderr.trim().split('\n')[0] ?? '';
    if (/not a git repository/i.test(reason)) {
      return { error: `${dir} is not inside a git repository: run \`git init\` there or open a folder inside a repository` };
    }
    return { error: `expected ${dir} to be inside a git working tree: ${reason === '' ? 'git found none' : reason}` };
  }
  return new SimpleGitRepo(new GitRunner(root, binary));
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export class SimpleGitRepo implements GitPort {
  readonly root: string;

  constructor(private readonly git: GitRunner) {
    this.root = git.cwd;
  }

  status(): Promise<WorkingTreeStatus> {
    return readStatus(this.git);
  }

  detectBase(configured: string): Promise<BaseBranchResult> {
    return detectBase(this.git, configured);
  }

  async baseBranch(configured: string): Promise<string> {
    const base = await detectBase(this.git, configured);
    if (!base.ok) throw new Error(base.error);
    return base.branch;
  }

  async headSha(): Promise<string> {
    const sha = await resolveCommit(this.git, 'HEAD');
    if (sha === null) throw new Error(`expected a commit at HEAD, but the repository at ${this.root} has no commits on the current branch yet`);
    return sha;
  }

  async branchExists(name: string): Promise<boolean> {
    return (await branchTip(this.git, name)) !== null;
  }

  taskBranchName(taskId: string, title: string): string {
    return taskBranchName(taskId, title);
  }

  async checkoutTaskBranch(name: string, base: string): Promise<void> {
    assertBranchName(name);
    assertBranchName(base);
    if (await this.branchExists(name)) return checkoutBranch(this.git, name);
    if (!(await this.branchExists(base))) throw new Error(`expected the base branch ${base} to exist to create ${name} from it`);
    await this.git.ok(['checkout', '--quiet', '-b', name, `refs/heads/${base}`, '--']);
  }

  checkout(branch: string): Promise<void> {
    return checkoutBranch(this.git, branch);
  }

  rescueStash(message: string): Promise<RescueStash | null> {
    return rescueStash(this.git, message);
  }

  restoreStash(stash: RescueStash): Promise<void> {
    return restoreStash(this.git, stash);
  }

  hasStash(sha: string): Promise<boolean> {
    return hasStash(this.git, sha);
  }

  async commitAll(message: string): Promise<string | null> {
    if (message.trim() === '') throw new Error('expected a non-empty commit message');
    await this.git.ok(['add', '--all']);
    const staged = await this.git.ok(['diff', '--cached', '--name-only', '-z']);
    if (staged === '') return null;
    const identity = await identityArgs(this.git);
    // verbatim: the message is stored as given (git only adds a final newline when it is missing).
    await this.git.ok([...identity, 'commit', '--quiet', '--cleanup=verbatim', `--message=${message}`]);
    return this.headSha();
  }

  merge(branch: string, into: string, opts: MergeOptions): Promise<MergeResult> {
    return mergeBranch(this.git, branch, into, opts);
  }

  diffStat(base: string, head: string): Promise<readonly DiffFileStat[]> {
    return diffStat(this.git, base, head);
  }

  diff(base: string, head: string | null): Promise<string> {
    return diff(this.git, base, head);
  }

  /** Newest first; [] when `branch` names no commit (a task branch deleted after its merge). */
  async commitsFor(taskId: string, branch: string): Promise<readonly { readonly sha: string; readonly subject: string }[]> {
    assertRevision(branch);
    if (taskId.trim() === '' || (await resolveCommit(this.git, branch)) === null) return [];
    // git's fixed-string grep narrows the history cheaply; whole-word matching is done here.
    const out = await this.git.ok(['log', '-z', LOG_FORMAT, '--no-color', '--no-show-signature', '--fixed-strings', `--grep=${taskId}`, branch, '--']);
    return parseLogZ(out)
      .filter((record) => mentionsTaskId(record.message, taskId))
      .map(({ sha, subject }) => ({ sha, subject }));
  }
}
