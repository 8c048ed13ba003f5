// "Never lose user changes": the user's uncommitted work is stashed (untracked files too) before a
// task runs and re-applied after, by SHA, so stashes pushed meanwhile cannot make us drop theirs.
import { identityArgs } from './commitIdentity';
import { lines, zFields } from './gitOutput';
import type { RescueStash } from './gitPort';
import { describeFailure } from './gitRunner';
import type { GitRunner } from './gitRunner';
import { checkoutBranch } from './refs';
import { readStatus } from './repoStatus';

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

export async function rescueStash(git: GitRunner, message: string): Promise<RescueStash | null> {
  const status = await readStatus(git);
  if (status.operationInProgress !== null) {
    // Stashing mid-merge would keep the half-done state (MERGE_HEAD) apart from the changes it explains.
    throw new Error(`a ${status.operationInProgress} is in progress: finish or abort it first; nothing was stashed`);
  }
  if (status.clean) return null;
  const before = await stashTop(git);
  const identity = await identityArgs(git);
  await git.ok([...identity, 'stash', 'push', '--include-untracked', `--message=${message}`]);
  const after = await stashTop(git);
  if (after === null || after === before) {
    // The tree had changes but git saved none: going on would run the task over them.
    throw new Error(
      `git stash saved nothing although the working tree has changes (${status.changed.join(', ')}); ` +
        'commit or stash these changes by hand before a task runs',
    );
  }
  return { sha: after, message, branch: status.branch };
}

/** Is the stash `sha` still listed by `git stash list`? */
export async function hasStash(git: GitRunner, sha: string): Promise<boolean> {
  return (await stashShas(git)).includes(sha);
}

export async function restoreStash(git: GitRunner, stash: RescueStash): Promise<void> {
  if (!SHA.test(stash.sha)) throw new Error(`expected a full stash commit SHA, got ${JSON.stringify(stash.sha)}`);
  const kept = `They are kept in the stash ${stash.sha} ("${stash.message}")`;
  const getBack = `get them back with \`git stash apply ${stash.sha}\` and drop the entry from \`git stash list\``;
  if (!(await hasStash(git, stash.sha))) {
    throw new Error(
      `the rescue stash ${stash.sha} ("${stash.message}") is no longer in git stash list: it was dropped or ` +
        `already restored. If it was dropped by mistake, \`git stash apply ${stash.sha}\` can still bring it back until git gc runs`,
    );
  }
  const status = await readStatus(git);
  const target = stash.branch === 'HEAD' ? status.branch : stash.branch;
  if (target !== status.branch) {
    try {
      await checkoutBranch(git, target);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(`could not check out ${target} to re-apply your changes (${why}). ${kept}: once ${target} can be checked out, ${getBack}`);
    }
  }
  const applied = await git.run(['stash', 'apply', stash.sha]);
  if (applied.code !== 0) {
    const conflicts = zFields(await git.ok(['diff', '--name-only', '--diff-filter=U', '-z']));
    if (conflicts.length > 0) {
      throw new Error(
        `re-applying your changes on ${target} conflicted in ${conflicts.join(', ')}. ${kept}: resolve the conflicts in the ` +
          'working tree and then drop the entry from `git stash list`, or discard the conflicted files and ' +
          `re-apply them later with \`git stash apply ${stash.sha}\``,
      );
    }
    throw new Error(`re-applying your changes on ${target} failed (${describeFailure('stash apply', applied)}). ${kept}: once nothing is in the way, ${getBack}`);
  }
  await dropBySha(git, stash.sha);
}

/** Drops the entry whose commit is `sha`; its position in the list may have moved since it was pushed. */
async function dropBySha(git: GitRunner, sha: string): Promise<void> {
  const index = (await stashShas(git)).indexOf(sha);
  if (index >= 0) await git.ok(['stash', 'drop', '--quiet', `stash@{${index}}`]);
}

async function stashShas(git: GitRunner): Promise<string[]> {
  return lines(await git.ok(['stash', 'list', '--format=%H']));
}

async function stashTop(git: GitRunner): Promise<string | null> {
  const result = await git.run(['rev-parse', '--verify', '--quiet', 'refs/stash']);
  return result.code === 0 ? result.stdout.trim() : null;
}
