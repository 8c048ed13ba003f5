// Merging a finished task branch back: on any conflict the merge is aborted, so the base branch
// is exactly as before and the task branch is kept for a person to merge by hand. Merging a branch
// that is merged already (a resumed run) answers that merge again instead of making a second one.
import { identityArgs } from './commitIdentity';
import { lines, zFields } from './gitOutput';
import type { MergeResult } from './gitPort';
import { describeFailure } from './gitRunner';
import type { GitRunner } from './gitRunner';
import { branchNameProblem } from './branchName';
import { branchTips, checkoutBranch, resolveCommit, resolveCommits } from './refs';
import { headAfterCommit, operationInProgress, readStatus } from './repoStatus';

export interface MergeOptions {
  readonly noFf: boolean;
  readonly message: string;
}

export async function mergeBranch(git: GitRunner, branch: string, into: string, opts: MergeOptions): Promise<MergeResult> {
  const refused = (why: string): MergeResult => ({ ok: false, conflicts: [], message: `${why}; nothing was merged` });
  const problem = branchNameProblem(branch) ?? branchNameProblem(into);
  if (problem !== null) return refused(problem);
  // Two reads that do not depend on each other, run side by side.
  // `git merge --abort` cannot always rebuild uncommitted changes, so a merge starts on a clean tree.
  const [[tip, intoTip], status] = await Promise.all([branchTips(git, [branch, into]), readStatus(git)]);
  if (tip === null || tip === undefined) return refused(`expected the branch ${branch} to exist`);
  if (intoTip === null || intoTip === undefined) return refused(`expected the branch ${into} to exist`);

  if (status.operationInProgress !== null) {
    const already = await existingMerge(git, tip, intoTip);
    if (!(await isLeftoverOfDoneMerge(git, status, already, tip, into))) return refused(`a ${status.operationInProgress} is in progress`);
    // The merge commit exists; git was killed before it cleared its state (after a runner's kill -9,
    // its git dies of SIGPIPE printing the summary). Forget that state: index and tree are HEAD's.
    await git.ok(['merge', '--quit']);
  }
  if (!status.clean) return refused(`the working tree has uncommitted changes (${status.changed.join(', ')}): commit or stash them first`);
  if (status.branch !== into) {
    try {
      await checkoutBranch(git, into);
    } catch (error) {
      return refused(`could not check out ${into}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  // HEAD is `into` now, at the tip read above.
  const before = intoTip;
  const identity = await identityArgs(git);
  const mode = opts.noFf ? '--no-ff' : '--ff';
  // refs/heads/: a tag of the same name would otherwise win the lookup. --no-stat: nobody reads the
  // diffstat git would compute and print for the merge.
  const merged = await git.run([...identity, 'merge', mode, '--no-edit', '--no-squash', '--no-stat', '--cleanup=verbatim', `--message=${opts.message}`, `refs/heads/${branch}`]);
  if (merged.code === 0) {
    const sha = (await headAfterCommit(git)) ?? before;
    if (sha !== before) return { ok: true, sha, fastForward: sha === tip };
    // "Already up to date": merged before (a resumed run whose merge had already happened), so the
    // answer is that merge, found only now rather than searched for before every merge.
    return { ok: true, sha: (await existingMerge(git, tip, before)) ?? before, fastForward: false };
  }

  const conflicts = zFields(await git.ok(['diff', '--name-only', '--diff-filter=U', '-z']));
  const started = (await operationInProgress(git)) === 'merge';
  if (started) await git.ok(['merge', '--abort']);
  const [headAfter, tipAfter] = await resolveCommits(git, ['HEAD', `refs/heads/${branch}`]);
  const restored = headAfter === before && tipAfter === tip;
  const byHand = `To merge by hand: git checkout ${into} && git merge ${opts.noFf ? '--no-ff ' : ''}${branch}, resolve the conflicts, then git commit.`;
  const outcome = restored
    ? `the merge was aborted: ${into} is unchanged and ${branch} is kept.`
    : `the merge was aborted but ${into} is not where it was (${before}): check it with git log before going on.`;
  const cause = conflicts.length > 0 ? `conflicts in ${conflicts.join(', ')}` : describeFailure('merge', merged);
  return { ok: false, conflicts, message: `Merging ${branch} into ${into} failed (${cause}); ${outcome} ${byHand}` };
}

/**
 * The commit that brought `tip` into `into` (whose tip is `intoTip`): the merge on its first-parent
 * line with `tip` as a parent, else `intoTip` when `tip` is in its history some other way; null when it is not.
 */
async function existingMerge(git: GitRunner, tip: string, intoTip: string): Promise<string | null> {
  if (intoTip === tip) return null;
  const ancestor = await git.run(['merge-base', '--is-ancestor', tip, intoTip]);
  if (ancestor.code !== 0) return null;
  const out = await git.ok(['rev-list', '--first-parent', '--merges', '--parents', '--max-count=1000', intoTip, '--']);
  for (const line of lines(out)) {
    const [sha, , ...merged] = line.split(' ');
    if (sha !== undefined && merged.includes(tip)) return sha;
  }
  return intoTip;
}

/** A merge `in progress` that is really finished: MERGE_HEAD is `tip`, already merged into the checked-out `into`, nothing uncommitted. */
async function isLeftoverOfDoneMerge(
  git: GitRunner,
  status: { readonly operationInProgress: string | null; readonly clean: boolean; readonly branch: string },
  merged: string | null,
  tip: string,
  into: string,
): Promise<boolean> {
  if (status.operationInProgress !== 'merge' || !status.clean || status.branch !== into || merged === null) return false;
  return (await resolveCommit(git, 'MERGE_HEAD')) === tip;
}
