// Rate limits per key ("60 connection attempts per IP per minute", "join attempts per meet"):
// one token bucket per key (capacity = limit, refilled at limit per window) in a table bounded
// to `maxKeys` entries, kept in least-recently-used order.

import { TokenBucket, tokenBucketConfig } from './token-bucket.ts';
import type { TokenBucketConfig } from './token-bucket.ts';

export interface KeyedRateLimiterOptions {
  /** Attempts allowed per window, and the burst allowed after a quiet window. */
  readonly limit: number;
  /** Window length in ms; the bucket refills `limit` tokens per window. */
  readonly windowMs: number;
  /**
   * Most keys tracked. Size it above the distinct keys expected in one window: when the table is
   * full of keys that are all still limited, new keys are refused (see `consume`).
   * @default 100_000
   */
  readonly maxKeys?: number;
}

export const KEYED_RATE_LIMITER_DEFAULTS = {
  maxKeys: 100_000,
} as const satisfies Pick<Required<KeyedRateLimiterOptions>, 'maxKeys'>;

export interface RateDecision {
  readonly allowed: boolean;
  /** 0 when allowed; otherwise ms until a retry can succeed (Infinity: never). */
  readonly retryAfterMs: number;
  /** True when refused only because the table is full (for metrics and logs). */
  readonly tableFull: boolean;
}

const ALLOWED: RateDecision = Object.freeze({ allowed: true, retryAfterMs: 0, tableFull: false });

export class KeyedRateLimiter {
  readonly #config: TokenBucketConfig;
  readonly #maxKeys: number;
  // Map iteration order is insertion order; re-inserting on every use makes the first entry the
  // least recently used one, and also the one whose bucket refilled longest ago.
  readonly #buckets = new Map<string, TokenBucket>();

  constructor(options: KeyedRateLimiterOptions) {
    const maxKeys = options.maxKeys ?? KEYED_RATE_LIMITER_DEFAULTS.maxKeys;
    if (!Number.isSafeInteger(maxKeys) || maxKeys < 1) {
      throw new RangeError(`maxKeys must be a positive integer, got ${maxKeys}`);
    }
    if (!(options.windowMs > 0) || !Number.isFinite(options.windowMs)) {
      throw new RangeError(`windowMs must be a positive finite number, got ${options.windowMs}`);
    }
    this.#config = tokenBucketConfig({
      capacity: options.limit,
      refillPerSecond: (options.limit * 1000) / options.windowMs,
    });
    this.#maxKeys = maxKeys;
  }

  /** Keys tracked now. */
  get size(): number {
    return this.#buckets.size;
  }

  /**
   * Counts `cost` attempts for `key` at `now`.
   *
   * Full table: a new key may take the least-recently-used entry's place only if that entry's
   * bucket is full again (it holds no information). Otherwise every tracked key was used within
   * the last window, and the new key is refused (`tableFull`) until the oldest has refilled.
   * Evicting a still-limited key instead would let anyone with many keys (addresses) reset the
   * limit on the keys under attack; refusing fails closed and leaves existing keys unaffected.
   */
  consume(key: string, now: number, cost = 1): RateDecision {
    let bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      if (this.#buckets.size >= this.#maxKeys && !this.#evictOldestIfFull(now)) {
        return { allowed: false, retryAfterMs: this.#oldestRefillMs(now), tableFull: true };
      }
      bucket = new TokenBucket(this.#config, now);
    } else {
      this.#buckets.delete(key);
    }
    this.#buckets.set(key, bucket);
    if (bucket.tryTake(now, cost)) return ALLOWED;
    return { allowed: false, retryAfterMs: bucket.retryAfterMs(now, cost), tableFull: false };
  }

  /** Drops keys whose bucket is full again (they would start from scratch anyway). */
  sweep(now: number): number {
    let dropped = 0;
    for (const [key, bucket] of this.#buckets) {
      if (bucket.isFull(now)) {
        this.#buckets.delete(key);
        dropped++;
      }
    }
    return dropped;
  }

  #evictOldestIfFull(now: number): boolean {
    const oldest = this.#buckets.entries().next();
    if (oldest.done === true) return true;
    const [key, bucket] = oldest.value;
    if (!bucket.isFull(now)) return false;
    this.#buckets.delete(key);
    return true;
  }

  #oldestRefillMs(now: number): number {
    const oldest = this.#buckets.values().next();
    if (oldest.done === true) return 0;
    return Math.max(1, oldest.value.retryAfterMs(now, this.#config.capacity));
  }
}
