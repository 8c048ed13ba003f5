// Small questions about refs every git operation asks first (does it exist, what does it point
// at, which branch is checked out), with user-supplied names checked before they reach git.
import { branchNameProblem } from './branchName';
import type { GitRunner } from './gitRunner';

/** Why `rev` cannot be handed to git as a revision (it would read as an option); null when fine. */
export function revisionProblem(rev: string): string | null {
  if (rev === '' || rev.startsWith('-') || /[\s\0]/.test(rev)) {
    return `expected a branch name or commit, got ${JSON.stringify(rev)}`;
  }
  return null;
}

/** Throws the problem of the first bad name; for methods whose contract has no error value. */
export function assertBranchName(name: string): void {
  const problem = branchNameProblem(name);
  if (problem !== null) throw new Error(problem);
}

export function assertRevision(rev: string): void {
  const problem = revisionProblem(rev);
  if (problem !== null) throw new Error(problem);
}

/** The commit `rev` names, or null when it names none. */
export async function resolveCommit(git: GitRunner, rev: string): Promise<string | null> {
  if (revisionProblem(rev) !== null) return null;
  const result = await git.run(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  return result.code === 0 ? result.stdout.trim() : null;
}

/** The commit of local branch `name`, or null when there is no such branch. */
export async function branchTip(git: GitRunner, name: string): Promise<string | null> {
  if (branchNameProblem(name) !== null) return null;
  return resolveCommit(git, `refs/heads/${name}`);
}

/** The checked-out branch (also when it has no commits yet), or `HEAD` when detached. */
export async function currentBranch(git: GitRunner): Promise<string> {
  const result = await git.run(['symbolic-ref', '--short', '--quiet', 'HEAD']);
  return result.code === 0 ? result.stdout.trim() : 'HEAD';
}

/** Does any local branch have a commit? False in a repository made by `git init` alone. */
export async function hasAnyCommit(git: GitRunner): Promise<boolean> {
  const out = await git.ok(['for-each-ref', '--count=1', '--format=%(objectname)', 'refs/heads']);
  return out.trim() !== '';
}

/** `git checkout <branch>`; the trailing `--` keeps a branch named like a file from reading as a path. */
export async function checkoutBranch(git: GitRunner, branch: string): Promise<void> {
  assertBranchName(branch);
  await git.ok(['checkout', '--quiet', branch, '--']);
}
