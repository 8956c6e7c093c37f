// The shared PostgreSQL plumbing against a real server: the schema confinement (search_path on
// every pooled connection), transactions that commit or roll back, BIGINT as numbers, health,
// and the migration runner (applied once, in order, recorded; safe when several nodes start at
// once; a newer or different history refused).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrate, type PostgresMigration } from '../../../src/core/storage/postgres-migrations.ts';
import { PostgresDatabase, sqlState } from '../../../src/core/storage/postgres.ts';
import { freshSchema } from '../../support/postgres-schema.ts';

const MIGRATIONS: PostgresMigration[] = [
  { name: 'things', sql: 'CREATE TABLE things (id BIGINT PRIMARY KEY, label TEXT NOT NULL)' },
  {
    name: 'thing counts',
    sql: `CREATE TABLE thing_counts (n INTEGER NOT NULL);
          INSERT INTO thing_counts VALUES (0);`,
  },
];

test('every pooled connection works in the schema; BIGINT comes back as a number', async (t) => {
  const fresh = await freshSchema(t);
  if (fresh === undefined) return;
  const db = await fresh.connect({ poolSize: 3 });
  await db.execute('CREATE TABLE big (v BIGINT)');
  // Three connections at once, each asked where it is.
  const schemas = await Promise.all(
    [1, 2, 3].map(async () =>
      db.withTransaction(async (tx) => {
        const rows = await tx.query('SELECT current_schema() AS s, pg_backend_pid() AS pid');
        await new Promise((resolve) => setTimeout(resolve, 50));
        return rows[0];
      }),
    ),
  );
  assert.equal(new Set(schemas.map((row) => row?.pid)).size, 3, 'three connections were used');
  assert.deepEqual(
    schemas.map((row) => row?.s),
    [fresh.schema, fresh.schema, fresh.schema],
  );
  await db.execute('INSERT INTO big VALUES ($1)', [2 ** 40]);
  const rows = await db.query('SELECT v, COUNT(*) OVER () AS n FROM big');
  assert.deepEqual(rows, [{ v: 2 ** 40, n: 1 }]);
  await db.execute('INSERT INTO big VALUES ($1)', ['9223372036854775807']);
  await assert.rejects(db.query('SELECT v FROM big WHERE v > 2'), /out of range/);
});

test('withTransaction commits on success and rolls back on error', async (t) => {
  const fresh = await freshSchema(t);
  if (fresh === undefined) return;
  const { db } = fresh;
  await db.execute('CREATE TABLE t (v INTEGER)');
  await db.withTransaction(async (tx) => {
    await tx.execute('INSERT INTO t VALUES (1)');
  });
  await assert.rejects(
    db.withTransaction(async (tx) => {
      assert.equal(await tx.execute('INSERT INTO t VALUES (2), (3)'), 2);
      throw new Error('changed my mind');
    }),
    /changed my mind/,
  );
  const error = await db
    .withTransaction(async (tx) => tx.execute('INSERT INTO t VALUES ($1)', ['not a number']))
    .catch((caught: unknown) => caught);
  assert.equal(sqlState(error), '22P02', 'the PostgreSQL error reaches the caller');
  assert.deepEqual(await db.query('SELECT v FROM t ORDER BY v'), [{ v: 1 }]);
  assert.deepEqual(db.stats().waiting, 0);
});

test('health is undefined while the server answers and says so once closed', async (t) => {
  const fresh = await freshSchema(t);
  if (fresh === undefined) return;
  const db = await fresh.connect();
  assert.equal(await db.health(), undefined);
  await db.close();
  assert.match((await db.health()) ?? '', /closed/);
  await db.close();
});

test('an unreachable server or a bad schema name fails connect without the password', async () => {
  await assert.rejects(
    PostgresDatabase.connect({
      url: 'postgres://hearth:hunter2@127.0.0.1:1/none',
      connectTimeoutMs: 1000,
    }),
    (error: Error) => {
      assert.match(error.message, /cannot connect to PostgreSQL/);
      assert.doesNotMatch(error.message, /hunter2/);
      return true;
    },
  );
  await assert.rejects(
    PostgresDatabase.connect({ url: 'postgres://127.0.0.1/x', schema: 'Robert"; DROP' }),
    /schema name must match/,
  );
});

test('migrations apply once, in order, and are recorded per store', async (t) => {
  const fresh = await freshSchema(t);
  if (fresh === undefined) return;
  const { db } = fresh;
  assert.deepEqual(await migrate(db, 'things', MIGRATIONS.slice(0, 1)), [1]);
  assert.deepEqual(await migrate(db, 'things', MIGRATIONS), [2]);
  assert.deepEqual(await migrate(db, 'things', MIGRATIONS), []);
  assert.deepEqual(await migrate(db, 'other', []), []);
  const recorded = await db.query(
    'SELECT store, version, name FROM hearth_migrations ORDER BY store, version',
  );
  assert.deepEqual(recorded, [
    { store: 'things', version: 1, name: 'things' },
    { store: 'things', version: 2, name: 'thing counts' },
  ]);
  assert.deepEqual(await db.query('SELECT n FROM thing_counts'), [{ n: 0 }]);
});

test('a failing migration leaves nothing behind and names itself', async (t) => {
  const fresh = await freshSchema(t);
  if (fresh === undefined) return;
  const { db } = fresh;
  const broken = [
    ...MIGRATIONS.slice(0, 1),
    { name: 'half done', sql: 'CREATE TABLE half (v INTEGER); SELECT no_such_function();' },
  ];
  await assert.rejects(migrate(db, 'things', broken), /things migration 2 \(half done\) failed/);
  assert.deepEqual(await db.query("SELECT to_regclass('half') AS half"), [{ half: null }]);
  assert.deepEqual(await db.query('SELECT version FROM hearth_migrations'), [{ version: 1 }]);
});

test('a newer or different history is refused', async (t) => {
  const fresh = await freshSchema(t);
  if (fresh === undefined) return;
  const { db } = fresh;
  await migrate(db, 'things', MIGRATIONS);
  await assert.rejects(
    migrate(db, 'things', MIGRATIONS.slice(0, 1)),
    /schema version 2, newer than this Hearth knows \(1\)/,
  );
  await assert.rejects(
    migrate(db, 'things', [{ name: 'something else', sql: 'SELECT 1' }, ...MIGRATIONS.slice(1)]),
    /migration 1 is "things", which this Hearth does not know/,
  );
});

test('nodes starting at once migrate exactly once', async (t) => {
  const fresh = await freshSchema(t);
  if (fresh === undefined) return;
  // A migration that would fail if run twice (the insert of a unique key), slow enough that the
  // nodes really overlap, and each node on a pool of its own.
  const migrations: PostgresMigration[] = [
    ...MIGRATIONS,
    {
      name: 'slow seed',
      sql: 'SELECT pg_sleep(0.2); INSERT INTO things VALUES (1, $$only once$$);',
    },
  ];
  const nodes = await Promise.all([1, 2, 3, 4].map(() => fresh.connect({ poolSize: 1 })));
  const applied = await Promise.all(nodes.map((node) => migrate(node, 'things', migrations)));
  assert.deepEqual(
    applied.flat().sort(),
    [1, 2, 3],
    'each version was applied by exactly one node',
  );
  assert.deepEqual(await fresh.db.query('SELECT label FROM things'), [{ label: 'only once' }]);
});
