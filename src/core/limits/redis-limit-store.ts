// Rate limits shared by every node through Redis: GCRA (the token bucket expressed as one
// "theoretical arrival time" per key), decided atomically in a Lua script on Redis's clock, so
// nodes with skewed clocks still count the same. A key lives only while it holds information
// (until its bucket would be full again). When Redis is unreachable the limiter fails open
// to a per-node limiter: refusing everyone during an outage would turn it into a full one.

import type { Redis } from 'ioredis';
import { luaScript, runScript } from '../cluster/lua-script.ts';
import type { KeyedRateLimiterOptions, RateDecision } from './keyed-rate-limiter.ts';
import { MemoryLimitStore, type LimitStore, type SharedRateLimiter } from './rate-limit-store.ts';

/** KEYS: the key. ARGV: ms per token, capacity, cost → {allowed, retry after ms}. */
const GCRA = luaScript(`
local interval = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local nextTat = tat + interval * cost
local allowedAt = nextTat - interval * capacity
if allowedAt > now then
  if cost > capacity then return {0, -1} end
  return {0, math.ceil(allowedAt - now)}
end
redis.call('SET', KEYS[1], string.format('%.3f', nextTat), 'PX', math.max(1, math.ceil(nextTat - now)))
return {1, 0}
`);

export interface RedisLimitStoreOptions {
  readonly redis: Redis;
  /** Keys are `{prefix}:limit:{name}:{key}`. */
  readonly prefix: string;
}

export class RedisLimitStore implements LimitStore {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly fallback = new MemoryLimitStore();

  constructor(options: RedisLimitStoreOptions) {
    this.redis = options.redis;
    this.prefix = `${options.prefix}:limit`;
  }

  rateLimiter(name: string, options: KeyedRateLimiterOptions): SharedRateLimiter {
    const interval = options.windowMs / options.limit;
    const local = this.fallback.rateLimiter(name, options);
    return {
      consume: async (key, cost = 1) => {
        if (this.redis.status !== 'ready') return local.consume(key, cost);
        try {
          const reply = (await runScript(
            this.redis,
            GCRA,
            [`${this.prefix}:${name}:${key}`],
            [interval, options.limit, cost],
          )) as [number, number];
          return decision(reply);
        } catch {
          return local.consume(key, cost);
        }
      },
    };
  }
}

function decision([allowed, retryAfterMs]: [number, number]): RateDecision {
  if (allowed === 1) return { allowed: true, retryAfterMs: 0, tableFull: false };
  return {
    allowed: false,
    retryAfterMs: retryAfterMs < 0 ? Infinity : retryAfterMs,
    tableFull: false,
  };
}
