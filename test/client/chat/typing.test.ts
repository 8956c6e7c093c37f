// Typing indicators through the chat client: many keystrokes make few TypingStart frames (the
// throttle), idleness sends TypingStop, a sent message ends the indicator, and the other
// client sees each change once and never its own user's indicator.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addUser,
  Clients,
  createRoom,
  setupAdmin,
  startChatServer,
} from './support/chat-harness.ts';

test('typing is throttled, stops when idle, and ends with a sent message', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const lobby = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using clients = new Clients();
  // A window no test run can outlast: every call below falls in the first one.
  const a = await clients.ready(server, alice, { typingThrottleMs: 60_000, typingIdleMs: 300 });
  const b = await clients.ready(server, bob);

  for (let index = 0; index < 50; index++) a.client.typing(lobby);
  const started = await b.next('typing');
  assert.deepEqual([started.userId, started.roomId, started.typing], [alice.id, lobby, true]);
  assert.deepEqual(b.client.typingUsers(lobby), [alice.id]);

  const stopped = await b.next('typing');
  assert.deepEqual([stopped.userId, stopped.typing], [alice.id, false], 'stopped when idle');
  assert.equal(a.network.sentOf('TypingStart').length, 1);
  assert.equal(a.network.sentOf('TypingStop').length, 1);
  assert.deepEqual(b.client.typingUsers(lobby), []);

  // After a stop the next keystroke starts a new indicator at once; a message ends it.
  a.client.typing(lobby);
  a.client.send(lobby, 'done typing');
  await b.next('typing', (event) => event.typing);
  await b.next('typing', (event) => !event.typing);
  await b.next('message');
  assert.equal(a.network.sentOf('TypingStart').length, 2);
  assert.equal(a.network.sentOf('TypingStop').length, 1, 'the server stopped it, not the client');
  a.client.typing(lobby);
  await b.next('typing', (event) => event.typing);
  assert.equal(a.network.sentOf('TypingStart').length, 3, 'a new indicator after the message');

  // Nobody is shown typing to themselves.
  assert.equal(a.all('typing').length, 0);
  a.client.stopTyping(lobby);
  await b.next('typing', (event) => !event.typing);
});

test('typing while offline sends nothing and is not queued', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  const lobby = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using clients = new Clients();
  const a = await clients.ready(server, alice);
  a.network.cut();
  await a.next('disconnected');
  a.client.typing(lobby);
  a.network.restore();
  await a.next('synced', () => a.all('synced').length === 2);
  assert.equal(a.network.sentOf('TypingStart').length, 0);
});
