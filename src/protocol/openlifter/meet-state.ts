// The materialized meet state: the JSON object that OpenLifter's Redux state would be after
// applying the log in server order. Updates are persistent (copy the spine, share the rest), so
// a state handed to the overlay or a snapshot never changes under its reader.

import { isForbiddenName, MAX_ARRAY_INDEX, parseUpdateKey } from './update-key.ts';
import type { UpdatePath } from './update-key.ts';

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/** What `materialize` needs of a log entry. */
export interface KeyedValue {
  readonly updateKey: string;
  readonly updateValue: unknown;
}

/** The state of a meet nobody has edited yet. */
export const EMPTY_STATE: JsonObject = Object.freeze({});

/**
 * The state with `value` at `path`; `state` itself is left as it was. Missing containers are
 * created (an array when the next segment is an index, an object otherwise); anything of the
 * wrong kind in the way (a scalar, or an array where a name follows) is replaced. Array holes
 * are filled with null, as JSON would serialize them. `value` must be JSON (as `JSON.parse`
 * gives it) and is shared, not copied: nobody may mutate it afterwards.
 */
export function applyUpdate(state: JsonObject, path: UpdatePath, value: unknown): JsonObject {
  if (path.length === 0) throw new RangeError('an update path needs at least one segment');
  return setIn(state, path, 0, value as JsonValue, undefined) as JsonObject;
}

/** `applyUpdate` for a log entry; an entry whose key does not parse leaves the state as it is. */
export function applyEntry(state: JsonObject, entry: KeyedValue): JsonObject {
  const parsed = parseUpdateKey(entry.updateKey);
  return parsed.ok ? applyUpdate(state, parsed.path, entry.updateValue) : state;
}

/**
 * The state after applying `updates` in order, from an empty object. Same result as folding
 * `applyEntry`, but containers created here are mutated in place instead of copied again on
 * every update, so rebuilding a long log costs O(updates × depth), not O(updates × width).
 */
export function materialize(updates: Iterable<KeyedValue>): JsonObject {
  // Containers this call created and nobody else has seen yet: safe to mutate.
  const owned = new WeakSet<object>();
  const root = {};
  owned.add(root);
  let state: JsonValue = root;
  for (const update of updates) {
    const parsed = parseUpdateKey(update.updateKey);
    if (!parsed.ok || parsed.path.length === 0) continue;
    state = setIn(state, parsed.path, 0, update.updateValue as JsonValue, owned);
  }
  return state as JsonObject;
}

/** The value at `path`, or undefined when the path does not exist (inherited names never do). */
export function getAt(state: JsonObject, path: UpdatePath): JsonValue | undefined {
  let node: JsonValue | undefined = state;
  for (const segment of path) {
    if (typeof segment === 'number') {
      node = isArray(node) ? node[segment] : undefined;
    } else {
      node = isObject(node) && Object.hasOwn(node, segment) ? node[segment] : undefined;
    }
    if (node === undefined) return undefined;
  }
  return node;
}

/**
 * Deep equality of JSON values: object key order does not matter, array order does. Iterative,
 * because a client can send a value nested deeper than the call stack.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  const pending: [unknown, unknown][] = [[a, b]];
  for (let pair = pending.pop(); pair !== undefined; pair = pending.pop()) {
    const [x, y] = pair;
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (Array.isArray(x) || Array.isArray(y)) {
      if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) pending.push([x[i], y[i]]);
      continue;
    }
    const xKeys = Object.keys(x);
    if (xKeys.length !== Object.keys(y).length) return false;
    const xRecord = x as Record<string, unknown>;
    const yRecord = y as Record<string, unknown>;
    for (const key of xKeys) {
      if (!Object.hasOwn(y, key)) return false;
      pending.push([xRecord[key], yRecord[key]]);
    }
  }
  return true;
}

function setIn(
  node: JsonValue | undefined,
  path: UpdatePath,
  depth: number,
  value: JsonValue,
  owned: WeakSet<object> | undefined,
): JsonValue {
  const segment = path[depth];
  if (segment === undefined) return value;
  if (typeof segment === 'number') {
    // Paths normally come from parseUpdateKey; the checks guard every other caller.
    if (!Number.isSafeInteger(segment) || segment < 0 || segment > MAX_ARRAY_INDEX) {
      throw new RangeError(`array index out of range: ${segment}`);
    }
    const target = writableArray(isArray(node) ? node : undefined, owned);
    while (target.length < segment) target.push(null);
    target[segment] = setIn(target[segment], path, depth + 1, value, owned);
    return target;
  }
  if (isForbiddenName(segment)) throw new RangeError(`forbidden path segment: ${segment}`);
  const target = writableObject(isObject(node) ? node : undefined, owned);
  const child = Object.hasOwn(target, segment) ? target[segment] : undefined;
  target[segment] = setIn(child, path, depth + 1, value, owned);
  return target;
}

// A container that may be written: the node itself if this call owns it, else a fresh copy.

function writableArray(
  node: readonly JsonValue[] | undefined,
  owned: WeakSet<object> | undefined,
): JsonValue[] {
  if (node !== undefined && owned?.has(node) === true) return node as JsonValue[];
  const copy = node === undefined ? [] : node.slice();
  owned?.add(copy);
  return copy;
}

function writableObject(
  node: JsonObject | undefined,
  owned: WeakSet<object> | undefined,
): Record<string, JsonValue> {
  if (node !== undefined && owned?.has(node) === true) return node;
  const copy = { ...node };
  owned?.add(copy);
  return copy;
}

function isArray(node: JsonValue | undefined): node is readonly JsonValue[] {
  return Array.isArray(node);
}

function isObject(node: JsonValue | undefined): node is JsonObject {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}
