// Rooms and memberships changing under live connections: RoomJoined and an immediate
// subscription for new members, RoomLeft and an immediate unsubscription for removed ones,
// RoomUpdated for the rest; who may change what; one direct room per set of users.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addUser,
  Api,
  ChatClient,
  contents,
  createRoom,
  setupAdmin,
  startChatServer,
} from './support/chat-server.ts';

async function team() {
  const server = await startChatServer({ chat: { presence_grace_ms: 0 } });
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const carol = await addUser(server, alice, 'Carol');
  return { server, alice, bob, carol };
}

test('members added to a room get RoomJoined and its messages at once', async () => {
  const { server, alice, bob, carol } = await team();
  await using _server = server;
  await using aliceClient = await ChatClient.open(server, alice);
  await using bobClient = await ChatClient.open(server, bob);
  await using carolClient = await ChatClient.open(server, carol);

  const room = await createRoom(server, alice, {
    kind: 'closed',
    name: 'Plans',
    member_ids: [bob.id],
  });
  const joined = await bobClient.next('RoomJoined');
  const wireRoom = joined.data?.room as {
    id: string;
    name: string;
    kind: string;
    member_ids: string[];
  };
  assert.equal(wireRoom.id, room);
  assert.equal(wireRoom.kind, 'closed');
  assert.equal(wireRoom.name, 'Plans');
  assert.deepEqual(wireRoom.member_ids, [alice.id, bob.id].sort());
  await aliceClient.next('RoomJoined', (frame) => (frame.data?.room as { id: string }).id === room);
  await bobClient.next('PresenceUpdate', (frame) => frame.data?.room_id === room);
  await aliceClient.say(room, 'welcome Bob');
  assert.deepEqual(contents([await bobClient.next('NewMessage')]), ['welcome Bob']);

  const added = await new Api(server, alice.token).post(`/rooms/${room}/members`, {
    user_ids: [carol.id],
  });
  assert.equal(added.status, 200);
  assert.deepEqual(added.body.added, [carol.id]);
  await carolClient.next('RoomJoined');
  const updated = await bobClient.next('RoomUpdated');
  assert.deepEqual(
    (updated.data?.room as { member_ids: string[] }).member_ids,
    [alice.id, bob.id, carol.id].sort(),
  );
  await bobClient.say(room, 'hi Carol');
  assert.deepEqual(contents([await carolClient.next('NewMessage')]), ['hi Carol']);
  await carolClient.flush();
  assert.deepEqual(contents(carolClient.all()), ['hi Carol'], 'no history pushed, only live');
});

test('a removed member stops receiving the room at once and may no longer send to it', async () => {
  const { server, alice, bob, carol } = await team();
  await using _server = server;
  const room = await createRoom(server, alice, {
    kind: 'closed',
    name: 'Plans',
    member_ids: [bob.id, carol.id],
  });
  await using aliceClient = await ChatClient.open(server, alice);
  await using bobClient = await ChatClient.open(server, bob);
  await using carolClient = await ChatClient.open(server, carol);

  const removed = await new Api(server, alice.token).delete(`/rooms/${room}/members/${bob.id}`);
  assert.equal(removed.status, 200);
  assert.deepEqual((await bobClient.next('RoomLeft')).data, { room_id: room });
  await carolClient.next('UserLeft', (frame) => frame.data?.user_id === bob.id);
  const update = await carolClient.next('RoomUpdated');
  assert.deepEqual(
    (update.data?.room as { member_ids: string[] }).member_ids,
    [alice.id, carol.id].sort(),
  );

  await aliceClient.say(room, 'after Bob left');
  await carolClient.next('NewMessage');
  await bobClient.flush();
  assert.deepEqual(contents(bobClient.all()), [], 'nothing after RoomLeft');
  const refused = await bobClient.say(room, 'let me back in');
  assert.equal(refused.type, 'MessageError');
  assert.equal(refused.data.error, 'not_a_member');
  assert.equal((await new Api(server, bob.token).get(`/rooms/${room}/messages`)).status, 404);

  // Leaving by oneself works the same way.
  assert.equal(
    (await new Api(server, carol.token).delete(`/rooms/${room}/members/${carol.id}`)).status,
    200,
  );
  await carolClient.next('RoomLeft');
});

