// Runs the whole CLI in-process with a capturing CliIo, on copies of fixture folders in temp
// dirs, so tests see exactly what a terminal would (stdout, stderr, exit code, files on disk).
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../../../src/cli/main';

export const REPO = join(__dirname, '../../..');
export const FIXTURES = join(REPO, 'test/fixtures');

export interface CliRun {
  readonly code: number;
  /** Everything written to stdout, each `out` call ending in one newline, as a terminal shows it. */
  readonly stdout: string;
  readonly stderr: string;
  /** Number of `out` calls: `--json` must make exactly one. */
  readonly outCalls: number;
}

export async function run(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    out: (t) => out.push(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => err.push(t.endsWith('\n') ? t : `${t}\n`),
    env,
    isTty: false,
  });
  return { code, stdout: out.join(''), stderr: err.join(''), outCalls: out.length };
}

/** Runs a `--json` command: exit `code`, nothing on stderr, exactly one JSON document on stdout. */
export async function runJson<T>(args: readonly string[], code = 0): Promise<T> {
  const r = await run(args);
  assert.equal(r.stderr, '', `stderr of ${args.join(' ')}`);
  assert.equal(r.code, code, `exit code of ${args.join(' ')}: ${r.stderr}`);
  assert.equal(r.outCalls, 1, 'one write to stdout');
  assert.ok(r.stdout.startsWith('{') && r.stdout.endsWith('}\n'), 'stdout is one JSON object and a newline');
  return JSON.parse(r.stdout) as T;
}

const made: string[] = [];

/** A fresh temp dir; `removeTempDirs` deletes every one made. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'specpilot-cli-'));
  made.push(dir);
  return dir;
}

/**
 * Copies fixture paths (relative to test/fixtures) into a fresh temp dir: `from` -> `to` inside it.
 * Returns the temp dir, which works as `--cwd`.
 */
export function workspace(copies: Readonly<Record<string, string>>): string {
  const dir = tempDir();
  for (const [from, to] of Object.entries(copies)) {
    const dest = join(dir, to);
    mkdirSync(dirname(dest), { recursive: true });
    cpSync(join(FIXTURES, from), dest, { recursive: true });
  }
  return dir;
}

export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function read(dir: string, rel: string): string {
  return readFileSync(join(dir, rel), 'utf8');
}

/**
 * Asserts that `after` is `before` with exactly the bytes [col, col + oldText.length) of 0-based
 * line `line` replaced by `newText`, every other byte of the file identical.
 */
export function assertMarkerChange(before: string, after: string, line: number, col: number, oldText: string, newText: string): void {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(b.length, a.length, 'line count');
  for (let i = 0; i < a.length; i++) if (i !== line) assert.equal(b[i], a[i], `line ${i + 1} unchanged`);
  const oldLine = a[line]!;
  assert.equal(oldLine.slice(col, col + oldText.length), oldText, `the old marker on line ${line + 1}`);
  assert.equal(b[line], oldLine.slice(0, col) + newText + oldLine.slice(col + oldText.length), `line ${line + 1}`);
  assert.equal(Buffer.byteLength(after) - Buffer.byteLength(before), Buffer.byteLength(newText) - Buffer.byteLength(oldText), 'byte length');
}
