// Parsers for git's machine-readable output (-z, numstat, custom log formats): pure, so the exact
// shapes git prints are tested without a repository.
import type { DiffFileStat } from './gitPort';

export interface StatusV2 {
  /** The checked-out branch (also one with no commits yet), `HEAD` when detached, null when git named none. */
  readonly branch: string | null;
  /** Changed paths (staged, unstaged, untracked, unmerged), sorted and unique; a rename gives both paths. */
  readonly changed: string[];
}

/** Spaces before the path in each kind of `--porcelain=v2` entry (ordinary, rename/copy, unmerged). */
const FIELDS_BEFORE_PATH: Readonly<Record<string, number>> = { '1': 8, '2': 9, u: 10, '?': 1, '!': 1 };

/** `git status --porcelain=v2 --branch -z`: the branch header and the changed paths. */
export function parseStatusV2Z(output: string): StatusV2 {
  const fields = output.split('\0');
  const paths = new Set<string>();
  let branch: string | null = null;
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i] ?? '';
    if (entry.startsWith('# branch.head ')) {
      const head = entry.slice('# branch.head '.length);
      branch = head === '(detached)' ? 'HEAD' : head;
      continue;
    }
    const spaces = FIELDS_BEFORE_PATH[entry.charAt(0)];
    if (spaces === undefined || entry.charAt(1) !== ' ') continue;
    let at = 0;
    for (let n = 0; n < spaces && at >= 0; n++) at = entry.indexOf(' ', at + 1);
    if (at < 0) continue;
    if (entry.charAt(0) !== '!') paths.add(entry.slice(at + 1));
    // A rename or copy is followed by its source path as a field of its own.
    if (entry.charAt(0) === '2') {
      const source = fields[++i];
      if (source !== undefined && source !== '') paths.add(source);
    }
  }
  return { branch, changed: [...paths].sort() };
}

/** Records of `git diff --numstat -z`; binary files have `-` counts, reported as 0 and binary. */
export function parseNumstatZ(output: string): DiffFileStat[] {
  const fields = output.split('\0');
  const stats: DiffFileStat[] = [];
  for (let i = 0; i < fields.length; i++) {
    const match = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(fields[i] ?? '');
    if (match === null) continue;
    const [, added = '-', removed = '-', inline = ''] = match;
    let path = inline;
    // With rename detection the path is empty and the next two fields are the old and new paths.
    if (path === '') {
      i += 2;
      path = fields[i] ?? '';
    }
    const binary = added === '-' && removed === '-';
    stats.push({ path, added: binary ? 0 : Number(added), removed: binary ? 0 : Number(removed), binary });
  }
  return stats;
}

export interface LogRecord {
  readonly sha: string;
  readonly subject: string;
  /** The whole message, as git stored it. */
  readonly message: string;
}

/** The `git log -z` pretty format `parseLogZ` reads: sha, subject, then the raw message. */
export const LOG_FORMAT = '--format=%H%n%s%n%B';

export function parseLogZ(output: string): LogRecord[] {
  const records: LogRecord[] = [];
  for (const record of output.split('\0')) {
    const first = record.indexOf('\n');
    if (first < 0) continue;
    const second = record.indexOf('\n', first + 1);
    const sha = record.slice(0, first).trim();
    const subject = second < 0 ? record.slice(first + 1) : record.slice(first + 1, second);
    const message = second < 0 ? '' : record.slice(second + 1);
    if (/^[0-9a-f]{40,64}$/.test(sha)) records.push({ sha, subject, message });
  }
  return records;
}

/** Major, minor and patch of `git --version` ("git version 2.39.5.windows.1" too); null if unreadable. */
export function parseGitVersion(output: string): readonly [number, number, number] | null {
  const match = /git version (\d+)\.(\d+)(?:\.(\d+))?/.exec(output);
  if (match === null) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? '0')];
}

/** Lines of output, without the empty last one. */
export function lines(output: string): string[] {
  return output.split('\n').map((line) => line.replace(/\r$/, '')).filter((line) => line !== '');
}

/** NUL-separated fields, without the empty last one. */
export function zFields(output: string): string[] {
  return output.split('\0').filter((field) => field !== '');
}
