// Patches and single files for review: apply (or reverse) a patch of chosen hunks, and read a file
// as it is at a revision (the base side of a review's diff, after the base is checked out again).
import type { GitRunner } from './gitRunner';
import { describeFailure } from './gitRunner';
import { assertRevision } from './refs';

export interface ApplyPatchOptions {
  /** Undo the patch (`git apply -R`): what a person's rejected hunk asks for. */
  readonly reverse: boolean;
  /** Change the index too (`--index`), so a commit that follows holds exactly the patch. */
  readonly index: boolean;
}

/** `git apply [-R] [--index] -` with the patch on stdin; throws git's refusal (nothing is applied then). */
export async function applyPatch(git: GitRunner, patch: string, opts: ApplyPatchOptions): Promise<void> {
  if (patch.trim() === '') throw new Error('expected a patch with at least one hunk, got an empty one');
  const args = ['apply', ...(opts.reverse ? ['-R'] : []), ...(opts.index ? ['--index'] : []), '--whitespace=nowarn', '-'];
  const result = await git.run(args, { input: patch });
  if (result.code !== 0) throw new Error(describeFailure('apply', result));
}

/** The file at `path` (repository-relative, `/`-separated) as it is at `rev`; null when it is not there. */
export async function showFile(git: GitRunner, rev: string, path: string): Promise<string | null> {
  assertRevision(rev);
  if (path === '' || path.startsWith('/') || path.split('/').includes('..')) {
    throw new Error(`expected a repository-relative path, got ${JSON.stringify(path)}`);
  }
  const result = await git.run(['show', '--no-textconv', `${rev}:${path}`]);
  if (result.code === 0) return result.stdout;
  // "does not exist in", "exists on disk, but not in": the file is absent at that revision.
  if (result.code === 128 && /does not exist|not in '|bad revision|invalid object name/i.test(result.stderr)) return null;
  throw new Error(describeFailure('show', result));
}
