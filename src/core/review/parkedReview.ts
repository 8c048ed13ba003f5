// What a person needs to decide on a task that awaits approval: its candidate diff as files and
// hunks, and the AI reviewers' verdicts. Read-only (a snapshot of the store, git diff): it never
// takes the run lock, so the CLI and the editor can show a review while a run goes on.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRepo } from '../git';
import type { GitPort } from '../git/gitPort';
import { stateDirFor } from '../executor/stateDir';
import type { TaskMachine } from '../executor/taskMachine';
import { openTaskFile } from '../project/openTaskFile';
import { DEFAULT_STATE_FILE, readRunStore, type RunStoreReader, type TaskRecord } from '../store';
import type { SpecFormat } from '../spec/model';
import { reviewFiles, type ReviewFile, type ReviewResult } from './hunks';
import { dropOwnChanges, ownTaskFile } from './ownChanges';
import { latestReview, type ReviewRecord } from './reviewRecords';

export interface ParkedReview {
  readonly taskId: string;
  readonly title: string;
  /** The task branch holding the candidate; null when the run used no branch (the working tree is the candidate). */
  readonly branch: string | null;
  /** What the diff is against: the base branch, or HEAD without a task branch. */
  readonly baseBranch: string;
  /**
   * The commit the diff's left side is: where the task branch left the base (the base may have
   * moved on since, with other tasks merged), or HEAD without a task branch.
   */
  readonly diffBase: string;
  /** The machine's attempt that parked. */
  readonly attempt: number;
  readonly runId: string | null;
  readonly diffText: string;
  readonly files: readonly ReviewFile[];
  /** The AI reviewers' verdicts of the latest reviewed attempt (none when review is off). */
  readonly verdicts: readonly ReviewRecord[];
  /** When the task parked (the task record's last update), epoch ms. */
  readonly parkedAt: number;
}

export interface ParkedSummary {
  readonly taskId: string;
  readonly title: string;
  readonly branch: string | null;
  readonly attempt: number;
  readonly files: number;
  readonly added: number;
  readonly removed: number;
  readonly parkedAt: number;
}

export interface ParkedQuery {
  readonly cwd: string;
  readonly file?: string | null;
  readonly specPrefix?: string | null;
}

/** The persisted machine of a task that awaits approval, or null (not parked, or unreadable). */
export function parkedMachine(rec: TaskRecord | null): TaskMachine | null {
  if (!rec || rec.status !== 'awaiting_approval' || !rec.machine) return null;
  try {
    const m = JSON.parse(rec.machine) as TaskMachine;
    return m.phase === 'finished' && m.result === 'awaiting_approval' ? m : null;
  } catch {
    return null;
  }
}

/** Why `taskId` cannot be decided now, in words a person acts on. */
export function notParkedMessage(taskId: string, rec: TaskRecord | null): string {
  if (!rec) return `${taskId} is not awaiting approval: it has not run yet`;
  return `${taskId} is not awaiting approval (its state is ${rec.status}${rec.status === 'running' ? '; a run is working on it' : ''})`;
}

/** The task file a parked candidate belongs to: its own status and ticks are left out of the diff. */
export interface ParkedTaskFile {
  readonly path: string;
  readonly format: SpecFormat;
}

/**
 * The candidate's diff against its base, without Specpilot's own edits of the task file (the
 * `review` status, ticked items): a person approves the work, not the bookkeeping. Hunk numbers of
 * a decision refer to this same diff.
 */
export async function parkedDiff(git: GitPort | null, m: TaskMachine, taskFile: ParkedTaskFile | null = null): Promise<string> {
  if (!git) return '';
  const onBranch = Boolean(m.branch && m.baseBranch);
  const diff = onBranch ? await git.diff(m.baseBranch!, m.branch) : await git.diff('HEAD', null);
  if (!taskFile) return diff;
  const own = ownTaskFile(git.root, taskFile.path, taskFile.format, m.taskId, '');
  if (!own) return diff;
  const text = onBranch ? await git.show(m.branch!, own.path) : readOptional(taskFile.path);
  return text === null ? diff : dropOwnChanges(diff, { ...own, text });
}