test('renaming a room sends RoomUpdated; only admins and the creator manage a room', async () => {
  const { server, alice, bob, carol } = await team();
  await using _server = server;
  const room = await createRoom(server, bob, {
    kind: 'closed',
    name: 'Bob’s',
    member_ids: [carol.id],
  });
  await using carolClient = await ChatClient.open(server, carol);
  const asCarol = new Api(server, carol.token);
  assert.equal((await asCarol.patch(`/rooms/${room}`, { name: 'Carol’s' })).status, 403);
  assert.equal(
    (await asCarol.post(`/rooms/${room}/members`, { user_ids: [alice.id] })).status,
    403,
  );
  assert.equal(
    (await new Api(server, bob.token).patch(`/rooms/${room}`, { name: 'Renamed' })).status,
    200,
  );
  const update = await carolClient.next('RoomUpdated');
  assert.equal((update.data?.room as { name: string }).name, 'Renamed');
  // An admin who is not a member may manage it; a stranger cannot even see it.
  assert.equal(
    (await new Api(server, alice.token).patch(`/rooms/${room}`, { name: 'Admin' })).status,
    200,
  );
  const stranger = await addUser(server, alice, 'Dave');
  const asDave = new Api(server, stranger.token);
  assert.equal((await asDave.get(`/rooms/${room}`)).status, 404);
  assert.equal((await asDave.patch(`/rooms/${room}`, { name: 'x' })).status, 404);
});

test('an open room includes everyone, users added later too', async () => {
  const { server, alice, bob } = await team();
  await using _server = server;
  await using bobClient = await ChatClient.open(server, bob);
  const lobby = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  const joined = await bobClient.next('RoomJoined');
  assert.equal((joined.data?.room as { id: string }).id, lobby);
  assert.equal((joined.data?.room as { member_ids?: unknown }).member_ids, undefined);
  const dave = await addUser(server, alice, 'Dave');
  const rooms = await new Api(server, dave.token).get('/rooms');
  assert.deepEqual(
    (rooms.body.rooms as { id: string }[]).map((room) => room.id),
    [lobby],
  );
  const refused = await new Api(server, alice.token).post(`/rooms/${lobby}/members`, {
    user_ids: [dave.id],
  });
  assert.equal(refused.status, 400);
});

test('a direct room is one per set of users, whoever asks', async () => {
  const { server, alice, bob, carol } = await team();
  await using _server = server;
  const first = await new Api(server, alice.token).post('/rooms', {
    kind: 'direct',
    user_ids: [bob.id],
  });
  assert.equal(first.status, 201);
  const room = first.body.room as { id: string; name: null; member_ids: string[] };
  assert.equal(room.name, null);
  assert.deepEqual(room.member_ids, [alice.id, bob.id].sort());
  const again = await new Api(server, alice.token).post('/rooms', {
    kind: 'direct',
    user_ids: [bob.id, bob.id],
  });
  assert.equal(again.status, 200);
  const fromBob = await new Api(server, bob.token).post('/rooms', {
    kind: 'direct',
    user_ids: [alice.id],
  });
  assert.equal((fromBob.body.room as { id: string }).id, room.id);
  const three = await new Api(server, bob.token).post('/rooms', {
    kind: 'direct',
    user_ids: [alice.id, carol.id],
  });
  assert.equal(three.status, 201);
  assert.notEqual((three.body.room as { id: string }).id, room.id);
  const fixed = await new Api(server, alice.token).post(`/rooms/${room.id}/members`, {
    user_ids: [carol.id],
  });
  assert.equal(fixed.status, 400);
  const unknown = await new Api(server, alice.token).post('/rooms', {
    kind: 'direct',
    user_ids: ['nobody'],
  });
  assert.equal(unknown.status, 400);
});
