// The Redis presence registry as two nodes of one cluster: first joins and last leaves are
// decided once across nodes (also when both race), counts and member data are cluster-wide,
// and the members of a node that stops heartbeating are removed and reported as left, once,
// within its TTL. While Redis is unreachable a node serves its own connections and reconciles
// when it returns: the announcements each case gets are the ones docs/decisions.md lists.

import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import type { PresenceMember } from '../../../src/core/presence/presence-registry.ts';
import { RedisPresenceRegistry } from '../../../src/core/presence/redis-presence-registry.ts';
import { SWEEP } from '../../../src/core/presence/redis-presence-scripts.ts';
import { serviceUrl } from '../../support/services.ts';
import { waitUntil } from '../../support/ws-client.ts';
import { adminConnection, connection, randomPrefix, silentLogger } from './redis-support.ts';

interface Node {
  readonly registry: RedisPresenceRegistry;
  readonly redis: Redis;
  readonly expired: { room: string; member: PresenceMember }[];
}

async function node(
  t: TestContext,
  url: string,
  prefix: string,
  nodeId: string,
  ttl = { nodeTtlMs: 15_000, heartbeatIntervalMs: 3000 },
  metrics?: Registry,
): Promise<Node> {
  const redis = await connection(t, url, nodeId);
  const registry = new RedisPresenceRegistry({
    redis,
    prefix,
    nodeId,
    logger: silentLogger,
    registry: metrics,
    ...ttl,
  });
  await registry.start();
  t.after(() => registry.close());
  const expired: Node['expired'] = [];
  registry.onExpired((room, member) => expired.push({ room, member }));
  return { registry, redis, expired };
}

async function metric(registry: Registry, name: string): Promise<number> {
  const found = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  return found?.values[0]?.value ?? NaN;
}

test('first join and last leave are decided once across two nodes', async (t) => {
  const url = serviceUrl(t, 'redis');
  if (url === undefined) return;
  const prefix = randomPrefix();
  await adminConnection(t, url, prefix);
  const a = await node(t, url, prefix, 'node-a');
  const b = await node(t, url, prefix, 'node-b');

  const first = await a.registry.join('chat:room:1', 'alice', 'a-1', { name: 'Alice' });
  assert.deepEqual(first, {
    transition: true,
    member: { memberId: 'alice', connections: 1, data: { name: 'Alice' } },
  });
  const second = await b.registry.join('chat:room:1', 'alice', 'b-1');
  assert.deepEqual(second, {
    transition: false,
    member: { memberId: 'alice', connections: 2, data: { name: 'Alice' } },
  });
  await b.registry.join('chat:room:1', 'bob', 'b-2', { name: 'Bob' });
  await a.registry.join('presence:lobby', 'client-9', 'a-3');
  assert.deepEqual(
    (await a.registry.members('chat:room:1')).sort((x, y) => x.memberId.localeCompare(y.memberId)),
    [
      { memberId: 'alice', connections: 2, data: { name: 'Alice' } },
      { memberId: 'bob', connections: 1, data: { name: 'Bob' } },
    ],
  );
  assert.equal(await b.registry.roomCount(), 2);
  assert.equal(await b.registry.connectionCount('chat:'), 3);
  assert.equal(await b.registry.connectionCount('presence:'), 1);
  assert.equal(await b.registry.connectionCount('*'), 0, 'the prefix is literal, not a pattern');

  assert.equal((await a.registry.leave('chat:room:1', 'alice', 'a-1')).transition, false);
  assert.equal(
    (await a.registry.leave('chat:room:1', 'alice', 'b-1')).transition,
    false,
    "another node's connection id is not this node's",
  );
  const last = await b.registry.leave('chat:room:1', 'alice', 'b-1');
  assert.equal(last.transition, true);
  assert.equal(last.member.connections, 0);
  assert.deepEqual(
    last.member.data,
    { name: 'Alice' },
    'the leave reports what the member announced',
  );
  assert.equal(
    (await b.registry.leave('chat:room:1', 'alice', 'b-1')).transition,
    false,
    'only once',
  );
  assert.deepEqual(
    (await a.registry.members('chat:room:1')).map((m) => m.memberId),
    ['bob'],
  );
});

test('racing joins and leaves of one member on two nodes give exactly one transition each way', async (t) => {
  const url = serviceUrl(t, 'redis');
  if (url === undefined) return;
  const prefix = randomPrefix();
  await adminConnection(t, url, prefix);
  const a = await node(t, url, prefix, 'node-a');
  const b = await node(t, url, prefix, 'node-b');
  for (let round = 0; round < 20; round++) {
    const room = `room-${round}`;
    const joins = await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => a.registry.join(room, 'carol', `a-${i}`)),
      ...Array.from({ length: 5 }, (_, i) => b.registry.join(room, 'carol', `b-${i}`)),
    ]);
    assert.equal(joins.filter((change) => change.transition).length, 1);
    const leaves = await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => a.registry.leave(room, 'carol', `a-${i}`)),
      ...Array.from({ length: 5 }, (_, i) => b.registry.leave(room, 'carol', `b-${i}`)),
    ]);
    assert.equal(leaves.filter((change) => change.transition).length, 1);
  }
  assert.equal(await a.registry.roomCount(), 0, 'nothing is left behind');
});

