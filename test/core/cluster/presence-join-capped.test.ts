// The registries' capped join (chat's connections per user across the cluster): at most the cap
// is admitted, also when two nodes race, a connection already counted joins again, a refused one
// leaves nothing behind, and a dead node's connections stop counting once its TTL is up.

import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { Redis } from 'ioredis';
import { MemoryPresenceRegistry } from '../../../src/core/presence/memory-presence-registry.ts';
import { RedisPresenceRegistry } from '../../../src/core/presence/redis-presence-registry.ts';
import { serviceUrl } from '../../support/services.ts';
import { waitUntil } from '../../support/ws-client.ts';
import { adminConnection, connection, randomPrefix, silentLogger } from './redis-support.ts';

test('in memory: the cap admits that many connections, re-joins pass, leaving frees a slot', async () => {
  const registry = new MemoryPresenceRegistry();
  assert.equal((await registry.joinCapped('caps', 'alice', 'c1', 2))?.member.connections, 1);
  assert.equal((await registry.joinCapped('caps', 'alice', 'c2', 2))?.member.connections, 2);
  assert.equal(await registry.joinCapped('caps', 'alice', 'c3', 2), undefined);
  assert.equal((await registry.joinCapped('caps', 'alice', 'c1', 2))?.member.connections, 2);
  assert.equal((await registry.joinCapped('caps', 'bob', 'c4', 2))?.transition, true);
  await registry.leave('caps', 'alice', 'c1');
  assert.equal((await registry.joinCapped('caps', 'alice', 'c3', 2))?.member.connections, 2);
  assert.equal(await registry.connectionCount('caps'), 3);
});

interface Node {
  readonly registry: RedisPresenceRegistry;
  readonly redis: Redis;
}

async function node(t: TestContext, url: string, prefix: string, nodeId: string): Promise<Node> {
  const redis = await connection(t, url, nodeId);
  const registry = new RedisPresenceRegistry({
    redis,
    prefix,
    nodeId,
    logger: silentLogger,
    nodeTtlMs: 600,
    heartbeatIntervalMs: 100,
  });
  await registry.start();
  t.after(() => registry.close());
  return { registry, redis };
}

test('on Redis: two nodes racing capped joins admit exactly the cap; a dead node frees its slots', async (t) => {
  const url = serviceUrl(t, 'redis');
  if (url === undefined) return;
  const prefix = randomPrefix();
  await adminConnection(t, url, prefix);
  const a = await node(t, url, prefix, 'node-a');
  const b = await node(t, url, prefix, 'node-b');

  const attempts = await Promise.all(
    Array.from({ length: 10 }, (_, index) =>
      (index % 2 === 0 ? a : b).registry.joinCapped('caps', 'alice', `c${index}`, 3),
    ),
  );
  const admitted = attempts.flatMap((change, index) => (change === undefined ? [] : [index]));
  assert.equal(admitted.length, 3);
  assert.deepEqual(await a.registry.members('caps'), [
    { memberId: 'alice', connections: 3, data: undefined },
  ]);
  // A refused connection was never counted: its leave changes nothing.
  const refused = attempts.findIndex((change) => change === undefined);
  await (refused % 2 === 0 ? a : b).registry.leave('caps', 'alice', `c${refused}`);
  assert.equal(await b.registry.connectionCount('caps'), 3);
  // Joining again with a connection already counted is not refused.
  const counted = admitted[0] ?? -1;
  const again = await (counted % 2 === 0 ? a : b).registry.joinCapped(
    'caps',
    'alice',
    `c${counted}`,
    3,
  );
  assert.equal(again?.member.connections, 3);

  // Bob has two connections on A and one on B. A dies without cleaning up: once its heartbeat
  // expires, the two slots it held are free again on B.
  assert.ok(await a.registry.joinCapped('caps', 'bob', 'a-1', 3));
  assert.ok(await a.registry.joinCapped('caps', 'bob', 'a-2', 3));
  assert.ok(await b.registry.joinCapped('caps', 'bob', 'b-1', 3));
  assert.equal(await b.registry.joinCapped('caps', 'bob', 'b-2', 3), undefined);
  a.redis.disconnect();
  await a.registry.close();
  const bobs = async () =>
    (await b.registry.members('caps')).find((member) => member.memberId === 'bob')?.connections;
  await waitUntil(async () => (await bobs()) === 1, 5000);
  assert.ok(await b.registry.joinCapped('caps', 'bob', 'b-2', 3));
  assert.ok(await b.registry.joinCapped('caps', 'bob', 'b-3', 3));
  assert.equal(await b.registry.joinCapped('caps', 'bob', 'b-4', 3), undefined);
});
