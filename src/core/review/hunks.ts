// A task's diff as files and numbered hunks a person can name (approve, comment on, revert one
// hunk), parsed with diff2html's parse(); patches of chosen hunks are cut from the diff's own text
// so git apply gets every byte it needs ("\ No newline at end of file" included).
import { parse } from 'diff2html';
import type { DiffFile } from 'diff2html/lib/types';
import type { GitPort } from '../git/gitPort';

export type ReviewFileStatus = 'added' | 'deleted' | 'modified' | 'renamed' | 'binary';

export interface ReviewHunk {
  /** 0-based position in its file (a person sees it as #index+1). */
  readonly index: number;
  /** `@@ -a,b +c,d @@ ...` */
  readonly header: string;
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  /** The hunk's rows with their +/-/space prefix (and git's `\ No newline at end of file` rows). */
  readonly lines: readonly string[];
}

export interface ReviewFile {
  /** Repository-relative path on the task branch; the old path for a deleted file. */
  readonly path: string;
  /** The path before a rename; null otherwise. */
  readonly oldPath: string | null;
  readonly status: ReviewFileStatus;
  readonly added: number;
  readonly removed: number;
  readonly hunks: readonly ReviewHunk[];
  /** The file's lines before its first hunk (`diff --git`, modes, `---`, `+++`): a patch starts with them. */
  readonly patchHeader: string;
}

/** One hunk, named so that a review that changed meanwhile (another attempt) is noticed. */
export interface HunkRef {
  readonly path: string;
  readonly index: number;
  readonly header: string;
}

/** A person's comment on the whole task (path null), one file (hunk null) or one hunk. */
export interface ReviewComment {
  readonly path: string | null;
  readonly hunk: number | null;
  readonly text: string;
}

/** A comment with what it points at, resolved against the diff: what the next prompt quotes. */
export interface QuotedComment extends ReviewComment {
  readonly header: string | null;
  /** The hunk's rows as in the diff; null for a comment on a file or the whole task. */
  readonly hunkText: string | null;
}

export type ReviewResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** The files of a unified git diff (`git diff` output), in diff order. */
export function reviewFiles(diffText: string): ReviewFile[] {
  if (diffText.trim() === '') return [];
  const parsed = parse(diffText);
  const sections = rawSections(diffText);
  return parsed.map((file, i) => toReviewFile(file, sections.length === parsed.length ? sections[i] : undefined));
}

interface RawSection {
  readonly header: string;
  readonly hunks: readonly { readonly header: string; readonly lines: readonly string[] }[];
}

/** Each `diff --git` section's header lines and hunks, exactly as git printed them. */
function rawSections(diffText: string): RawSection[] {
  const lines = diffText.replace(/\r?\n$/, '').split(/\r?\n/);
  const sections: { header: string[]; hunks: { header: string; lines: string[] }[] }[] = [];
  for (const line of lines) {
    if (line.startsWith('diff --git ')) {
      sections.push({ header: [line], hunks: [] });
      continue;
    }
    const current = sections[sections.length - 1];
    if (!current) continue;
    if (HUNK_HEADER.test(line)) current.hunks.push({ header: line, lines: [] });
    else if (current.hunks.length === 0) current.header.push(line);
    else current.hunks[current.hunks.length - 1]!.lines.push(line);
  }
  return sections.map((s) => ({ header: s.header.join('\n'), hunks: s.hunks }));
}

function toReviewFile(file: DiffFile, raw: RawSection | undefined): ReviewFile {
  const status: ReviewFileStatus = file.isBinary ? 'binary' : file.isNew ? 'added' : file.isDeleted ? 'deleted' : file.isRename ? 'renamed' : 'modified';
  const path = file.isDeleted || file.newName === '/dev/null' ? file.oldName : file.newName;
  const blocks = file.blocks.filter((b) => HUNK_HEADER.test(b.header));
  const useRaw = raw !== undefined && raw.hunks.length === blocks.length;
  const hunks = blocks.map((b, index): ReviewHunk => {
    const m = HUNK_HEADER.exec(b.header)!;
    const header = useRaw ? raw.hunks[index]!.header : b.header;
    return {
      index,
      header,
      oldStart: Number(m[1]),
      oldLines: m[2] === undefined ? 1 : Number(m[2]),
      newStart: Number(m[3]),
      newLines: m[4] === undefined ? 1 : Number(m[4]),
      lines: useRaw ? raw.hunks[index]!.lines : b.lines.map((l) => l.content),
    };
  });
  return {
    path,
    oldPath: file.isRename ? file.oldName : null,
    status,
    added: file.addedLines,
    removed: file.deletedLines,
    hunks,
    patchHeader: raw?.header ?? fallbackHeader(file),
  };
}

