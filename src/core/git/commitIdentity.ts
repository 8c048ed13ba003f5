// Commits (and stashes and merges, which are commits too) must work in a repository whose user
// never configured a name: a fallback identity is passed only for what is missing, never over theirs.
import type { GitRunner } from './gitRunner';

export const FALLBACK_NAME = 'Specpilot';
export const FALLBACK_EMAIL = 'specpilot@localhost';

/**
 * Repositories whose name and email were both found configured: a run's several commits ask git
 * once. A missing part is asked again every time, so an identity set meanwhile is used at once.
 */
const fullyConfigured = new WeakSet<GitRunner>();

/** `-c user.name=… -c user.email=…` for the parts of the identity git has no value for. */
export async function identityArgs(git: GitRunner): Promise<string[]> {
  if (fullyConfigured.has(git)) return [];
  const configured = await configuredIdentity(git);
  const args: string[] = [];
  if (!configured.name) args.push('-c', `user.name=${FALLBACK_NAME}`);
  if (!configured.email) args.push('-c', `user.email=${FALLBACK_EMAIL}`);
  if (args.length === 0) fullyConfigured.add(git);
  return args;
}

/** Which of user.name and user.email git has a non-blank value for, from every config it reads. */
async function configuredIdentity(git: GitRunner): Promise<{ readonly name: boolean; readonly email: boolean }> {
  // Exit 1 with no output when neither is set; with -z every entry is `key\nvalue\0` (`key\0` with no value).
  const result = await git.run(['config', '-z', '--get-regexp', '^user\\.(name|email)$']);
  const values = new Map<string, string>();
  if (result.code === 0) {
    for (const entry of result.stdout.split('\0')) {
      const newline = entry.indexOf('\n');
      const key = (newline < 0 ? entry : entry.slice(0, newline)).toLowerCase();
      // The last value wins, as for `git config --get`.
      if (key !== '') values.set(key, newline < 0 ? '' : entry.slice(newline + 1));
    }
  }
  return { name: (values.get('user.name') ?? '').trim() !== '', email: (values.get('user.email') ?? '').trim() !== '' };
}
