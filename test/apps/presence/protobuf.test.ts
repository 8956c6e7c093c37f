// Protobuf mode through real sockets: subprotocol or ?format=protobuf, ClientHello first,
// ServerHello with the world for a late joiner, presence events, identities stamped by the
// server (no spoofing of from_client_id, owner_id, another client's avatar or entities), and
// undecodable or refused frames answered with an ERROR frame, counted, never relayed.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MessageType,
  PROTOBUF_SUBPROTOCOL,
  PresenceEventType,
  type PresenceMessage,
} from '../../../src/protocol/presence/messages.ts';
import { metricSample, scrapeMetrics } from '../../support/http.ts';
import { PbClient, startPresenceServer } from './support/presence-server.ts';

type Of<P extends PresenceMessage['payload']> = Extract<PresenceMessage, { payload: P }>;

function is<P extends PresenceMessage['payload']>(payload: P) {
  return (message: PresenceMessage): message is Of<P> => message.payload === payload;
}

test('the subprotocol is selected, ClientHello is answered with ServerHello', async () => {
  await using server = await startPresenceServer();
  await using client = await PbClient.connect(server, 'lobby', {
    clientId: 'ada',
    displayName: 'Ada',
  });
  assert.equal(client.socket.socket.protocol, PROTOBUF_SUBPROTOCOL);
  const hello = client.hello;
  assert.ok(hello);
  assert.equal(hello.assignedClientId, 'ada');
  assert.equal(hello.roomId, 'lobby');
  assert.match(hello.serverVersion, /^hearth\/\d+\.\d+\.\d+/);
  assert.deepEqual(hello.initialState?.players, []);
  // ?format=protobuf works without the subprotocol.
  await using viaQuery = await PbClient.connect(
    server,
    'lobby',
    { clientId: 'bob' },
    { viaQuery: true },
  );
  assert.equal(viaQuery.socket.socket.protocol, '');
  assert.equal(viaQuery.hello?.assignedClientId, 'bob');
});

test('a late joiner sees the players with their presence and last pose, and the live entities', async () => {
  await using server = await startPresenceServer();
  await using ann = await PbClient.connect(server, 'world', {
    clientId: 'ann',
    displayName: 'Ann',
  });
  await using bob = await PbClient.connect(server, 'world', {
    clientId: 'bob',
    displayName: 'Bob',
  });
  ann.send({
    payload: 'positionUpdate',
    positionUpdate: {
      position: { x: 1, y: 2, z: 3 },
      rotation: { x: 0, y: 0, z: 0, w: 1 },
      sequenceNumber: 1,
    },
  });
  ann.send({
    payload: 'presenceEvent',
    presenceEvent: {
      eventType: PresenceEventType.Update,
      data: {
        avatarUrl: 'https://a.example/ann.png',
        avatarConfig: { bodyType: 'robot', height: 1.5 },
      },
    },
  });
  ann.send({
    payload: 'entitySpawn',
    messageId: 's1',
    entitySpawn: { entityId: 'crate', templateId: 'box', components: { color: 'red' } },
  });
  ann.send({
    payload: 'entityUpdate',
    messageId: 'u1',
    entityUpdate: { entityId: 'crate', components: { color: Buffer.from('blue') } },
  });
  await ann.next((message) => message.payload === 'ack' && message.ack.messageId === 'u1');
  await bob.next((message) => message.payload === 'entityUpdate');

  await using carol = await PbClient.connect(server, 'world', { clientId: 'carol' });
  const state = carol.hello?.initialState;
  assert.ok(state);
  assert.deepEqual(
    state.players.map((player) => [player.clientId, player.displayName]),
    [
      ['ann', 'Ann'],
      ['bob', 'Bob'],
    ],
  );
  const annSnapshot = state.players[0]!;
  assert.deepEqual(annSnapshot.position, { x: 1, y: 2, z: 3 });
  assert.deepEqual(annSnapshot.rotation, { x: 0, y: 0, z: 0, w: 1 });
  assert.equal(annSnapshot.avatarUrl, 'https://a.example/ann.png');
  assert.equal(annSnapshot.avatarConfig?.bodyType, 'robot');
  assert.equal(state.entities.length, 1);
  const crate = state.entities[0]!;
  assert.equal(crate.id, 'crate');
  assert.equal(crate.ownerId, 'ann');
  assert.deepEqual(crate.components, { color: 'red' });
  assert.equal(Buffer.from(crate.updatedComponents.color!).toString(), 'blue');
  assert.ok(state.lastUpdate > 0);
});

