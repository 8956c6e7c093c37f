// The materialized meet state: updates create what is missing and replace what is in the way,
// never change a state already handed out, never touch a prototype; materialize() equals a fold
// of applyUpdate; jsonEqual ignores object key order and survives very deep values.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';

import {
  EMPTY_STATE,
  applyEntry,
  applyUpdate,
  getAt,
  jsonEqual,
  materialize,
} from '../../../src/protocol/openlifter/meet-state.ts';
import type { JsonObject } from '../../../src/protocol/openlifter/meet-state.ts';
import { parseUpdateKey } from '../../../src/protocol/openlifter/update-key.ts';
import type { UpdatePath } from '../../../src/protocol/openlifter/update-key.ts';

function at(key: string): UpdatePath {
  const parsed = parseUpdateKey(key);
  assert.ok(parsed.ok);
  return parsed.path;
}

function set(state: JsonObject, key: string, value: unknown): JsonObject {
  return applyUpdate(state, at(key), value);
}

test('missing containers are created: arrays for indexes, objects for names', () => {
  const state = set(EMPTY_STATE, 'registration.entries[1].squatKg[2]', 140);
  assert.deepEqual(state, {
    registration: { entries: [null, { squatKg: [null, null, 140] }] },
  });
  assert.equal(getAt(state, at('registration.entries[1].squatKg[2]')), 140);
  assert.equal(getAt(state, at('registration.entries[0]')), null);
  assert.equal(getAt(state, at('registration.entries[5]')), undefined);
});

test('a scalar in the way is replaced by the container the path needs', () => {
  let state = set(EMPTY_STATE, 'meet', 'not an object');
  state = set(state, 'meet.name', 'Spring Open');
  assert.deepEqual(state, { meet: { name: 'Spring Open' } });
  state = set(state, 'meet.name[0]', 'x');
  assert.deepEqual(state, { meet: { name: ['x'] } });
});

test('a container of the wrong kind is replaced too: the segment decides the kind', () => {
  let state = set(EMPTY_STATE, 'lifting.order', [1, 2, 3]);
  state = set(state, 'lifting.order.first', 1);
  assert.deepEqual(state, { lifting: { order: { first: 1 } } });
  state = set(state, 'lifting.order[1]', 'b');
  assert.deepEqual(state, { lifting: { order: [null, 'b'] } });
});

test('setting a whole subtree replaces it; later paths go inside it', () => {
  let state = set(EMPTY_STATE, 'registration.entries[0].name', 'Ann');
  state = set(state, 'registration.entries', [{ name: 'Bo' }]);
  state = set(state, 'registration.entries[0].lot', 7);
  assert.deepEqual(state, { registration: { entries: [{ name: 'Bo', lot: 7 }] } });
});

test('updates never change an earlier state: only the spine is copied', () => {
  const before = set(set(EMPTY_STATE, 'meet.name', 'A'), 'registration.entries[0].name', 'Ann');
  const frozenCopy = structuredClone(before);
  const after = set(before, 'registration.entries[0].name', 'Bea');
  assert.deepEqual(before, frozenCopy);
  assert.equal(getAt(after, at('registration.entries[0].name')), 'Bea');
  // Branches off the path are shared, not copied.
  assert.equal(after.meet, before.meet);
  assert.notEqual(after.registration, before.registration);
});

test('values are stored as given, and a stored value is never mutated by later updates', () => {
  const value = { name: 'Ann', squatKg: [100] };
  const state = set(EMPTY_STATE, 'registration.entries[0]', value);
  set(state, 'registration.entries[0].squatKg[1]', 110);
  materialize([
    { updateKey: 'registration.entries[0]', updateValue: value },
    { updateKey: 'registration.entries[0].squatKg[1]', updateValue: 110 },
  ]);
  assert.deepEqual(value, { name: 'Ann', squatKg: [100] });
});

test('getAt reads own properties only: inherited names do not exist', () => {
  const state = set(EMPTY_STATE, 'meet.name', 'A');
  assert.equal(getAt(state, ['meet', 'toString']), undefined);
  assert.equal(getAt(state, ['meet', 'hasOwnProperty']), undefined);
  assert.equal(getAt(state, ['meet', 0]), undefined);
  assert.equal(getAt(state, ['meet', 'name', 'length']), undefined);
});

