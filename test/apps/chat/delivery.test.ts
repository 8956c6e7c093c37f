// Live delivery: MessageDelivered to the sender after the commit, then NewMessage to every
// member connection (the sender's other tabs included) and to nobody else; idempotent resends
// over WebSocket and HTTP; ids that sort in commit order.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import {
  addUser,
  Api,
  ChatClient,
  contents,
  createRoom,
  messageIdOf,
  setupAdmin,
  startChatServer,
} from './support/chat-server.ts';

test('a message reaches every member connection, the sender first gets MessageDelivered', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const carol = await addUser(server, alice, 'Carol');
  const room = await createRoom(server, alice, {
    kind: 'closed',
    name: 'Team',
    member_ids: [bob.id],
  });
  await using tab1 = await ChatClient.open(server, alice);
  await using tab2 = await ChatClient.open(server, alice, { via: 'query' });
  await using bobClient = await ChatClient.open(server, bob, { via: 'message' });
  await using carolClient = await ChatClient.open(server, carol);

  const clientMessageId = randomUUID();
  const delivered = await tab1.say(room, 'Hello everyone! 👋', clientMessageId);
  assert.equal(delivered.type, 'MessageDelivered');
  const messageId = delivered.data.message_id as string;
  assert.match(messageId, /^\d{20}$/);
  const own = await tab1.next('NewMessage');
  const types = tab1.types();
  assert.ok(types.indexOf('MessageDelivered') < types.lastIndexOf('NewMessage'), 'ack first');
  for (const client of [tab2, bobClient]) {
    const frame = await client.next('NewMessage');
    assert.deepEqual(frame, own);
  }
  const message = own.data?.message as Record<string, unknown>;
  assert.equal(own.data?.room_id, room);
  assert.equal(message.id, messageId);
  assert.equal(message.room_id, room);
  assert.equal(message.creator_id, alice.id);
  assert.equal(message.content, 'Hello everyone! 👋');
  assert.equal(message.client_message_id, clientMessageId);
  assert.match(String(message.created_at), /^\d{4}-\d\d-\d\dT/);

  await carolClient.flush();
  assert.equal(carolClient.seen('NewMessage').length, 0, 'non-members get nothing');
});

test('resending the same client_message_id gets the same MessageDelivered and no second message', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const room = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using sender = await ChatClient.open(server, alice);
  await using reader = await ChatClient.open(server, bob);
  const clientMessageId = randomUUID();
  const first = await sender.say(room, 'once', clientMessageId);
  // A reconnecting client resends what it has not seen acknowledged, from a new connection.
  await using again = await ChatClient.open(server, alice);
  const second = await again.say(room, 'once', clientMessageId);
  const third = await sender.say(room, 'once (edited text is ignored)', clientMessageId);
  assert.equal(second.type, 'MessageDelivered');
  assert.equal(second.data.message_id, first.data.message_id);
  assert.equal(third.data.message_id, first.data.message_id);
  // Sent together: both may be in one commit batch, still one message.
  const racing = randomUUID();
  sender.send('NewMessage', { room_id: room, content: 'twice', client_message_id: racing });
  sender.send('NewMessage', { room_id: room, content: 'twice', client_message_id: racing });
  const acks = [
    await sender.next('MessageDelivered', (frame) => frame.data?.client_message_id === racing),
    await sender.next('MessageDelivered', (frame) => frame.data?.client_message_id === racing),
  ];
  assert.equal(acks[0]?.data?.message_id, acks[1]?.data?.message_id);
  await reader.flush();
  assert.deepEqual(contents(reader.all()), ['once', 'twice']);
  const page = await new Api(server, bob.token).get(`/rooms/${room}/messages`);
  assert.equal((page.body.messages as unknown[]).length, 2);
});

test('another user reusing a client_message_id in the room is refused, not confirmed', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const room = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using aliceClient = await ChatClient.open(server, alice);
  await using bobClient = await ChatClient.open(server, bob);
  const clientMessageId = randomUUID();
  await aliceClient.say(room, 'mine', clientMessageId);
  const stolen = await bobClient.say(room, 'spoof', clientMessageId);
  assert.deepEqual(stolen, {
    type: 'MessageError',
    data: { client_message_id: clientMessageId, error: 'duplicate_client_message_id' },
  });
});

test('a message sent over HTTP is delivered live, with the same idempotency as WebSocket', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const room = await createRoom(server, alice, {
    kind: 'closed',
    name: 'Pair',
    member_ids: [bob.id],
  });
  await using bobClient = await ChatClient.open(server, bob);
  await using aliceClient = await ChatClient.open(server, alice);
  const api = new Api(server, alice.token);
  const clientMessageId = randomUUID();
  const sent = await api.post(`/rooms/${room}/messages`, {
    content: 'from a form post',
    client_message_id: clientMessageId,
  });
  assert.equal(sent.status, 201);
  const message = sent.body.message as { id: string; content: string };
  assert.equal(message.content, 'from a form post');
  const live = await bobClient.next('NewMessage');
  assert.equal(messageIdOf(live), message.id);
  assert.equal(messageIdOf(await aliceClient.next('NewMessage')), message.id);

  const repeat = await api.post(`/rooms/${room}/messages`, {
    content: 'from a form post',
    client_message_id: clientMessageId,
  });
  assert.equal(repeat.status, 200);
  assert.equal((repeat.body.message as { id: string }).id, message.id);
  const overSocket = await aliceClient.say(room, 'from a form post', clientMessageId);
  assert.equal(overSocket.data.message_id, message.id);
  await bobClient.flush();
  assert.equal(bobClient.seen('NewMessage').length, 1);
});

test('message ids are 20 digits and sort in commit order as strings', async () => {
  await using server = await startChatServer({ chat: { limits: { messages_per_minute: 1000 } } });
  const alice = await setupAdmin(server, 'Alice');
  const room = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using client = await ChatClient.open(server, alice);
  const ids: string[] = [];
  for (let index = 0; index < 12; index++) {
    ids.push((await client.say(room, `m${index}`)).data.message_id as string);
  }
  assert.ok(ids.every((id) => /^\d{20}$/.test(id)));
  assert.deepEqual([...ids].sort(), ids);
  assert.equal(new Set(ids).size, ids.length);
});
