// Token bucket arithmetic on an injected clock: burst, continuous refill, exact retry times
// (also over a seeded random walk), the capacity ceiling and a clock that steps back.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TokenBucket, tokenBucketConfig } from '../../../src/core/limits/token-bucket.ts';

void describe('TokenBucket', () => {
  const config = tokenBucketConfig({ capacity: 10, refillPerSecond: 5 });

  void it('starts full and allows a burst of capacity', () => {
    const bucket = new TokenBucket(config, 0);
    for (let i = 0; i < 10; i++) assert.equal(bucket.tryTake(0), true, `take ${i}`);
    assert.equal(bucket.tryTake(0), false);
    assert.equal(bucket.available(0), 0);
  });

  void it('refills continuously and says when to retry', () => {
    const bucket = new TokenBucket(config, 0);
    assert.equal(bucket.tryTake(0, 10), true);
    assert.equal(bucket.retryAfterMs(0), 200); // 1 token at 5/s
    assert.equal(bucket.retryAfterMs(0, 3), 600);
    assert.equal(bucket.tryTake(199), false);
    assert.equal(bucket.retryAfterMs(199), 1);
    assert.equal(bucket.tryTake(200), true);
    assert.equal(bucket.retryAfterMs(200), 200);
    assert.equal(bucket.available(300), 0.5);
  });

  void it('retryAfterMs is exactly long enough, whatever the state (seeded random walk)', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let run = 0; run < 200; run++) {
      const bucket = new TokenBucket(
        tokenBucketConfig({
          capacity: 1 + Math.floor(random() * 50),
          refillPerSecond: 0.5 + random() * 200,
        }),
        0,
      );
      let now = 0;
      for (let step = 0; step < 20; step++) {
        now += Math.floor(random() * 300);
        const n = 1 + Math.floor(random() * bucket.config.capacity);
        if (bucket.tryTake(now, n)) continue;
        const wait = bucket.retryAfterMs(now, n);
        assert.ok(wait >= 1 && Number.isFinite(wait), `wait ${wait}`);
        if (wait > 1)
          assert.equal(bucket.tryTake(now + wait - 1, n), false, `too early at ${wait - 1}`);
        assert.equal(bucket.tryTake(now + wait, n), true, `not enough after ${wait}`);
        now += wait;
      }
    }
  });

  void it('never holds more than capacity', () => {
    const bucket = new TokenBucket(config, 0);
    bucket.tryTake(0, 4);
    assert.equal(bucket.available(60_000), 10);
    assert.equal(bucket.isFull(60_000), true);
    assert.equal(bucket.tryTake(60_000, 11), false);
  });

  void it('takes nothing when a multi-token take fails', () => {
    const bucket = new TokenBucket(config, 0);
    bucket.tryTake(0, 8);
    assert.equal(bucket.tryTake(0, 3), false);
    assert.equal(bucket.available(0), 2);
    assert.equal(bucket.retryAfterMs(0), 0);
  });

  void it('answers Infinity when the request can never succeed', () => {
    const bucket = new TokenBucket(config, 0);
    assert.equal(bucket.retryAfterMs(0, 11), Infinity);
    const oneShot = new TokenBucket(tokenBucketConfig({ capacity: 1, refillPerSecond: 0 }), 0);
    assert.equal(oneShot.tryTake(0), true);
    assert.equal(oneShot.retryAfterMs(1_000_000), Infinity);
  });

  void it('ignores a clock that steps back', () => {
    const bucket = new TokenBucket(config, 1_000);
    bucket.tryTake(1_000, 10);
    assert.equal(bucket.available(500), 0);
    assert.equal(bucket.available(1_200), 1);
  });

  void it('refuses bad configs and counts', () => {
    assert.throws(() => tokenBucketConfig({ capacity: 0, refillPerSecond: 1 }), RangeError);
    assert.throws(() => tokenBucketConfig({ capacity: 1, refillPerSecond: -1 }), RangeError);
    assert.throws(() => tokenBucketConfig({ capacity: Infinity, refillPerSecond: 1 }), RangeError);
    const bucket = new TokenBucket(config, 0);
    assert.throws(() => bucket.tryTake(0, 0), RangeError);
    assert.throws(() => bucket.tryTake(0, Number.NaN), RangeError);
  });
});
