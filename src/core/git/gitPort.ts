// The git port the executor drives: branch per task, commit, merge back, rescue of user changes.
// gitRepo.ts implements it against a real repository by running git; nothing else touches git.

export interface WorkingTreeStatus {
  readonly clean: boolean;
  /** Paths with staged, unstaged or untracked changes, relative to the repository root. */
  readonly changed: readonly string[];
  readonly branch: string;
  /** A merge, rebase or cherry-pick is in progress: nothing may start. */
  readonly operationInProgress: string | null;
}

export interface RescueStash {
  /** The stash's commit SHA: restoring by SHA survives other stashes pushed meanwhile. */
  readonly sha: string;
  readonly message: string;
  readonly branch: string;
}

export type MergeResult =
  | { readonly ok: true; readonly sha: string; readonly fastForward: boolean }
  /** The merge was aborted; the task branch is intact and the base is as before. */
  | { readonly ok: false; readonly conflicts: readonly string[]; readonly message: string };

export interface DiffFileStat {
  readonly path: string;
  readonly added: number;
  readonly removed: number;
  readonly binary: boolean;
}

/** Where the base branch came from, so a caller can warn when the configured one was missing. */
export type BaseBranchSource = 'configured' | 'main' | 'master' | 'current';

export type BaseBranchResult =
  | { readonly ok: true; readonly branch: string; readonly source: BaseBranchSource }
  /** No commits yet, or HEAD detached with no candidate branch: nothing to branch from. */
  | { readonly ok: false; readonly error: string };

export interface GitPort {
  readonly root: string;
  status(): Promise<WorkingTreeStatus>;
  /** status().branch alone (`HEAD` when detached), usually read without starting git. */
  currentBranch(): Promise<string>;
  /** `configured` when set and present, else main, else master, else the current branch. */
  baseBranch(configured: string): Promise<string>;
  /** baseBranch with its failures (no commits yet, detached HEAD) as values; baseBranch throws them. */
  detectBase(configured: string): Promise<BaseBranchResult>;
  headSha(): Promise<string>;
  branchExists(name: string): Promise<boolean>;
  /** `task/<ID>-<slug>`: lower-case slug of the title, at most 40 characters. */
  taskBranchName(taskId: string, title: string): string;
  /** Creates `name` from `base` and checks it out; checks it out when it exists (resume). */
  checkoutTaskBranch(name: string, base: string): Promise<void>;
  checkout(branch: string): Promise<void>;
  /** Stashes every change (untracked too) under `message`; null when the tree was clean. */
  rescueStash(message: string): Promise<RescueStash | null>;
  /** Re-applies a rescue stash on its branch and drops it; throws (stash kept) on conflict. */
  restoreStash(stash: RescueStash): Promise<void>;
  /** Is this rescue stash still listed (a run resumed after a crash may have restored it already)? */
  hasStash(sha: string): Promise<boolean>;
  /** Stages everything and commits; null when there was nothing to commit. */
  commitAll(message: string): Promise<string | null>;
  /** Merges `branch` into `into` (no fast-forward when noFf); aborts cleanly on conflict. */
  merge(branch: string, into: string, opts: { readonly noFf: boolean; readonly message: string }): Promise<MergeResult>;
  diffStat(base: string, head: string): Promise<readonly DiffFileStat[]>;
  /** The commit `base...head` diffs against: where `head` branched off `base`. */
  mergeBase(base: string, head: string): Promise<string>;
  /** Unified diff of base...head (or of the working tree against base when head is null). */
  diff(base: string, head: string | null): Promise<string>;
  /** Applies (or with `reverse` undoes) a unified-diff patch, in the index too with `index`; throws git's refusal. */
  applyPatch(patch: string, opts: { readonly reverse: boolean; readonly index: boolean }): Promise<void>;
  /** A file's text at a revision (`path` relative to the root, `/`-separated); null when absent there. */
  show(rev: string, path: string): Promise<string | null>;
  /** Commits on `branch` whose message names `taskId`, newest first. */
  commitsFor(taskId: string, branch: string): Promise<readonly { readonly sha: string; readonly subject: string }[]>;
}
