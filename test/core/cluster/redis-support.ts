// Redis fixtures for the cluster tests: connections made the way Hearth makes them, a random
// key prefix per test (suites share one Redis and run concurrently), a silent logger, and the
// clean-up of everything a test created under its prefix.

import { randomBytes } from 'node:crypto';
import type { TestContext } from 'node:test';
import { Redis } from 'ioredis';
import {
  connectWithin,
  createRedisConnection,
} from '../../../src/core/cluster/redis-connection.ts';
import { createLogger } from '../../../src/core/observability/logger.ts';

export const silentLogger = createLogger({ level: 'silent', format: 'json' });

export function randomPrefix(): string {
  return `hearth-test-${randomBytes(6).toString('hex')}`;
}

/** A connected Hearth-style connection, disconnected when the test ends. */
export async function connection(t: TestContext, url: string, name: string): Promise<Redis> {
  const redis = createRedisConnection(url, name);
  t.after(() => {
    redis.disconnect();
  });
  if (!(await connectWithin(redis, 5000))) throw new Error(`redis at ${url} is not reachable`);
  return redis;
}

/** A plain connection for inspecting and cleaning up; deletes `prefix:*` when the test ends. */
export async function adminConnection(t: TestContext, url: string, prefix: string): Promise<Redis> {
  const admin = new Redis(url, { lazyConnect: true });
  await admin.connect();
  t.after(async () => {
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await admin.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    admin.disconnect();
  });
  return admin;
}

/**
 * Kills a connection from the server side (as a Redis restart or a network cut would). Its id
 * is asked before it subscribes to anything (a subscribed connection takes no commands).
 */
export async function killer(admin: Redis, victim: Redis): Promise<() => Promise<void>> {
  const id = String(await victim.client('ID'));
  return async () => {
    await admin.client('KILL', 'ID', id);
  };
}
