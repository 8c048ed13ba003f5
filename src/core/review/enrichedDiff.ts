// What the reviewers read: the task's change as changed files with +/- counts and the unified diff
// with context, cut to a size a prompt can hold (whole files left out, and named, rather than
// files cut in half). The work is not committed yet when it is reviewed: the working tree is read.
import { parse } from 'diff2html/lib/diff-parser';
import type { GitPort } from '../git/gitPort';

export interface ChangedFile {
  readonly path: string;
  readonly added: number;
  readonly removed: number;
  readonly binary: boolean;
  /** Left out of `diff` for length: the reviewer reads it in the working tree. */
  readonly cut: boolean;
}

export interface EnrichedDiff {
  /** Every changed file, in the diff's order. */
  readonly files: readonly ChangedFile[];
  /** The unified diff of the files that fit. */
  readonly diff: string;
  readonly added: number;
  readonly removed: number;
}

/** About 15,000 tokens of diff: room for the task, the requirements and the answer. */
export const DEFAULT_DIFF_CHARS = 60_000;

const EMPTY: EnrichedDiff = { files: [], diff: '', added: 0, removed: 0 };

/**
 * The change under review: the working tree against `base` (the task branch's base, so earlier
 * work kept on the branch counts too), or against HEAD without a branch. No repository: nothing.
 */
export async function enrichedDiff(
  git: GitPort | null,
  base: string | null,
  maxChars = DEFAULT_DIFF_CHARS,
): Promise<{ ok: true; value: EnrichedDiff } | { ok: false; error: string }> {
  if (!git) return { ok: true, value: EMPTY };
  const text = await changeText(git, base);
  return text.ok ? { ok: true, value: enrichDiffText(text.value, maxChars) } : text;
}

/** The raw unified diff enrichedDiff reads (untracked files included), or why git could not give it. */
export async function changeText(git: GitPort, base: string | null): Promise<{ ok: true; value: string } | { ok: false; error: string }> {
  try {
    return { ok: true, value: await git.diff(base ?? 'HEAD', null) };
  } catch (err) {
    return { ok: false, error: `git diff against ${base ?? 'HEAD'} failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Counts and caps a `git diff` text (a/ b/ prefixes, no renames, as GitPort.diff prints it). */
export function enrichDiffText(text: string, maxChars = DEFAULT_DIFF_CHARS): EnrichedDiff {
  const files: ChangedFile[] = [];
  const kept: string[] = [];
  let used = 0;
  let added = 0;
  let removed = 0;
  for (const chunk of splitFiles(text)) {
    const parsed = parse(chunk)[0];
    const path = parsed ? fileName(parsed.newName, parsed.oldName) : headerPath(chunk);
    const a = parsed?.addedLines ?? 0;
    const r = parsed?.deletedLines ?? 0;
    // Later, smaller files may still fit after a large one was left out.
    const fits = used + chunk.length <= maxChars;
    if (fits) {
      kept.push(chunk);
      used += chunk.length;
    }
    files.push({ path, added: a, removed: r, binary: parsed?.isBinary === true || /^Binary files .* differ$/m.test(chunk), cut: !fits });
    added += a;
    removed += r;
  }
  return { files, diff: kept.join(''), added, removed };
}

/** One chunk per `diff --git` header, each ending with its newline. */
function splitFiles(text: string): string[] {
  const starts: number[] = [];
  const header = /^diff --git /gm;
  for (let m = header.exec(text); m !== null; m = header.exec(text)) starts.push(m.index);
  return starts.map((start, i) => text.slice(start, starts[i + 1] ?? text.length));
}

/** git ends a ---/+++ name that holds a space with a tab, which the parser keeps. */
function fileName(newName: string, oldName: string): string {
  const name = newName && newName !== '/dev/null' ? newName : oldName;
  return name.split('\t')[0] ?? name;
}

/** `diff --git a/P b/P`: without renames both halves are the same path, spaces and all. */
function headerPath(chunk: string): string {
  const first = chunk.slice(0, chunk.indexOf('\n') >>> 0).replace(/^diff --git /, '');
  const half = (first.length - 5) / 2;
  return Number.isInteger(half) && half > 0 ? first.slice(2, 2 + half) : first;
}
