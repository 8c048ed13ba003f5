// Parsers for git's machine-readable output (-z, numstat, custom log formats): pure, so the exact
// shapes git prints are tested without a repository.
import type { DiffFileStat } from './gitPort';

/** Paths of `git status --porcelain=v1 -z`, sorted and unique; a rename contributes both paths. */
export function parseStatusZ(output: string): string[] {
  const fields = output.split('\0');
  const paths = new Set<string>();
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i] ?? '';
    if (entry.length < 4) continue;
    paths.add(entry.slice(3));
    const xy = entry.slice(0, 2);
    // A rename or copy is followed by its source path as a field of its own.
    if (xy.includes('R') || xy.includes('C')) {
      const source = fields[++i];
      if (source !== undefined && source !== '') paths.add(source);
    }
  }
  return [...paths].sort();
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
