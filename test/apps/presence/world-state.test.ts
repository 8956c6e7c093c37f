// The pure room model: client id negotiation (free and well-formed ids honoured, taken or
// malformed ones replaced, held ids only for their user), reconnect grace periods, ownership of
// avatars and entities, the host, and what a late joiner's snapshot holds.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WorldState, type JoinRequest } from '../../../src/apps/presence/world-state.ts';

interface Session {
  readonly label: string;
}

function world(): WorldState<Session> {
  let counter = 0;
  return new WorldState<Session>(() => `uuid-${++counter}`);
}

function request(
  requestedClientId: string | undefined,
  userId: string | undefined = requestedClientId,
  overrides: Partial<JoinRequest<Session>> = {},
): JoinRequest<Session> {
  return {
    requestedClientId,
    userId,
    anonymous: false,
    mode: 'protobuf',
    displayName: '',
    displayNameFixed: false,
    session: (resumed) => resumed ?? { label: `session-of-${requestedClientId ?? 'new'}` },
    ...overrides,
  };
}

test('a free, well-formed client id is honoured; a taken or malformed one gets a new id', () => {
  const rooms = world();
  assert.equal(rooms.join('r', request('alice'), 0).member.clientId, 'alice');
  assert.equal(rooms.join('r', request('alice', 'mallory'), 0).member.clientId, 'uuid-1');
  assert.equal(rooms.join('r', request('bad id!'), 0).member.clientId, 'uuid-2');
  assert.equal(rooms.join('r', request('x'.repeat(129)), 0).member.clientId, 'uuid-3');
  assert.equal(rooms.join('r', request(undefined, 'u'), 0).member.clientId, 'uuid-4');
  // Ids are per room.
  assert.equal(rooms.join('other', request('alice'), 0).member.clientId, 'alice');
});

test('a generated id never collides with a member or a held id', () => {
  const ids = ['uuid-1', 'uuid-1', 'uuid-2'];
  const rooms = new WorldState<Session>(() => ids.shift() ?? 'never');
  rooms.join('r', request('uuid-1'), 0);
  assert.equal(rooms.join('r', request(undefined, 'u'), 0).member.clientId, 'uuid-2');
});

test('a held id goes back to the same user only, with its session, until the grace ends', () => {
  const rooms = world();
  const { member } = rooms.join('r', request('bob', 'user-bob'), 0);
  rooms.leave(member, 1000, 30_000);
  const thief = rooms.join('r', request('bob', 'user-eve'), 2000);
  assert.notEqual(thief.member.clientId, 'bob');
  assert.equal(thief.resumed, false);
  const anonymous = rooms.join('r', request('bob', 'user-bob', { anonymous: true }), 2000);
  assert.notEqual(anonymous.member.clientId, 'bob', 'an unproven user id is not the same user');
  const back = rooms.join('r', request('bob', 'user-bob'), 3000);
  assert.equal(back.member.clientId, 'bob');
  assert.equal(back.resumed, true);
  assert.equal(back.member.session.label, 'session-of-bob', 'the session is carried over');
});

test('when the grace period ends the id is free and the entities of its client are removed', () => {
  const rooms = world();
  const { member: bob } = rooms.join('r', request('bob'), 0);
  const { member: ann } = rooms.join('r', request('ann'), 0);
  assert.equal(rooms.spawn(bob, 'crate', 'box', {}, 0), undefined);
  assert.equal(rooms.spawn(ann, 'ball', 'sphere', {}, 0), undefined);
  rooms.leave(bob, 100, 1000);
  assert.equal(rooms.expire(1099).length, 0);
  assert.equal(rooms.snapshot('r', '').entities.length, 2, 'kept during the grace period');
  const expired = rooms.expire(1100);
  assert.deepEqual(
    expired.map((each) => [each.ghost.clientId, each.despawned]),
    [['bob', ['crate']]],
  );
  assert.deepEqual(
    rooms.snapshot('r', '').entities.map((entity) => entity.id),
    ['ball'],
  );
  assert.equal(rooms.join('r', request('bob', 'someone-else'), 2000).member.clientId, 'bob');
});

test('without a grace period a leaving client takes its entities with it', () => {
  const rooms = world();
  const { member } = rooms.join('r', request('bob'), 0);
  rooms.spawn(member, 'crate', 'box', {}, 0);
  assert.deepEqual(rooms.leave(member, 1, 0).despawned, ['crate']);
  assert.equal(rooms.activeRooms, 0);
});