test('joins, updates and leaves reach protobuf clients as PresenceEvents with the host', async () => {
  await using server = await startPresenceServer();
  await using host = await PbClient.connect(server, 'room', { clientId: 'host' });
  const guest = await PbClient.connect(server, 'room', { clientId: 'guest', displayName: 'Guest' });
  const join = await host.next(is('presenceEvent'));
  assert.ok(join.payload === 'presenceEvent');
  assert.equal(join.type, MessageType.PresenceJoin);
  assert.equal(join.presenceEvent.clientId, 'guest');
  assert.equal(join.presenceEvent.eventType, PresenceEventType.Join);
  const data = join.presenceEvent.data;
  assert.ok(data);
  assert.equal(data.displayName, 'Guest');
  assert.equal(data.hostClientId, 'host');
  // A client cannot announce a join or a leave, nor speak as another in an update.
  guest.send({
    payload: 'presenceEvent',
    presenceEvent: { clientId: 'host', eventType: PresenceEventType.Leave },
  });
  assert.equal((await guest.nextError()).code, 'invalid_message');
  guest.send({
    payload: 'presenceEvent',
    presenceEvent: {
      clientId: 'host',
      eventType: PresenceEventType.Update,
      data: { avatarUrl: 'x.png' },
    },
  });
  const update = await host.next(
    (message) => message.payload === 'presenceEvent' && message.type === MessageType.PresenceUpdate,
  );
  assert.ok(update.payload === 'presenceEvent');
  assert.equal(update.presenceEvent.clientId, 'guest', 'stamped with the sender');
  assert.equal(update.presenceEvent.data?.avatarUrl, 'x.png');
  await guest.close();
  const leave = await host.next(
    (message) => message.payload === 'presenceEvent' && message.type === MessageType.PresenceLeave,
  );
  assert.ok(leave.payload === 'presenceEvent');
  assert.equal(leave.presenceEvent.clientId, 'guest');
});

test('identities are stamped by the server: nobody speaks for another client', async () => {
  await using server = await startPresenceServer();
  await using alice = await PbClient.connect(server, 'room', { clientId: 'alice' });
  await using mallory = await PbClient.connect(server, 'room', { clientId: 'mallory' });
  alice.send({
    payload: 'entitySpawn',
    messageId: 'a1',
    entitySpawn: { entityId: 'alice-box', templateId: 'box' },
  });
  await mallory.next(is('entitySpawn'));
  alice.drain();

  mallory.send({
    payload: 'chatMessage',
    messageId: 'm1',
    chatMessage: { fromClientId: 'alice', message: 'I am alice', timestamp: 1 },
  });
  const chat = await alice.next(is('chatMessage'));
  assert.ok(chat.payload === 'chatMessage');
  assert.equal(chat.chatMessage.fromClientId, 'mallory');
  assert.equal(chat.chatMessage.message, 'I am alice');
  assert.ok(Math.abs(chat.chatMessage.timestamp - Date.now()) < 5000, 'server time');

  mallory.send({
    payload: 'entitySpawn',
    messageId: 'm2',
    entitySpawn: { entityId: 'mallory-box', templateId: 'box', ownerId: 'alice' },
  });
  const spawn = await alice.next(is('entitySpawn'));
  assert.ok(spawn.payload === 'entitySpawn');
  assert.equal(spawn.entitySpawn.ownerId, 'mallory');

  mallory.send({
    payload: 'voiceData',
    voiceData: { fromClientId: 'alice', audioData: Buffer.from([1, 2, 3]), sequenceNumber: 1 },
  });
  const voice = await alice.next(is('voiceData'));
  assert.ok(voice.payload === 'voiceData');
  assert.equal(voice.voiceData.fromClientId, 'mallory');

  // Another client's avatar and entities are off limits.
  mallory.send({
    payload: 'positionUpdate',
    positionUpdate: { entityId: 'alice', position: { x: 9, y: 9, z: 9 } },
  });
  assert.equal((await mallory.nextError()).code, 'forbidden');
  mallory.send({
    payload: 'positionUpdate',
    positionUpdate: { entityId: 'alice-box', position: { x: 9, y: 9, z: 9 } },
  });
  assert.equal((await mallory.nextError()).code, 'forbidden');
  mallory.send({
    payload: 'entityUpdate',
    messageId: 'm3',
    entityUpdate: { entityId: 'alice-box' },
  });
  const refused = await mallory.nextError();
  assert.deepEqual(refused, {
    type: 'ERROR',
    code: 'forbidden',
    message: 'entity alice-box belongs to another client',
    message_id: 'm3',
  });
  mallory.send({
    payload: 'entityDespawn',
    messageId: 'm4',
    entityDespawn: { entityId: 'alice-box' },
  });
  assert.equal((await mallory.nextError()).code, 'forbidden');
  mallory.send({ payload: 'entitySpawn', messageId: 'm5', entitySpawn: { entityId: 'alice-box' } });
  assert.equal((await mallory.nextError()).code, 'forbidden');
  // An empty entity_id is the sender's own avatar.
  mallory.send({
    payload: 'positionUpdate',
    positionUpdate: { position: { x: 1, y: 1, z: 1 }, sequenceNumber: 5 },
  });
  const pose = await alice.next(is('positionUpdate'));
  assert.ok(pose.payload === 'positionUpdate');
  assert.equal(pose.positionUpdate.entityId, 'mallory');

  const seen = alice.drain();
  assert.ok(
    !seen.some(
      (message) =>
        message.payload === 'positionUpdate' && message.positionUpdate.entityId !== 'mallory',
    ),
    'no spoofed pose was relayed',
  );
  assert.ok(
    !seen.some(
      (message) => message.payload === 'entityUpdate' || message.payload === 'entityDespawn',
    ),
  );
});

