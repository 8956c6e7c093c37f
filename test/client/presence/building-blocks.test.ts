// The presence SDK's pure parts on their own: the reliable outbox, the received-id window, the
// world model, the pose throttle (fake timers and an injected clock), the parsing of server
// text frames, and option validation.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolvePresenceOptions, roomUrl } from '../../../src/client/presence/client-options.ts';
import { PoseThrottle, type PendingPose } from '../../../src/client/presence/pose-throttle.ts';
import { ReceivedIds } from '../../../src/client/presence/received-ids.ts';
import { ReliableOutbox } from '../../../src/client/presence/reliable-outbox.ts';
import { parseServerTextFrame } from '../../../src/client/presence/server-text-frames.ts';
import { PresenceWorld } from '../../../src/client/presence/world-model.ts';

const frame = (byte: number): Uint8Array => new Uint8Array([byte]);

test('the outbox keeps messages in order until removed, resends the overdue, and is bounded', () => {
  const outbox = new ReliableOutbox(3, 100);
  assert.ok(outbox.add('a', frame(1)) && outbox.add('b', frame(2)) && outbox.add('c', frame(3)));
  assert.equal(outbox.add('d', frame(4)), false, 'full: refused, nothing dropped');
  assert.equal(outbox.nextDueIn(0), undefined, 'nothing written yet');
  assert.deepEqual(
    outbox.takeAll(1000).map((entry) => entry.messageId),
    ['a', 'b', 'c'],
  );
  assert.equal(outbox.nextDueIn(1050), 50);
  assert.equal(outbox.remove('b'), true);
  assert.equal(outbox.remove('b'), false);
  assert.deepEqual(outbox.takeOverdue(1099), []);
  assert.deepEqual(
    outbox.takeOverdue(1100).map((entry) => entry.messageId),
    ['a', 'c'],
  );
  outbox.markAllUnsent();
  assert.deepEqual(outbox.takeOverdue(5000), [], 'nothing overdue on a connection not written on');
  assert.deepEqual(outbox.clear(), ['a', 'c']);
  assert.equal(outbox.size, 0);
});

test('received ids tell duplicates apart within a bounded window', () => {
  const ids = new ReceivedIds(2);
  assert.equal(ids.add('m-1'), true);
  assert.equal(ids.add('m-1'), false);
  assert.equal(ids.add('m-2'), true);
  assert.equal(ids.add('m-3'), true);
  assert.equal(ids.size, 2);
  assert.equal(ids.add('m-1'), true, 'the oldest was forgotten');
});

test('the world model follows hello, presence, poses and entity messages', () => {
  const world = new PresenceWorld();
  world.reset({
    players: [
      {
        clientId: 'ann',
        displayName: 'Ann',
        avatarUrl: '',
        position: null,
        rotation: null,
        avatarConfig: null,
      },
    ],
    entities: [],
    lastUpdate: 1,
  });
  const data = {
    displayName: 'Bob',
    avatarUrl: '',
    position: null,
    rotation: null,
    avatarConfig: null,
    hostClientId: 'ann',
  };
  world.upsertPlayer('bob', data);
  assert.equal(world.hostClientId, 'ann');
  assert.equal(world.applyPose('bob', { x: 1, y: 2, z: 3 }, null), 'player');
  assert.deepEqual(world.players.get('bob')?.position, { x: 1, y: 2, z: 3 });
  world.upsertPlayer('bob', { ...data, avatarUrl: 'https://b.example/bob.glb' });
  assert.deepEqual(world.players.get('bob')?.position, { x: 1, y: 2, z: 3 }, 'kept by an update');

  world.spawn({ entityId: 'box', templateId: 't', ownerId: 'bob', components: { a: '1' } });
  const before = world.entities.get('box');
  world.update({ entityId: 'box', components: { a: new Uint8Array([2]) } });
  assert.notEqual(world.entities.get('box'), before, 'changed objects are replaced');
  assert.deepEqual(world.entities.get('box')?.updatedComponents.a, new Uint8Array([2]));
  assert.equal(world.update({ entityId: 'nope', components: {} }), undefined);
  assert.equal(world.applyPose('box', { x: 0, y: 0, z: 1 }, null), 'entity');
  assert.equal(world.applyPose('elsewhere', { x: 0, y: 0, z: 1 }, null), 'untracked');
  assert.equal(world.despawn({ entityId: 'box' })?.ownerId, 'bob');
  assert.equal(world.entities.size, 0);

  assert.equal(world.removePlayer('ann', 'bob')?.displayName, 'Ann');
  assert.equal(world.hostClientId, 'bob');
  assert.deepEqual([...world.players.keys()], ['bob']);
});

