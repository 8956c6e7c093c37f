// Update keys: the spellings OpenLifter uses parse into segments; everything malformed, oversized
// or aimed at a prototype is refused with a reason; valid keys have exactly one spelling
// (format ∘ parse is the identity), because conflicts compare whole keys.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';

import {
  MAX_ARRAY_INDEX,
  MAX_PATH_DEPTH,
  MAX_UPDATE_KEY_LENGTH,
  formatUpdateKey,
  parseUpdateKey,
} from '../../../src/protocol/openlifter/update-key.ts';
import type { PathSegment } from '../../../src/protocol/openlifter/update-key.ts';

function path(key: string): readonly PathSegment[] {
  const parsed = parseUpdateKey(key);
  assert.ok(parsed.ok, `"${key}" should parse: ${parsed.ok ? '' : parsed.error}`);
  return parsed.path;
}

function error(key: string): string {
  const parsed = parseUpdateKey(key);
  assert.ok(!parsed.ok, `"${key}" should be refused`);
  return parsed.error;
}

test('the keys of the spec parse into names and indexes', () => {
  assert.deepEqual(path('meet.name'), ['meet', 'name']);
  assert.deepEqual(path('lifting.flight'), ['lifting', 'flight']);
  assert.deepEqual(path('registration.entries[3].bodyweightKg'), [
    'registration',
    'entries',
    3,
    'bodyweightKg',
  ]);
  assert.deepEqual(path('registration.entries[3].squatKg[0]'), [
    'registration',
    'entries',
    3,
    'squatKg',
    0,
  ]);
  assert.deepEqual(path('meet'), ['meet']);
  assert.deepEqual(path('a[0][1][2]'), ['a', 0, 1, 2]);
});

test('a digit-only name stays a string: it names an object property, not an index', () => {
  assert.deepEqual(path('registration.lookup.5'), ['registration', 'lookup', '5']);
});

test('names may hold any printable text except the separators', () => {
  assert.deepEqual(path('meet.weightClassesKg-Men'), ['meet', 'weightClassesKg-Men']);
  assert.deepEqual(path('divisions.Open 18+'), ['divisions', 'Open 18+']);
  assert.deepEqual(path('ü.名前'), ['ü', '名前']);
});

test('empty segments are refused wherever they are', () => {
  for (const key of ['', '.a', 'a.', 'a..b', 'a.[0]', 'a[0].', 'a[0]..b']) {
    assert.match(error(key), /empty|update key is empty/, key);
  }
});

test('a key cannot start with an index: the state root is an object', () => {
  assert.match(error('[0]'), /must start with a name/);
  assert.match(error('[0].a'), /must start with a name/);
});

test('malformed brackets are refused', () => {
  const malformed = [
    'a[',
    'a[0',
    'a[]',
    'a[-1]',
    'a[1.5]',
    'a[ 1]',
    'a[1e3]',
    'a[0x1]',
    'a[01]',
    'a[a]',
    'a]',
    'a]b',
    'a[0]b',
    'a[0]]',
    'a[[0]]',
  ];
  for (const key of malformed) assert.ok(!parseUpdateKey(key).ok, key);
});

test('array indexes above the cap are refused before anything is allocated', () => {
  assert.deepEqual(path(`a[${MAX_ARRAY_INDEX}]`), ['a', MAX_ARRAY_INDEX]);
  assert.match(error(`a[${MAX_ARRAY_INDEX + 1}]`), /above/);
  assert.match(error('registration.entries[999999999]'), /above/);
  assert.match(error(`a[${'9'.repeat(200)}]`), /above/);
});

test('prototype names are refused in every position', () => {
  for (const name of ['__proto__', 'constructor', 'prototype']) {
    assert.match(error(name), /forbidden/);
    assert.match(error(`meet.${name}`), /forbidden/);
    assert.match(error(`meet.${name}.polluted`), /forbidden/);
    assert.match(error(`a[0].${name}`), /forbidden/);
  }
  // Only the exact names: longer ones are ordinary properties.
  assert.deepEqual(path('meet.__proto__x'), ['meet', '__proto__x']);
  assert.deepEqual(path('meet.constructors'), ['meet', 'constructors']);
});

test('control characters in names are refused, and not echoed raw', () => {
  const refused = error('meet.na\u0000me');
  assert.match(refused, /malformed/);
  assert.ok(!refused.includes('\u0000'));
  assert.ok(!parseUpdateKey('meet.a\nb').ok);
  assert.ok(!parseUpdateKey('meet.a\u007fb').ok);
});

test('keys longer than the cap are refused', () => {
  const exact = `a.${'b'.repeat(MAX_UPDATE_KEY_LENGTH - 2)}`;
  assert.equal(exact.length, MAX_UPDATE_KEY_LENGTH);
  assert.equal(parseUpdateKey(exact).ok, true);
  assert.match(error(`${exact}c`), /longer than 256/);
});

test('keys deeper than the cap are refused', () => {
  const deepest = Array.from({ length: MAX_PATH_DEPTH }, () => 'a').join('.');
  assert.equal(path(deepest).length, MAX_PATH_DEPTH);
  assert.match(error(`${deepest}.a`), /deeper than 32/);
  assert.match(error(`a${'[0]'.repeat(MAX_PATH_DEPTH)}`), /deeper than 32/);
});

test('property: every key that parses has exactly one spelling', () => {
  const name = fc.stringMatching(/^[a-zA-Z0-9_ -]{1,6}$/);
  const segment = fc.oneof(name, fc.nat({ max: MAX_ARRAY_INDEX }));
  fc.assert(
    fc.property(name, fc.array(segment, { maxLength: 10 }), (first, rest) => {
      const segments = [first, ...rest];
      const key = formatUpdateKey(segments);
      assert.deepEqual(path(key), segments);
      assert.equal(formatUpdateKey(path(key)), key);
    }),
  );
});

test('property: arbitrary strings never throw, and what parses formats back to itself', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', '0', '1', '.', '[', ']', '_') }), (key) => {
      const parsed = parseUpdateKey(key);
      if (parsed.ok) assert.equal(formatUpdateKey(parsed.path), key);
    }),
    { numRuns: 2000 },
  );
});
