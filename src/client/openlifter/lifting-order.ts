// Who lifts now and who follows, derived from the meet state as OpenLifter defines it
// (specs/openlifter.md, "The meet state, for the overlay"): among the entries of the current
// day/platform/flight, the attempt is the lowest one still pending for any of them; its lifters go
// in order of requested weight, ties by lot number; `lifting.overrideAttempt` and
// `lifting.overrideEntryId` override the derived attempt and lifter. Derived data is never sent
// (it would conflict with itself), so every display computes it from the state. Pure: no I/O.

import type { JsonObject, JsonValue } from '../../protocol/openlifter/meet-state.ts';

export type Lift = 'S' | 'B' | 'D';

/** OpenLifter keeps up to five attempts per lift (4th attempts are for records). */
export const MAX_ATTEMPTS = 5;

/** The entry fields holding each lift's requested weights and results. */
export const LIFT_FIELDS: Readonly<Record<Lift, { readonly kg: string; readonly status: string }>> =
  {
    S: { kg: 'squatKg', status: 'squatStatus' },
    B: { kg: 'benchKg', status: 'benchStatus' },
    D: { kg: 'deadliftKg', status: 'deadliftStatus' },
  };

/** One lifter's turn: an entry at an attempt. */
export interface LiftingTurn {
  /** Index in `registration.entries` (what update keys address). */
  readonly entryIndex: number;
  /** The entry's own `id`, if it has one (what `lifting.overrideEntryId` names). */
  readonly entryId: number | undefined;
  readonly name: string;
  /** 1-based. */
  readonly attempt: number;
  /** Requested weight; 0 when none is entered yet (possible only for an overridden turn). */
  readonly weightKg: number;
}

export interface LiftingOrder {
  readonly day: number;
  readonly platform: number;
  readonly flight: string;
  readonly lift: Lift;
  /** The attempt being taken; undefined when no entry of the flight has an attempt pending. */
  readonly attempt: number | undefined;
  readonly current: LiftingTurn | undefined;
  /** The turns after the current one: the rest of this attempt, then the following attempt. */
  readonly next: readonly LiftingTurn[];
}

interface FlightEntry {
  readonly index: number;
  readonly entry: JsonObject;
}

/** The lifting order of `state` (a meet state; missing or malformed parts count as absent). */
export function liftingOrder(state: JsonObject): LiftingOrder {
  const lifting = objectAt(state, 'lifting');
  const day = numberAt(lifting, 'day') ?? 1;
  const platform = numberAt(lifting, 'platform') ?? 1;
  const flight = stringAt(lifting, 'flight') ?? 'A';
  const liftValue = lifting?.lift;
  const lift: Lift = liftValue === 'B' || liftValue === 'D' ? liftValue : 'S';

  const flightEntries = entriesOf(state).filter(
    ({ entry }) =>
      (numberAt(entry, 'day') ?? 1) === day &&
      (numberAt(entry, 'platform') ?? 1) === platform &&
      stringAt(entry, 'flight') === flight &&
      takesPart(entry, lift),
  );

  const overrideAttempt = numberAt(lifting, 'overrideAttempt');
  const derived = firstPendingAttempt(flightEntries, lift);
  const attempt =
    overrideAttempt !== undefined && isAttemptNumber(overrideAttempt) ? overrideAttempt : derived;
  const overrideId = numberAt(lifting, 'overrideEntryId');
  const overridden =
    overrideId === undefined
      ? undefined
      : flightEntries.find(({ entry }) => numberAt(entry, 'id') === overrideId);

  if (attempt === undefined) {
    return { day, platform, flight, lift, attempt, current: undefined, next: [] };
  }
  const thisAttempt = orderFor(flightEntries, lift, attempt);
  const current = overridden === undefined ? thisAttempt[0] : turn(overridden, lift, attempt);
  const following = attempt < MAX_ATTEMPTS ? orderFor(flightEntries, lift, attempt + 1) : [];
  const isCurrent = (candidate: LiftingTurn) =>
    candidate.entryIndex === current?.entryIndex && candidate.attempt === current.attempt;
  const next = [...thisAttempt, ...following].filter((candidate) => !isCurrent(candidate));
  return { day, platform, flight, lift, attempt, current, next };
}

/**
 * Whether the entry has asked for a weight at `attempt` (1-based) and not yet taken it (status
 * 0: not taken; 1 good, -1 failed). An entry without a requested weight is not waited for.
 */
export function isPending(entry: JsonObject, lift: Lift, attempt: number): boolean {
  return weightAt(entry, lift, attempt) > 0 && statusAt(entry, lift, attempt) === 0;
}

/** The lowest attempt still pending for some entry, or undefined when the flight is done. */
function firstPendingAttempt(entries: readonly FlightEntry[], lift: Lift): number | undefined {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if (entries.some(({ entry }) => isPending(entry, lift, attempt))) return attempt;
  }
  return undefined;
}

/** The entries pending at `attempt`, lightest first; ties by lot (unassigned last), then index. */
function orderFor(entries: readonly FlightEntry[], lift: Lift, attempt: number): LiftingTurn[] {
  return entries
    .filter(({ entry }) => isPending(entry, lift, attempt))
    .sort(
      (a, b) =>
        weightAt(a.entry, lift, attempt) - weightAt(b.entry, lift, attempt) ||
        lotRank(a.entry) - lotRank(b.entry) ||
        a.index - b.index,
    )
    .map((flightEntry) => turn(flightEntry, lift, attempt));
}

function turn({ index, entry }: FlightEntry, lift: Lift, attempt: number): LiftingTurn {
  return {
    entryIndex: index,
    entryId: numberAt(entry, 'id'),
    name: stringAt(entry, 'name') ?? '',
    attempt,
    weightKg: weightAt(entry, lift, attempt),
  };
}

/** OpenLifter's `events` ("SBD", "B", …); an entry without them takes part in every lift. */
function takesPart(entry: JsonObject, lift: Lift): boolean {
  const events = entry.events;
  if (!Array.isArray(events)) return true;
  return events.some((event) => typeof event === 'string' && event.includes(lift));
}

function lotRank(entry: JsonObject): number {
  const lot = numberAt(entry, 'lot');
  return lot !== undefined && lot > 0 ? lot : Number.POSITIVE_INFINITY;
}

function weightAt(entry: JsonObject, lift: Lift, attempt: number): number {
  const value = arrayAt(entry, LIFT_FIELDS[lift].kg)?.[attempt - 1];
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function statusAt(entry: JsonObject, lift: Lift, attempt: number): number {
  const value = arrayAt(entry, LIFT_FIELDS[lift].status)?.[attempt - 1];
  return typeof value === 'number' ? value : 0;
}

function isAttemptNumber(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= MAX_ATTEMPTS;
}

function entriesOf(state: JsonObject): FlightEntry[] {
  const entries = arrayAt(objectAt(state, 'registration'), 'entries') ?? [];
  const result: FlightEntry[] = [];
  entries.forEach((entry, index) => {
    if (isObject(entry)) result.push({ index, entry });
  });
  return result;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(node: JsonObject | undefined, key: string): JsonObject | undefined {
  const value = node?.[key];
  return isObject(value) ? value : undefined;
}

function arrayAt(node: JsonObject | undefined, key: string): readonly JsonValue[] | undefined {
  const value = node?.[key];
  return Array.isArray(value) ? (value as readonly JsonValue[]) : undefined;
}

function numberAt(node: JsonObject | undefined, key: string): number | undefined {
  const value = node?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function stringAt(node: JsonObject | undefined, key: string): string | undefined {
  const value = node?.[key];
  return typeof value === 'string' ? value : undefined;
}