test("a dead node's members are removed and reported as left once, within its TTL", async (t) => {
  const url = serviceUrl(t, 'redis');
  if (url === undefined) return;
  const prefix = randomPrefix();
  await adminConnection(t, url, prefix);
  const fast = { nodeTtlMs: 600, heartbeatIntervalMs: 100 };
  const a = await node(t, url, prefix, 'node-a', fast);
  const b = await node(t, url, prefix, 'node-b', fast);
  const c = await node(t, url, prefix, 'node-c', fast);
  await a.registry.join('room', 'alice', 'a-1', { name: 'Alice' });
  await a.registry.join('room', 'dave', 'a-2');
  await b.registry.join('room', 'dave', 'b-1');
  await a.registry.join('other', 'erin', 'a-3');

  // Node A dies: its connection drops, nothing is cleaned up, its heartbeat just expires.
  a.redis.disconnect();
  await a.registry.close();
  const reported = (): { room: string; member: string }[] =>
    [...b.expired, ...c.expired]
      .map(({ room, member }) => ({ room, member: member.memberId }))
      .sort((x, y) => (x.room + x.member).localeCompare(y.room + y.member));
  await waitUntil(() => reported().length >= 2, 5000);
  assert.deepEqual(reported(), [
    { room: 'other', member: 'erin' },
    { room: 'room', member: 'alice' },
  ]);
  const alice = [...b.expired, ...c.expired].find((entry) => entry.member.memberId === 'alice');
  assert.deepEqual(alice?.member.data, { name: 'Alice' });
  assert.deepEqual(await b.registry.members('room'), [
    { memberId: 'dave', connections: 1, data: undefined },
  ]);
  assert.equal(await c.registry.connectionCount(''), 1);
  // Later sweeps report nothing more.
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(reported().length, 2);
});

test('a node taken for dead puts its connections back when it heartbeats again', async (t) => {
  const url = serviceUrl(t, 'redis');
  if (url === undefined) return;
  const prefix = randomPrefix();
  const admin = await adminConnection(t, url, prefix);
  const a = await node(t, url, prefix, 'node-a', { nodeTtlMs: 600, heartbeatIntervalMs: 100 });
  await a.registry.join('room', 'alice', 'a-1', { name: 'Alice' });
  // As if A had stalled past its TTL: in one transaction its heartbeat goes and a sweep runs.
  const results = await admin
    .multi()
    .del(`${prefix}:presence:node:node-a`)
    .eval(SWEEP.lua, 0, `${prefix}:presence`, 100)
    .exec();
  assert.deepEqual(results?.[1]?.[1], [['room', 'alice', '{"name":"Alice"}'], 0]);
  assert.equal(await a.registry.connectionCount(''), 0, 'swept');
  await waitUntil(async () => (await a.registry.connectionCount('')) === 1, 5000);
  assert.deepEqual(await a.registry.members('room'), [
    { memberId: 'alice', connections: 1, data: { name: 'Alice' } },
  ]);
});

