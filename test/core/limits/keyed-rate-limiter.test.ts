// Per-key limits: independent keys, retry times, the maxKeys bound with LRU eviction of full
// buckets only (new keys refused while every tracked key is still limited), and sweep.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeyedRateLimiter } from '../../../src/core/limits/keyed-rate-limiter.ts';

const MINUTE = 60_000;

void describe('KeyedRateLimiter', () => {
  void it('allows `limit` attempts per key, then says when to retry', () => {
    const limiter = new KeyedRateLimiter({ limit: 5, windowMs: MINUTE });
    for (let i = 0; i < 5; i++) assert.equal(limiter.consume('1.2.3.4', 0).allowed, true);
    const refused = limiter.consume('1.2.3.4', 0);
    assert.deepEqual(refused, { allowed: false, retryAfterMs: 12_000, tableFull: false });
    assert.equal(limiter.consume('1.2.3.4', 11_999).allowed, false);
    assert.deepEqual(limiter.consume('1.2.3.4', 12_000), {
      allowed: true,
      retryAfterMs: 0,
      tableFull: false,
    });
  });

  void it('keeps keys independent', () => {
    const limiter = new KeyedRateLimiter({ limit: 1, windowMs: MINUTE });
    assert.equal(limiter.consume('a', 0).allowed, true);
    assert.equal(limiter.consume('a', 0).allowed, false);
    assert.equal(limiter.consume('b', 0).allowed, true);
  });

  void it('never tracks more than maxKeys; refuses new keys while all are still limited', () => {
    const limiter = new KeyedRateLimiter({ limit: 2, windowMs: MINUTE, maxKeys: 2 });
    limiter.consume('a', 0);
    limiter.consume('b', 1_000);
    const refused = limiter.consume('c', 2_000);
    assert.equal(refused.allowed, false);
    assert.equal(refused.tableFull, true);
    // 'a' (least recently used) has 1 of 2 tokens and refills 1 per 30 s: full at 30 s.
    assert.equal(refused.retryAfterMs, 28_000);
    assert.equal(limiter.size, 2);
    // Existing keys keep their own limits.
    assert.equal(limiter.consume('b', 2_000).allowed, true);
    assert.equal(limiter.consume('b', 2_000).allowed, false);

    const admitted = limiter.consume('c', 30_000);
    assert.equal(admitted.allowed, true);
    assert.equal(limiter.size, 2);
    // 'a' was evicted (it was full again), so it starts fresh; 'b' is still limited.
    assert.equal(limiter.consume('b', 30_000).allowed, false);
  });

  void it('evicts in least-recently-used order, not insertion order', () => {
    // limit 2 per second: one token back every 500 ms.
    const limiter = new KeyedRateLimiter({ limit: 2, windowMs: 1_000, maxKeys: 2 });
    limiter.consume('a', 0); // a: 1 left
    limiter.consume('b', 0); // b: 1 left
    limiter.consume('a', 400); // a: 0.8 left, and a is now the most recently used
    // At 500 ms b is full again (and least recently used); a is not (1.0 of 2).
    assert.equal(limiter.consume('c', 500).allowed, true);
    assert.equal(limiter.size, 2);
    // a kept its state: one token, not a fresh bucket of two.
    assert.equal(limiter.consume('a', 500).allowed, true);
    assert.equal(limiter.consume('a', 500).allowed, false);
  });

  void it('sweep drops keys that are back at full capacity', () => {
    const limiter = new KeyedRateLimiter({ limit: 2, windowMs: MINUTE });
    limiter.consume('a', 0);
    limiter.consume('b', 30_000);
    assert.equal(limiter.sweep(30_000), 1);
    assert.equal(limiter.size, 1);
    assert.equal(limiter.sweep(60_000), 1);
    assert.equal(limiter.size, 0);
  });

  void it('refuses a cost above the limit for good', () => {
    const limiter = new KeyedRateLimiter({ limit: 3, windowMs: MINUTE });
    assert.deepEqual(limiter.consume('k', 0, 4), {
      allowed: false,
      retryAfterMs: Infinity,
      tableFull: false,
    });
  });

  void it('rejects impossible options', () => {
    assert.throws(() => new KeyedRateLimiter({ limit: 0, windowMs: MINUTE }), RangeError);
    assert.throws(() => new KeyedRateLimiter({ limit: 1, windowMs: 0 }), RangeError);
    assert.throws(() => new KeyedRateLimiter({ limit: 1, windowMs: 1, maxKeys: 0 }), RangeError);
  });
});
