// Schema migrations for the PostgreSQL stores: each store (chat, openlifter…) has an ordered
// list of named SQL migrations; the runner applies the ones missing, each in its own
// transaction, and records them in `hearth_migrations` (store, version, name). Several nodes
// may start at once: every step first takes a transaction-scoped advisory lock for the schema,
// so one node migrates while the others wait and then find the work done.

import type { PostgresDatabase, PostgresQueryable } from './postgres.ts';

export interface PostgresMigration {
  /** Says what the migration does; recorded, and checked against on later starts. */
  readonly name: string;
  /** One or more statements (no bind parameters). */
  readonly sql: string;
}

/** Arbitrary constant: the first half of the advisory lock key, "Hearth migrations". */
const LOCK_NAMESPACE = 0x4845_4d47;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS hearth_migrations (
  store TEXT NOT NULL,
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL,
  PRIMARY KEY (store, version)
)`;

/**
 * Applies `store`'s migrations the database lacks, in order (version = position + 1); returns
 * the versions applied. Refuses a database migrated by a newer Hearth (more versions than this
 * build knows) or one whose recorded names differ from this build's (a different history).
 */
export async function migrate(
  db: PostgresDatabase,
  store: string,
  migrations: readonly PostgresMigration[],
): Promise<number[]> {
  if (store === '') throw new Error('migrations need a store name');
  const applied: number[] = [];
  for (;;) {
    const version = await db.withTransaction(async (tx) => {
      await lockSchema(tx);
      await tx.execute(CREATE_TABLE);
      const done = await recorded(tx, store);
      checkHistory(store, done, migrations);
      const next = done.length;
      const migration = migrations[next];
      if (migration === undefined) return undefined;
      try {
        await tx.execute(migration.sql);
      } catch (error) {
        throw new Error(`${store} migration ${String(next + 1)} (${migration.name}) failed`, {
          cause: error,
        });
      }
      await tx.execute(
        'INSERT INTO hearth_migrations (store, version, name, applied_at) VALUES ($1, $2, $3, $4)',
        [store, next + 1, migration.name, Date.now()],
      );
      return next + 1;
    });
    if (version === undefined) return applied;
    applied.push(version);
  }
}

/**
 * Held until the transaction ends. Keyed by schema: nodes migrating the same schema take turns
 * (even for different stores, which share the bookkeeping table), other schemas do not wait.
 */
async function lockSchema(tx: PostgresQueryable): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock($1, hashtext(COALESCE(current_schema(), '')))", [
    LOCK_NAMESPACE,
  ]);
}

async function recorded(
  tx: PostgresQueryable,
  store: string,
): Promise<{ version: number; name: string }[]> {
  const rows = await tx.query(
    'SELECT version, name FROM hearth_migrations WHERE store = $1 ORDER BY version',
    [store],
  );
  return rows.map((row) => ({ version: Number(row.version), name: String(row.name) }));
}

function checkHistory(
  store: string,
  done: readonly { version: number; name: string }[],
  migrations: readonly PostgresMigration[],
): void {
  if (done.length > migrations.length) {
    throw new Error(
      `the ${store} database is at schema version ${String(done.length)}, newer than this ` +
        `Hearth knows (${String(migrations.length)})`,
    );
  }
  done.forEach((entry, index) => {
    const expected = migrations[index];
    if (entry.version !== index + 1 || expected?.name !== entry.name) {
      throw new Error(
        `the ${store} database's migration ${String(entry.version)} is "${entry.name}", ` +
          `which this Hearth does not know as such`,
      );
    }
  });
}
