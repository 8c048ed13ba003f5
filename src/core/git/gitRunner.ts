// One way to run git through simple-git (argv, never a shell) that reports the exit code instead
// of throwing, so callers branch on git's answer ("no such ref", "conflict") rather than on errors.
import { GitError, simpleGit } from 'simple-git';
import type { SimpleGit, SimpleGitOptions } from 'simple-git';

export interface GitResult {
  /** git's exit code; -2 when the binary could not be started. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * simple-git strips every ambient GIT_* variable; these are let through because they only choose
 * whose name is on a commit (never override a user's identity) or leave the system config out.
 */
const ALLOWED_AMBIENT = [
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_AUTHOR_DATE',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
  'GIT_COMMITTER_DATE',
  'GIT_CONFIG_NOSYSTEM',
];

/** The non-GIT_ variables simple-git's environment guard also refuses when passed explicitly. */
const GUARDED_PLAIN = new Set(['editor', 'visual', 'pager', 'prefix', 'ssh_askpass']);

/** A non-zero exit carried through simple-git's task queue (which keeps GitError subclasses intact). */
class GitExit extends GitError {
  constructor(readonly result: GitResult) {
    super(undefined, `git exited with ${result.code}: ${result.stderr.trim()}`);
  }
}

const text = (chunks: readonly Buffer[]): string => Buffer.concat(chunks).toString('utf8');

export class GitRunner {
  private readonly git: SimpleGit;

  constructor(
    readonly cwd: string,
    private readonly binary: string,
  ) {
    this.git = simpleGit(this.options([]));
  }

  /** Runs `git <args>` in `cwd`; `env` adds variables for this one command (e.g. GIT_INDEX_FILE). */
  async run(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<GitResult> {
    const extra = Object.keys(env);
    const git = extra.length === 0 ? this.git : simpleGit(this.options(extra)).env({ ...ambientEnv(), ...env });
    try {
      const stdout = await git.raw([...args]);
      return { code: 0, stdout, stderr: '' };
    } catch (error) {
      if (error instanceof GitExit) return error.result;
      return { code: -2, stdout: '', stderr: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Runs `git <args>` and returns stdout; a non-zero exit throws an Error naming the command. */
  async ok(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<string> {
    const result = await this.run(args, env);
    if (result.code !== 0) throw new Error(describeFailure(commandLabel(args), result));
    return result.stdout;
  }

  private options(extraAllowed: readonly string[]): Partial<SimpleGitOptions> {
    return {
      baseDir: this.cwd,
      binary: this.binary,
      trimmed: false,
      allowEnvironment: [...ALLOWED_AMBIENT, ...extraAllowed],
      errors: (error, result) => {
        if (result.exitCode === 0 && error === undefined) return undefined;
        const stderr = text(result.stdErr);
        const message = stderr !== '' || !(error instanceof Error) ? stderr : error.message;
        return new GitExit({ code: result.exitCode === 0 ? -2 : result.exitCode, stdout: text(result.stdOut), stderr: message });
      },
    };
  }
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

/** process.env without the variables simple-git would refuse to see passed explicitly. */
function ambientEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    const lower = key.toLowerCase();
    const guarded = lower.startsWith('git_') || GUARDED_PLAIN.has(lower);
    if (!guarded || ALLOWED_AMBIENT.includes(key.toUpperCase())) env[key] = value;
  }
  return env;
}
