// Commits (and stashes and merges, which are commits too) must work in a repository whose user
// never configured a name: a fallback identity is passed only for what is missing, never over theirs.
import type { GitRunner } from './gitRunner';

export const FALLBACK_NAME = 'Specpilot';
export const FALLBACK_EMAIL = 'specpilot@localhost';

/** `-c user.name=… -c user.email=…` for the parts of the identity git has no value for. */
export async function identityArgs(git: GitRunner): Promise<string[]> {
  const args: string[] = [];
  if (!(await isConfigured(git, 'user.name'))) args.push('-c', `user.name=${FALLBACK_NAME}`);
  if (!(await isConfigured(git, 'user.email'))) args.push('-c', `user.email=${FALLBACK_EMAIL}`);
  return args;
}

async function isConfigured(git: GitRunner, key: string): Promise<boolean> {
  const result = await git.run(['config', '--get', key]);
  return result.code === 0 && result.stdout.trim() !== '';
}
