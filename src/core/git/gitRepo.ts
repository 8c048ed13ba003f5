// The GitPort on a real repository: openRepo finds the repository root (or says clearly why there
// is none) and every operation runs git by argv in that root, with what cannot change while it is
// open (root, git dir paths, git version, a configured identity) looked up once.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectBase } from './baseBranch';
import { taskBranchName } from './branchName';
import { identityArgs } from './commitIdentity';
import { GIT_PATH_ARGS, rememberGitPaths } from './gitDirFiles';
import { LOG_FORMAT, lines, parseGitVersion, parseLogZ } from './gitOutput';
import type { BaseBranchResult, DiffFileStat, GitPort, MergeResult, RescueStash, WorkingTreeStatus } from './gitPort';
import { binaryProblem, describeFailure, GitRunner } from './gitRunner';
import { mergeBranch } from './mergeBranch';
import type { MergeOptions } from './mergeBranch';
import { assertBranchName, assertRevision, branchTip, branchTips, checkoutBranch, resolveCommit } from './refs';
import { diff, diffStat, mergeBase } from './repoDiff';
import { applyPatch, showFile, type ApplyPatchOptions } from './repoPatch';
import { checkedOutBranch, headAfterCommit, readStatus } from './repoStatus';
import { hasStash, rescueStash, restoreStash } from './rescueStash';
import { mentionsTaskId } from './taskIdMatch';

/** Oldest git with every option used here (merge --cleanup, status --no-renames). */
export const MIN_GIT_VERSION = [2, 25, 0] as const;

export interface OpenRepoOptions {
  /** The git executable (e.g. VS Code's git.path); `git` from PATH by default. */
  readonly gitBinary?: string;
}

export type OpenRepoResult = GitPort | { readonly error: string };

/**
 * Executables found new enough, for the life of the process: a run (or an editor session of
 * runs) does not ask the same git its version again. A failure is never remembered.
 */
const versionChecked = new Set<string>();

/** The repository containing `dir`, or why there is none (no such dir, no git, not a repository). */
export async function openRepo(dir: string, options: OpenRepoOptions = {}): Promise<OpenRepoResult> {
  const binary = options.gitBinary ?? 'git';
  if (!fs.existsSync(dir)) return { error: `expected a directory inside a git repository, but ${dir} does not exist` };
  if (!fs.statSync(dir).isDirectory()) return { error: `expected a directory inside a git repository, but ${dir} is not a directory` };
  const refused = binaryProblem(binary);
  if (refused !== null) return { error: `expected a plain git executable name or path, got ${JSON.stringify(binary)}: ${refused}` };
  const probe = new GitRunner(dir, binary);
  const notFound = { error: `git was not found: ${JSON.stringify(binary)} could not be run; install git and make sure it is on PATH` };
  if (!versionChecked.has(binary)) {
    const version = await probe.run(['--version']);
    if (version.code !== 0) return notFound;
    const parsed = parseGitVersion(version.stdout);
    if (parsed !== null && compareVersions(parsed, MIN_GIT_VERSION) < 0) {
      return { error: `expected git ${MIN_GIT_VERSION.join('.')} or newer, found ${parsed.join('.')}: update git` };
    }
    versionChecked.add(binary);
  }
  // The root and where the git dir files read directly are, in one process: one line each, root first.
  const top = await probe.run(['rev-parse', '--show-toplevel', ...GIT_PATH_ARGS]);
  if (top.code === -2) {
    // Found before, gone now (uninstalled while an editor stayed open): its version is asked again next time.
    versionChecked.delete(binary);
    return notFound;
  }
  const [rootLine = '', ...pathLines] = lines(top.stdout);
  // path.resolve turns the C:/x git prints on Windows into the platform's own form.
  const root = rootLine.trim() === '' ? '' : path.resolve(rootLine.trim());
  if (top.code !== 0 || root === '') {
    const reason = top.stderr.trim().split('\n')[0] ?? '';
    if (/not a git repository/i.test(reason)) {
      return { error: `${dir} is not inside a git repository: run \`git init\` there or open a folder inside a repository` };
    }
    return { error: `expected ${dir} to be inside a git working tree: ${reason === '' ? 'git found none' : reason}` };
  }
  const git = new GitRunner(root, binary);
  // --git-path answers relative to the directory it ran in.
  rememberGitPaths(git, pathLines, dir);
  return new GitRepo(git);
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export class GitRepo implements GitPort {
  readonly root: string;

  constructor(private readonly git: GitRunner) {
    this.root = git.cwd;
  }

  status(): Promise<WorkingTreeStatus> {
    return readStatus(this.git);
  }

  currentBranch(): Promise<string> {
    return checkedOutBranch(this.git);
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
    // A new task is the common case: create straight away. git refuses, touching nothing, when the
    // branch exists (a resume) or the base does not, and only then is it asked which it was.
    const created = await this.git.run(['checkout', '--quiet', '-b', name, `refs/heads/${base}`, '--']);
    if (created.code === 0) return;
    const [existing, baseTip] = await branchTips(this.git, [name, base]);
    if (existing !== null) return checkoutBranch(this.git, name);
    if (baseTip === null) throw new Error(`expected the base branch ${base} to exist to create ${name} from it`);
    throw new Error(describeFailure('checkout', created));
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
    // The identity is read from the config while the tree is staged: neither depends on the other.
    const [identity] = await Promise.all([identityArgs(this.git), this.git.ok(['add', '--all'])]);
    // --quiet: exit 1 when something is staged, 0 when nothing is.
    const staged = await this.git.run(['diff', '--cached', '--quiet']);
    if (staged.code === 0) return null;
    if (staged.code !== 1) throw new Error(describeFailure('diff', staged));
    // verbatim: the message is stored as given (git only adds a final newline when it is missing).
    // maintenance.auto=false: a task's merge, which follows, runs git's automatic maintenance check;
    // one such check (a process of its own) per task is enough.
    await this.git.ok([...identity, '-c', 'maintenance.auto=false', 'commit', '--quiet', '--cleanup=verbatim', `--message=${message}`]);
    const sha = await headAfterCommit(this.git);
    if (sha === null) throw new Error(`expected a commit at HEAD after committing in ${this.root}, found none`);
    return sha;
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

  mergeBase(base: string, head: string): Promise<string> {
    return mergeBase(this.git, base, head);
  }

  applyPatch(patch: string, opts: ApplyPatchOptions): Promise<void> {
    return applyPatch(this.git, patch, opts);
  }

  show(rev: string, path: string): Promise<string | null> {
    return showFile(this.git, rev, path);
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
