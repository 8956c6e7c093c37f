// The in-memory presence registry: a member is online in a room while at least one of its
// connections is; joins and leaves report the first-join / last-leave transitions apps announce,
// and empty rooms and members leave nothing behind.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryPresenceRegistry } from '../../src/core/presence/memory-presence-registry.ts';

test('the first connection of a member is a join transition, the second is not', async () => {
  const presence = new MemoryPresenceRegistry();
  const first = await presence.join('room', 'alice', 'c1', { name: 'Alice' });
  assert.equal(first.transition, true);
  assert.deepEqual(first.member, { memberId: 'alice', connections: 1, data: { name: 'Alice' } });
  const second = await presence.join('room', 'alice', 'c2');
  assert.equal(second.transition, false);
  assert.equal(second.member.connections, 2);
  assert.deepEqual(second.member.data, { name: 'Alice' }, 'data kept when a join brings none');
});

test('only the last connection leaving is a leave transition', async () => {
  const presence = new MemoryPresenceRegistry();
  await presence.join('room', 'alice', 'c1');
  await presence.join('room', 'alice', 'c2');
  assert.equal((await presence.leave('room', 'alice', 'c1')).transition, false);
  const last = await presence.leave('room', 'alice', 'c2');
  assert.equal(last.transition, true);
  assert.equal(last.member.connections, 0);
  assert.deepEqual(await presence.members('room'), []);
  assert.equal(await presence.roomCount(), 0, 'an empty room is forgotten');
});

test('leaving with an unknown connection changes nothing', async () => {
  const presence = new MemoryPresenceRegistry();
  await presence.join('room', 'alice', 'c1');
  assert.equal((await presence.leave('room', 'alice', 'c9')).transition, false);
  assert.equal((await presence.leave('elsewhere', 'alice', 'c1')).transition, false);
  assert.equal((await presence.leave('room', 'bob', 'c1')).transition, false);
  assert.deepEqual(
    (await presence.members('room')).map((member) => [member.memberId, member.connections]),
    [['alice', 1]],
  );
});

test('rooms are independent and list their members', async () => {
  const presence = new MemoryPresenceRegistry();
  await presence.join('a', 'alice', 'c1');
  await presence.join('a', 'bob', 'c2');
  await presence.join('b', 'alice', 'c1');
  assert.deepEqual((await presence.members('a')).map((member) => member.memberId).sort(), [
    'alice',
    'bob',
  ]);
  assert.deepEqual(
    (await presence.members('b')).map((member) => member.memberId),
    ['alice'],
  );
  assert.equal(await presence.roomCount(), 2);
});
