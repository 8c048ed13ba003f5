// Small questions about refs every git operation asks first (does it exist, what does it point
// at, which branch is checked out), with user-supplied names checked before they reach git.
import { branchNameProblem } from './branchName';
import { lines } from './gitOutput';
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

/**
 * resolveCommit for several revisions with one git process (`cat-file --batch-check` reads them
 * from stdin): the commit of each, in order, null where a revision names none or is refused.
 */
export async function resolveCommits(git: GitRunner, revs: readonly string[]): Promise<(string | null)[]> {
  const asked = revs.filter((rev) => revisionProblem(rev) === null);
  const found = new Map<string, string>();
  if (asked.length > 0) {
    const out = await git.ok(['cat-file', '--batch-check=%(objectname) %(objecttype)'], { input: asked.map((rev) => `${rev}^{commit}\n`).join('') });
    // One line per line of input, in order: `<sha> commit`, or `<rev>^{commit} missing` / `ambiguous`.
    const answers = lines(out);
    asked.forEach((rev, i) => {
      const match = /^([0-9a-f]{40}(?:[0-9a-f]{24})?) commit$/.exec(answers[i] ?? '');
      if (match?.[1] !== undefined) found.set(rev, match[1]);
    });
  }
  return revs.map((rev) => found.get(rev) ?? null);
}

/** branchTip of each name with one git process; null for a missing branch or an invalid name. */
export async function branchTips(git: GitRunner, names: readonly string[]): Promise<(string | null)[]> {
  const valid = names.map((name) => branchNameProblem(name) === null);
  const tips = await resolveCommits(
    git,
    names.filter((_, i) => valid[i]).map((name) => `refs/heads/${name}`),
  );
  let next = 0;
  return valid.map((ok) => (ok ? (tips[next++] ?? null) : null));
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
