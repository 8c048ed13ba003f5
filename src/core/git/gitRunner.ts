// One way to run git (argv, never a shell) that reports the exit code instead of throwing, so
// callers branch on git's answer ("no such ref", "conflict") rather than on errors; it also decides
// which of the caller's environment git sees.
import { runGitProcess } from './gitProcess';
import type { GitResult } from './gitProcess';

export type { GitResult } from './gitProcess';

/**
 * Every ambient GIT_* variable is stripped (GIT_DIR, GIT_CONFIG_*, GIT_SSH_COMMAND… could point git
 * at another repository or make it run programs); these are let through because they only choose
 * whose name is on a commit (never override a user's identity) or leave the system config out.
 */
const ALLOWED_AMBIENT = new Set(
  ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_AUTHOR_DATE', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'GIT_COMMITTER_DATE', 'GIT_CONFIG_NOSYSTEM'].map((k) =>
    k.toLowerCase(),
  ),
);

/** Variables without the GIT_ prefix that git still obeys to run a program: stripped as well. */
const GUARDED_PLAIN = new Set(['editor', 'visual', 'pager', 'prefix', 'ssh_askpass']);

/** A git executable as a plain name or path: no spaces, quotes or shell syntax (simple-git's rule). */
const PLAIN_BINARY = /^([a-z]:)?([a-z0-9/.\\_~-]+)$/i;

export interface RunOptions {
  /** GIT_INDEX_FILE for this one command (a scratch index); the only variable a caller may add. */
  readonly indexFile?: string;
  /** Written to git's stdin (e.g. the object names of `cat-file --batch-check`). */
  readonly input?: string;
}

/** Why `binary` is not run as git, or null when it is a plain executable name or path. */
export function binaryProblem(binary: string): string | null {
  return PLAIN_BINARY.test(binary) ? null : 'only letters, digits and / \\ . _ ~ - may appear in it (after an optional drive letter)';
}

export class GitRunner {
  constructor(
    readonly cwd: string,
    private readonly binary: string,
  ) {
    const problem = binaryProblem(binary);
    if (problem !== null) throw new Error(`expected a plain git executable name or path, got ${JSON.stringify(binary)}: ${problem}`);
  }

  /** Runs `git <args>` in `cwd` to its end; never rejects (a git that cannot start is code -2). */
  run(args: readonly string[], options: RunOptions = {}): Promise<GitResult> {
    const env = gitEnvironment(process.env);
    // Abbreviated long options (--mes for --message) are refused, as simple-git had git do.
    env['GIT_TEST_DISALLOW_ABBREVIATED_OPTIONS'] = 'true';
    if (options.indexFile !== undefined) env['GIT_INDEX_FILE'] = options.indexFile;
    return runGitProcess({ binary: this.binary, cwd: this.cwd, args, env, ...(options.input === undefined ? {} : { input: options.input }) });
  }

  /** Runs `git <args>` and returns stdout; a non-zero exit throws an Error naming the command. */
  async ok(args: readonly string[], options: RunOptions = {}): Promise<string> {
    const result = await this.run(args, options);
    if (result.code !== 0) throw new Error(describeFailure(commandLabel(args), result));
    return result.stdout;
  }
}

/** `ambient` without the guarded variables (names compared case-insensitively, as Windows does). */
export function gitEnvironment(ambient: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(ambient)) {
    if (value === undefined) continue;
    const name = key.trim().toLowerCase();
    const guarded = name.startsWith('git_') || GUARDED_PLAIN.has(name);
    if (!guarded || ALLOWED_AMBIENT.has(name)) env[key] = value;
  }
  return env;
}

/** `git <command> failed (exit N): <first lines of stderr>` for errors a person reads. */
export function describeFailure(command: string, result: GitResult): string {
  if (result.code === -2) return `could not run git ${command}: ${firstLines(result.stderr)}`;
  const detail = firstLines(result.stderr) || firstLines(result.stdout);
  return `git ${command} failed (exit ${result.code})${detail === '' ? '' : `: ${detail}`}`;
}

/** `stash push` for `-c user.name=… stash push --message=…`: the command, not its options. */
function commandLabel(args: readonly string[]): string {
  let i = 0;
  while (args[i] === '-c' || args[i] === '--no-optional-locks') i += args[i] === '-c' ? 2 : 1;
  const command = args[i] ?? '';
  const sub = args[i + 1];
  return command === 'stash' && sub !== undefined && !sub.startsWith('-') ? `stash ${sub}` : command;
}

function firstLines(output: string): string {
  return output.trim().split('\n').slice(0, 6).join('\n');
}
