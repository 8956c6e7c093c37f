// The chat client's outbox against a real server: messages written offline are sent once
// synced; a message whose answer was lost with its connection goes again with the same
// client_message_id and is stored once; rate-limited messages are retried when the server
// says; the outbox and resume point survive the page (Web Storage).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WebStorageChatPersistence } from '../../../src/client/chat/index.ts';
import {
  addUser,
  Clients,
  createRoom,
  setupAdmin,
  startChatServer,
  storedMessages,
  waitUntil,
  type SentFrame,
} from './support/chat-harness.ts';

/** The client_message_id of a NewMessage frame, either direction. */
function clientMessageIdOf(frame: SentFrame): string | undefined {
  const data = frame.data ?? {};
  const message = data.message as { client_message_id?: string } | undefined;
  return (message?.client_message_id ?? data.client_message_id) as string | undefined;
}

test('messages written offline are delivered once after the reconnect', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const lobby = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using clients = new Clients();
  const a = await clients.ready(server, alice);
  const b = await clients.ready(server, bob);

  a.network.cut();
  await a.next('disconnected');
  const ids = ['one', 'two', 'three'].map((content) => a.client.send(lobby, content));
  assert.deepEqual(
    a.client.outbox.map((entry) => entry.clientMessageId),
    ids,
  );
  assert.equal(a.all('pending').length, 3, 'shown at once');
  assert.equal(a.network.sentOf('NewMessage').length, 0);

  a.network.restore();
  for (const id of ids) await a.next('delivered', (event) => event.clientMessageId === id);
  await b.next('message', (event) => event.message.content === 'three');
  assert.deepEqual(b.contents(), ['one', 'two', 'three']);
  assert.deepEqual(a.contents(), ['one', 'two', 'three']);
  assert.equal(a.client.outbox.length, 0);
  const stored = await storedMessages(server, alice, lobby);
  assert.deepEqual(
    stored.map((message) => message.client_message_id),
    ids,
  );
  assert.equal(a.network.sentOf('NewMessage').length, 3, 'each sent once');
});

test('a message whose answer was lost is sent again with the same id and stored once', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const lobby = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using clients = new Clients();
  const a = await clients.ready(server, alice);
  const b = await clients.ready(server, bob);

  let lost: string | undefined;
  const sendsOfLost = () =>
    a.network.sentOf('NewMessage').filter((frame) => clientMessageIdOf(frame) === lost).length;
  // The socket is cut right after the message is written: its MessageDelivered never comes.
  // Its copy is kept from the client too (live and in recovery), so only a re-send can confirm it.
  a.network.afterSend = (frame) => {
    if (frame.type !== 'NewMessage' || lost !== undefined) return;
    lost = clientMessageIdOf(frame);
    a.network.drop();
  };
  a.network.dropIncoming = (frame) =>
    clientMessageIdOf(frame) === lost &&
    (frame.type === 'NewMessage' || (frame.type === 'MessageDelivered' && sendsOfLost() < 2));

  const id = a.client.send(lobby, 'are you there?');
  assert.equal(lost, id);
  const delivered = await a.next('delivered', (event) => event.clientMessageId === id);
  assert.equal(sendsOfLost(), 2, 'sent again, same client_message_id');

  const stored = (await storedMessages(server, alice, lobby)).filter(
    (message) => message.client_message_id === id,
  );
  assert.equal(stored.length, 1, 'stored once');
  assert.equal(stored[0]?.id, delivered.messageId, 'the repeat was confirmed with the original');
  await b.next('message', (event) => event.message.client_message_id === id);
  a.client.send(lobby, 'after');
  await b.next('message', (event) => event.message.content === 'after');
  assert.deepEqual(b.contents(), ['are you there?', 'after'], 'Bob got it once');
  assert.equal(a.all('delivered').length, 2);
});

