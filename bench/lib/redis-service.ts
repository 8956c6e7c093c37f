// The Redis a cluster scenario runs against (REDIS_URL): whether it answers, its own CPU time
// (INFO CPU) and time per command (INFO commandstats), so its share of a run is measured rather
// than guessed, its process id when it runs on this machine, and removing a run's keys afterwards.

import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';

const CONNECT_TIMEOUT_MS = 2_000;
const SCAN_BATCH = 500;

/** The URL without its password, for messages. */
export function maskedRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparsable REDIS_URL';
  }
}

/** One connection that fails fast instead of retrying: the bench only reads and cleans up. */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: CONNECT_TIMEOUT_MS,
    connectionName: 'hearth-bench',
    retryStrategy: () => null,
  });
  // Errors also reject the pending command or connect(); without a listener ioredis would log.
  // The socket's error (e.g. ECONNREFUSED) says more than connect()'s "Connection is closed".
  let cause: Error | undefined;
  redis.on('error', (error: Error) => {
    cause ??= error;
  });
  try {
    await redis.connect();
    return redis;
  } catch (error) {
    redis.disconnect();
    throw cause ?? error;
  }
}

/** Why Redis at `url` cannot be used, or undefined when it answers PING. */
export async function redisProblem(url: string | undefined): Promise<string | undefined> {
  if (url === undefined || url === '') return 'REDIS_URL is not set (e.g. redis://127.0.0.1:6379)';
  try {
    const redis = await connectRedis(url);
    try {
      await redis.ping();
      return undefined;
    } finally {
      redis.disconnect();
    }
  } catch (error) {
    return `Redis at ${maskedRedisUrl(url)} is not reachable: ${(error as Error).message}`;
  }
}

function infoField(info: string, field: string): number | undefined {
  const line = info.split('\r\n').find((candidate) => candidate.startsWith(`${field}:`));
  const value = line === undefined ? Number.NaN : Number(line.slice(field.length + 1));
  return Number.isFinite(value) ? value : undefined;
}

/** CPU time (user + system) of the Redis process since it started, in µs (INFO CPU). */
export async function redisCpuUs(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const user = infoField(info, 'used_cpu_user') ?? 0;
  const system = infoField(info, 'used_cpu_sys') ?? 0;
  return (user + system) * 1e6;
}

export interface CommandTime {
  readonly calls: number;
  /** Time Redis spent executing them (not reading or writing sockets), in µs. */
  readonly usec: number;
}

/** Calls of one command and the time spent in them since Redis started (INFO commandstats). */
export async function commandTime(redis: Redis, command: string): Promise<CommandTime> {
  const info = await redis.info('commandstats');
  const line = info.split('\r\n').find((candidate) => candidate.startsWith(`cmdstat_${command}:`));
  const fields = new Map(
    (line?.slice(line.indexOf(':') + 1) ?? '')
      .split(',')
      .map((pair) => pair.split('=') as [string, string]),
  );
  return { calls: Number(fields.get('calls') ?? 0), usec: Number(fields.get('usec') ?? 0) };
}

/**
 * Redis's process id when that process runs on this machine (it is a `redis-server` under
 * /proc with the pid INFO reports); undefined for a remote Redis or without /proc.
 */
export async function localRedisPid(redis: Redis, url: string): Promise<number | undefined> {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host)) return undefined;
  const pid = infoField(await redis.info('server'), 'process_id');
  if (pid === undefined) return undefined;
  try {
    const name = readFileSync(`/proc/${pid}/comm`, 'utf8');
    return name.startsWith('redis') ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Subscribers of a pub/sub channel (PUBSUB NUMSUB): one per node subscribed to it. */
export async function channelSubscribers(redis: Redis, channel: string): Promise<number> {
  const reply = (await redis.call('PUBSUB', 'NUMSUB', channel)) as [string, unknown];
  return Number(reply[1]);
}

/** Deletes every key under `prefix:`; resolves with how many there were. */
export async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', SCAN_BATCH);
    cursor = next;
    if (keys.length > 0) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}
