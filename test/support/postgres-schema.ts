// A PostgreSQL schema of a test's own: suites sharing the one test database run concurrently,
// so each test gets a freshly named schema (its tables, its hearth_migrations), dropped with
// everything in it when the test ends. Skipped with a printed reason when DATABASE_URL is unset.

import { randomBytes } from 'node:crypto';
import type { TestContext } from 'node:test';
import { PostgresDatabase } from '../../src/core/storage/postgres.ts';
import { serviceUrl } from './services.ts';

export interface TestSchema {
  readonly url: string;
  readonly schema: string;
  /** A pool confined to the schema; more with `connect()`. All are closed after the test. */
  readonly db: PostgresDatabase;
  connect(options?: { poolSize?: number }): Promise<PostgresDatabase>;
}

/** A fresh schema, or undefined when the test was skipped for want of PostgreSQL. */
export async function freshSchema(
  t: TestContext,
  prefix = 'hearth_test',
): Promise<TestSchema | undefined> {
  const url = serviceUrl(t, 'postgres');
  if (url === undefined) return undefined;
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  const pools: PostgresDatabase[] = [];
  const connect = async (options: { poolSize?: number } = {}) => {
    const pool = await PostgresDatabase.connect({ url, schema, poolSize: options.poolSize ?? 4 });
    pools.push(pool);
    return pool;
  };
  const db = await connect();
  t.after(async () => {
    await Promise.all(pools.map((pool) => pool.close()));
    const admin = await PostgresDatabase.connect({ url, poolSize: 1 });
    try {
      await admin.execute(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await admin.close();
    }
  });
  return { url, schema, db, connect };
}
