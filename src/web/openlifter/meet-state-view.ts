// Reading the meet state the way the editor needs it: tolerant getters (a missing or malformed
// part reads as absent, since any location may write any JSON), the state a new meet starts
// from, and a new lifter's entry in OpenLifter's shape.

import type { JsonObject, JsonValue } from '../../protocol/openlifter/meet-state.ts';

export function objectAt(node: JsonValue | undefined, key: string): JsonObject | undefined {
  const value = isObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
  return isObject(value) ? value : undefined;
}

export function valueAt(node: JsonValue | undefined, key: string): JsonValue | undefined {
  return isObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
}

export function textAt(node: JsonValue | undefined, key: string): string {
  const value = valueAt(node, key);
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

export function numberAt(node: JsonValue | undefined, key: string): number | undefined {
  const value = valueAt(node, key);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The item at `index` of the array at `key`, if both exist. */
export function itemAt(node: JsonValue | undefined, key: string, index: number): JsonValue {
  const array = valueAt(node, key);
  return Array.isArray(array) ? ((array as readonly JsonValue[])[index] ?? null) : null;
}

/** `registration.entries` (holes and non-objects kept, as update keys index the raw array). */
export function entriesOf(state: JsonObject): readonly JsonValue[] {
  const entries = valueAt(objectAt(state, 'registration'), 'entries');
  return Array.isArray(entries) ? (entries as readonly JsonValue[]) : [];
}

export function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Today in the browser's time zone, as OpenLifter writes dates (YYYY-MM-DD). */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The synced slices of a meet that has just gone live, one value per slice (OpenLifter's shape,
 * reduced to what this page edits). Uploaded as three edits; every later edit is a small key.
 */
export function newMeetSlices(meetName: string): readonly (readonly [string, JsonObject])[] {
  return [
    ['meet', { name: meetName, date: today(), federation: '', inKg: true }],
    ['registration', { nextEntryId: 1, entries: [] }],
    [
      'lifting',
      {
        day: 1,
        platform: 1,
        flight: 'A',
        lift: 'S',
        overrideAttempt: null,
        overrideEntryId: null,
      },
    ],
  ];
}

const NO_ATTEMPTS = [0, 0, 0, 0, 0];

/** A lifter added at the end of the entries, in the current flight, with the next id and lot. */
export function newEntry(state: JsonObject): {
  index: number;
  nextEntryId: number;
  entry: JsonObject;
} {
  const entries = entriesOf(state);
  const ids = entries.map((entry) => numberAt(entry, 'id') ?? 0);
  const lots = entries.map((entry) => numberAt(entry, 'lot') ?? 0);
  const id = Math.max(
    numberAt(objectAt(state, 'registration'), 'nextEntryId') ?? 1,
    ...ids.map((n) => n + 1),
  );
  const lifting = objectAt(state, 'lifting');
  const entry: JsonObject = {
    id,
    name: '',
    sex: 'M',
    day: numberAt(lifting, 'day') ?? 1,
    platform: numberAt(lifting, 'platform') ?? 1,
    flight: textAt(lifting, 'flight') || 'A',
    lot: Math.max(0, ...lots) + 1,
    divisions: [],
    events: ['SBD'],
    intendedWeightClassKg: '',
    bodyweightKg: 0,
    squatKg: NO_ATTEMPTS,
    squatStatus: NO_ATTEMPTS,
    benchKg: NO_ATTEMPTS,
    benchStatus: NO_ATTEMPTS,
    deadliftKg: NO_ATTEMPTS,
    deadliftStatus: NO_ATTEMPTS,
  };
  return { index: entries.length, nextEntryId: id + 1, entry };
}
