// Shared by the sequencer's property tests: a small key set with overlapping paths, few values
// (so equal values and equal priorities are common) and endpoints named loc0..loc3.

import fc from 'fast-check';

import type { Endpoint, StoredUpdate } from '../../../src/apps/openlifter/store.ts';
import type { ClientUpdate, RelayedUpdate } from '../../../src/protocol/openlifter/messages.ts';

export type UpdateValue = ClientUpdate['updateValue'];

export const KEYS = [
  'meet.name',
  'lifting.flight',
  'registration.entries[0].bodyweightKg',
  'registration.entries[1].squatKg[0]',
  // Overlaps the two above: a whole-subtree write, which materialization must order correctly.
  'registration.entries',
];

/** Few values, so equal values (not a conflict) happen often; two spellings of one object. */
export const valueArbitrary: fc.Arbitrary<UpdateValue> = fc.oneof(
  fc.integer({ min: 0, max: 2 }),
  fc.constant({ a: 1, b: 2 }),
  fc.constant({ b: 2, a: 1 }),
);

/** Priorities of loc0..loc3 from a small range, so equal priorities are common. */
export const prioritiesArbitrary = fc.array(fc.integer({ min: 0, max: 2 }), {
  minLength: 4,
  maxLength: 4,
});

export function endpointsOf(priorities: readonly number[]): Endpoint[] {
  return priorities.map((priority, i) => ({ locationName: `loc${i}`, priority }));
}

/** A log entry as relayed: without its session fields. */
export function relayed(update: StoredUpdate): RelayedUpdate {
  const { updateKey, updateValue, serverSeqNum, locationName } = update;
  return { updateKey, updateValue, serverSeqNum, locationName };
}
