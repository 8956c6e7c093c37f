// Typing indicators: TypingStart/TypingStop to the room's other members, expiry (a short one
// configured here) with a server TypingStop, stop on send and on disconnect, and the per-user
// limit past which TypingStart is dropped silently.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metricSample, scrapeMetrics } from '../../support/http.ts';
import {
  addUser,
  ChatClient,
  createRoom,
  setupAdmin,
  startChatServer,
} from './support/chat-server.ts';

async function pair(chat: Record<string, unknown> = {}) {
  const server = await startChatServer({ chat });
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const room = await createRoom(server, alice, {
    kind: 'closed',
    name: 'Pair',
    member_ids: [bob.id],
  });
  const typist = await ChatClient.open(server, alice);
  const watcher = await ChatClient.open(server, bob);
  return {
    server,
    alice,
    room,
    typist,
    watcher,
    async [Symbol.asyncDispose]() {
      await typist.close();
      await watcher.close();
      await server.close();
    },
  };
}

test('TypingStart reaches the other members, not the typist; it expires with a TypingStop', async () => {
  await using setup = await pair({ typing_expiry_ms: 200 });
  const { typist, watcher, room, alice } = setup;
  typist.send('TypingStart', { room_id: room });
  const start = await watcher.next('TypingStart');
  assert.deepEqual(start.data, { user_id: alice.id, room_id: room });
  const stop = await watcher.next('TypingStop');
  assert.deepEqual(stop.data, { user_id: alice.id, room_id: room });
  await typist.flush();
  assert.equal(typist.seen('TypingStart').length, 0, 'the typist is not told of itself');
});

test('TypingStop from the client is relayed; sending a message stops typing', async () => {
  await using setup = await pair({ typing_expiry_ms: 60_000 });
  const { typist, watcher, room } = setup;
  typist.send('TypingStart', { room_id: room });
  await watcher.next('TypingStart');
  typist.send('TypingStop', { room_id: room });
  await watcher.next('TypingStop');

  typist.send('TypingStart', { room_id: room });
  await watcher.next('TypingStart');
  await typist.say(room, 'done typing');
  await watcher.next('TypingStop');
  await watcher.next('NewMessage');
  const order = watcher.types().slice(-2);
  assert.deepEqual(order, ['TypingStop', 'NewMessage']);
});

test('disconnecting stops typing', async () => {
  await using setup = await pair({ typing_expiry_ms: 60_000 });
  const { typist, watcher, room } = setup;
  typist.send('TypingStart', { room_id: room });
  await watcher.next('TypingStart');
  await typist.close();
  await watcher.next('TypingStop');
});

test('past 10 TypingStart a minute, the rest are dropped silently and counted', async () => {
  await using setup = await pair({ typing_expiry_ms: 60_000 });
  const { typist, watcher, room, server } = setup;
  for (let index = 0; index < 13; index++) typist.send('TypingStart', { room_id: room });
  await typist.flush();
  await watcher.flush();
  assert.equal(watcher.seen('TypingStart').length, 10);
  assert.deepEqual(
    typist
      .types()
      .filter((type) => type !== 'Pong' && type !== 'PresenceUpdate' && type !== 'UserJoined'),
    ['AuthSuccess', 'SyncComplete'],
    'nothing answered the dropped ones',
  );
  const metrics = await scrapeMetrics(server.url);
  assert.equal(metricSample(metrics, 'hearth_chat_typing_dropped_total'), 3);
  assert.equal(
    metricSample(metrics, 'hearth_chat_limit_hits_total', { limit: 'typing_per_minute' }),
    3,
  );
});

test('typing in a room one is not a member of is refused with an Error', async () => {
  await using setup = await pair();
  const { watcher, server, alice } = setup;
  const aliceOnly = await createRoom(server, alice, { kind: 'closed', name: 'Alone' });
  watcher.send('TypingStart', { room_id: aliceOnly });
  const error = await watcher.next('Error');
  assert.equal(error.data?.code, 'not_a_member');
});
