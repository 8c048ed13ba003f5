// The queries the CLI and the extension ask of a run-state DB (tasks, attempts, costs, events,
// latest run, live processes), shared by the recording store and read-only snapshots.
import type { SqlValue } from 'sql.js';
import { attemptFromRow, eventFromRow, gateFromRow, processFromRow, runFromRow, taskFromRow } from './recordRows';
import { SPEND_ROWS_SQL } from './reviewSpend';
import { flag, num, text, type SqlDb } from './sqlHelpers';
import type {
  AttemptRecord,
  CostQuery,
  CostReport,
  EventFilter,
  EventRecord,
  GateResultRecord,
  ProcessRecord,
  RunRecord,
  RunStoreReader,
  TaskCost,
  TaskRecord,
} from './types';

const collator = new Intl.Collator('en', { numeric: true });

/** T2 before T10, 1.2 before 1.10; ties (T01 vs T1) by code units so the order is total. */
export function compareTaskIds(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export class SqlRunStoreReader implements RunStoreReader {
  constructor(
    protected readonly sql: SqlDb,
    readonly path: string,
    readonly schemaVersion: number,
  ) {}

  run(id: string): RunRecord | null {
    const row = this.sql.one('SELECT * FROM runs WHERE id = ?', [id]);
    return row === null ? null : runFromRow(row);
  }

  runs(): readonly RunRecord[] {
    return this.sql.all('SELECT * FROM runs ORDER BY started_at, rowid').map(runFromRow);
  }

  latestRun(): RunRecord | null {
    const row = this.sql.one('SELECT * FROM runs ORDER BY started_at DESC, rowid DESC LIMIT 1');
    return row === null ? null : runFromRow(row);
  }

  task(taskId: string): TaskRecord | null {
    const row = this.sql.one('SELECT * FROM tasks WHERE task_id = ?', [taskId]);
    return row === null ? null : taskFromRow(row);
  }

  tasks(): readonly TaskRecord[] {
    return this.sql
      .all('SELECT * FROM tasks')
      .map(taskFromRow)
      .sort((a, b) => compareTaskIds(a.taskId, b.taskId));
  }

  attempt(id: string): AttemptRecord | null {
    const row = this.sql.one('SELECT * FROM attempts WHERE id = ?', [id]);
    return row === null ? null : attemptFromRow(row);
  }

  attempts(taskId: string): readonly AttemptRecord[] {
    return this.sql.all('SELECT * FROM attempts WHERE task_id = ? ORDER BY n', [taskId]).map(attemptFromRow);
  }

  gateResults(attemptId: string): readonly GateResultRecord[] {
    return this.sql.all('SELECT * FROM gate_results WHERE attempt_id = ? ORDER BY id', [attemptId]).map(gateFromRow);
  }

  costs(query: CostQuery = {}): CostReport {
    const where = query.runId === undefined ? '' : 'WHERE run_id = ?';
    const params: SqlValue[] = query.runId === undefined ? [] : [query.runId];
    // Attempts and reviewer runs together: reviewers are paid for like attempts.
    const rows = this.sql.all(
      `SELECT task_id, COALESCE(SUM(cost), 0) AS cost, MAX(unpriced) AS unpriced, ` +
        `SUM(is_review = 0) AS attempts, SUM(is_review) AS reviews, ` +
        `COALESCE(SUM(CASE WHEN is_review THEN cost ELSE 0 END), 0) AS review_cost, MAX(is_review AND unpriced) AS review_unpriced ` +
        `FROM (${SPEND_ROWS_SQL}) ${where} GROUP BY task_id`,
      params,
    );
    const tasks: TaskCost[] = rows.map((row) => ({
      taskId: text(row, 'task_id'),
      costUsd: num(row, 'cost'),
      unpriced: flag(row, 'unpriced'),
      attempts: num(row, 'attempts'),
      reviews: num(row, 'reviews'),
      reviewCostUsd: num(row, 'review_cost'),
      reviewUnpriced: flag(row, 'review_unpriced'),
    }));
    if (query.sort === 'cost') {
      tasks.sort((a, b) => b.costUsd - a.costUsd || compareTaskIds(a.taskId, b.taskId));
    } else {
      tasks.sort((a, b) => compareTaskIds(a.taskId, b.taskId));
    }
    const total = this.sql.one(`SELECT COALESCE(SUM(cost), 0) AS total FROM (${SPEND_ROWS_SQL}) ${where}`, params);
    const unpricedTasks = tasks.filter((t) => t.unpriced).length;
    return { tasks, totalUsd: total === null ? 0 : num(total, 'total'), unpriced: unpricedTasks > 0, unpricedTasks };
  }

  events(filter: EventFilter = {}): readonly EventRecord[] {
    const conditions: string[] = [];
    const params: SqlValue[] = [];
    if (filter.runId !== undefined) {
      conditions.push('run_id = ?');
      params.push(filter.runId);
    }
    if (filter.taskId !== undefined) {
      conditions.push('task_id = ?');
      params.push(filter.taskId);
    }
    if (filter.afterId !== undefined) {
      conditions.push('id > ?');
      params.push(filter.afterId);
    }
    if (filter.kind !== undefined) {
      const kinds = typeof filter.kind === 'string' ? [filter.kind] : filter.kind;
      conditions.push(kinds.length === 0 ? '0' : `kind IN (${kinds.map(() => '?').join(', ')})`);
      params.push(...kinds);
    }
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
    if (filter.limit === undefined) {
      return this.sql.all(`SELECT * FROM events ${where} ORDER BY id`, params).map(eventFromRow);
    }
    params.push(Math.max(0, Math.floor(filter.limit)));
    return this.sql
      .all(`SELECT * FROM events ${where} ORDER BY id DESC LIMIT ?`, params)
      .map(eventFromRow)
      .reverse();
  }

  liveProcesses(): readonly ProcessRecord[] {
    return this.sql.all('SELECT * FROM processes ORDER BY started_at, pid').map(processFromRow);
  }
}
