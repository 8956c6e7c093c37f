// The chat client against a real server, connected: it authenticates with its first frame
// (never with the token in the URL), syncs, and exchanges live messages with another client;
// presence, rooms and read positions follow the server.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChatClient, ChatClientError } from '../../../src/client/chat/index.ts';
import {
  addUser,
  Api,
  Clients,
  createRoom,
  setupAdmin,
  startChatServer,
  waitUntil,
} from './support/chat-harness.ts';

test('two clients authenticate, sync and exchange live messages', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const lobby = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using clients = new Clients();

  const a = await clients.ready(server, alice);
  const b = await clients.ready(server, bob);

  // Auth was the first frame, with the token; the URL never carried it.
  const auth = a.network.sent[0];
  assert.equal(auth?.type, 'Auth');
  assert.equal(auth.data?.session_token, alice.token);
  assert.equal(auth.data.last_seen_message_id, null);
  assert.equal(a.client.state, 'ready');
  assert.equal(a.client.user?.id, alice.id);
  assert.deepEqual(
    a.client.rooms.map((room) => room.id),
    [lobby],
  );
  const connected = await a.next('connected');
  assert.equal(connected.user.name, 'Alice');
  assert.deepEqual(
    a.all('statechange').map((event) => event.state),
    ['syncing', 'ready'],
  );

  // Presence: Alice sees Bob come online.
  await a.next('presence', (event) => event.userId === bob.id && event.online === true);
  assert.deepEqual(a.client.onlineUsers(lobby), [alice.id, bob.id].sort());

  const id = a.client.send(lobby, 'hello\u0007 Bob');
  const pending = await a.next('pending');
  assert.equal(pending.entry.clientMessageId, id);
  assert.equal(pending.entry.content, 'hello Bob', 'shown as the server will store it');
  const delivered = await a.next('delivered');
  assert.equal(delivered.clientMessageId, id);
  const own = await a.next('message');
  assert.equal(own.own, true);
  assert.equal(own.message.id, delivered.messageId);
  assert.equal(own.message.client_message_id, id);

  const received = await b.next('message');
  assert.equal(received.own, false);
  assert.equal(received.roomId, lobby);
  assert.equal(received.message.content, 'hello Bob');
  assert.equal(received.message.id, delivered.messageId);
  assert.equal(b.client.lastSeenMessageId, delivered.messageId);

  b.client.send(lobby, 'hi Alice');
  await a.next('message', (event) => event.message.content === 'hi Alice');
  assert.deepEqual(a.contents(), ['hello Bob', 'hi Alice']);
  assert.deepEqual(b.contents(), ['hello Bob', 'hi Alice']);
  assert.equal(a.client.outbox.length, 0);

  // Read positions reach the server (unread counts).
  b.client.markRead(lobby, delivered.messageId);
  await waitUntil(async () => {
    const rooms = await new Api(server, bob.token).get('/rooms');
    const room = (rooms.body.rooms as { id: string; last_read_message_id: string | null }[])[0];
    return room?.last_read_message_id === delivered.messageId;
  });

  // Bad input is refused before it is queued.
  assert.throws(
    () => a.client.send(lobby, ' \n '),
    (error: unknown) => error instanceof ChatClientError && error.reason === 'empty',
  );
  assert.throws(
    () => a.client.send(lobby, 'x'.repeat(10_001)),
    (error: unknown) => error instanceof ChatClientError && error.reason === 'too_long',
  );
  assert.equal(a.all('error').length, 0, 'no errors');
});

test('rooms joined, updated and left reach the client; sends to a room left fail', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  await using clients = new Clients();
  const b = await clients.ready(server, bob);
  assert.deepEqual(b.client.rooms, []);

  const launch = await createRoom(server, alice, {
    kind: 'closed',
    name: 'Launch',
    member_ids: [bob.id],
  });
  const joined = await b.next('rooms', (event) => event.change === 'joined');
  assert.equal(joined.roomId, launch);
  assert.equal(b.client.room(launch)?.name, 'Launch');
  await b.next('presence', (event) => event.roomId === launch);

  const api = new Api(server, alice.token);
  await api.patch(`/rooms/${launch}`, { name: 'Launch (go/no-go)' });
  await b.next('rooms', (event) => event.change === 'updated');
  assert.equal(b.client.room(launch)?.name, 'Launch (go/no-go)');

  await api.delete(`/rooms/${launch}/members/${bob.id}`);
  await b.next('rooms', (event) => event.change === 'left' && event.roomId === launch);
  assert.equal(b.client.room(launch), undefined);

  const id = b.client.send(launch, 'let me back in');
  const failed = await b.next('failed');
  assert.equal(failed.entry.clientMessageId, id);
  assert.equal(failed.reason, 'not_a_member');
  assert.equal(b.client.outbox.length, 0);
});

test('the token can come from a function, called for every connection attempt', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  let calls = 0;
  await using clients = new Clients();
  const a = clients.add(server, alice, {
    sessionToken: () => {
      calls++;
      return Promise.resolve(alice.token);
    },
  });
  await a.next('synced');
  a.network.drop();
  await a.next('synced');
  assert.equal(calls, 2);
  assert.equal(a.network.sentOf('Auth').length, 2);
  assert.ok(
    a.network.urls.every((url) => !url.includes(alice.token)),
    'never in the URL',
  );
});

test('a silent connection is found by the heartbeat and replaced', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const lobby = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using clients = new Clients();
  const heartbeat = { heartbeatIntervalMs: 50, heartbeatTimeoutMs: 400 };
  const a = await clients.ready(server, alice, heartbeat);
  const b = await clients.ready(server, bob);
  // Pings are answered; the answers are liveness, not messages or errors.
  await waitUntil(() => a.network.received.filter((frame) => frame.type === 'Pong').length >= 2);
  assert.equal(a.client.state, 'ready');

  a.network.stall();
  b.client.send(lobby, 'while silent');
  const disconnected = await a.next('disconnected');
  assert.equal(disconnected.willReconnect, true);
  await a.next('synced', () => a.all('synced').length === 2);
  await a.next('message', (event) => event.message.content === 'while silent');
  assert.ok(a.network.sentOf('Ping').length >= 2);
  assert.equal(a.all('error').filter((event) => event.error.code !== 'transport').length, 0);
});

test('options are checked at construction', () => {
  const base = { url: 'ws://127.0.0.1:1/chat/ws', sessionToken: 't' };
  assert.throws(() => new ChatClient({ ...base, typingThrottleMs: -1 }), RangeError);
  assert.throws(() => new ChatClient({ ...base, maxInFlight: 0 }), RangeError);
  assert.throws(
    () => new ChatClient({ ...base, heartbeatIntervalMs: 1000, heartbeatTimeoutMs: 1000 }),
    RangeError,
  );
  assert.throws(() => new ChatClient({ ...base, lastSeenMessageId: 'abc' }), RangeError);
  assert.throws(() => new ChatClient({ ...base, url: 'not a url' }), TypeError);
});
