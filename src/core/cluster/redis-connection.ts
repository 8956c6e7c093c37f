// How a Hearth node talks to Redis: connections that never queue commands while disconnected
// (a command then fails at once, so nothing piles up in memory during an outage), never resend
// half-sent commands after a reconnect (a stale publish is worse than a lost one), and keep
// reconnecting with a capped backoff for as long as the node lives.

import { Redis } from 'ioredis';

/** Longest pause between reconnection attempts. */
const MAX_RECONNECT_DELAY_MS = 2000;

export function createRedisConnection(url: string, name: string): Redis {
  return new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    autoResubscribe: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 5000,
    connectionName: name,
    retryStrategy: (attempt) => Math.min(50 * 2 ** Math.min(attempt, 6), MAX_RECONNECT_DELAY_MS),
  });
}

/** Starts connecting; resolves when ready or after `timeoutMs` (reconnection goes on). */
export async function connectWithin(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return true;
  const ready = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', onReady);
  });
  if (redis.status === 'wait') redis.connect().catch(() => undefined);
  return ready;
}

/**
 * True when Redis itself answered with an error (a bad script, out of memory): trying again
 * elsewhere or later will not help. Anything else is the connection failing under the call.
 */
export function isRedisReplyError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ReplyError';
}
