// A real git repository made from the demo workspace in a temp dir, for executor tests: the demo's
// tasks, requirements and tests, a config the test chooses, one commit on main.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures');
export const FAKE_BIN = join(FIXTURES, 'agents', 'bin');

export interface DemoRepo {
  readonly dir: string;
  /** Outside the repository: scripts, prompt logs, pid files. */
  readonly scratch: string;
  /** Writes a fake-agent script into scratch; returns its path. */
  script(name: string, script: unknown): string;
  git(...args: string[]): string;
  write(rel: string, text: string): void;
  cleanup(): void;
}

export function makeDemoRepo(config: string): DemoRepo {
  const scratch = mkdtempSync(join(tmpdir(), 'specpilot-run-'));
  const dir = join(scratch, 'repo');
  cpSync(join(FIXTURES, 'demo'), dir, { recursive: true });
  writeFileSync(join(dir, 'spec-runner.config.yaml'), config);
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Test');
  git('config', 'user.email', 'test@example.com');
  git('add', '-A');
  git('commit', '-q', '-m', 'demo');
  return {
    dir,
    scratch,
    script: (name, script) => {
      const path = join(scratch, `${name}.json`);
      writeFileSync(path, JSON.stringify(script));
      return path;
    },
    git,
    write: (rel, text) => writeFileSync(join(dir, rel), text),
    cleanup: () => rmSync(scratch, { recursive: true, force: true }),
  };
}

/**
 * A config for tests: no retry delay, the given test command, everything else spec-runner's defaults
 * (review on, three serial reviewers); `review: false` turns review off, an object sets its keys.
 */
export function testConfig(
  opts: { test?: string; retries?: number; budget?: number | null; extra?: string; review?: false | { roles?: readonly string[]; parallel?: boolean } } = {},
): string {
  const review =
    opts.review === false
      ? ['    run_review: false']
      : opts.review
        ? [
            ...(opts.review.roles ? [`    review_roles: [${opts.review.roles.join(', ')}]`] : []),
            ...(opts.review.parallel !== undefined ? [`    review_parallel: ${opts.review.parallel}`] : []),
          ]
        : [];
  return [
    `max_retries: ${opts.retries ?? 2}`,
    'retry_delay_seconds: 0',
    'task_timeout_minutes: 2',
    `budget_usd: ${opts.budget === undefined || opts.budget === null ? 'null' : opts.budget}`,
    'hooks:',
    '  post_done:',
    '    run_tests: true',
    '    run_lint: false',
    ...review,
    'commands:',
    `  test: ${JSON.stringify(opts.test ?? 'node --test')}`,
    opts.extra ?? '',
  ].join('\n');
}
