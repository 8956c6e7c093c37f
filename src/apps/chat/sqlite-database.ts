// One node:sqlite connection set up for the chat store: WAL, synchronous=FULL, foreign keys,
// a busy timeout, migrations applied; with cached prepared statements and write transactions.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { migrate } from './sqlite-migrations.ts';
import type { Row } from './sqlite-rows.ts';

export class SqliteDatabase {
  private readonly db: DatabaseSync;
  private readonly statements = new Map<string, StatementSync>();

  private constructor(db: DatabaseSync) {
    this.db = db;
  }

  /** Opens (creating the file and its directory) and migrates; throws if either fails. */
  static open(path: string): SqliteDatabase {
    let db: DatabaseSync | undefined;
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      // The busy timeout covers `hearth chat add-user` writing while the server runs.
      db = new DatabaseSync(path, { timeout: 5000 });
      db.exec('PRAGMA journal_mode = WAL');
      // FULL rather than NORMAL: NORMAL already survives a killed process in WAL mode, but may
      // lose the last commits on power loss; an acknowledged message must never be lost.
      db.exec('PRAGMA synchronous = FULL');
      db.exec('PRAGMA foreign_keys = ON');
      migrate(db);
      return new SqliteDatabase(db);
    } catch (error) {
      db?.close();
      throw error;
    }
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }

  /** A PRAGMA's value (for checks and tests). */
  pragma(name: string): unknown {
    const row = this.db.prepare(`PRAGMA ${name}`).get();
    return row === undefined ? undefined : Object.values(row)[0];
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  get(sql: string, ...params: SQLInputValue[]): Row | undefined {
    return this.statement(sql).get(...params);
  }

  all(sql: string, ...params: SQLInputValue[]): Row[] {
    return this.statement(sql).all(...params);
  }

  /** Runs a write; returns the number of rows changed. */
  run(sql: string, ...params: SQLInputValue[]): number {
    return Number(this.statement(sql).run(...params).changes);
  }

  /** Runs `work` in one write transaction (BEGIN IMMEDIATE: no lock-upgrade deadlocks). */
  transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
