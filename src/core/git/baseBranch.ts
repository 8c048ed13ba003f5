// Which branch task branches start from and merge back into: the configured main_branch when it
// exists, else main, else master, else whatever is checked out; an empty repository has none.
import type { BaseBranchResult } from './gitPort';
import type { GitRunner } from './gitRunner';
import { branchTips, branchTip, currentBranch, hasAnyCommit } from './refs';

export async function detectBase(git: GitRunner, configured: string): Promise<BaseBranchResult> {
  const wanted = configured.trim();
  // One process asks for all three candidates; an existing one also proves there are commits.
  const [configuredTip, mainTip, masterTip] = await branchTips(git, [wanted, 'main', 'master']);
  if (wanted !== '' && configuredTip !== null) return { ok: true, branch: wanted, source: 'configured' };
  if (mainTip !== null) return { ok: true, branch: 'main', source: 'main' };
  if (masterTip !== null) return { ok: true, branch: 'master', source: 'master' };
  if (!(await hasAnyCommit(git))) {
    return {
      ok: false,
      error:
        `the repository at ${git.cwd} has no commits yet, so there is no base branch for task branches: ` +
        'make a first commit (for example `git commit --allow-empty -m "Initial commit"`)',
    };
  }
  const current = await currentBranch(git);
  if (current !== 'HEAD' && (await branchTip(git, current)) !== null) return { ok: true, branch: current, source: 'current' };
  const tried = [...(wanted === '' ? [] : [wanted]), 'main', 'master'].join(', ');
  const where = current === 'HEAD' ? 'HEAD is detached' : `the current branch ${current} has no commits yet`;
  return { ok: false, error: `expected a base branch: none of ${tried} exists and ${where}; check out a branch or set main_branch` };
}
