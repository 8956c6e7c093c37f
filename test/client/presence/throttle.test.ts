// Pose throttling through a real server: a burst of poses leaves as a few frames (at most one
// per entity per interval) and the newest pose always arrives last. Counts are asserted loosely
// and nothing about time: a slow machine may split a burst differently, never reorder it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProtobufCodec } from '../../../src/client/presence/protobuf.ts';
import { joinedClient, startPresenceServer } from './support/presence-harness.ts';

const protobuf = { codec: new ProtobufCodec() };

test('100 poses in a burst leave as a few frames, and the last one wins', async () => {
  await using server = await startPresenceServer();
  using mover = await joinedClient(server, { ...protobuf, clientId: 'mover' });
  using viewer = await joinedClient(server, { ...protobuf, clientId: 'viewer' });
  for (let step = 0; step < 100; step++) mover.client.sendPose('', { x: step, y: 1.5, z: 0 });
  const last = await viewer.log.next('pose', (event) => event.position?.x === 99);
  assert.equal(last.entityId, 'mover', 'the server names the avatar');
  assert.equal(last.subject, 'player');
  const sent = mover.network.sentMessages().filter((m) => m.payload === 'positionUpdate');
  assert.ok(sent.length >= 1 && sent.length < 10, `${sent.length} pose frames for 100 poses`);
  const lastSent = sent.at(-1);
  assert.ok(lastSent?.payload === 'positionUpdate');
  assert.equal(lastSent.positionUpdate.position?.x, 99);
  const xs = viewer.log.all('pose').map((event) => event.position?.x ?? -1);
  assert.deepEqual(
    xs,
    [...xs].sort((a, b) => a - b),
    'never an older pose after a newer one',
  );
  assert.equal(xs.at(-1), 99);
  assert.deepEqual(viewer.client.world.players.get('mover')?.position, { x: 99, y: 1.5, z: 0 });
});

test('each entity keeps its own newest pose: a burst for two entities sends both', async () => {
  await using server = await startPresenceServer();
  using mover = await joinedClient(server, { ...protobuf, clientId: 'mover', poseIntervalMs: 30 });
  using viewer = await joinedClient(server, { ...protobuf, clientId: 'viewer' });
  mover.client.spawnEntity({ entityId: 'ball' });
  await viewer.log.next('entity');
  for (let step = 0; step < 50; step++) {
    mover.client.sendPose('', { x: step, y: 0, z: 0 });
    mover.client.sendPose('ball', { x: 0, y: step, z: 0 });
  }
  await viewer.log.next('pose', (event) => event.entityId === 'mover' && event.position?.x === 49);
  await viewer.log.next('pose', (event) => event.entityId === 'ball' && event.position?.y === 49);
  const sent = mover.network.sentMessages().filter((m) => m.payload === 'positionUpdate');
  assert.ok(sent.length < 20, `${sent.length} pose frames for 100 poses`);
  assert.deepEqual(viewer.client.world.entities.get('ball')?.position, { x: 0, y: 49, z: 0 });
});

test('poses made while disconnected are held and only the newest is sent after the hello', async () => {
  await using server = await startPresenceServer();
  using viewer = await joinedClient(server, { ...protobuf, clientId: 'viewer' });
  using mover = await joinedClient(server, { ...protobuf, clientId: 'mover' });
  mover.network.cut();
  await viewer.log.next('peerLeft', (event) => event.clientId === 'mover');
  const before = mover.network.sentMessages().length;
  for (let step = 0; step < 20; step++) mover.client.sendPose('', { x: step, y: 0, z: 0 });
  mover.network.restore();
  await mover.log.next('hello', (event) => event.reconnected);
  const pose = await viewer.log.next('pose');
  assert.equal(pose.position?.x, 19);
  const after = mover.network
    .sentMessages()
    .slice(before)
    .filter((m) => m.payload === 'positionUpdate');
  assert.equal(after.length, 1, 'one pose, the newest');
});
