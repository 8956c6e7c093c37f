// The SQLite chat store on a real file: migrations (applied once, a newer schema refused), WAL
// and synchronous=FULL, users joining open rooms, idempotent inserts checked for membership in
// the transaction, recovery reads across rooms, floors, read positions and capped unread counts.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test } from 'node:test';
import { migrate, MIGRATIONS } from '../../../src/apps/chat/sqlite-migrations.ts';
import {
  chatDatabasePath,
  SqliteChatStore,
  UNREAD_COUNT_CAP,
} from '../../../src/apps/chat/sqlite-store.ts';
import type { NewMessageInput } from '../../../src/apps/chat/store.ts';

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

function user(id: string) {
  return {
    id,
    email: `${id}@example.test`,
    name: id,
    passwordHash: 'x',
    admin: false,
    createdAt: 1,
  };
}

function message(roomId: string, creatorId: string, clientMessageId: string): NewMessageInput {
  return { roomId, creatorId, content: clientMessageId, clientMessageId, createdAt: 5 };
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

test('first-user creation is exclusive; new users join every open room', async (t) => {
  const { store } = await openStore(t);
  assert.ok(await store.createUser(user('ann'), { onlyIfFirst: true }));
  assert.equal(await store.createUser(user('bob'), { onlyIfFirst: true }), undefined);
  await assert.rejects(
    store.createUser({ ...user('ann2'), email: 'ann@example.test' }),
    /email is taken/,
  );
  await store.createRoom({
    id: 'lobby',
    kind: 'open',
    name: 'Lobby',
    creatorId: 'ann',
    directKey: null,
    memberIds: [],
    createdAt: 2,
  });
  await store.createUser(user('bob'));
  assert.deepEqual(await store.memberIds('lobby'), ['ann', 'bob']);
});

test('inserts: duplicates return the original, non-members are refused inside the transaction', async (t) => {
  const { store } = await openStore(t);
  await store.createUser(user('ann'));
  await store.createUser(user('bob'));
  await store.createRoom({
    id: 'r',
    kind: 'closed',
    name: 'R',
    creatorId: 'ann',
    directKey: null,
    memberIds: ['ann'],
    createdAt: 2,
  });
  const outcomes = await store.insertMessages([
    message('r', 'ann', 'a'),
    message('r', 'ann', 'a'),
    message('r', 'bob', 'b'),
    message('r', 'ann', 'c'),
  ]);
  assert.deepEqual(
    outcomes.map((outcome) => [
      outcome.kind,
      outcome.kind === 'not_a_member' ? 0 : outcome.message.id,
    ]),
    [
      ['created', 1],
      ['duplicate', 1],
      ['not_a_member', 0],
      ['created', 2],
    ],
  );
  assert.equal(await store.lastMessageId(), 2);
});

test('recovery reads merge rooms by id within floors and an upper bound; floors keep the latest N', async (t) => {
  const { store } = await openStore(t);
  await store.createUser(user('ann'));
  for (const id of ['a', 'b', 'c']) {
    await store.createRoom({
      id,
      kind: 'closed',
      name: id,
      creatorId: 'ann',
      directKey: null,
      memberIds: ['ann'],
      createdAt: 2,
    });
  }
  const rooms = ['a', 'b', 'a', 'c', 'b', 'a', 'a', 'c'];
  await store.insertMessages(rooms.map((room, index) => message(room, 'ann', `m${index}`)));
  const ids = async (floors: [string, number][], upTo: number, limit: number) =>
    (await store.messagesAfter(new Map(floors), upTo, limit)).map((record) => record.id);
  assert.deepEqual(
    await ids(
      [
        ['a', 0],
        ['b', 0],
      ],
      8,
      100,
    ),
    [1, 2, 3, 5, 6, 7],
  );
  assert.deepEqual(
    await ids(
      [
        ['a', 3],
        ['b', 0],
        ['c', 0],
      ],
      7,
      100,
    ),
    [2, 4, 5, 6, 7],
  );
  assert.deepEqual(
    await ids(
      [
        ['a', 0],
        ['b', 0],
        ['c', 0],
      ],
      8,
      3,
    ),
    [1, 2, 3],
  );
  const floors = await store.latestFloors(['a', 'b', 'c'], 2);
  assert.deepEqual(Object.fromEntries(floors), { a: 3, b: 0, c: 0 });
  assert.deepEqual(Object.fromEntries(await store.latestFloors(['a'], 0)), { a: 7 });
});

test('read positions move forward only, up to the last message; unread counts are capped', async (t) => {
  const { store } = await openStore(t);
  await store.createUser(user('ann'));
  await store.createUser(user('bob'));
  await store.createRoom({
    id: 'r',
    kind: 'open',
    name: 'R',
    creatorId: 'ann',
    directKey: null,
    memberIds: [],
    createdAt: 2,
  });
  const batch = Array.from({ length: UNREAD_COUNT_CAP + 5 }, (_value, index) =>
    message('r', 'ann', `m${index}`),
  );
  await store.insertMessages(batch);
  assert.equal((await store.membership('r', 'bob'))?.unread, UNREAD_COUNT_CAP);
  assert.equal((await store.membership('r', 'ann'))?.unread, 0);
  assert.equal((await store.markRead('r', 'bob', 1000))?.unread, 5);
  assert.equal((await store.markRead('r', 'bob', 3))?.lastReadMessageId, 1000);
  assert.equal(
    (await store.markRead('r', 'bob', 1_000_000))?.lastReadMessageId,
    UNREAD_COUNT_CAP + 5,
  );
  assert.equal(await store.markRead('r', 'nobody', 1), undefined);
});
