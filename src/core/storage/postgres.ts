// The shared PostgreSQL connection of a Hearth node: one bounded `pg` pool built from
// `storage.postgres_url`, optionally confined to a schema of its own (set as the search_path
// of every connection, so tests and tenants can share one database), with transactions,
// a readiness check and a clean close. Stores (chat, OpenLifter…) run their queries through it.

import pg from 'pg';
import { maskUrlCredentials } from '../config/redact.ts';

/** A row as `pg` returns it; 64-bit integers already converted to numbers (see parseInt8). */
export type PostgresRow = Record<string, unknown>;

/** Bind parameters: what `pg` serializes. */
export type PostgresParam = string | number | boolean | null | Uint8Array | readonly string[];

/** What a store can run statements on: the pool itself, or one transaction's connection. */
export interface PostgresQueryable {
  /** Rows of one statement (bound by $1, $2…). */
  query(sql: string, params?: readonly PostgresParam[]): Promise<PostgresRow[]>;
  /** Runs a write; returns the number of rows it changed. */
  execute(sql: string, params?: readonly PostgresParam[]): Promise<number>;
}

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` (credentials never logged). */
  readonly url: string;
  /** Most connections the pool opens. @default 10 */
  readonly poolSize?: number;
  /** Schema for every connection's search_path, created when missing. @default the server's */
  readonly schema?: string | undefined;
  /** Time allowed to obtain a connection before a query fails. @default 5000 */
  readonly connectTimeoutMs?: number;
  /** Shown in pg_stat_activity. @default "hearth" */
  readonly applicationName?: string;
  /** Told about errors of idle connections (a restarted server, a network cut). */
  readonly onIdleError?: (error: Error) => void;
}

/** Unquoted identifiers only: the name goes into a connection option and DDL as is. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Errors that mean "it exists already" when two nodes create the same schema at once. */
const ALREADY_EXISTS = new Set(['42P06', '23505']);

const HEALTH_TIMEOUT_MS = 2000;

/** PostgreSQL's type id of BIGINT (int8). */
const INT8_OID = 20;

export class PostgresDatabase implements PostgresQueryable {
  readonly schema: string | undefined;
  /** The URL with its password masked: for logs and error messages. */
  readonly safeUrl: string;
  private readonly pool: pg.Pool;
  private closed = false;

  private constructor(pool: pg.Pool, schema: string | undefined, safeUrl: string) {
    this.pool = pool;
    this.schema = schema;
    this.safeUrl = safeUrl;
  }

  /** Opens the pool, checks the server answers and creates the schema if one is named. */
  static async connect(options: PostgresOptions): Promise<PostgresDatabase> {
    const { schema } = options;
    if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
      throw new Error(`PostgreSQL schema name must match ${String(SCHEMA_NAME)}: ${schema}`);
    }
    const poolSize = options.poolSize ?? 10;
    if (!Number.isInteger(poolSize) || poolSize < 1) {
      throw new Error(`PostgreSQL pool size must be a positive integer: ${String(poolSize)}`);
    }
    const pool = new pg.Pool({
      connectionString: options.url,
      max: poolSize,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      application_name: options.applicationName ?? 'hearth',
      // The search_path is a startup parameter: it holds on every connection from its first
      // statement, with no extra round trip and nothing a pooled connection can forget.
      ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
      types: { getTypeParser: typeParser },
    });
    // Without a listener, an idle connection's error (server restart) would crash the process.
    pool.on('error', (error) => {
      options.onIdleError?.(error);
    });
    const database = new PostgresDatabase(pool, schema, maskUrlCredentials(options.url));
    try {
      if (schema !== undefined) await database.createSchema(schema);
      else await database.query('SELECT 1');
    } catch (error) {
      await pool.end();
      throw new Error(`cannot connect to PostgreSQL at ${database.safeUrl}: ${describe(error)}`, {
        cause: error,
      });
    }
    return database;
  }

  async query(sql: string, params: readonly PostgresParam[] = []): Promise<PostgresRow[]> {
    const result = await this.pool.query<PostgresRow>(sql, params as unknown[]);
    return result.rows;
  }

  async execute(sql: string, params: readonly PostgresParam[] = []): Promise<number> {
    const result = await this.pool.query(sql, params as unknown[]);
    return result.rowCount ?? 0;
  }

  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back
   * when it throws (the error is rethrown). READ COMMITTED unless told otherwise.
   */
  async withTransaction<T>(
    work: (tx: PostgresQueryable) => Promise<T>,
    options: { readonly isolation?: 'read committed' | 'repeatable read' | 'serializable' } = {},
  ): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(
        `BEGIN ISOLATION LEVEL ${(options.isolation ?? 'read committed').toUpperCase()}`,
      );
      const result = await work(queryableClient(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is unusable (the server went away): do not return it to the pool.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Readiness: undefined when a trivial query succeeds in time, else what is wrong. */
  async health(): Promise<string | undefined> {
    if (this.closed) return 'postgres: closed';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => {
        resolve('postgres: no answer in time');
      }, HEALTH_TIMEOUT_MS);
    });
    try {
      return await Promise.race([
        this.query('SELECT 1').then(
          () => undefined,
          (error: unknown) => `postgres: ${describe(error)}`,
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Pool usage, for metrics and tests. */
  stats(): { total: number; idle: number; waiting: number } {
    return {
      total: this.pool.totalCount,
      idle: this.pool.idleCount,
      waiting: this.pool.waitingCount,
    };
  }

  /** Waits for checked-out connections to come back, then closes every connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private async createSchema(schema: string): Promise<void> {
    try {
      await this.pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } catch (error) {
      // IF NOT EXISTS is not race-free: a concurrent creator makes ours fail, which is fine.
      if (!ALREADY_EXISTS.has(sqlState(error) ?? '')) throw error;
    }
  }
}

/** The SQLSTATE of a PostgreSQL error (e.g. "23505" unique violation), if it is one. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function queryableClient(client: pg.PoolClient): PostgresQueryable {
  return {
    async query(sql, params = []) {
      return (await client.query<PostgresRow>(sql, params as unknown[])).rows;
    },
    async execute(sql, params = []) {
      return (await client.query(sql, params as unknown[])).rowCount ?? 0;
    },
  };
}

/**
 * BIGINT (ids, COUNT(*)) arrives as a number rather than pg's default string: every value the
 * stores keep fits in 2^53, and one that does not is an error rather than a rounded id.
 */
function typeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === INT8_OID) return parseInt8;
  return builtinParser(oid, format);
}

/** pg's own parser for every other type (typed loosely: its declarations use an enum). */
const builtinParser = pg.types.getTypeParser as (
  oid: number,
  format?: 'text' | 'binary',
) => (value: string) => unknown;

function parseInt8(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new Error(`64-bit value out of range: ${value}`);
  return parsed;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return maskUrlCredentials(message);
}
