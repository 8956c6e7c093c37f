// The SQLite chat store on a real file: migrations (applied once, a newer schema refused), WAL
// and synchronous=FULL; then the ChatStore contract every store shares (store-contract.ts).

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { migrate, MIGRATIONS } from '../../../src/apps/chat/sqlite-migrations.ts';
import { chatDatabasePath, SqliteChatStore } from '../../../src/apps/chat/sqlite-store.ts';
import { chatStoreContract } from './store-contract.ts';

async function openStore(t: { after: (fn: () => Promise<void>) => void }) {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-chat-store-'));
  const store = new SqliteChatStore(chatDatabasePath(dir));
  await store.open();
  t.after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { store, dir };
}

test('migrations run once, record their version, and a newer database is refused', async (t) => {
  const { store, dir } = await openStore(t);
  await store.close();
  const db = new DatabaseSync(chatDatabasePath(dir));
  assert.deepEqual(migrate(db), [], 'nothing to apply on a migrated database');
  const versions = db.prepare('SELECT version FROM schema_migrations').all();
  assert.deepEqual(
    versions.map((row) => row.version),
    MIGRATIONS.map((migration) => migration.version),
  );
  assert.equal(db.prepare('PRAGMA journal_mode').get()?.journal_mode, 'wal');
  db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(99, 'from the future', 0);
  assert.throws(() => migrate(db), /schema version 99, newer than this Hearth knows/);
  assert.throws(
    () => migrate(new DatabaseSync(':memory:'), [{ version: 2, name: 'gap', sql: '' }]),
    /numbered 1, 2, 3/,
  );
  db.close();
  await assert.rejects(
    new SqliteChatStore(chatDatabasePath(dir)).open(),
    /newer than this Hearth knows/,
  );
});

test('WAL, synchronous=FULL and foreign keys on the store’s connection', async (t) => {
  const { store } = await openStore(t);
  assert.equal(store.pragma('journal_mode'), 'wal');
  assert.equal(store.pragma('synchronous'), 2);
  assert.equal(store.pragma('foreign_keys'), 1);
});

chatStoreContract('sqlite', async (t) => (await openStore(t)).store);