/** A header git apply accepts, for a diff whose raw sections could not be matched to diff2html's files. */
function fallbackHeader(file: DiffFile): string {
  const oldName = file.isNew ? file.newName : file.oldName;
  const newName = file.isDeleted ? file.oldName : file.newName;
  return [
    `diff --git a/${oldName} b/${newName}`,
    ...(file.newFileMode ? [`new file mode ${file.newFileMode}`] : []),
    ...(file.deletedFileMode ? [`deleted file mode ${file.deletedFileMode}`] : []),
    file.isNew ? '--- /dev/null' : `--- a/${oldName}`,
    file.isDeleted ? '+++ /dev/null' : `+++ b/${newName}`,
  ].join('\n');
}

/** A patch of just the hunks `indexes` of `file` (each at most once, in file order). Unknown indexes throw: check refs first. */
export function hunkPatch(file: ReviewFile, indexes: readonly number[]): string {
  const chosen = [...new Set(indexes)].sort((a, b) => a - b).map((i) => {
    const hunk = file.hunks[i];
    if (!hunk) throw new RangeError(`${file.path} has no hunk #${i + 1} (it has ${file.hunks.length})`);
    return hunk;
  });
  return [file.patchHeader, ...chosen.flatMap((h) => [h.header, ...h.lines])].join('\n') + '\n';
}

/** The hunk a ref names, or why it names none (no such file or hunk, or the hunk changed since). */
export function findHunk(files: readonly ReviewFile[], ref: HunkRef): ReviewResult<{ file: ReviewFile; hunk: ReviewHunk }> {
  const file = files.find((f) => f.path === ref.path);
  if (!file) return { ok: false, error: `${ref.path} is not among the changed files of this review` };
  if (file.status === 'binary') return { ok: false, error: `${ref.path} is a binary file: it has no hunks to name` };
  const hunk = file.hunks[ref.index];
  if (!hunk) return { ok: false, error: `${ref.path} has no hunk #${ref.index + 1} (it has ${file.hunks.length})` };
  if (hunk.header !== ref.header) {
    return { ok: false, error: `${ref.path} hunk #${ref.index + 1} changed since it was reviewed (expected "${ref.header}", found "${hunk.header}"): review the task again` };
  }
  return { ok: true, value: { file, hunk } };
}

/** Resolves comments against the diff: the hunk's header and text for a hunk comment; errors name the bad one. */
export function quoteComments(files: readonly ReviewFile[], comments: readonly ReviewComment[]): ReviewResult<QuotedComment[]> {
  const out: QuotedComment[] = [];
  for (const c of comments) {
    if (c.text.trim() === '') return { ok: false, error: `expected a comment text${c.path ? ` for ${c.path}` : ''}, got an empty one` };
    if (c.path === null) {
      out.push({ path: null, hunk: null, text: c.text, header: null, hunkText: null });
      continue;
    }
    const file = files.find((f) => f.path === c.path);
    if (!file) return { ok: false, error: `${c.path} is not among the changed files of this review` };
    if (c.hunk === null) {
      out.push({ path: c.path, hunk: null, text: c.text, header: null, hunkText: null });
      continue;
    }
    const hunk = file.hunks[c.hunk];
    if (!hunk) return { ok: false, error: `${c.path} has no hunk #${c.hunk + 1} (it has ${file.hunks.length})` };
    out.push({ path: c.path, hunk: c.hunk, text: c.text, header: hunk.header, hunkText: hunk.lines.join('\n') });
  }
  return { ok: true, value: out };
}

/**
 * Undoes the chosen hunks on the checked-out task branch (one `git apply -R --index`, all or
 * nothing) and commits that as `Revert rejected hunks of <taskId>`. The refs are checked first,
 * so a stale review changes nothing. Without `commit` (a run without a task branch, whose
 * candidate is the uncommitted tree) only the working tree is changed.
 */
export async function revertHunks(
  git: GitPort,
  files: readonly ReviewFile[],
  refs: readonly HunkRef[],
  taskId: string,
  opts: { readonly commit: boolean } = { commit: true },
): Promise<ReviewResult<{ readonly sha: string | null; readonly reverted: readonly HunkRef[] }>> {
  if (refs.length === 0) return { ok: true, value: { sha: null, reverted: [] } };
  const byPath = new Map<string, { file: ReviewFile; indexes: number[] }>();
  for (const ref of refs) {
    const found = findHunk(files, ref);
    if (!found.ok) return found;
    const entry = byPath.get(ref.path) ?? { file: found.value.file, indexes: [] };
    entry.indexes.push(ref.index);
    byPath.set(ref.path, entry);
  }
  const patch = [...byPath.values()].map((e) => hunkPatch(e.file, e.indexes)).join('');
  try {
    await git.applyPatch(patch, { reverse: true, index: opts.commit });
    if (!opts.commit) return { ok: true, value: { sha: null, reverted: refs } };
    const names = refs.map((r) => `${r.path} #${r.index + 1} ${r.header}`);
    const sha = await git.commitAll(`Revert rejected hunks of ${taskId}\n\nA person rejected these hunks in review:\n${names.map((n) => `- ${n}`).join('\n')}`);
    return { ok: true, value: { sha, reverted: refs } };
  } catch (err) {
    return { ok: false, error: `could not revert the rejected hunks: ${err instanceof Error ? err.message : String(err)}` };
  }
}