test('a message confirmed by its recovered copy is not sent again', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  const lobby = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using clients = new Clients();
  const a = await clients.ready(server, alice);

  let lost: string | undefined;
  a.network.afterSend = (frame) => {
    if (frame.type === 'NewMessage' && lost === undefined) lost = clientMessageIdOf(frame);
  };
  // The answers are lost on the first connection only: the recovery brings the copy back.
  const first = a.network.urls.length;
  a.network.dropIncoming = (frame) =>
    a.network.urls.length === first && clientMessageIdOf(frame) === lost;
  const id = a.client.send(lobby, 'committed, unanswered');
  await waitUntil(async () => (await storedMessages(server, alice, lobby)).length === 1);
  a.network.cut();
  await a.next('disconnected');
  a.network.restore();

  const delivered = await a.next('delivered', (event) => event.clientMessageId === id);
  const message = await a.next('message', (event) => event.message.client_message_id === id);
  assert.equal(message.own, true);
  assert.equal(message.message.id, delivered.messageId);
  assert.equal(a.network.sentOf('NewMessage').length, 1, 'no re-send was needed');
  await a.next('synced', () => a.all('synced').length === 2);
  assert.equal(a.client.outbox.length, 0);
});

test('rate-limited messages are retried when the server allows, each stored once', async () => {
  await using server = await startChatServer({ chat: { limits: { messages_per_minute: 120 } } });
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const lobby = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using clients = new Clients();
  const a = await clients.ready(server, alice);
  const b = await clients.ready(server, bob);

  const contents = Array.from({ length: 124 }, (_value, index) => `burst ${index}`);
  const ids = contents.map((content) => a.client.send(lobby, content));
  await waitUntil(() => a.all('delivered').length === ids.length, 20_000);
  assert.ok(
    a.all('pending').some((event) => (event.retryAfterMs ?? 0) > 0),
    'the server asked to wait',
  );
  assert.equal(a.all('failed').length, 0);
  const stored = await storedMessages(server, alice, lobby);
  assert.deepEqual(stored.map((message) => message.client_message_id).sort(), [...ids].sort());
  await waitUntil(() => b.messages().length === ids.length, 10_000);
  assert.deepEqual([...b.contents()].sort(), [...contents].sort());
});

test('the outbox and the resume point survive the page in Web Storage', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  const lobby = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  const items = new Map<string, string>();
  const storage = {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
  const persistence = () => new WebStorageChatPersistence({ storage, key: 'alice' });
  await using clients = new Clients();

  const first = await clients.ready(server, alice, { persistence: persistence() });
  first.client.send(lobby, 'seen');
  const seen = await first.next('message');
  first.network.cut();
  await first.next('disconnected');
  const ids = ['kept 1', 'kept 2'].map((content) => first.client.send(lobby, content));
  await first.client.close();
  assert.ok(items.get('alice')?.includes(ids[1] ?? '?'), 'saved');

  // The page is reloaded: a new client with the same storage resumes and sends the outbox.
  const second = clients.add(server, alice, { persistence: persistence() });
  const restored = await second.next('pending');
  assert.equal(restored.entry.clientMessageId, ids[0]);
  await second.next('synced');
  assert.equal(second.network.sentOf('Auth')[0]?.data?.last_seen_message_id, seen.message.id);
  for (const id of ids) await second.next('delivered', (event) => event.clientMessageId === id);
  assert.deepEqual(second.contents(), ['kept 1', 'kept 2']);
  const stored = await storedMessages(server, alice, lobby);
  assert.deepEqual(
    stored.map((message) => message.content),
    ['seen', 'kept 1', 'kept 2'],
  );
  await second.client.close();
  assert.ok(!items.get('alice')?.includes(ids[0] ?? '?'), 'confirmed messages are forgotten');
});

test('lastSeenMessageId from the app: only later messages are recovered', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  const lobby = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using clients = new Clients();
  const a = await clients.ready(server, alice);
  a.client.send(lobby, 'old');
  const old = await a.next('message');
  a.client.send(lobby, 'new');
  await a.next('message');

  const unpadded = String(Number(old.message.id));
  const fresh = await clients.ready(server, alice, { lastSeenMessageId: unpadded });
  assert.equal(fresh.network.sentOf('Auth')[0]?.data?.last_seen_message_id, old.message.id);
  assert.deepEqual(fresh.contents(), ['new']);
});