test('prototype pollution is impossible, whatever the path or value', () => {
  assert.throws(() => applyUpdate(EMPTY_STATE, ['__proto__', 'polluted'], true), RangeError);
  assert.throws(() => applyUpdate(EMPTY_STATE, ['a', 'constructor', 'prototype'], 1), RangeError);
  // A value from JSON.parse may hold a "__proto__" key: it stays an ordinary own property.
  const value = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
  const state = set(EMPTY_STATE, 'meet', value);
  const next = set(state, 'meet.name', 'A');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(next.meet), Object.prototype);
  assert.equal(Object.hasOwn(next.meet as object, '__proto__'), true);
  // Keys that do not parse are skipped by materialize rather than applied.
  const skipped = materialize([{ updateKey: '__proto__.polluted', updateValue: true }]);
  assert.deepEqual(skipped, {});
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('indexes beyond the cap are refused even on a hand-made path', () => {
  assert.throws(() => applyUpdate(EMPTY_STATE, ['a', 999_999_999], 1), RangeError);
  assert.throws(() => applyUpdate(EMPTY_STATE, ['a', -1], 1), RangeError);
  assert.throws(() => applyUpdate(EMPTY_STATE, [], 1), RangeError);
});

test('applyEntry leaves the state alone for a key that does not parse', () => {
  const state = set(EMPTY_STATE, 'meet.name', 'A');
  assert.equal(applyEntry(state, { updateKey: 'meet..name', updateValue: 'B' }), state);
});

test('jsonEqual: key order does not matter, array order and types do', () => {
  assert.ok(
    jsonEqual({ a: 1, b: [1, { c: null, d: 'x' }] }, { b: [1, { d: 'x', c: null }], a: 1 }),
  );
  assert.ok(!jsonEqual([1, 2], [2, 1]));
  assert.ok(!jsonEqual({ a: 1 }, { a: 1, b: 2 }));
  assert.ok(!jsonEqual({ a: 1, b: 2 }, { a: 1, c: 2 }));
  assert.ok(!jsonEqual(1, '1'));
  assert.ok(!jsonEqual(null, {}));
  assert.ok(!jsonEqual([], {}));
  assert.ok(!jsonEqual({ 0: 'a' }, ['a']));
  assert.ok(jsonEqual(0, -0), 'JSON cannot tell 0 from -0');
  assert.ok(jsonEqual([], []));
});

test('jsonEqual handles values nested deeper than the call stack', () => {
  const depth = 200_000;
  const deep = (): unknown => JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`);
  assert.ok(jsonEqual(deep(), deep()));
  const other = JSON.parse(`${'['.repeat(depth)}2${']'.repeat(depth)}`) as unknown;
  assert.ok(!jsonEqual(deep(), other));
});

const keyArbitrary = fc.constantFrom(
  'meet',
  'meet.name',
  'meet.date',
  'lifting.flight',
  'registration.entries',
  'registration.entries[0].name',
  'registration.entries[2].squatKg[1]',
  'registration.entries[2]',
  'registration.entries[0].squatKg',
);
const valueArbitrary = fc.oneof(
  fc.integer({ min: 0, max: 3 }),
  fc.constant(null),
  fc.string({ maxLength: 3 }),
  fc.constant({ a: 1 }),
  fc.constant([1, 2]),
);

test('property: materialize equals folding applyUpdate, and every earlier state is unchanged', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ updateKey: keyArbitrary, updateValue: valueArbitrary }), {
        maxLength: 30,
      }),
      (updates) => {
        const states: JsonObject[] = [EMPTY_STATE];
        const copies: unknown[] = [structuredClone(EMPTY_STATE)];
        let state = EMPTY_STATE;
        for (const update of updates) {
          state = applyEntry(state, update);
          states.push(state);
          copies.push(structuredClone(state));
        }
        assert.deepEqual(materialize(updates), state);
        states.forEach((earlier, i) => {
          assert.deepEqual(earlier, copies[i]);
        });
        // The last write to a key is what the state holds there, unless a later write to an
        // enclosing or enclosed key replaced it.
        const last = updates.at(-1);
        if (last !== undefined) {
          assert.ok(jsonEqual(getAt(state, at(last.updateKey)), last.updateValue));
        }
      },
    ),
    { numRuns: 300 },
  );
});

test('property: jsonEqual agrees with deepEqual on JSON values and ignores key order', () => {
  const shuffleKeys = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(shuffleKeys);
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value).reverse();
    return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v)]));
  };
  fc.assert(
    fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
      assert.ok(jsonEqual(a, shuffleKeys(a)));
      let deepEqual = true;
      try {
        assert.deepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
      } catch {
        deepEqual = false;
      }
      assert.equal(
        jsonEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b))),
        deepEqual,
      );
    }),
    { numRuns: 500 },
  );
});
