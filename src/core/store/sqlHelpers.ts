// A thin typed layer over a sql.js Database: cached prepared statements (export() keeps them in
// sql.js 1.16), batched changes, and column readers that turn SqlValues into record fields.
import type { Database, ParamsObject, SqlValue, Statement } from 'sql.js';

export class SqlDb {
  private readonly statements = new Map<string, Statement>();
  private inBatch = false;

  constructor(readonly db: Database) {}

  private statement(sql: string): Statement {
    let s = this.statements.get(sql);
    if (s === undefined) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  run(sql: string, params: readonly SqlValue[] = []): void {
    this.statement(sql).run([...params]);
  }

  all(sql: string, params: readonly SqlValue[] = []): ParamsObject[] {
    const s = this.statement(sql);
    const rows: ParamsObject[] = [];
    try {
      s.bind([...params]);
      while (s.step()) rows.push(s.getAsObject());
    } finally {
      s.reset();
    }
    return rows;
  }

  one(sql: string, params: readonly SqlValue[] = []): ParamsObject | null {
    return this.all(sql, params)[0] ?? null;
  }

  /** Rows changed by the last INSERT, UPDATE or DELETE. */
  changes(): number {
    return this.db.getRowsModified();
  }

  /**
   * One change, all or nothing (a savepoint), inside a transaction left open until the next
   * commit(). sql.js keeps the DB in a virtual file: committing every change would copy each
   * touched page into it every time, while one commit per save copies it once.
   */
  change<T>(fn: () => T): T {
    if (!this.inBatch) {
      this.db.exec('BEGIN');
      this.inBatch = true;
    }
    this.db.exec('SAVEPOINT change');
    try {
      const result = fn();
      this.db.exec('RELEASE change');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK TO change');
      this.db.exec('RELEASE change');
      throw error;
    }
  }

  /** Ends the open batch: export() refuses to run inside a write transaction. */
  commit(): void {
    if (!this.inBatch) return;
    this.db.exec('COMMIT');
    this.inBatch = false;
  }

  close(): void {
    this.commit();
    for (const s of this.statements.values()) s.free();
    this.statements.clear();
    this.db.close();
  }
}

export function text(row: ParamsObject, column: string): string {
  const v = row[column];
  if (typeof v === 'string') return v;
  return v === null || v === undefined ? '' : String(v);
}

export function textOrNull(row: ParamsObject, column: string): string | null {
  const v = row[column];
  return v === null || v === undefined ? null : typeof v === 'string' ? v : String(v);
}

export function num(row: ParamsObject, column: string): number {
  const v = row[column];
  return typeof v === 'number' ? v : Number(v ?? 0);
}

export function numOrNull(row: ParamsObject, column: string): number | null {
  const v = row[column];
  return v === null || v === undefined ? null : typeof v === 'number' ? v : Number(v);
}

export function flag(row: ParamsObject, column: string): boolean {
  return num(row, column) !== 0;
}

/** A string narrowed to a union whose members are the keys of `members`. */
export function isMember<T extends string>(value: string, members: Readonly<Record<T, true>>): value is T {
  return Object.prototype.hasOwnProperty.call(members, value);
}

/** SQLite has no booleans. */
export function sqlBool(b: boolean): number {
  return b ? 1 : 0;
}
