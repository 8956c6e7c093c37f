// The chaos soak's fault schedule: seeded (same seed, same plans), every kind dealt within each
// deck, values inside their ranges, and chunk release times that never reorder a stream.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_DECK,
  FAULT_KINDS,
  FaultSchedule,
  releaseTime,
  seededRandom,
  type FaultKind,
} from './fault-schedule.ts';

describe('FaultSchedule', () => {
  it('deals the same plans for the same seed, and others for another seed', () => {
    const deal = (seed: number) => {
      const schedule = new FaultSchedule({ seed });
      return Array.from({ length: 50 }, () => schedule.next());
    };
    assert.deepEqual(deal(7), deal(7));
    assert.notDeepEqual(deal(7), deal(8));
  });

  it('deals every kind, in the deck proportions, within each deck', () => {
    const schedule = new FaultSchedule({ seed: 42 });
    for (let round = 0; round < 20; round++) {
      const counts = new Map<FaultKind, number>();
      for (let card = 0; card < schedule.deckSize; card++) {
        const { kind } = schedule.next();
        counts.set(kind, (counts.get(kind) ?? 0) + 1);
      }
      for (const kind of FAULT_KINDS) assert.equal(counts.get(kind) ?? 0, DEFAULT_DECK[kind], kind);
    }
    assert.equal(schedule.dealt, 20 * schedule.deckSize);
  });

  it('gives half-open connections every direction, and nothing else a direction', () => {
    const schedule = new FaultSchedule({ seed: 3 });
    const directions = new Set<string>();
    for (let index = 0; index < 60; index++) {
      const plan = schedule.next();
      if (plan.kind === 'half-open') {
        assert.ok(plan.direction !== undefined);
        directions.add(plan.direction);
      } else {
        assert.equal(plan.direction, undefined);
      }
    }
    assert.deepEqual([...directions].sort(), ['both', 'to-client', 'to-server']);
  });

  it('keeps every value within its range; only drips have a duration', () => {
    const schedule = new FaultSchedule({
      seed: 11,
      atMs: [100, 200],
      latencyMs: [5, 6],
      jitterMs: [0, 3],
      slowLatencyMs: [300, 301],
      slowJitterMs: [10, 10],
      dripMs: [50, 60],
    });
    for (let index = 0; index < 200; index++) {
      const plan = schedule.next();
      assert.ok(plan.atMs >= 100 && plan.atMs <= 200);
      if (plan.kind === 'slow') {
        assert.ok(plan.latencyMs >= 300 && plan.latencyMs <= 301);
        assert.equal(plan.jitterMs, 10);
      } else {
        assert.ok(plan.latencyMs >= 5 && plan.latencyMs <= 6);
        assert.ok(plan.jitterMs >= 0 && plan.jitterMs <= 3);
      }
      if (plan.kind === 'drip') assert.ok(plan.durationMs >= 50 && plan.durationMs <= 60);
      else assert.equal(plan.durationMs, 0);
    }
  });

  it('refuses an empty deck and inverted ranges', () => {
    const empty = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<
      FaultKind,
      number
    >;
    assert.throws(() => new FaultSchedule({ seed: 1, deck: empty }), RangeError);
    assert.throws(() => new FaultSchedule({ seed: 1, atMs: [10, 5] }), RangeError);
    assert.throws(() => new FaultSchedule({ seed: 1, latencyMs: [-1, 5] }), RangeError);
  });
});

describe('seededRandom', () => {
  it('stays in [0, 1) and spreads over the interval', () => {
    const random = seededRandom(123);
    const buckets = new Array<number>(10).fill(0);
    for (let index = 0; index < 10_000; index++) {
      const value = random();
      assert.ok(value >= 0 && value < 1);
      buckets[Math.floor(value * 10)]!++;
    }
    for (const count of buckets) assert.ok(count > 800 && count < 1200, `bucket ${count}`);
  });
});

describe('releaseTime', () => {
  it('adds latency and a share of the jitter', () => {
    assert.equal(releaseTime(1000, 0, { latencyMs: 20, jitterMs: 10 }, 0.5), 1025);
  });

  it('never releases a chunk before the one ahead of it, even with less jitter', () => {
    const plan = { latencyMs: 10, jitterMs: 100 };
    let previous = 0;
    const draws = [0.9, 0.0, 0.5, 0.1, 0.99, 0.0];
    for (const [index, draw] of draws.entries()) {
      const at = releaseTime(index, previous, plan, draw);
      assert.ok(at >= previous);
      previous = at;
    }
  });

  it('spaces drip pieces apart', () => {
    const plan = { latencyMs: 0, jitterMs: 0 };
    assert.equal(releaseTime(0, 100, plan, 0, 15), 115);
    assert.equal(releaseTime(500, 100, plan, 0, 15), 500);
  });
});
