// Task ids and titles come from user-edited task files and end up in branch names: these pure
// functions turn them into names that are always valid for `git check-ref-format --branch`.
import { createHash } from 'node:crypto';

/** Longest slug of a title inside a task branch name. */
export const MAX_SLUG_LENGTH = 40;

/**
 * Lower-case ASCII slug of a title: accents dropped, every other non-alphanumeric run collapsed to
 * one `-`, trimmed, at most `max` characters and never ending in `-`. Emoji or CJK only -> ''.
 */
export function slugify(title: string, max: number = MAX_SLUG_LENGTH): string {
  // Lower-case before and after NFKD: `İ` lower-cases to i + a combining dot (dropped as a mark),
  // and compatibility forms such as full-width `Ａ` only become ASCII after decomposition.
  const ascii = title.toLowerCase().normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  const dashed = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+/, '');
  return dashed.slice(0, Math.max(0, max)).replace(/-+$/, '');
}

/**
 * The id as one safe ref component: ids such as `TASK-001` or `1.2` stay as they are; anything a
 * ref cannot hold becomes `-`. An id with nothing usable gets a stable hash so names stay unique.
 */
export function branchSafeId(taskId: string): string {
  const safe = taskId
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '');
  if (safe !== '') return safe.endsWith('.lock') ? `${safe.slice(0, -'.lock'.length)}-lock` : safe;
  return `id-${createHash('sha1').update(taskId, 'utf8').digest('hex').slice(0, 8)}`;
}

/** `task/<ID>-<slug>`, or `task/<ID>` when the title has nothing to slug. */
export function taskBranchName(taskId: string, title: string): string {
  const id = branchSafeId(taskId);
  const slug = slugify(title);
  return slug === '' ? `task/${id}` : `task/${id}-${slug}`;
}

const FORBIDDEN = '~^:?*[\\';

/**
 * Mirrors `git check-ref-format --branch <name>` for names Specpilot creates or is handed
 * (no `@{-n}` expansion), except that `@` is refused: as a revision it means HEAD, not the branch.
 */
export function isValidBranchName(name: string): boolean {
  if (name === '' || name.startsWith('-') || name === 'HEAD' || name === '@') return false;
  if (name.startsWith('/') || name.endsWith('/') || name.endsWith('.')) return false;
  if (name.includes('..') || name.includes('//') || name.includes('@{')) return false;
  // Control characters, space and the characters revision syntax gives a meaning to.
  if ([...name].some((ch) => ch.charCodeAt(0) <= 0x20 || ch.charCodeAt(0) === 0x7f || FORBIDDEN.includes(ch))) return false;
  return name.split('/').every((part) => !part.startsWith('.') && !part.endsWith('.lock'));
}

/** Why a branch name was refused, naming what was expected; null when it is valid. */
export function branchNameProblem(name: string): string | null {
  if (isValidBranchName(name)) return null;
  return `expected a valid git branch name (see git check-ref-format --branch), got ${JSON.stringify(name)}`;
}