function readOptional(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** The review of a parked task from an open store (the run session's, or a snapshot). */
export async function parkedReviewFrom(store: RunStoreReader, git: GitPort | null, taskId: string, title: string, taskFile: ParkedTaskFile | null = null): Promise<ReviewResult<ParkedReview>> {
  const rec = store.task(taskId);
  const m = parkedMachine(rec);
  if (!rec || !m) return { ok: false, error: notParkedMessage(taskId, rec) };
  let diffText: string;
  let diffBase = 'HEAD';
  try {
    diffText = await parkedDiff(git, m, taskFile);
    if (git && m.branch && m.baseBranch) diffBase = await git.mergeBase(m.baseBranch, m.branch);
  } catch (err) {
    return { ok: false, error: `cannot read the candidate of ${taskId}${m.branch ? ` on ${m.branch}` : ''}: ${err instanceof Error ? err.message : String(err)}` };
  }
  return {
    ok: true,
    value: {
      taskId,
      title: title || m.title,
      branch: m.branch,
      baseBranch: m.baseBranch ?? 'HEAD',
      diffBase,
      attempt: m.attempt,
      runId: rec.runId,
      diffText,
      files: reviewFiles(diffText),
      verdicts: latestReview(store, taskId)?.records ?? [],
      parkedAt: rec.updatedAt,
    },
  };
}

/** Runs `fn` on a read-only snapshot of the task file's store (null when nothing was recorded yet). */
async function withSnapshot<T>(q: ParkedQuery, fn: (store: RunStoreReader | null, git: GitPort | null, titles: ReadonlyMap<string, string>, taskFile: ParkedTaskFile) => Promise<ReviewResult<T>>): Promise<ReviewResult<T>> {
  const opened = openTaskFile({ cwd: q.cwd, file: q.file ?? null, specPrefix: q.specPrefix ?? null });
  if (!opened.ok) return { ok: false, error: opened.error };
  const titles = new Map(opened.value.analysis.spec.tasks.map((t) => [t.id, t.title]));
  const dir = stateDirFor(opened.value.root, opened.value.path);
  const repo = await openRepo(opened.value.root);
  const git = 'error' in repo ? null : repo;
  const taskFile: ParkedTaskFile = { path: opened.value.path, format: opened.value.analysis.spec.format };
  if (!existsSync(join(dir, DEFAULT_STATE_FILE))) return fn(null, git, titles, taskFile);
  const r = await readRunStore(dir);
  if (!r.ok) return { ok: false, error: r.error.message };
  try {
    return await fn(r.store, git, titles, taskFile);
  } finally {
    r.store.close();
  }
}

export function loadParkedReview(q: ParkedQuery & { readonly taskId: string }): Promise<ReviewResult<ParkedReview>> {
  return withSnapshot(q, async (store, git, titles, taskFile) => {
    if (!store) return { ok: false, error: notParkedMessage(q.taskId, null) };
    return parkedReviewFrom(store, git, q.taskId, titles.get(q.taskId) ?? '', taskFile);
  });
}

/** Every task that awaits approval, in task id order, with the size of its candidate. */
export function listParked(q: ParkedQuery): Promise<ReviewResult<ParkedSummary[]>> {
  return withSnapshot(q, async (store, git, titles, taskFile) => {
    const out: ParkedSummary[] = [];
    for (const rec of store?.tasks() ?? []) {
      if (!store || !parkedMachine(rec)) continue;
      const r = await parkedReviewFrom(store, git, rec.taskId, titles.get(rec.taskId) ?? '', taskFile);
      if (!r.ok) return r;
      const v = r.value;
      out.push({
        taskId: v.taskId,
        title: v.title,
        branch: v.branch,
        attempt: v.attempt,
        files: v.files.length,
        added: v.files.reduce((n, f) => n + f.added, 0),
        removed: v.files.reduce((n, f) => n + f.removed, 0),
        parkedAt: v.parkedAt,
      });
    }
    return { ok: true, value: out };
  });
}