test('the pose throttle sends at once after a quiet spell, then the newest per entity per tick', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let now = 0;
  const flushed: PendingPose[][] = [];
  const throttle = new PoseThrottle(
    50,
    (poses) => flushed.push([...poses]),
    () => now,
  );
  const pose = (entityId: string, x: number): PendingPose => ({
    entityId,
    position: { x, y: 0, z: 0 },
    rotation: null,
  });
  throttle.push(pose('', 0));
  assert.equal(flushed.length, 0, 'paused until resumed');
  throttle.resume();
  assert.deepEqual(flushed, [[pose('', 0)]], 'the held pose leaves at once');
  for (let x = 1; x <= 10; x++) throttle.push(pose('', x));
  throttle.push(pose('ball', 7));
  assert.equal(flushed.length, 1, 'a burst waits for the tick');
  now = 50;
  t.mock.timers.tick(50);
  assert.deepEqual(flushed[1], [pose('', 10), pose('ball', 7)]);
  now = 100;
  t.mock.timers.tick(50);
  assert.equal(flushed.length, 2, 'an idle tick sends nothing');
  now = 500;
  throttle.push(pose('', 11));
  assert.equal(flushed.length, 3, 'after a quiet spell: at once');
  throttle.pause();
  throttle.push(pose('', 12));
  throttle.push(pose('', 13));
  now = 1000;
  t.mock.timers.tick(1000);
  assert.equal(flushed.length, 3, 'nothing while paused');
  throttle.resume();
  assert.deepEqual(flushed[3], [pose('', 13)]);
  throttle.stop();
});

test('server text frames are recognised only with their documented field types', () => {
  const hello = '{"type":"SERVER_HELLO","room_id":"r","client_id":"c","timestamp":1}';
  assert.equal(parseServerTextFrame(hello)?.type, 'SERVER_HELLO');
  const join =
    '{"type":"PRESENCE_JOIN","room_id":"r","client_id":"c","user_id":"u","display_name":null,"timestamp":1}';
  assert.equal(parseServerTextFrame(join)?.type, 'PRESENCE_JOIN');
  const error = '{"type":"ERROR","code":"forbidden","message":"no","message_id":"m-1"}';
  assert.equal(parseServerTextFrame(error)?.type, 'ERROR');
  for (const other of [
    'hello',
    '[1,2]',
    '{"type":255}',
    '{"type":"SERVER_HELLO","room_id":"r","client_id":7,"timestamp":1}',
    '{"type":"ERROR","code":"made_up","message":"no"}',
    '{"type":"PRESENCE_LEAVE","room_id":"r","client_id":"c","timestamp":1}',
  ]) {
    assert.equal(parseServerTextFrame(other), undefined, other);
  }
});

test('options are validated at construction and the room URL is built from the endpoint', () => {
  const ok = { url: 'http://127.0.0.1:8080/presence/ws/', roomId: 'lobby' };
  const { baseUrl, settings, codec } = resolvePresenceOptions(ok);
  assert.equal(codec.mode, 'relay');
  assert.equal(settings.poseIntervalMs, 50);
  assert.equal(
    roomUrl(baseUrl, 'lobby', { client_id: 'a b', auth_token: undefined, user_id: '' }),
    'ws://127.0.0.1:8080/presence/ws/lobby?client_id=a+b',
  );
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ roomId: 'no spaces' }, /roomId/],
    [{ clientId: '' }, /clientId/],
    [{ displayName: 'x'.repeat(129) }, /displayName/],
    [{ url: 'ftp://host/presence/ws' }, /url must be/],
    [{ url: 'ws://host/presence/ws?x=1' }, /without the room/],
    [{ poseIntervalMs: -1 }, /poseIntervalMs/],
    [{ reliableRetryMs: 0 }, /reliableRetryMs/],
    [{ maxPendingReliable: 0.5 }, /maxPendingReliable/],
  ];
  for (const [override, message] of bad) {
    assert.throws(
      () => resolvePresenceOptions({ ...ok, ...override }),
      { message },
      message.source,
    );
  }
});
