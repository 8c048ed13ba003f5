// What state the working tree is in before the executor touches it: which paths the user changed
// and whether git is in the middle of an operation that nothing may interrupt. One git process:
// the branch comes with the changes, and operations are marker files at paths looked up once.
import { branchFromHeadFile, gitPathsOf, looseBranchSha, operationFromMarkers } from './gitDirFiles';
import { parseStatusV2Z } from './gitOutput';
import type { WorkingTreeStatus } from './gitPort';
import type { GitRunner } from './gitRunner';
import { currentBranch, resolveCommit } from './refs';

export async function readStatus(git: GitRunner): Promise<WorkingTreeStatus> {
  // --no-renames: a rename is its two paths; ignored files are left out by default.
  // --no-optional-locks: a read must not take index.lock from under a git command the user runs.
  const [out, paths] = await Promise.all([
    git.ok(['--no-optional-locks', 'status', '--porcelain=v2', '--branch', '-z', '--untracked-files=all', '--no-renames']),
    gitPathsOf(git),
  ]);
  const parsed = parseStatusV2Z(out);
  return {
    clean: parsed.changed.length === 0,
    changed: parsed.changed,
    // git names no branch in a header it did not print; symbolic-ref is the slow way to the same answer.
    branch: parsed.branch ?? (await currentBranch(git)),
    operationInProgress: operationFromMarkers(paths),
  };
}

/** `rebase`, `am`, `merge`, `cherry-pick`, `revert` or `bisect` when one is under way, else null. */
export async function operationInProgress(git: GitRunner): Promise<string | null> {
  return operationFromMarkers(await gitPathsOf(git));
}

/** readStatus's branch, usually from HEAD's file without a git process; git answers anything unusual. */
export async function checkedOutBranch(git: GitRunner): Promise<string> {
  return branchFromHeadFile(await gitPathsOf(git)) ?? currentBranch(git);
}

/**
 * The commit HEAD is at right after git itself moved it (a commit or a merge that exited 0), read
 * from the checked-out branch's ref file when git left it in plain form; else git is asked.
 */
export async function headAfterCommit(git: GitRunner): Promise<string | null> {
  const paths = await gitPathsOf(git);
  const branch = branchFromHeadFile(paths);
  return (branch === null ? null : looseBranchSha(paths, branch)) ?? resolveCommit(git, 'HEAD');
}
