// Which commits on the base branch name each task, found with ONE `git log` for all the tasks a
// verify or report asks about: a log per task cost a git process each (seconds for 1,000 tasks).
// Matching follows GitPort.commitsFor: the id must appear in the message as a whole word.
import { mentionsTaskId, type GitPort } from '../git';
import { LOG_FORMAT, parseLogZ, type LogRecord } from '../git/gitOutput';
import { GitRunner } from '../git/gitRunner';
import { resolveCommit, revisionProblem } from '../git/refs';

export interface TaskCommit {
  readonly sha: string;
  readonly subject: string;
}

export interface TaskCommitIndex {
  readonly base: string;
  /** Commits on `base` naming `taskId`, newest first; [] when none. */
  commitsOf(taskId: string): readonly TaskCommit[];
}

export type TaskCommitsResult = { readonly ok: true; readonly value: TaskCommitIndex } | { readonly ok: false; readonly error: string };

/** Above this many ids the log is read whole instead of narrowed with one --grep per id (argv length on Windows). */
const MAX_GREPS = 500;

/** Characters of an id the fast index can find; other ids are searched message by message. */
const INDEXABLE = /^[\p{L}\p{N}_.-]+$/u;
const WORD = /[\p{L}\p{N}_]/u;
const ID_CHAR = /[\p{L}\p{N}_.-]/u;

export async function taskCommits(git: GitPort, mainBranch: string, taskIds: readonly string[], gitBinary = 'git'): Promise<TaskCommitsResult> {
  let base: string;
  try {
    base = await git.baseBranch(mainBranch);
  } catch (err) {
    return { ok: false, error: `git: ${err instanceof Error ? err.message : String(err)}` };
  }
  const problem = revisionProblem(base);
  if (problem !== null) return { ok: false, error: `git: expected a branch name, got ${JSON.stringify(base)}: ${problem}` };
  const ids = [...new Set(taskIds.filter((id) => id.trim() !== ''))];
  if (ids.length === 0) return { ok: true, value: indexCommits(base, [], []) };
  const runner = new GitRunner(git.root, gitBinary);
  // git's fixed-string grep narrows the history cheaply; whole-word matching is done here.
  const greps = ids.length <= MAX_GREPS ? ['--fixed-strings', ...ids.map((id) => `--grep=${id}`)] : [];
  const out = await runner.run(['log', '-z', LOG_FORMAT, '--no-color', '--no-show-signature', ...greps, base, '--']);
  if (out.code !== 0) {
    if ((await resolveCommit(runner, base)) === null) return { ok: true, value: indexCommits(base, [], ids) };
    return { ok: false, error: `git log ${base}: ${out.stderr.trim().split('\n')[0] ?? `exit ${out.code}`}` };
  }
  return { ok: true, value: indexCommits(base, parseLogZ(out.stdout), ids) };
}

/** Maps each id to the records naming it (records in log order, newest first). */
export function indexCommits(base: string, records: readonly LogRecord[], ids: readonly string[]): TaskCommitIndex {
  const byTask = new Map<string, TaskCommit[]>();
  const wanted = new Set<string>();
  const others: string[] = [];
  let maxLen = 0;
  for (const id of ids) {
    if (INDEXABLE.test(id)) {
      wanted.add(id);
      maxLen = Math.max(maxLen, id.length);
    } else others.push(id);
  }
  const add = (id: string, r: LogRecord): void => {
    const list = byTask.get(id);
    const c = { sha: r.sha, subject: r.subject };
    if (!list) byTask.set(id, [c]);
    else if (list[list.length - 1]!.sha !== r.sha) list.push(c);
  };
  for (const r of records) {
    const text = `${r.subject}\n${r.message}`;
    for (const id of candidates(text, wanted, maxLen)) if (mentionsTaskId(text, id)) add(id, r);
    for (const id of others) if (mentionsTaskId(text, id)) add(id, r);
  }
  return { base, commitsOf: (taskId) => byTask.get(taskId) ?? [] };
}

/**
 * Ids of `wanted` that occur in `text` between two non-word characters: every run of id characters
 * is cut at its word boundaries and each piece (at most maxLen long) looked up, so a message costs
 * its length times maxLen however many ids are wanted. mentionsTaskId confirms each hit.
 */
function candidates(text: string, wanted: ReadonlySet<string>, maxLen: number): Set<string> {
  const found = new Set<string>();
  if (wanted.size === 0) return found;
  for (let i = 0; i < text.length; i++) {
    const before = text[i - 1];
    if (before !== undefined && WORD.test(before)) continue;
    if (!ID_CHAR.test(text[i]!)) continue;
    for (let j = i + 1; j <= text.length && j - i <= maxLen; j++) {
      const prev = text[j - 1]!;
      if (!ID_CHAR.test(prev)) break;
      const next = text[j];
      if (next !== undefined && WORD.test(next)) continue;
      const piece = text.slice(i, j);
      if (wanted.has(piece)) found.add(piece);
    }
  }
  return found;
}
