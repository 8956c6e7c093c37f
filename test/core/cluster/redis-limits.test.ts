// Rate limits shared through Redis: two nodes count against one budget per key, a refusal
// says how long to wait, keys and limiter names are independent, and an unreachable Redis
// falls back to counting on the node.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRedisConnection } from '../../../src/core/cluster/redis-connection.ts';
import { RedisLimitStore } from '../../../src/core/limits/redis-limit-store.ts';
import { serviceUrl } from '../../support/services.ts';
import { adminConnection, connection, randomPrefix } from './redis-support.ts';

test('two nodes share one budget per key', async (t) => {
  const url = serviceUrl(t, 'redis');
  if (url === undefined) return;
  const prefix = randomPrefix();
  await adminConnection(t, url, prefix);
  const rule = { limit: 3, windowMs: 60_000 };
  const a = new RedisLimitStore({ redis: await connection(t, url, 'a'), prefix });
  const b = new RedisLimitStore({ redis: await connection(t, url, 'b'), prefix });
  const onA = a.rateLimiter('attempts', rule);
  const onB = b.rateLimiter('attempts', rule);
  assert.equal((await onA.consume('10.0.0.1')).allowed, true);
  assert.equal((await onB.consume('10.0.0.1')).allowed, true);
  assert.equal((await onA.consume('10.0.0.1')).allowed, true);
  const refused = await onB.consume('10.0.0.1');
  assert.equal(refused.allowed, false);
  assert.ok(refused.retryAfterMs > 0 && refused.retryAfterMs <= 20_000, `${refused.retryAfterMs}`);
  assert.equal((await onA.consume('10.0.0.1')).allowed, false);
  assert.equal((await onA.consume('10.0.0.2')).allowed, true, 'another key has its own budget');
  const other = b.rateLimiter('logins', rule);
  assert.equal((await other.consume('10.0.0.1')).allowed, true, 'another limiter too');
  const tooBig = await onA.consume('10.0.0.3', 4);
  assert.equal(tooBig.allowed, false);
  assert.equal(tooBig.retryAfterMs, Infinity, 'more than the burst never fits');
});

test('with Redis unreachable each node counts on its own', async (t) => {
  const redis = createRedisConnection('redis://127.0.0.1:1', 'down');
  t.after(() => {
    redis.disconnect();
  });
  const store = new RedisLimitStore({ redis, prefix: randomPrefix() });
  const limiter = store.rateLimiter('attempts', { limit: 2, windowMs: 60_000 });
  assert.equal((await limiter.consume('ip')).allowed, true);
  assert.equal((await limiter.consume('ip')).allowed, true);
  assert.equal((await limiter.consume('ip')).allowed, false);
});
