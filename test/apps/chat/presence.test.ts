// Presence per room: UserJoined on a user's first connection, UserLeft when the last one is
// gone, PresenceUpdate with who is online, and the grace period that keeps a quick reconnect
// from announcing anything.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import {
  addUser,
  ChatClient,
  createRoom,
  setupAdmin,
  startChatServer,
} from './support/chat-server.ts';

const about = (userId: string) => (frame: { data?: Record<string, unknown> }) =>
  frame.data?.user_id === userId;

test('first connection announces UserJoined, the last one leaving UserLeft; tabs in between are quiet', async () => {
  await using server = await startChatServer({ chat: { presence_grace_ms: 0 } });
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const room = await createRoom(server, alice, {
    kind: 'closed',
    name: 'Pair',
    member_ids: [bob.id],
  });
  await using watcher = await ChatClient.open(server, alice);

  const bobTab1 = await ChatClient.open(server, bob);
  const joined = await watcher.next('UserJoined');
  assert.deepEqual(joined.data, { user_id: bob.id, room_id: room });
  const presence = bobTab1.seen('PresenceUpdate');
  assert.deepEqual(presence, [
    { type: 'PresenceUpdate', data: { room_id: room, online_users: [alice.id, bob.id].sort() } },
  ]);

  const bobTab2 = await ChatClient.open(server, bob);
  await bobTab2.flush();
  await bobTab1.close();
  await bobTab2.flush();
  await watcher.flush();
  assert.equal(watcher.seen('UserJoined', about(bob.id)).length, 1, 'one UserJoined');
  assert.equal(watcher.seen('UserLeft', about(bob.id)).length, 0, 'a tab left, Bob did not');

  await bobTab2.close();
  const left = await watcher.next('UserLeft');
  assert.deepEqual(left.data, { user_id: bob.id, room_id: room });
});

test('a reconnect within the grace period announces neither UserLeft nor UserJoined', async () => {
  const graceMs = 1500;
  await using server = await startChatServer({ chat: { presence_grace_ms: graceMs } });
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using watcher = await ChatClient.open(server, alice);
  const first = await ChatClient.open(server, bob);
  await watcher.next('UserJoined', about(bob.id));

  // Flapping Wi-Fi: the connection drops and comes back at once, several times.
  let current = first;
  for (let flap = 0; flap < 3; flap++) {
    await current.close();
    current = await ChatClient.open(server, bob);
    await current.flush();
  }
  await sleep(graceMs + 300);
  await current.flush();
  await watcher.flush();
  assert.equal(watcher.seen('UserLeft', about(bob.id)).length, 0);
  assert.equal(watcher.seen('UserJoined', about(bob.id)).length, 1);

  // Gone for good: UserLeft once the grace period is over.
  await current.close();
  await watcher.next('UserLeft', about(bob.id), graceMs + 5000);
});

test('online_users lists who is online in each room', async () => {
  await using server = await startChatServer({ chat: { presence_grace_ms: 0 } });
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const carol = await addUser(server, alice, 'Carol');
  const lobby = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  const pair = await createRoom(server, alice, {
    kind: 'closed',
    name: 'Pair',
    member_ids: [carol.id],
  });
  await using aliceClient = await ChatClient.open(server, alice);
  await using bobClient = await ChatClient.open(server, bob);
  await using carolClient = await ChatClient.open(server, carol);
  const updates = Object.fromEntries(
    carolClient
      .seen('PresenceUpdate')
      .map((frame) => [String(frame.data?.room_id), frame.data?.online_users] as const),
  );
  assert.deepEqual(updates, {
    [lobby]: [alice.id, bob.id, carol.id].sort(),
    [pair]: [alice.id, carol.id].sort(),
  });
  assert.equal(bobClient.seen('PresenceUpdate').length, 1, 'Bob is only in the lobby');
  await aliceClient.flush();
});
