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
  /** Default 16 MiB: a disk that stalls for a few hundred ms under a 50 MB/s flood loses nothing. */
  readonly maxPendingBytes?: number;
}

const DEFAULT_MAX_PENDING = 16 * 1024 * 1024;
/**
 * Text is encoded straight into a batch buffer and handed to the file every FLUSH_MS (or once the
 * batch is full): an agent prints one line at a time, and a file write (or a string join) per line
 * costs more than the whole rest of the output pipeline. A quarter of maxPendingBytes at most, so
 * gathering never drops output.
 */
const BATCH_BYTES = 1024 * 1024;
const FLUSH_MS = 20;
/** UTF-8 needs at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units). */
const MAX_UTF8_PER_UNIT = 3;

export function openAttemptLog(path: string, options: AttemptLogOptions = {}): AttemptLogWriter {
  const maxPending = options.maxPendingBytes ?? DEFAULT_MAX_PENDING;
  const batchSize = Math.max(1024, Math.min(BATCH_BYTES, Math.floor(maxPending / 4)));
  let error: string | null = null;
  let dropped = 0;
  let droppedSinceNote = 0;
  let closing: Promise<void> | null = null;
  /** Text accepted but not yet handed to the stream: batch[0, used). */
  let batch: Buffer | null = null;
  let used = 0;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
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

  const flush = (): void => {
    if (flushTimer !== null) {
      clearTimeout(flushTimer);
      flushTimer = null;
    }
    const full = batch;
    const length = used;
    used = 0;
    // After a write error the text is lost like any later write: the run goes on without its log.
    if (full === null || length === 0 || stream === null || error !== null || stream.destroyed) return;
    if (length < full.length / 4) {
      // A trickle: a copy of it goes, the batch buffer stays for the next lines.
      stream.write(Buffer.from(full.subarray(0, length)));
    } else {
      // A flood: the stream keeps this buffer until it is written, so the next lines need a new one.
      batch = null;
      stream.write(full.subarray(0, length));
    }
  };

  /** Encodes `text` into the batch, or writes it on its own when it could not fit a batch. */
  const append = (text: string): void => {
    if (stream === null) return;
    const worst = text.length * MAX_UTF8_PER_UNIT;
    if (worst > batchSize) {
      flush();
      stream.write(text);
      return;
    }
    if (batch !== null && used + worst > batchSize) flush();
    batch ??= Buffer.allocUnsafe(batchSize);
    used += batch.write(text, used);
    flushTimer ??= setTimeout(flush, FLUSH_MS);
  };

  const noteDropped = (): void => {
    if (droppedSinceNote === 0 || stream === null) return;
    const note = `\n[specpilot: ${droppedSinceNote} bytes of output dropped here: the log file could not keep up]\n`;
    droppedSinceNote = 0;
    append(note);
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
      // Characters stand in for bytes here (never more than the bytes): the bound need not be exact.
      const size = typeof chunk === 'string' ? chunk.length : chunk.byteLength;
      const pending = stream.writableLength + used;
      // An empty buffer takes any chunk: a single large chunk is not a writer falling behind.
      if (pending > 0 && pending + size > maxPending) {
        const bytes = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
        dropped += bytes;
        droppedSinceNote += bytes;
        return false;
      }
      noteDropped();
      if (typeof chunk === 'string') {
        append(chunk);
      } else {
        // Bytes keep their place after the text before them.
        flush();
        stream.write(chunk);
      }
      // Gathered text is no backlog yet: only what the file has not taken is.
      return stream.writableLength < stream.writableHighWaterMark;
    },
    drained() {
      if (stream === null || error !== null) return Promise.resolve();
      flush();
      if (!stream.writableNeedDrain) return Promise.resolve();
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
          if (flushTimer !== null) clearTimeout(flushTimer);
          resolve();
          return;
        }
        noteDropped();
        flush();
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
