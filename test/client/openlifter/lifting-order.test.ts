// The lifting order derived from a meet state: the flight's lowest pending attempt, lightest
// requested weight first, ties by lot number, other flights/days/platforms and lifters not in the
// lift left out, the override fields, and a malformed or empty state.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { liftingOrder } from '../../../src/client/openlifter/lifting-order.ts';
import type { JsonObject } from '../../../src/protocol/openlifter/meet-state.ts';

interface EntrySpec {
  readonly id: number;
  readonly name: string;
  readonly lot: number;
  readonly squatKg: readonly number[];
  readonly squatStatus?: readonly number[];
  readonly flight?: string;
  readonly day?: number;
  readonly events?: readonly string[];
}

function entry(spec: EntrySpec): JsonObject {
  const pad = (values: readonly number[]) => [...values, 0, 0, 0, 0, 0].slice(0, 5);
  return {
    id: spec.id,
    name: spec.name,
    lot: spec.lot,
    day: spec.day ?? 1,
    platform: 1,
    flight: spec.flight ?? 'A',
    events: [...(spec.events ?? ['SBD'])],
    squatKg: pad(spec.squatKg),
    squatStatus: pad(spec.squatStatus ?? []),
    benchKg: pad([]),
    benchStatus: pad([]),
  };
}

function meet(entries: readonly JsonObject[], lifting: JsonObject = {}): JsonObject {
  return {
    registration: { entries: [...entries] },
    lifting: { day: 1, platform: 1, flight: 'A', lift: 'S', ...lifting },
  };
}

const names = (turns: readonly { name: string; attempt: number }[]) =>
  turns.map((turn) => `${turn.name}#${turn.attempt}`);

describe('liftingOrder', () => {
  it('starts with the lightest first attempt; ties go to the lower lot number', () => {
    const order = liftingOrder(
      meet([
        entry({ id: 1, name: 'Ada', lot: 3, squatKg: [120] }),
        entry({ id: 2, name: 'Bo', lot: 2, squatKg: [100] }),
        entry({ id: 3, name: 'Cy', lot: 1, squatKg: [100] }),
      ]),
    );
    assert.equal(order.attempt, 1);
    assert.equal(order.current?.name, 'Cy');
    assert.equal(order.current.weightKg, 100);
    assert.equal(order.current.entryIndex, 2);
    assert.deepEqual(names(order.next), ['Bo#1', 'Ada#1']);
  });

  it('stays on an attempt until everyone has taken it, then lists the next attempt after it', () => {
    const order = liftingOrder(
      meet([
        entry({ id: 1, name: 'Ada', lot: 1, squatKg: [100, 110], squatStatus: [1] }),
        entry({ id: 2, name: 'Bo', lot: 2, squatKg: [105] }),
        entry({ id: 3, name: 'Cy', lot: 3, squatKg: [90, 95], squatStatus: [-1] }),
      ]),
    );
    assert.equal(order.attempt, 1);
    assert.equal(order.current?.name, 'Bo');
    assert.deepEqual(names(order.next), ['Cy#2', 'Ada#2']);
  });

  it('moves to the second attempt once the first is taken by all', () => {
    const order = liftingOrder(
      meet([
        entry({ id: 1, name: 'Ada', lot: 1, squatKg: [100, 107.5], squatStatus: [1] }),
        entry({ id: 2, name: 'Bo', lot: 2, squatKg: [105, 107.5], squatStatus: [1] }),
        entry({ id: 3, name: 'Cy', lot: 3, squatKg: [90, 95, 100], squatStatus: [1, 1] }),
      ]),
    );
    assert.equal(order.attempt, 2);
    assert.equal(order.current?.name, 'Ada');
    assert.equal(order.current.weightKg, 107.5);
    assert.deepEqual(names(order.next), ['Bo#2', 'Cy#3']);
  });

  it('leaves out other flights, other days and lifters who do not do the lift', () => {
    const order = liftingOrder(
      meet([
        entry({ id: 1, name: 'Other flight', lot: 1, squatKg: [50], flight: 'B' }),
        entry({ id: 2, name: 'Other day', lot: 2, squatKg: [50], day: 2 }),
        entry({ id: 3, name: 'Bench only', lot: 3, squatKg: [50], events: ['B'] }),
        entry({ id: 4, name: 'Dee', lot: 4, squatKg: [150] }),
      ]),
    );
    assert.equal(order.current?.name, 'Dee');
    assert.deepEqual(order.next, []);
  });

  it('follows the lift being contested', () => {
    const bench = { ...entry({ id: 1, name: 'Ada', lot: 1, squatKg: [] }), benchKg: [60, 0, 0] };
    assert.equal(liftingOrder(meet([bench], { lift: 'B' })).current?.weightKg, 60);
    assert.equal(liftingOrder(meet([bench], { lift: 'S' })).current, undefined);
  });

  it('obeys the override fields', () => {
    const entries = [
      entry({ id: 10, name: 'Ada', lot: 1, squatKg: [100, 110], squatStatus: [1] }),
      entry({ id: 20, name: 'Bo', lot: 2, squatKg: [105] }),
    ];
    const order = liftingOrder(meet(entries, { overrideAttempt: 2, overrideEntryId: 10 }));
    assert.equal(order.attempt, 2);
    assert.equal(order.current?.name, 'Ada');
    assert.equal(order.current.weightKg, 110);
    assert.deepEqual(names(order.next), []);
    const attemptOnly = liftingOrder(meet(entries, { overrideAttempt: 1, overrideEntryId: null }));
    assert.equal(attemptOnly.current?.name, 'Bo');
  });

  it('reports no current lifter for a finished flight, an empty or a malformed state', () => {
    const done = entry({ id: 1, name: 'Ada', lot: 1, squatKg: [100], squatStatus: [1] });
    assert.equal(liftingOrder(meet([done])).attempt, undefined);
    assert.equal(liftingOrder({}).current, undefined);
    const malformed: JsonObject = {
      registration: { entries: [null, 'x', { name: 'No weights', flight: 'A' }] },
      lifting: 'nonsense',
    };
    assert.deepEqual(liftingOrder(malformed).next, []);
    assert.equal(liftingOrder(malformed).lift, 'S');
  });
});
