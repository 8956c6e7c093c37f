// The token bucket: `capacity` tokens, refilled continuously at `refillPerSecond`. One lives on
// every connection, so an instance holds only two numbers plus a pointer to a shared, validated
// config. Pure arithmetic on an injected `now` (ms): no timers.

// Refill arithmetic is in floating point (199 ms at 5/s is 0.9950000000000001 tokens, not 0.995).
// Shortfalls below this are treated as none, so `retryAfterMs` is exact and waiting exactly that
// long is always enough for `tryTake`.
const EPSILON = 1e-9;

export interface TokenBucketConfig {
  /** Most tokens held: the burst allowed after a quiet period. */
  readonly capacity: number;
  /** Tokens added per second, continuously (0 = never refills). */
  readonly refillPerSecond: number;
}

/** Validates a config once and freezes it, so many buckets can share it. */
export function tokenBucketConfig(config: TokenBucketConfig): TokenBucketConfig {
  if (!(config.capacity > 0) || !Number.isFinite(config.capacity)) {
    throw new RangeError(`capacity must be a positive finite number, got ${config.capacity}`);
  }
  if (!(config.refillPerSecond >= 0) || !Number.isFinite(config.refillPerSecond)) {
    throw new RangeError(
      `refillPerSecond must be a finite number >= 0, got ${config.refillPerSecond}`,
    );
  }
  return Object.freeze({ capacity: config.capacity, refillPerSecond: config.refillPerSecond });
}

export class TokenBucket {
  readonly config: TokenBucketConfig;
  #tokens: number;
  #lastRefill: number;

  /**
   * A full bucket. `config` is not re-validated here (it is per connection): pass the result
   * of `tokenBucketConfig`.
   */
  constructor(config: TokenBucketConfig, now: number) {
    this.config = config;
    this.#tokens = config.capacity;
    this.#lastRefill = now;
  }

  /** Tokens available at `now` (fractional). */
  available(now: number): number {
    this.#refill(now);
    return this.#tokens;
  }

  /** True when the bucket is back at capacity, i.e. it carries no memory of past use. */
  isFull(now: number): boolean {
    return this.available(now) >= this.config.capacity - EPSILON;
  }

  /** Takes `n` tokens if there are that many; otherwise takes none and returns false. */
  tryTake(now: number, n = 1): boolean {
    checkCount(n);
    this.#refill(now);
    if (this.#tokens < n - EPSILON) return false;
    this.#tokens -= n;
    return true;
  }

  /**
   * Milliseconds from `now` until `n` tokens will be available (0 if they are now; Infinity if
   * they never will be: `n` above capacity, or no refill).
   */
  retryAfterMs(now: number, n = 1): number {
    checkCount(n);
    this.#refill(now);
    const missing = n - this.#tokens;
    if (missing <= EPSILON) return 0;
    if (n > this.config.capacity || this.config.refillPerSecond === 0) return Infinity;
    return Math.ceil((missing * 1000) / this.config.refillPerSecond - EPSILON);
  }

  #refill(now: number): void {
    const elapsed = now - this.#lastRefill;
    // A clock that steps back must not drain the bucket nor move the reference point back.
    if (!(elapsed > 0)) return;
    this.#tokens = Math.min(
      this.config.capacity,
      this.#tokens + (elapsed * this.config.refillPerSecond) / 1000,
    );
    this.#lastRefill = now;
  }
}

function checkCount(n: number): void {
  if (!(n > 0) || !Number.isFinite(n)) throw new RangeError(`token count must be > 0, got ${n}`);
}
