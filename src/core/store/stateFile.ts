// The state DB file on disk: its git-ignored directory, the atomic write (temp file, fsync,
// rename, so a kill -9 leaves the old file or the new one, never half of one), reading it back,
// and moving a corrupt one aside instead of deleting it.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { StateFileWriter } from './types';

function toBuffer(data: Uint8Array): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

export const atomicStateFileWriter: StateFileWriter = {
  write: (path, data) => writeFileAtomic(path, toBuffer(data), { fsync: true }),
  writeSync: (path, data) => writeFileAtomic.sync(path, toBuffer(data), { fsync: true }),
};

export interface FsFailure {
  readonly code: string;
  readonly message: string;
}

export function fsFailure(error: unknown): FsFailure {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'EUNKNOWN';
  const message = error instanceof Error ? error.message : String(error);
  return { code, message };
}

/** Node's fs messages already start with the code (`ENOSPC: no space left...`); others get it. */
export function describeFailure(failure: FsFailure): string {
  return failure.message.startsWith(failure.code) ? failure.message : `${failure.code}: ${failure.message}`;
}

/** Everything in the state directory is machine state: `*` keeps all of it out of git. */
export const STATE_DIR_GITIGNORE = '*\n';

/**
 * Creates the directory and its .gitignore; an existing .gitignore is the user's and is kept.
 * `gitignore: 'if-created'` skips the .gitignore unless the directory was just made (saves call
 * this every time; opening the store uses 'always').
 */
export function ensureStateDir(dir: string, gitignore: 'always' | 'if-created' = 'always'): FsFailure | null {
  try {
    const created = mkdirSync(dir, { recursive: true });
    if (gitignore === 'always' || created !== undefined) writeFileSync(join(dir, '.gitignore'), STATE_DIR_GITIGNORE, { flag: 'wx' });
    return null;
  } catch (error) {
    const failure = fsFailure(error);
    return failure.code === 'EEXIST' ? null : failure;
  }
}

export type StateFileContent =
  | { readonly kind: 'missing' }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'error'; readonly failure: FsFailure };

export function readStateFile(path: string): StateFileContent {
  try {
    const bytes = readFileSync(path);
    // An empty file holds no state (SQLite reads it as an empty database): start fresh over it.
    return bytes.length === 0 ? { kind: 'missing' } : { kind: 'bytes', bytes };
  } catch (error) {
    const failure = fsFailure(error);
    // ENOTDIR: a parent is a file, so there is no state file (and the first save will say why).
    return failure.code === 'ENOENT' || failure.code === 'ENOTDIR' ? { kind: 'missing' } : { kind: 'error', failure };
  }
}

/** `state.db.corrupt-2025-01-31T12-00-00-000Z` (colons are not portable in file names). */
export function corruptName(path: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/:/g, '-').replace('.', '-');
  let candidate = `${path}.corrupt-${stamp}`;
  for (let k = 2; existsSync(candidate); k++) candidate = `${path}.corrupt-${stamp}-${k}`;
  return candidate;
}

export function moveAside(path: string, now: number): { readonly ok: true; readonly movedTo: string } | { readonly ok: false; readonly failure: FsFailure } {
  const target = corruptName(path, now);
  try {
    renameSync(path, target);
    return { ok: true, movedTo: target };
  } catch (error) {
    const failure = fsFailure(error);
    // Gone meanwhile: nothing left to protect from being overwritten.
    return failure.code === 'ENOENT' ? { ok: true, movedTo: target } : { ok: false, failure };
  }
}

/**
 * write-file-atomic names its temp file `<file>.<uint32>` and removes it on a normal exit; a
 * kill -9 mid-save leaves it behind. Old ones are removed (a fresh one may be another save's).
 */
export function removeStaleTempFiles(path: string, now: number, olderThanMs = 60_000): readonly string[] {
  const dir = dirname(path);
  const prefix = `${basename(path)}.`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !/^\d+$/.test(name.slice(prefix.length))) continue;
    const full = join(dir, name);
    try {
      if (now - statSync(full).mtimeMs < olderThanMs) continue;
      unlinkSync(full);
      removed.push(full);
    } catch {
      /* already gone, or not ours to remove */
    }
  }
  return removed;
}
