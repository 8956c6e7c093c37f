// The chat client catching up: after a lost connection it resumes from the last message it
// saw, and everything sent meanwhile arrives once and in order, across recovery pages (Sync)
// with live messages arriving between them, and across a server restart.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import {
  addUser,
  Api,
  Clients,
  createRoom,
  setupAdmin,
  startChatServer,
  waitUntil,
  type Recorded,
} from './support/chat-harness.ts';

const MANY = { limits: { messages_per_minute: 100_000 } };

/** Sends and waits until the server confirmed it; returns the message id. */
async function say(sender: Recorded, roomId: string, content: string): Promise<string> {
  const id = sender.client.send(roomId, content);
  const delivered = await sender.next('delivered', (event) => event.clientMessageId === id);
  return delivered.messageId;
}

function assertAscending(ids: readonly string[]): void {
  assert.deepEqual([...ids].sort(), ids, 'in id order');
  assert.equal(new Set(ids).size, ids.length, 'each once');
}

test('messages sent while a client was away arrive once, in order, after it reconnects', async () => {
  await using server = await startChatServer({ chat: MANY });
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const lobby = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using clients = new Clients();
  const a = await clients.ready(server, alice);
  const b = await clients.ready(server, bob);

  const beforeId = await say(a, lobby, 'before');
  await b.next('message', (event) => event.message.id === beforeId);

  b.network.cut();
  const disconnected = await b.next('disconnected');
  assert.equal(disconnected.willReconnect, true);
  await b.next('statechange', (event) => event.state === 'reconnecting');
  const away = Array.from({ length: 8 }, (_value, index) => `away ${index}`);
  for (const content of away) await say(a, lobby, content);

  b.network.restore();
  await b.next('synced');
  const auths = b.network.sentOf('Auth');
  assert.equal(auths.at(-1)?.data?.last_seen_message_id, beforeId, 'resumed where it was');
  assert.deepEqual(b.contents(), ['before', ...away]);

  await say(a, lobby, 'after');
  await b.next('message', (event) => event.message.content === 'after');
  assert.deepEqual(b.contents(), ['before', ...away, 'after']);
  assertAscending(b.messages().map((message) => message.id));
});

test('a client that saw no message yet recovers every message sent while it was away', async () => {
  // A first connection gets only the latest `initial_messages_per_room`; a client that synced
  // an empty server must resume from "before every message", not start over as a first one.
  await using server = await startChatServer({ chat: { ...MANY, initial_messages_per_room: 3 } });
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const lobby = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using clients = new Clients();
  const a = await clients.ready(server, alice);
  const b = await clients.ready(server, bob);
  assert.deepEqual(b.contents(), [], 'nothing to see yet');

  b.network.cut();
  await b.next('statechange', (event) => event.state === 'reconnecting');
  const away = Array.from({ length: 7 }, (_value, index) => `away ${index}`);
  for (const content of away) await say(a, lobby, content);

  b.network.restore();
  await b.next('synced');
  assert.deepEqual(b.contents(), away);
  assertAscending(b.messages().map((message) => message.id));
});

test('a long absence is recovered page by page, with live messages kept in order', async () => {
  await using server = await startChatServer({ chat: { ...MANY, recovery_page_size: 5 } });
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const lobby = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  const pair = await createRoom(server, alice, {
    kind: 'closed',
    name: 'Pair',
    member_ids: [bob.id],
  });
  const secret = await createRoom(server, alice, { kind: 'closed', name: 'Alone' });
  await using clients = new Clients();
  const a = await clients.ready(server, alice);
  const b = await clients.ready(server, bob);

  b.network.cut();
  await b.next('disconnected');
  const expected: string[] = [];
  for (let index = 0; index < 23; index++) {
    const content = `away ${index}`;
    await say(a, index % 3 === 0 ? pair : lobby, content);
    if (index % 4 === 0) await say(a, secret, `secret ${index}`);
    expected.push(content);
  }

  // While Bob pages, a live message arrives: Bob's first Sync is held until it has. Its id is
  // above every page still to come, so the client must hold it back until they have come.
  b.network.gate = (frame) => {
    if (frame.type !== 'Sync' || b.network.sentOf('Sync').length > 0) return undefined;
    return (async () => {
      await say(a, lobby, 'live');
      await waitUntil(() =>
        b.network.received.some(
          (received) =>
            received.type === 'NewMessage' &&
            (received.data?.message as { content?: string }).content === 'live',
        ),
      );
    })();
  };
  b.network.restore();
  await b.next('synced');
  await b.next('message', (event) => event.message.content === 'live');

  assert.deepEqual(b.contents(), [...expected, 'live']);
  assertAscending(b.messages().map((message) => message.id));
  // 23 messages in pages of 5: four pages said has_more.
  assert.equal(b.network.sentOf('Sync').length, 4);
  // Only the refused attempts while the network was cut.
  assert.ok(b.all('error').every((event) => event.error.code === 'transport'));

  // The resume point is past everything Bob was given: a reconnect recovers nothing again.
  b.network.drop();
  await b.next('synced');
  assert.deepEqual(b.contents(), [...expected, 'live']);
});

test('a first connection gets the latest messages of each room, paged, in id order', async () => {
  await using server = await startChatServer({ chat: { ...MANY, recovery_page_size: 7 } });
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const lobby = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  const api = new Api(server, alice.token);
  for (let index = 0; index < 20; index++) {
    const body = { content: `old ${index}`, client_message_id: randomUUID() };
    assert.equal((await api.post(`/rooms/${lobby}/messages`, body)).status, 201);
  }
  await using clients = new Clients();
  const b = await clients.ready(server, bob);
  assert.deepEqual(
    b.contents(),
    Array.from({ length: 20 }, (_value, index) => `old ${index}`),
  );
  assert.equal(b.network.sentOf('Sync').length, 2);
});

test('after a server restart the clients reconnect and resume where they were', async () => {
  await using server = await startChatServer({ chat: MANY });
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const lobby = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using clients = new Clients();
  const a = await clients.ready(server, alice);
  const b = await clients.ready(server, bob);
  const beforeId = await say(a, lobby, 'before restart');
  await b.next('message', (event) => event.message.id === beforeId);

  // A crash-like restart: connections are cut, nothing is said.
  await server.restart();
  assert.equal((await b.next('disconnected')).willReconnect, true);
  const body = { content: 'via http', client_message_id: randomUUID() };
  const posted = await new Api(server, alice.token).post(`/rooms/${lobby}/messages`, body);
  assert.equal(posted.status, 201);
  await a.next('synced');
  await b.next('synced');
  await say(a, lobby, 'after restart');
  await b.next('message', (event) => event.message.content === 'after restart');
  assert.deepEqual(b.contents(), ['before restart', 'via http', 'after restart']);
  for (const auth of b.network.sentOf('Auth').slice(1)) {
    assert.equal(auth.data?.last_seen_message_id, beforeId);
  }

  // A graceful one: the server says why before it closes, and the client comes back.
  await server.server.drain();
  const drained = await b.next('disconnected');
  assert.equal(drained.willReconnect, true);
  assert.ok(['server_restart', 'going_away'].includes(drained.reason), drained.reason);
  await server.restart();
  await a.next('synced');
  await b.next('synced');
  await say(a, lobby, 'after drain');
  await b.next('message', (event) => event.message.content === 'after drain');
  assert.deepEqual(b.contents(), ['before restart', 'via http', 'after restart', 'after drain']);
  assertAscending(b.messages().map((message) => message.id));
});
