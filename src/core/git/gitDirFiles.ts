// Files under the git dir that answer a question without starting git: where they are is asked once
// per repository (`rev-parse --git-path`, which knows worktrees), and each read falls back to git
// whenever a file is not in the plain form the files ref backend writes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isValidBranchName } from './branchName';
import { lines } from './gitOutput';
import type { GitRunner } from './gitRunner';

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

/** The files read here: the markers, this worktree's HEAD, and the (shared) loose branch refs. */
const GIT_FILES = [...OPERATION_MARKERS.map(([marker]) => marker), 'HEAD', 'refs/heads'];
const HEAD_INDEX = OPERATION_MARKERS.length;
const BRANCHES_INDEX = OPERATION_MARKERS.length + 1;

/** `rev-parse` arguments that print where GIT_FILES are, one line each, in that order. */
export const GIT_PATH_ARGS: readonly string[] = GIT_FILES.flatMap((file) => ['--git-path', file]);

/** Absolute GIT_FILES paths per repository: where the git dir is does not change while it is open. */
const gitPaths = new WeakMap<GitRunner, Promise<readonly string[]>>();

/** Records the paths `rev-parse … GIT_PATH_ARGS` printed in `dir`, so they are never asked again. */
export function rememberGitPaths(git: GitRunner, printed: readonly string[], dir: string): void {
  if (printed.length === GIT_FILES.length) gitPaths.set(git, Promise.resolve(printed.map((p) => path.resolve(dir, p))));
}

/** The GIT_FILES paths, asked of git the first time (then kept; a failed lookup is asked again). */
export function gitPathsOf(git: GitRunner): Promise<readonly string[]> {
  let paths = gitPaths.get(git);
  if (paths === undefined) {
    paths = git.ok(['rev-parse', ...GIT_PATH_ARGS]).then((out) => lines(out).map((p) => path.resolve(git.cwd, p)));
    paths.catch(() => gitPaths.delete(git));
    gitPaths.set(git, paths);
  }
  return paths;
}

/** `rebase`, `am`, `merge`, `cherry-pick`, `revert` or `bisect` when one is under way, else null. */
export function operationFromMarkers(paths: readonly string[]): string | null {
  for (const [index, [marker, operation]] of OPERATION_MARKERS.entries()) {
    const at = paths[index];
    if (at === undefined || !fs.existsSync(at)) continue;
    // `git am` keeps its state in rebase-apply too, marked by an `applying` file.
    if (marker === 'rebase-apply' && fs.existsSync(path.join(at, 'applying'))) return 'am';
    return operation;
  }
  return null;
}

/**
 * The branch HEAD's file names when it is the plain `ref: refs/heads/<valid name>` git writes;
 * null for anything else (detached, a symlink, the reftable stub `refs/heads/.invalid`, unreadable).
 */
export function branchFromHeadFile(paths: readonly string[]): string | null {
  const match = /^ref: refs\/heads\/(.+?)\s*$/.exec(readSmall(paths[HEAD_INDEX]) ?? '');
  return match?.[1] !== undefined && isValidBranchName(match[1]) ? match[1] : null;
}

/**
 * The commit in `branch`'s loose ref file, or null when there is none in plain form (packed, or
 * another ref backend). Only for a branch git has just moved: a loose ref is authoritative, but
 * nothing here checks that it names a commit rather than some other object.
 */
export function looseBranchSha(paths: readonly string[], branch: string): string | null {
  const dir = paths[BRANCHES_INDEX];
  if (dir === undefined || !isValidBranchName(branch)) return null;
  const match = /^([0-9a-f]{40}|[0-9a-f]{64})\s*$/.exec(readSmall(path.join(dir, ...branch.split('/'))) ?? '');
  return match?.[1] ?? null;
}

function readSmall(file: string | undefined): string | null {
  if (file === undefined) return null;
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
