// The optional audit trail (config audit_log_path): one JSON line per lifecycle event, for people
// who must show who ran what and when. Appends never throw into a run, and each line is one
// O_APPEND write, so lines from two processes sharing the file never interleave.
// Callers redact: entries are written as given, so never pass a token, key or webhook URL in data.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { describeFailure, fsFailure } from './stateFile';
import type { JsonValue } from './types';

/** user@host of the account running Specpilot. */
export function defaultOperator(): string {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    // A uid without a passwd entry (some containers) has no user name.
    user = process.env['USER'] ?? process.env['USERNAME'] ?? 'unknown';
  }
  return `${user}@${hostname()}`;
}

/** audit_log_operator when set, else user@host. */
export function resolveOperator(configured: string): string {
  const trimmed = configured.trim();
  return trimmed === '' ? defaultOperator() : trimmed;
}

export interface AuditEntry {
  readonly runId: string | null;
  readonly taskId: string | null;
  /** task_started, task_done, approval_granted...: the executor's lifecycle names. */
  readonly event: string;
  /** Extra fields, written after the fixed ones; keys that would replace a fixed field are dropped. */
  readonly data?: Readonly<Record<string, JsonValue>>;
}

export interface AuditLog {
  /** null when the audit log is disabled (empty audit_log_path). */
  readonly path: string | null;
  /** The first write failure, reported once through onError; later writes still try. */
  readonly error: string | null;
  write(entry: AuditEntry): void;
  close(): void;
}

export interface AuditLogOptions {
  readonly workspaceRoot: string;
  /** Config audit_log_path, relative to the workspace root; empty disables the log. */
  readonly path: string;
  /** Config audit_log_operator, or empty for user@host. */
  readonly operator: string;
  readonly onError?: (message: string) => void;
  readonly now?: () => number;
}

const FIXED_FIELDS = new Set(['ts', 'run_id', 'task_id', 'event', 'operator']);

export function openAuditLog(options: AuditLogOptions): AuditLog {
  if (options.path.trim() === '') return { path: null, error: null, write: () => undefined, close: () => undefined };
  const path = resolve(options.workspaceRoot, options.path);
  const operator = resolveOperator(options.operator);
  const now = options.now ?? Date.now;
  let fd: number | null = null;
  let error: string | null = null;

  const report = (message: string): void => {
    if (error !== null) return;
    error = message;
    try {
      options.onError?.(message);
    } catch {
      /* the listener's problem, not the run's */
    }
  };

  return {
    path,
    get error() {
      return error;
    },
    write(entry) {
      let line: Buffer;
      try {
        const record: Record<string, JsonValue> = {
          ts: new Date(now()).toISOString(),
          run_id: entry.runId,
          task_id: entry.taskId,
          event: entry.event,
          operator,
        };
        for (const [key, value] of Object.entries(entry.data ?? {})) if (!FIXED_FIELDS.has(key)) record[key] = value;
        line = Buffer.from(`${JSON.stringify(record)}\n`);
      } catch (e) {
        report(`audit log: cannot serialise ${entry.event}: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
      try {
        if (fd === null) {
          mkdirSync(dirname(path), { recursive: true });
          // 'a' is O_APPEND: every write lands at the end, whoever else appends.
          fd = openSync(path, 'a');
        }
        // One write per line: never split into pieces another process could slip between.
        const written = writeSync(fd, line, 0, line.length);
        if (written !== line.length) report(`audit log ${path}: only ${written} of ${line.length} bytes written (disk full?)`);
      } catch (e) {
        report(`audit log ${path}: ${describeFailure(fsFailure(e))}`);
      }
    },
    close() {
      if (fd === null) return;
      try {
        closeSync(fd);
      } catch {
        /* already closed */
      }
      fd = null;
    },
  };
}
