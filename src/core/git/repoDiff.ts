// What a task changed, for review and for the trace: per-file counts and the unified diff of a
// branch against its base, or of the working tree (untracked files included) before it is committed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseNumstatZ } from './gitOutput';
import type { DiffFileStat } from './gitPort';
import type { GitRunner } from './gitRunner';
import { assertRevision } from './refs';

/** The same diff for every user: no external diff tools, text converters, colours or renames. */
const PLAIN = ['--no-color', '--no-ext-diff', '--no-renames'];
/** Fixed a/ b/ prefixes and unquoted UTF-8 paths, whatever diff.noprefix or core.quotePath say. */
const READABLE = ['--src-prefix=a/', '--dst-prefix=b/'];

export async function diffStat(git: GitRunner, base: string, head: string): Promise<DiffFileStat[]> {
  assertRevision(base);
  assertRevision(head);
  const out = await git.ok(['diff', '--numstat', '-z', ...PLAIN, '--no-textconv', `${base}...${head}`, '--']);
  return parseNumstatZ(out);
}

/** The commit `base...head` diffs against; throws when the two share no history. */
export async function mergeBase(git: GitRunner, base: string, head: string): Promise<string> {
  assertRevision(base);
  assertRevision(head);
  return (await git.ok(['merge-base', base, head])).trim();
}

export async function diff(git: GitRunner, base: string, head: string | null): Promise<string> {
  assertRevision(base);
  if (head !== null) {
    assertRevision(head);
    return git.ok(['-c', 'core.quotePath=false', 'diff', ...PLAIN, ...READABLE, `${base}...${head}`, '--']);
  }
  return workingTreeDiff(git, base);
}

/**
 * The working tree against the merge base of `base` and HEAD, untracked files included. They are
 * staged into a copy of the index, so the user's own index is never touched.
 */
async function workingTreeDiff(git: GitRunner, base: string): Promise<string> {
  const from = await mergeBase(git, base, 'HEAD');
  const indexPath = path.resolve(git.cwd, (await git.ok(['rev-parse', '--git-path', 'index'])).trim());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'specpilot-index-'));
  try {
    const scratch = path.join(dir, 'index');
    // Starting from the real index keeps its stat cache, so only changed files are hashed again.
    if (fs.existsSync(indexPath)) fs.copyFileSync(indexPath, scratch);
    await git.ok(['add', '--all'], { indexFile: scratch });
    return await git.ok(['-c', 'core.quotePath=false', 'diff', '--cached', ...PLAIN, ...READABLE, from, '--'], { indexFile: scratch });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
