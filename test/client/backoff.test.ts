// Backoff arithmetic: ceilings grow by the multiplier up to the cap, jitter spans [0, ceiling),
// server-requested pauses respect their floor, and impossible options fail at construction.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Backoff, DEFAULT_BACKOFF_OPTIONS } from '../../src/client/backoff.ts';

test('defaults are 500 ms initial, 30 s cap, doubling', () => {
  const backoff = new Backoff();
  assert.deepEqual(backoff.options, DEFAULT_BACKOFF_OPTIONS);
  assert.deepEqual(
    [0, 1, 2, 5, 6, 7, 100].map((attempt) => backoff.ceilingFor(attempt)),
    [500, 1000, 2000, 16_000, 30_000, 30_000, 30_000],
  );
});

test('explicit undefined options fall back to the defaults', () => {
  const backoff = new Backoff({ initialDelayMs: undefined, multiplier: 3 });
  assert.equal(backoff.ceilingFor(2), 500 * 9);
});

test('full jitter scales the ceiling by the injected random value', () => {
  const backoff = new Backoff({ initialDelayMs: 100, maxDelayMs: 1000, multiplier: 3 });
  assert.equal(
    backoff.delayFor(0, () => 0),
    0,
  );
  assert.equal(
    backoff.delayFor(1, () => 0.5),
    150,
  );
  assert.equal(
    backoff.delayFor(2, () => 0.999),
    899.1,
  );
  assert.equal(
    backoff.delayFor(50, () => 0.25),
    250,
  );
});

test('delays with Math.random stay within [0, ceiling)', () => {
  const backoff = new Backoff({ initialDelayMs: 10, maxDelayMs: 200 });
  for (let attempt = 0; attempt < 12; attempt++) {
    for (let i = 0; i < 50; i++) {
      const delay = backoff.delayFor(attempt);
      assert.ok(delay >= 0 && delay < backoff.ceilingFor(attempt), `${delay} at ${attempt}`);
    }
  }
});

test('a huge attempt count stays at the cap, and a zero initial delay stays zero', () => {
  assert.equal(new Backoff().ceilingFor(10_000), 30_000);
  assert.equal(new Backoff({ initialDelayMs: 0 }).ceilingFor(10_000), 0);
});

test('delayWithFloor never goes below the floor and spreads over at least the floor', () => {
  const backoff = new Backoff({ initialDelayMs: 100, maxDelayMs: 10_000 });
  assert.equal(
    backoff.delayWithFloor(0, 2000, () => 0),
    2000,
  );
  // The ceiling (100) is below the floor: the spread is the floor itself.
  assert.equal(
    backoff.delayWithFloor(0, 2000, () => 0.5),
    3000,
  );
  // The ceiling (6400) is above the floor: the spread follows the ceiling.
  assert.equal(
    backoff.delayWithFloor(6, 2000, () => 0.5),
    2000 + 3200,
  );
});

test('impossible options and attempts are refused', () => {
  assert.throws(() => new Backoff({ initialDelayMs: -1 }), RangeError);
  assert.throws(() => new Backoff({ initialDelayMs: 1000, maxDelayMs: 10 }), RangeError);
  assert.throws(() => new Backoff({ multiplier: 0.5 }), RangeError);
  assert.throws(() => new Backoff({ maxDelayMs: Number.POSITIVE_INFINITY }), RangeError);
  assert.throws(() => new Backoff().ceilingFor(-1), RangeError);
  assert.throws(() => new Backoff().ceilingFor(1.5), RangeError);
  assert.throws(() => new Backoff().delayWithFloor(0, -5), RangeError);
});
