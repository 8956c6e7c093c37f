// CREATE_MEET's endpoint list: thisLocationName among them, names unique ignoring case,
// 1–64 characters without invisible characters or outer spaces, integer priorities.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { checkLocationName, validateEndpoints } from '../../../src/apps/openlifter/endpoints.ts';

const e = (locationName: string, priority = 1): { locationName: string; priority: number } => ({
  locationName,
  priority,
});

test('a well-formed list is accepted', () => {
  assert.equal(
    validateEndpoints('Desk', [e('Desk'), e('Platform A', 5), e('Weigh-in', -2)]),
    undefined,
  );
  assert.equal(validateEndpoints('Only', [e('Only', 0)]), undefined);
});

test('thisLocationName must be one of the endpoints, exactly', () => {
  assert.equal(
    validateEndpoints('Lobby', [e('Desk')]),
    'thisLocationName must be one of the endpoints',
  );
  assert.equal(
    validateEndpoints('desk', [e('Desk')]),
    'thisLocationName must be one of the endpoints',
  );
});

test('an empty list or too many locations are refused', () => {
  assert.equal(validateEndpoints('Desk', []), 'a meet needs at least one location');
  const many = Array.from({ length: 65 }, (_, i) => e(`L${i}`));
  assert.match(validateEndpoints('L0', many) ?? '', /at most 64/);
});

test('duplicates are refused, also when they differ only in case or normalization', () => {
  assert.equal(
    validateEndpoints('Desk', [e('Desk'), e('Desk', 2)]),
    'location "Desk" is listed twice',
  );
  assert.equal(
    validateEndpoints('Desk', [e('Desk'), e('DESK')]),
    'locations "Desk" and "DESK" differ only in case',
  );
  assert.match(
    validateEndpoints('Caf\u00e9', [e('Caf\u00e9'), e('Cafe\u0301')]) ?? '',
    /listed twice/,
  );
});

test('names must be 1–64 characters, counted in code points', () => {
  assert.equal(checkLocationName(''), 'location names must not be empty');
  assert.equal(checkLocationName('x'.repeat(64)), undefined);
  assert.match(checkLocationName('x'.repeat(65)) ?? '', /at most 64/);
  assert.equal(checkLocationName('🏋'.repeat(64)), undefined, '128 UTF-16 units, 64 characters');
  assert.match(validateEndpoints('', [e('')]) ?? '', /must not be empty/);
});

test('names must not start or end with spaces, nor hold invisible characters', () => {
  assert.match(checkLocationName(' Desk') ?? '', /start or end with spaces/);
  assert.match(checkLocationName('Desk\t') ?? '', /start or end with spaces/);
  assert.match(checkLocationName('   ') ?? '', /start or end with spaces/);
  assert.equal(checkLocationName('Platform A'), undefined);
  for (const bad of ['De\u0000sk', 'De\nsk', 'De\u200bsk', 'De\u202esk', 'De\ud800sk']) {
    assert.match(checkLocationName(bad) ?? '', /control characters/, JSON.stringify(bad));
  }
  // The reason echoes the name with invisible characters made visible.
  assert.equal(
    validateEndpoints('x', [e('a\u0000b')]),
    'location names must not contain control characters: "a?b"',
  );
});

test('priorities must be integers', () => {
  assert.match(validateEndpoints('Desk', [e('Desk', 1.5)]) ?? '', /must be an integer/);
  assert.match(validateEndpoints('Desk', [e('Desk', Number.NaN)]) ?? '', /must be an integer/);
  assert.match(validateEndpoints('Desk', [e('Desk', Infinity)]) ?? '', /must be an integer/);
  assert.equal(validateEndpoints('Desk', [e('Desk', -7)]), undefined);
});
