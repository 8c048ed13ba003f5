// Per-attempt log files: an agent's raw output goes to <logs>/<task>/attempt-<n>.log, never into
// the DB. The writer holds a bounded amount in memory whatever the agent prints, and readTail
// serves `specpilot logs ID` from the end of a file of any size.
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fsFailure } from './stateFile';

const SAFE_NAME = /^[A-Za-z0-9._-]{1,80}$/;

/**
 * A task id as one directory name. Ids that are already safe are kept as written; any other gets
 * its unsafe characters replaced and a hash of the original, so two ids never share a directory.
 */
export function sanitiseTaskId(taskId: string): string {
  if (SAFE_NAME.test(taskId) && !/^\.+$/.test(taskId)) return taskId;
  const base = taskId.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_').slice(0, 60);
  const hash = createHash('sha256').update(taskId).digest('hex').slice(0, 8);
  return `${base === '' ? 'task' : base}-${hash}`;
}

export function attemptLogPath(logsDir: string, taskId: string, n: number): string {
  return join(logsDir, sanitiseTaskId(taskId), `attempt-${n}.log`);
}

export interface AttemptLogWriter {
  readonly path: string;
  /**
   * Appends a chunk. false: the file is behind, wait for drained() before writing more (pause the
   * agent's stream). A caller that keeps writing past maxPendingBytes loses output, counted.
   */
  write(chunk: string | Uint8Array): boolean;
  drained(): Promise<void>;
  /** Bytes dropped because the file fell behind by more than maxPendingBytes. */
  readonly droppedBytes: number;
  /** The first write error (ENOSPC...); writing then stops, the run goes on. */
  readonly error: string | null;
  /** Writes what is pending and closes the file. Never rejects. */
  close(): Promise<void>;
}

export interface AttemptLogOptions {
  /** Default 4 MiB. */
  readonly maxPendingBytes?: number;
}

const DEFAULT_MAX_PENDING = 4 * 1024 * 1024;

export function openAttemptLog(path: string, options: AttemptLogOptions = {}): AttemptLogWriter {
  const maxPending = options.maxPendingBytes ?? DEFAULT_MAX_PENDING;
  let error: string | null = null;
  let dropped = 0;
  let droppedSinceNote = 0;
  let closing: Promise<void> | null = null;
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (e) {
    error = `cannot create the log directory of ${path}: ${fsFailure(e).message}`;
  }
  // 'a': a resumed attempt appends to what it already wrote.
  const stream = error === null ? createWriteStream(path, { flags: 'a' }) : null;
  stream?.on('error', (e) => {
    error ??= `cannot write ${path}: ${e.message}`;
  });

  const noteDropped = (): void => {
    if (droppedSinceNote === 0 || stream === null) return;
    stream.write(`\n[specpilot: ${droppedSinceNote} bytes of output dropped here: the log file could not keep up]\n`);
    droppedSinceNote = 0;
  };

  return {
    path,
    get droppedBytes() {
      return dropped;
    },
    get error() {
      return error;
    },
    write(chunk) {
      if (stream === null || error !== null || closing !== null) return true;
      const size = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      // An empty buffer takes any chunk: a single large chunk is not a writer falling behind.
      if (stream.writableLength > 0 && stream.writableLength + size > maxPending) {
        dropped += size;
        droppedSinceNote += size;
        return false;
      }
      noteDropped();
      return stream.write(chunk);
    },
    drained() {
      if (stream === null || !stream.writableNeedDrain || error !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const done = (): void => {
          stream.off('drain', done);
          stream.off('close', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('close', done);
      });
    },
    close() {
      if (closing !== null) return closing;
      closing = new Promise((resolve) => {
        if (stream === null || stream.destroyed) {
          resolve();
          return;
        }
        noteDropped();
        stream.end(() => resolve());
        // end()'s callback is not called when the stream fails while ending.
        stream.once('close', () => resolve());
      });
      return closing;
    },
  };
}

export type TailResult = { readonly ok: true; readonly lines: readonly string[] } | { readonly ok: false; readonly error: string };

const TAIL_CHUNK = 64 * 1024;

/** The last `lines` lines of a file, reading only as much of its end as they need. */
export async function readTail(path: string, lines: number): Promise<TailResult> {
  if (!Number.isSafeInteger(lines) || lines < 0) return { ok: false, error: `lines must be an integer >= 0, got ${String(lines)}` };
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    const failure = fsFailure(e);
    return { ok: false, error: failure.code === 'ENOENT' ? `no log at ${path}` : `cannot read ${path}: ${failure.message}` };
  }
  try {
    const size = (await handle.stat()).size;
    const chunks: Buffer[] = [];
    let newlines = 0;
    let position = size;
    // One newline more than asked: the file's last line usually ends with one.
    while (position > 0 && newlines <= lines) {
      const length = Math.min(TAIL_CHUNK, position);
      position -= length;
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      const chunk = buffer.subarray(0, bytesRead);
      for (const byte of chunk) if (byte === 0x0a) newlines++;
      chunks.unshift(chunk);
    }
    // Cut at newlines only: a newline byte never occurs inside a multi-byte UTF-8 character.
    const all = Buffer.concat(chunks).toString('utf8').split('\n');
    if (all[all.length - 1] === '') all.pop();
    if (position > 0) all.shift(); // the first line read may be partial
    return { ok: true, lines: all.slice(Math.max(0, all.length - lines)).map((line) => line.replace(/\r$/, '')) };
  } catch (e) {
    return { ok: false, error: `cannot read ${path}: ${fsFailure(e).message}` };
  } finally {
    await handle.close();
  }
}
