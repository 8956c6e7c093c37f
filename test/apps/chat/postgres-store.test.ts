// The PostgreSQL chat store against a real server, each test in a schema of its own: the
// ChatStore contract (same behaviour as SQLite), its migrations, and what several nodes
// writing at once must not break — ids gap-free in commit order (a reader following "after
// the last id I saw" misses nothing), one message per (room, client_message_id), one first
// user, and users and open rooms created at once still all meeting.

import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { CHAT_POSTGRES_MIGRATIONS } from '../../../src/apps/chat/postgres-migrations.ts';
import { PostgresChatStore } from '../../../src/apps/chat/postgres-store.ts';
import type { ChatStore, MessageRecord } from '../../../src/apps/chat/store.ts';
import { freshSchema, type TestSchema } from '../../support/postgres-schema.ts';
import { chatStoreContract, message, room, user } from './store-contract.ts';

async function openStore(t: TestContext): Promise<PostgresChatStore | undefined> {
  const fresh = await freshSchema(t, 'hearth_chat');
  if (fresh === undefined) return undefined;
  const store = new PostgresChatStore(fresh.db);
  await store.open();
  t.after(() => store.close());
  return store;
}

/** `count` stores on pools of their own over one schema, as `count` nodes would have. */
async function openNodes(
  t: TestContext,
  count: number,
): Promise<{ fresh: TestSchema; stores: PostgresChatStore[] } | undefined> {
  const fresh = await freshSchema(t, 'hearth_chat');
  if (fresh === undefined) return undefined;
  const stores: PostgresChatStore[] = [];
  for (let index = 0; index < count; index++) {
    const store = new PostgresChatStore(await fresh.connect({ poolSize: 3 }));
    stores.push(store);
  }
  // Every node runs the migrations at start, at the same time.
  await Promise.all(stores.map((store) => store.open()));
  return { fresh, stores };
}

chatStoreContract('postgres', openStore);

test('postgres: migrations are recorded under the chat store and run once', async (t) => {
  const nodes = await openNodes(t, 3);
  if (nodes === undefined) return;
  const rows = await nodes.fresh.db.query(
    "SELECT version, name FROM hearth_migrations WHERE store = 'chat' ORDER BY version",
  );
  assert.deepEqual(
    rows,
    CHAT_POSTGRES_MIGRATIONS.map((migration, index) => ({
      version: index + 1,
      name: migration.name,
    })),
  );
  const [first] = nodes.stores;
  assert.ok(first);
  await first.open();
  assert.equal(await first.lastMessageId(), 0);
});

test('postgres: concurrent writers on several nodes; a reader following ids misses nothing', async (t) => {
  const nodes = await openNodes(t, 4);
  if (nodes === undefined) return;
  const { stores } = nodes;
  const [first] = stores;
  assert.ok(first);
  await first.createUser(user('ann'));
  await first.createRoom(room('a', 'open'));
  await first.createRoom(room('b', 'open'));

  const perNode = 60;
  let writing = true;
  const writers = stores.map(async (store, node) => {
    for (let index = 0; index < perNode;) {
      // Batches of one to three, as group commit makes them.
      const size = Math.min(1 + ((index + node) % 3), perNode - index);
      const batch = Array.from({ length: size }, (_value, offset) =>
        message((index + offset) % 2 === 0 ? 'a' : 'b', 'ann', `n${node}-${index + offset}`),
      );
      const outcomes = await store.insertMessages(batch);
      assert.ok(outcomes.every((outcome) => outcome.kind === 'created'));
      index += size;
    }
  });
  const done = Promise.all(writers).finally(() => {
    writing = false;
  });

  // Readers on other nodes page forward from the last id they saw, as recovering clients do.
  const follow = async (store: ChatStore) => {
    const seen: MessageRecord[] = [];
    let cursor = 0;
    const step = async () => {
      const page = await store.messagesAfter(
        new Map([
          ['a', cursor],
          ['b', cursor],
        ]),
        Number.MAX_SAFE_INTEGER,
        7,
      );
      seen.push(...page);
      cursor = page.at(-1)?.id ?? cursor;
      return page.length;
    };
    while (writing) await step();
    while ((await step()) > 0);
    return seen.map((record) => record.id);
  };
  const followers = stores.map(follow);
  await done;
  const total = perNode * stores.length;
  const expected = Array.from({ length: total }, (_value, index) => index + 1);
  for (const ids of await Promise.all(followers)) assert.deepEqual(ids, expected);
  assert.equal(await first.lastMessageId(), total);
});

test('postgres: the same client_message_id sent through every node at once is stored once', async (t) => {
  const nodes = await openNodes(t, 4);
  if (nodes === undefined) return;
  const { stores } = nodes;
  const [first] = stores;
  assert.ok(first);
  await first.createUser(user('ann'));
  await first.createRoom(room('r', 'open'));
  for (let round = 0; round < 10; round++) {
    const outcomes = (
      await Promise.all(
        stores.map((store) => store.insertMessages([message('r', 'ann', `c${round}`)])),
      )
    ).flat();
    const created = outcomes.filter((outcome) => outcome.kind === 'created');
    assert.equal(created.length, 1, `round ${round}: one insert creates the message`);
    const ids = new Set(
      outcomes.map((outcome) => (outcome.kind === 'not_a_member' ? 0 : outcome.message.id)),
    );
    assert.deepEqual([...ids], [round + 1], 'the others get the same message back');
  }
});

test('postgres: one first user, and users and open rooms created at once all meet', async (t) => {
  const nodes = await openNodes(t, 4);
  if (nodes === undefined) return;
  const { stores } = nodes;
  const firsts = await Promise.all(
    stores.map((store, index) =>
      store.createUser(user(`admin${index}`, true), { onlyIfFirst: true }),
    ),
  );
  const admins = firsts.filter((created) => created !== undefined);
  assert.equal(admins.length, 1);
  const creatorId = admins[0]?.id ?? '';

  await Promise.all(
    stores.flatMap((store, index) => [
      store.createUser(user(`u${index}`)),
      store.createRoom(room(`open${index}`, 'open', [], { creatorId })),
    ]),
  );
  const [first] = stores;
  assert.ok(first);
  const everyone = (await first.listUsers()).map((record) => record.id).sort();
  for (let index = 0; index < stores.length; index++) {
    assert.deepEqual((await first.memberIds(`open${index}`)).sort(), everyone);
  }
});