test('undecodable frames get an ERROR frame, are counted and never relayed', async () => {
  await using server = await startPresenceServer();
  await using sender = await PbClient.connect(server, 'room', { clientId: 'sender' });
  await using peer = await PbClient.connect(server, 'room', { clientId: 'peer' });
  await sender.next(is('presenceEvent'));
  const framesBefore = peer.socket.frames.length;

  sender.sendRaw(Buffer.from('not protobuf at all'));
  const error = await sender.nextError();
  assert.equal(error.type, 'ERROR');
  assert.equal(error.code, 'decode_error');
  assert.match(error.message, /^not a Message: /);
  sender.sendRaw('{"type":"CHAT"}');
  assert.equal((await sender.nextError()).code, 'decode_error');
  sender.send({ payload: 'serverHello', serverHello: {} });
  assert.equal((await sender.nextError()).code, 'invalid_message');
  sender.sendRaw(Buffer.alloc(0));
  assert.equal((await sender.nextError()).code, 'invalid_message');
  sender.send({ payload: 'entityUpdate', entityUpdate: { entityId: 'nothing' } });
  assert.equal((await sender.nextError()).code, 'unknown_entity');

  // The connection stays open and keeps working; the peer saw none of the above.
  sender.send({ payload: 'chatMessage', chatMessage: { message: 'still here' } });
  const chat = await peer.next(is('chatMessage'));
  assert.ok(chat.payload === 'chatMessage');
  assert.equal(chat.chatMessage.message, 'still here');
  assert.equal(peer.socket.frames.length, framesBefore + 1);

  const metrics = await scrapeMetrics(server.url);
  assert.equal(metricSample(metrics, 'hearth_presence_decode_errors_total'), 2);
  assert.equal(
    metricSample(metrics, 'hearth_presence_refused_messages_total', { code: 'invalid_message' }),
    2,
  );
  assert.equal(
    metricSample(metrics, 'hearth_presence_refused_messages_total', { code: 'unknown_entity' }),
    1,
  );
});

test('the first frame must be a ClientHello for this room', async () => {
  await using server = await startPresenceServer();
  const early = await PbClient.open(server, 'room');
  early.send({ payload: 'chatMessage', chatMessage: { message: 'too early' } });
  assert.deepEqual(await early.socket.waitForClose(), {
    code: 1008,
    reason: 'the first message must be a binary ClientHello',
  });
  const wrongRoom = await PbClient.open(server, 'room');
  wrongRoom.send({ payload: 'clientHello', clientHello: { requestedRoom: 'elsewhere' } });
  assert.equal((await wrongRoom.socket.waitForClose()).code, 1008);
  await using client = await PbClient.connect(server, 'room', { requestedRoom: 'room' });
  client.send({ payload: 'clientHello', clientHello: {} });
  assert.equal(
    (await client.nextError()).code,
    'invalid_message',
    'a second ClientHello is refused',
  );
});

test('a client that never says ClientHello is closed with 4408', async () => {
  await using server = await startPresenceServer({
    config: { apps: { presence: { websocket: { auth_timeout_ms: 150 } } } },
  });
  const client = await PbClient.open(server, 'room');
  assert.equal((await client.socket.waitForClose()).code, 4408);
});

test('a flooding protobuf client is told once per second that frames are dropped, then cut off', async () => {
  await using server = await startPresenceServer();
  await using flooder = await PbClient.connect(server, 'room', { clientId: 'flooder' });
  for (let index = 0; index < 1000; index++) {
    flooder.send({ payload: 'positionUpdate', positionUpdate: { sequenceNumber: index } });
  }
  const notice = await flooder.nextError();
  assert.equal(notice.code, 'rate_limited');
  assert.ok((notice.retry_after_ms ?? 0) > 0);
  assert.equal((await flooder.socket.waitForClose()).code, 4429);
  const notices = flooder.socket.frames.filter((frame) => frame.text.includes('rate_limited'));
  assert.equal(notices.length, 1);
});
