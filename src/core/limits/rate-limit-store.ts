// Rate limits that several nodes can share: a store hands out named limiters ("60 connection
// attempts per IP per minute"); in memory each node counts alone, in Redis all nodes count
// together. Asynchronous because the shared one asks Redis.

import {
  KeyedRateLimiter,
  type KeyedRateLimiterOptions,
  type RateDecision,
} from './keyed-rate-limiter.ts';

export interface SharedRateLimiter {
  /** Counts `cost` attempts for `key` now. */
  consume(key: string, cost?: number): Promise<RateDecision>;
}

export interface LimitStore {
  /** A limiter; limiters with the same name count together (across nodes, when shared). */
  rateLimiter(name: string, options: KeyedRateLimiterOptions): SharedRateLimiter;
}

/** One node counting alone: a KeyedRateLimiter per name, swept of idle keys every window. */
export class MemoryLimitStore implements LimitStore {
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  rateLimiter(_name: string, options: KeyedRateLimiterOptions): SharedRateLimiter {
    const limiter = new KeyedRateLimiter(options);
    let sweptAt = this.now();
    return {
      consume: (key, cost = 1) => {
        const now = this.now();
        if (now - sweptAt >= options.windowMs) {
          sweptAt = now;
          limiter.sweep(now);
        }
        return Promise.resolve(limiter.consume(key, now, cost));
      },
    };
  }
}
