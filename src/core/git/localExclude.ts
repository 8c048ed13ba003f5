// Files Specpilot writes inside the repository on its own account (the audit log) must neither
// make the tree look dirty nor ride along in a task's commit: they go in .git/info/exclude, the
// repository's local, unversioned ignore list, never in the user's .gitignore.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { gitEnvironment } from './gitRunner';

/** Adds `path` (absolute or relative to `root`) to the local exclude list when inside the repository; returns the rule added or null. */
export function excludeLocally(root: string, path: string): string | null {
  const abs = isAbsolute(path) ? path : resolve(root, path);
  const rel = relative(root, abs).replace(/\\/g, '/');
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  let excludeFile: string;
  try {
    // The same environment filtering as every other git command: an ambient GIT_DIR must not
    // point this at another repository's exclude list.
    const env = gitEnvironment(process.env);
    excludeFile = resolve(root, execFileSync('git', ['rev-parse', '--git-path', 'info/exclude'], { cwd: root, encoding: 'utf8', env }).trim());
  } catch {
    return null;
  }
  const rule = `/${rel.replace(/([*?[\]!#\\])/g, '\\$1')}`;
  const current = existsSync(excludeFile) ? readFileSync(excludeFile, 'utf8') : '';
  if (current.split(/\r?\n/).includes(rule)) return null;
  mkdirSync(dirname(excludeFile), { recursive: true });
  appendFileSync(excludeFile, `${current === '' || current.endsWith('\n') ? '' : '\n'}# Specpilot's audit log (audit_log_path)\n${rule}\n`);
  return rule;
}
