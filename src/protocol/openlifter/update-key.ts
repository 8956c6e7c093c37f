// Update keys: paths into the meet's JSON state, written `meet.name` or
// `registration.entries[3].squatKg[0]`. Parsing is strict and canonical (one spelling per path),
// because conflicts compare whole keys and the materializer must never touch a prototype.

/** A property name (object) or an index (array). */
export type PathSegment = string | number;
export type UpdatePath = readonly PathSegment[];

/** Highest array index a key may name: `entries[999999999]` must not allocate a huge array. */
export const MAX_ARRAY_INDEX = 10_000;
/** Longest key, in UTF-16 units (the wire schema's cap, repeated so this module stands alone). */
export const MAX_UPDATE_KEY_LENGTH = 256;
/** Most segments in one key; OpenLifter's state is a few levels deep. */
export const MAX_PATH_DEPTH = 32;

/** Names that reach `Object.prototype` (or a constructor's) when used as property keys. */
const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

// A name runs to the next `.` or `[`; `]` and control characters never belong in one.
// eslint-disable-next-line no-control-regex -- control characters are what this rejects
const BAD_NAME_CHAR = /[\]\u0000-\u001f\u007f]/;
// Canonical indexes only: `[01]` would be a second spelling of `[1]` and dodge conflict checks.
const INDEX = /^(?:0|[1-9][0-9]*)$/;

export type ParsedUpdateKey =
  { readonly ok: true; readonly path: UpdatePath } | { readonly ok: false; readonly error: string };

/** True for a name that can never be a segment, wherever the path came from. */
export function isForbiddenName(name: string): boolean {
  return FORBIDDEN_NAMES.has(name);
}

/**
 * Splits a key into segments: names as strings, `[n]` as numbers. The first segment is always a
 * name (the state's root is an object). Errors are short and safe to send to the client.
 */
export function parseUpdateKey(key: string): ParsedUpdateKey {
  if (key.length === 0) return fail('update key is empty');
  if (key.length > MAX_UPDATE_KEY_LENGTH) {
    return fail(`update key is longer than ${MAX_UPDATE_KEY_LENGTH} characters`);
  }
  if (key.startsWith('[')) return fail('update key must start with a name, not an index');

  const path: PathSegment[] = [];
  let i = 0;
  // Each turn reads one segment; `i` sits at its start. After a `.` only a name may follow
  // (`a.[0]` would be a second spelling of `a[0]`); the key's first segment is a name too.
  let nameExpected = true;
  for (;;) {
    if (path.length === MAX_PATH_DEPTH) {
      return fail(`update key is deeper than ${MAX_PATH_DEPTH} segments`);
    }
    if (!nameExpected && key[i] === '[') {
      const close = key.indexOf(']', i + 1);
      if (close === -1) return fail(`unclosed "[" at position ${i}`);
      const digits = key.slice(i + 1, close);
      if (!INDEX.test(digits)) return fail(`malformed array index "[${printable(digits)}]"`);
      const index = Number(digits);
      if (index > MAX_ARRAY_INDEX) return fail(`array index above ${MAX_ARRAY_INDEX}`);
      path.push(index);
      i = close + 1;
    } else {
      let end = i;
      while (end < key.length && key[end] !== '.' && key[end] !== '[') end++;
      const name = key.slice(i, end);
      if (name.length === 0) return fail(`empty segment at position ${i}`);
      if (BAD_NAME_CHAR.test(name)) return fail(`malformed segment "${printable(name)}"`);
      if (isForbiddenName(name)) return fail(`forbidden segment "${name}"`);
      path.push(name);
      i = end;
    }
    if (i === key.length) return { ok: true, path };
    if (key[i] === '.') {
      i++;
      nameExpected = true;
    } else if (key[i] === '[') {
      nameExpected = false;
    } else {
      return fail(`expected "." or "[" at position ${i}`);
    }
  }
}

/** The canonical key of a path: `formatUpdateKey(parse(k).path) === k` for every valid k. */
export function formatUpdateKey(path: UpdatePath): string {
  let key = '';
  for (const segment of path) {
    key += typeof segment === 'number' ? `[${segment}]` : key === '' ? segment : `.${segment}`;
  }
  return key;
}

function fail(error: string): ParsedUpdateKey {
  return { ok: false, error };
}

/** Error messages echo the bad segment; control characters would garble logs and pages. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- see above
  return text.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 40);
}
