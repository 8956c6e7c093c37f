// Meet ids: nine digits without a leading zero, drawn from the injected random source, retried
// on collision a bounded number of times.

import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { test } from 'node:test';

import { MAX_MEET_ID_ATTEMPTS, generateMeetId } from '../../../src/apps/openlifter/meet-id.ts';
import { normalizeMeetId } from '../../../src/protocol/openlifter/messages.ts';

/** A random source that returns the given values in turn and records the bounds asked for. */
function scripted(values: number[]): { next: (max: number) => number; maxes: number[] } {
  const maxes: number[] = [];
  return {
    maxes,
    next: (max) => {
      maxes.push(max);
      const value = values.shift();
      assert.ok(value !== undefined, 'random source exhausted');
      return value;
    },
  };
}

test('the smallest and largest draws give 100000000 and 999999999', () => {
  const low = scripted([0]);
  assert.equal(
    generateMeetId(low.next, () => false),
    '100000000',
  );
  assert.deepEqual(low.maxes, [900_000_000]);
  assert.equal(
    generateMeetId(scripted([899_999_999]).next, () => false),
    '999999999',
  );
});

test('real random ids are nine digits, never start with 0, and survive a trip as a number', () => {
  for (let i = 0; i < 1000; i++) {
    const id = generateMeetId(randomInt, () => false);
    assert.match(id, /^[1-9]\d{8}$/);
    assert.equal(normalizeMeetId(Number(id)), id);
  }
});

test('a taken id is skipped', () => {
  const taken = new Set(['100000000', '100000001']);
  const source = scripted([0, 1, 2]);
  assert.equal(
    generateMeetId(source.next, (id) => taken.has(id)),
    '100000002',
  );
});

test('after the attempts run out it throws rather than loop', () => {
  let calls = 0;
  const always = (): number => {
    calls++;
    return 5;
  };
  assert.throws(() => generateMeetId(always, () => true), /no free meet id after 32 attempts/);
  assert.equal(calls, MAX_MEET_ID_ATTEMPTS);
  assert.throws(() => generateMeetId(always, () => true, 3), /after 3 attempts/);
});

test('a random source out of range is an error, not a malformed id', () => {
  for (const bad of [-1, 900_000_000, 1.5, Number.NaN]) {
    assert.throws(
      () =>
        generateMeetId(
          () => bad,
          () => false,
        ),
      /outside/,
    );
  }
});
