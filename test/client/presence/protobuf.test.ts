// The presence client in protobuf mode against a real server: ServerHello's world for a late
// joiner, entity spawn/update/despawn between clients with acks, chat acknowledged by the
// receiving client automatically (so the server never retries) and delivered once when the
// server does resend, refusals as `error` events, and the token carried in ClientHello.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProtobufCodec } from '../../../src/client/presence/protobuf.ts';
import { decodeMessage } from '../../../src/protocol/presence/codec.ts';
import { ChatMessageType, PROTOBUF_SUBPROTOCOL } from '../../../src/protocol/presence/messages.ts';
import { metricSample, scrapeMetrics } from '../../support/http.ts';
import {
  joinedClient,
  openClient,
  signToken,
  startPresenceServer,
  waitUntil,
} from './support/presence-harness.ts';

const protobuf = { codec: new ProtobufCodec() };
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (data: Uint8Array | undefined): string => new TextDecoder().decode(data);

test('a late joiner gets the world in its hello: players with presence and pose, live entities', async () => {
  await using server = await startPresenceServer();
  using ann = await joinedClient(server, { ...protobuf, clientId: 'ann', displayName: 'Ann' });
  assert.equal(ann.client.mode, 'protobuf');
  using bob = await joinedClient(server, { ...protobuf, clientId: 'bob', displayName: 'Bob' });
  assert.equal(ann.client.updatePresence({ avatarUrl: 'https://a.example/ann.glb' }), true);
  ann.client.sendPose('', { x: 1, y: 1.5, z: -2 }, { x: 0, y: 0, z: 0, w: 1 });
  const spawnId = ann.client.spawnEntity({
    entityId: 'crate',
    templateId: 'box',
    components: { color: 'red' },
  });
  ann.client.updateEntity('crate', { color: bytes('blue') });
  await bob.log.next('pose', (event) => event.entityId === 'ann');
  await bob.log.next('entity', (event) => event.action === 'update');
  await waitUntil(() => ann.client.pendingReliable === 0);
  assert.ok(ann.log.all('ack').some((event) => event.messageId === spawnId));

  using carol = await joinedClient(server, { ...protobuf, clientId: 'carol' });
  const hello = carol.log.all('hello')[0]!;
  assert.equal(hello.clientId, 'carol');
  assert.equal(hello.roomId, 'room');
  assert.match(hello.serverVersion, /^hearth\//);
  const { world } = carol.client;
  assert.deepEqual([...world.players.keys()], ['ann', 'bob'], 'everyone else, never itself');
  const annSeen = world.players.get('ann')!;
  assert.equal(annSeen.displayName, 'Ann');
  assert.equal(annSeen.avatarUrl, 'https://a.example/ann.glb');
  assert.deepEqual(annSeen.position, { x: 1, y: 1.5, z: -2 });
  const crate = world.entities.get('crate')!;
  assert.equal(crate.ownerId, 'ann');
  assert.equal(crate.templateId, 'box');
  assert.deepEqual(crate.components, { color: 'red' });
  assert.equal(text(crate.updatedComponents.color), 'blue');
  // The others hear of the late joiner.
  const joined = await ann.log.next('peerJoined', (event) => event.clientId === 'carol');
  assert.equal(joined.data?.hostClientId, 'ann', 'the longest-present client hosts');
  assert.equal(ann.client.world.hostClientId, 'ann');
});

test('entity spawn, update and despawn reach the other client; a refusal is an error event', async () => {
  await using server = await startPresenceServer();
  using ann = await joinedClient(server, { ...protobuf, clientId: 'ann' });
  using bob = await joinedClient(server, { ...protobuf, clientId: 'bob' });

  const spawnId = ann.client.spawnEntity({ entityId: 'lamp', components: { on: 'no' } });
  const spawned = await bob.log.next('entity');
  assert.equal(spawned.action, 'spawn');
  assert.equal(spawned.entity?.ownerId, 'ann', 'the owner is stamped by the server');
  assert.notEqual(spawned.messageId, spawnId, 'relayed under a server message id');
  assert.equal((await ann.log.next('ack')).messageId, spawnId);

  ann.client.updateEntity('lamp', { on: bytes('yes') });
  const updated = await bob.log.next('entity');
  assert.equal(updated.action, 'update');
  assert.equal(text(updated.changedComponents.on), 'yes');
  assert.equal(text(bob.client.world.entities.get('lamp')?.updatedComponents.on), 'yes');

  ann.client.sendPose('lamp', { x: 3, y: 0, z: 0 });
  const moved = await bob.log.next('pose', (event) => event.entityId === 'lamp');
  assert.equal(moved.subject, 'entity');
  assert.deepEqual(bob.client.world.entities.get('lamp')?.position, { x: 3, y: 0, z: 0 });

  // Bob may not touch Ann's lamp: refused, not retried, not relayed.
  const refusedId = bob.client.updateEntity('lamp', { on: bytes('hacked') });
  const error = await bob.log.next('error');
  assert.equal(error.error.code, 'forbidden');
  assert.equal(error.error.messageId, refusedId);
  assert.equal(bob.client.pendingReliable, 0, 'a refused message is not resent');

  ann.client.despawnEntity('lamp');
  const despawned = await bob.log.next('entity', (event) => event.action === 'despawn');
  assert.equal(despawned.entityId, 'lamp');
  assert.equal(despawned.entity?.ownerId, 'ann', 'the entity as it was');
  assert.equal(bob.client.world.entities.size, 0);
  assert.equal(ann.log.all('entity').length, 0, 'the sender is not told of its own messages');
  await waitUntil(() => ann.client.pendingReliable === 0);
  assert.throws(() => ann.client.send('opaque'), { code: 'wrong-mode' });
});

test('chat is reliable: the receiving client acks by itself, so the server never retries', async () => {
  const RETRY_MS = 100;
  await using server = await startPresenceServer({
    presence: { reliable: { retry_interval_ms: RETRY_MS } },
  });
  using ann = await joinedClient(server, { ...protobuf, clientId: 'ann' });
  using bob = await joinedClient(server, { ...protobuf, clientId: 'bob' });
  const id = ann.client.sendChat('Over here!', ChatMessageType.Shout);
  assert.equal(ann.client.pendingReliable, 1);
  const chat = await bob.log.next('chat');
  assert.equal(chat.text, 'Over here!');
  assert.equal(chat.fromClientId, 'ann');
  assert.equal(chat.chatType, ChatMessageType.Shout);
  assert.equal((await ann.log.next('ack')).messageId, id);
  assert.equal(ann.client.pendingReliable, 0);
  await waitUntil(async () => {
    const metrics = await scrapeMetrics(server.url);
    return metricSample(metrics, 'hearth_presence_acks_received_total') === 1;
  });
  // Several retry intervals pass: an unacknowledged message would have been resent by now.
  await sleep(RETRY_MS * 5);
  const metrics = await scrapeMetrics(server.url);
  assert.equal(metricSample(metrics, 'hearth_presence_reliable_retries_total'), 0);
  assert.equal(metricSample(metrics, 'hearth_presence_reliable_pending'), 0);
  const copies = bob.network.receivedMessages().filter((m) => m.payload === 'chatMessage');
  assert.equal(copies.length, 1);
  assert.equal(bob.log.all('chat').length, 1);
});

test('a message the server resends (the Ack was lost) is acknowledged again and delivered once', async () => {
  await using server = await startPresenceServer({
    presence: { reliable: { retry_interval_ms: 100 } },
  });
  using ann = await joinedClient(server, { ...protobuf, clientId: 'ann' });
  using bob = await joinedClient(server, { ...protobuf, clientId: 'bob' });
  let dropped = 0;
  // Bob's first Ack is lost on the way.
  bob.network.dropOutgoing = (data) => {
    if (!(data instanceof Uint8Array) || dropped > 0) return false;
    const decoded = decodeMessage(data);
    if (!decoded.ok || decoded.message.payload !== 'ack') return false;
    dropped++;
    return true;
  };
  ann.client.sendChat('once');
  await waitUntil(
    () => bob.network.receivedMessages().filter((m) => m.payload === 'chatMessage').length >= 2,
  );
  await waitUntil(async () => {
    const metrics = await scrapeMetrics(server.url);
    return metricSample(metrics, 'hearth_presence_reliable_pending') === 0;
  });
  assert.equal(dropped, 1);
  assert.deepEqual(
    bob.log.all('chat').map((event) => event.text),
    ['once'],
  );
  const acks = bob.network.sentMessages().filter((m) => m.payload === 'ack');
  assert.ok(acks.length >= 1, 'the copy was acknowledged');
});

test('protobuf mode puts the token in ClientHello, never in the URL; a bad token stops the client', async () => {
  const secret = 'y'.repeat(32);
  await using server = await startPresenceServer({
    presence: { auth: { hs_secret: secret, anonymous: 'deny' } },
  });
  using watcher = await joinedClient(server, {
    ...protobuf,
    token: await signToken({ sub: 'watcher' }, { secret }),
  });
  const token = await signToken({ sub: 'user-7', name: 'Grace' }, { secret });
  using grace = await joinedClient(server, { ...protobuf, clientId: 'grace', token });
  assert.ok(!grace.network.urls.some((url) => url.includes('auth_token')));
  const hello = grace.network.sentMessages()[0];
  assert.ok(hello?.payload === 'clientHello');
  assert.equal(hello.clientHello.authToken, token);
  assert.equal(hello.clientHello.requestedRoom, 'room');
  const joined = await watcher.log.next('peerJoined', (event) => event.clientId === 'grace');
  assert.equal(joined.displayName, 'Grace');

  using intruder = openClient(server, {
    ...protobuf,
    token: await signToken({ sub: 'x' }, { secret: 'not-the-secret-at-all-0123456789' }),
  });
  const refused = await intruder.log.next('error', (event) => event.error.code === 'auth-refused');
  assert.equal(refused.error.closeCode, 4401);
  await waitUntil(() => intruder.client.state === 'closed');
  assert.equal(intruder.log.all('hello').length, 0);
  assert.equal(PROTOBUF_SUBPROTOCOL, new ProtobufCodec().subprotocol);
});