test('while Redis is unreachable the registry serves this node alone; when it returns it reconciles', async (t) => {
  const url = serviceUrl(t, 'redis');
  if (url === undefined) return;
  const prefix = randomPrefix();
  await adminConnection(t, url, prefix);
  const metrics = new Registry();
  const a = await node(t, url, prefix, 'node-a', undefined, metrics);
  const b = await node(t, url, prefix, 'node-b');
  await a.registry.join('room', 'alice', 'a-1');
  await b.registry.join('room', 'dave', 'b-1');
  assert.equal(await metric(metrics, 'hearth_presence_registry_degraded'), 0);
  a.redis.disconnect();
  await waitUntil(() => a.redis.status !== 'ready');

  // A connection that was in Redis: its leave is owed to the cluster and reported later.
  const meanwhile = await a.registry.leave('room', 'alice', 'a-1');
  assert.equal(meanwhile.transition, false, 'announced when Redis returns');
  // New connections join on this node's say-so, capped joins counted here.
  const bob = await a.registry.join('room', 'bob', 'a-2', { name: 'Bob' });
  assert.deepEqual(bob, {
    transition: true,
    member: { memberId: 'bob', connections: 1, data: { name: 'Bob' } },
  });
  assert.equal((await a.registry.join('room', 'bob', 'a-3')).transition, false);
  assert.equal((await a.registry.leave('room', 'bob', 'a-3')).transition, false);
  assert.ok(await a.registry.joinCapped('slots', 'carol', 'a-4', 1));
  assert.equal(await a.registry.joinCapped('slots', 'carol', 'a-5', 1), undefined, 'capped');
  assert.deepEqual(await a.registry.members('room'), [
    { memberId: 'bob', connections: 1, data: { name: 'Bob' } },
  ]);
  assert.equal(await a.registry.connectionCount(''), 2, "this node's own only");
  assert.equal(await a.registry.roomCount(), 2);
  assert.match(a.registry.health() ?? '', /redis unavailable/);
  assert.equal(await metric(metrics, 'hearth_presence_registry_degraded'), 1);
  assert.equal(await metric(metrics, 'hearth_presence_registry_deferred_leaves'), 1);
  assert.equal(await b.registry.connectionCount(''), 2, 'B still counts alice and dave');

  await waitUntil(() => a.redis.status === 'end');
  await a.redis.connect();
  await waitUntil(() => a.registry.health() === undefined, 5000);
  assert.deepEqual(
    a.expired.map(({ room, member }) => [room, member.memberId]),
    [['room', 'alice']],
  );
  assert.deepEqual(b.expired, [], 'reported on one node only');
  assert.equal(await metric(metrics, 'hearth_presence_registry_degraded'), 0);
  assert.equal(await metric(metrics, 'hearth_presence_registry_deferred_leaves'), 0);
  // The other node sees what A did meanwhile.
  const members = await b.registry.members('room');
  assert.deepEqual(
    members.map((member) => [member.memberId, member.connections, member.data]).sort(),
    [
      ['bob', 1, { name: 'Bob' }],
      ['dave', 1, undefined],
    ],
  );
  assert.equal(await b.registry.connectionCount(''), 3);
  assert.equal(await b.registry.joinCapped('slots', 'carol', 'b-2', 1), undefined, 'cap shared');
  // After recovery a leave is decided in Redis again, and reported once.
  assert.equal((await a.registry.leave('room', 'bob', 'a-2')).transition, true);
  assert.equal(a.expired.length, 1);
});

test('a member who joined during the outage and leaves during it is announced there, once', async (t) => {
  const url = serviceUrl(t, 'redis');
  if (url === undefined) return;
  const prefix = randomPrefix();
  await adminConnection(t, url, prefix);
  const a = await node(t, url, prefix, 'node-a');
  const b = await node(t, url, prefix, 'node-b');
  await a.registry.join('room', 'alice', 'a-1');
  // No waiting for the connection to close: these calls fail under way (the joins may or may not
  // have reached Redis), which must look the same to the callers.
  a.redis.disconnect();
  // Alice's Redis-known connection leaves, she comes back on a new one: her clients on this
  // node saw no leave, so they see no join either, and the cluster sees nothing at all.
  assert.equal((await a.registry.leave('room', 'alice', 'a-1')).transition, false);
  assert.equal((await a.registry.join('room', 'alice', 'a-2')).transition, false);
  assert.equal((await a.registry.leave('room', 'alice', 'a-2')).transition, false);
  // Erin is new on this node: joins and leaves as seen here.
  assert.equal((await a.registry.join('room', 'erin', 'a-3')).transition, true);
  assert.equal((await a.registry.leave('room', 'erin', 'a-3')).transition, true);
  await waitUntil(() => a.redis.status === 'end');
  await a.redis.connect();
  await waitUntil(() => a.registry.health() === undefined, 5000);
  assert.deepEqual(
    a.expired.map(({ member }) => member.memberId),
    ['alice'],
    "alice's departure reported once; erin's was told already",
  );
  assert.equal(await b.registry.connectionCount(''), 0);
});

test('a node taken for dead during the outage puts its connections back when Redis returns', async (t) => {
  const url = serviceUrl(t, 'redis');
  if (url === undefined) return;
  const prefix = randomPrefix();
  await adminConnection(t, url, prefix);
  const ttl = { nodeTtlMs: 900, heartbeatIntervalMs: 300 };
  const a = await node(t, url, prefix, 'node-a', ttl);
  const b = await node(t, url, prefix, 'node-b', ttl);
  await a.registry.join('room', 'alice', 'a-1');
  await a.registry.join('room', 'bob', 'a-2');
  a.redis.disconnect();
  assert.equal((await a.registry.leave('room', 'alice', 'a-1')).transition, false);
  // B sweeps A's connections once its heartbeat expires and reports both as left.
  await waitUntil(() => b.expired.length === 2, 5000);
  await waitUntil(() => a.redis.status === 'end');
  await a.redis.connect();
  await waitUntil(() => a.registry.health() === undefined, 5000);
  // Bob is live on A: back in Redis. Alice left A meanwhile: A's clients never heard it, so A
  // reports her (the other nodes hear it a second time).
  assert.deepEqual(await b.registry.members('room'), [
    { memberId: 'bob', connections: 1, data: undefined },
  ]);
  assert.deepEqual(
    a.expired.map(({ member }) => member.memberId),
    ['alice'],
  );
});