test('nobody moves, updates or despawns what another client owns', () => {
  const rooms = world();
  const { member: ann } = rooms.join('r', request('ann'), 0);
  const { member: bob } = rooms.join('r', request('bob'), 0);
  rooms.spawn(ann, 'crate', 'box', { color: 'red' }, 0);
  assert.deepEqual(rooms.applyPose(bob, 'ann', null, null, 1), { ok: false, refusal: 'forbidden' });
  assert.deepEqual(rooms.applyPose(bob, 'crate', null, null, 1), {
    ok: false,
    refusal: 'forbidden',
  });
  assert.equal(rooms.spawn(bob, 'crate', 'box', {}, 1), 'forbidden');
  assert.equal(rooms.spawn(bob, 'ann', 'box', {}, 1), 'forbidden', 'not over a client id');
  assert.equal(rooms.updateEntity(bob, 'crate', {}, 1), 'forbidden');
  assert.equal(rooms.despawn(bob, 'crate', 1), 'forbidden');
  assert.equal(rooms.updateEntity(bob, 'nothing', {}, 1), 'unknown_entity');
  assert.equal(rooms.despawn(ann, 'nothing', 1), 'unknown_entity');
  // Its own avatar (empty id = itself), its entities and untracked ids are fine.
  assert.deepEqual(rooms.applyPose(bob, '', { x: 1, y: 2, z: 3 }, null, 2), {
    ok: true,
    entityId: 'bob',
  });
  assert.deepEqual(rooms.applyPose(ann, 'crate', { x: 4, y: 5, z: 6 }, null, 2), {
    ok: true,
    entityId: 'crate',
  });
  assert.deepEqual(rooms.applyPose(bob, 'local-thing', null, null, 2), {
    ok: true,
    entityId: 'local-thing',
  });
  assert.equal(rooms.updateEntity(ann, 'crate', { color: new Uint8Array([7]) }, 3), undefined);
  assert.equal(rooms.despawn(ann, 'crate', 4), undefined);
});

test('the host is the longest-present member and moves on when it leaves', () => {
  const rooms = world();
  const { member: first } = rooms.join('r', request('first'), 0);
  rooms.join('r', request('second'), 1);
  rooms.join('r', request('third'), 2);
  assert.equal(rooms.host('r'), 'first');
  assert.equal(rooms.leave(first, 3, 0).host, 'second');
});

test('a snapshot has the other players with their last pose and every entity with its state', () => {
  const rooms = world();
  const { member: ann } = rooms.join('r', request('ann', 'user-ann', { displayName: 'Ann' }), 0);
  const { member: bob } = rooms.join('r', request('bob'), 0);
  rooms.applyPose(ann, '', { x: 1, y: 2, z: 3 }, { x: 0, y: 0, z: 0, w: 1 }, 5);
  rooms.updateProfile(ann, { avatarUrl: 'https://a.example/ann.png', displayName: 'Annie' }, 6);
  rooms.spawn(ann, 'crate', 'box', { color: 'red' }, 7);
  rooms.applyPose(ann, 'crate', { x: 9, y: 9, z: 9 }, null, 8);
  rooms.updateEntity(ann, 'crate', { color: new Uint8Array([1]) }, 9);
  const seen = rooms.snapshot('r', bob.clientId);
  assert.deepEqual(seen.players, [
    {
      clientId: 'ann',
      displayName: 'Annie',
      avatarUrl: 'https://a.example/ann.png',
      position: { x: 1, y: 2, z: 3 },
      rotation: { x: 0, y: 0, z: 0, w: 1 },
      avatarConfig: null,
    },
  ]);
  assert.deepEqual(seen.entities, [
    {
      id: 'crate',
      templateId: 'box',
      position: { x: 9, y: 9, z: 9 },
      rotation: null,
      components: { color: 'red' },
      ownerId: 'ann',
      updatedComponents: { color: new Uint8Array([1]) },
    },
  ]);
  assert.equal(seen.lastUpdate, 9);
});

test('a display name from the token cannot be changed by the client', () => {
  const rooms = world();
  const { member } = rooms.join(
    'r',
    request('ann', 'u', { displayName: 'Ann', displayNameFixed: true }),
    0,
  );
  rooms.updateProfile(member, { displayName: 'Someone Else' }, 1);
  assert.equal(member.profile.displayName, 'Ann');
});
