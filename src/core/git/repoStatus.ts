// What state the working tree is in before the executor touches it: which paths the user changed
// and whether git is in the middle of an operation that nothing may interrupt.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lines, parseStatusZ } from './gitOutput';
import type { WorkingTreeStatus } from './gitPort';
import type { GitRunner } from './gitRunner';
import { currentBranch } from './refs';

/** Marker files under the git dir and the operation each one means, checked in this order. */
const OPERATION_MARKERS: readonly (readonly [string, string])[] = [
  ['rebase-merge', 'rebase'],
  ['rebase-apply', 'rebase'],
  ['MERGE_HEAD', 'merge'],
  ['CHERRY_PICK_HEAD', 'cherry-pick'],
  ['REVERT_HEAD', 'revert'],
  ['sequencer', 'cherry-pick'],
  ['BISECT_LOG', 'bisect'],
];

export async function readStatus(git: GitRunner): Promise<WorkingTreeStatus> {
  // --no-renames: a rename is its two paths; ignored files are left out by default.
  // --no-optional-locks: a read must not take index.lock from under a git command the user runs.
  const out = await git.ok(['--no-optional-locks', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames']);
  const changed = parseStatusZ(out);
  return {
    clean: changed.length === 0,
    changed,
    branch: await currentBranch(git),
    operationInProgress: await operationInProgress(git),
  };
}

/**
 * `rebase`, `am`, `merge`, `cherry-pick`, `revert` or `bisect` when one is under way, else null.
 * The markers are found through `git rev-parse --git-path`, which also knows worktrees.
 */
export async function operationInProgress(git: GitRunner): Promise<string | null> {
  const args = ['rev-parse', ...OPERATION_MARKERS.flatMap(([marker]) => ['--git-path', marker])];
  const paths = lines(await git.ok(args)).map((p) => path.resolve(git.cwd, p));
  for (const [index, [marker, operation]] of OPERATION_MARKERS.entries()) {
    const at = paths[index];
    if (at === undefined || !fs.existsSync(at)) continue;
    // `git am` keeps its state in rebase-apply too, marked by an `applying` file.
    if (marker === 'rebase-apply' && fs.existsSync(path.join(at, 'applying'))) return 'am';
    return operation;
  }
  return null;
}
