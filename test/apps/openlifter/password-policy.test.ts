// Password rules for new meets: length in code points of the NFC form, each optional class,
// and reasons that say everything that is missing at once.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  DEFAULT_PASSWORD_POLICY,
  checkPassword,
} from '../../../src/apps/openlifter/password-policy.ts';
import type { PasswordPolicy } from '../../../src/apps/openlifter/password-policy.ts';

const strict: PasswordPolicy = {
  min_length: 10,
  require_uppercase: true,
  require_lowercase: true,
  require_digit: true,
  require_special: true,
};

test('the default asks for 10 characters and nothing else', () => {
  assert.equal(checkPassword(DEFAULT_PASSWORD_POLICY, 'aaaaaaaaaa'), undefined);
  assert.equal(checkPassword(DEFAULT_PASSWORD_POLICY, '0123456789'), undefined);
  assert.equal(
    checkPassword(DEFAULT_PASSWORD_POLICY, 'aaaaaaaaa'),
    'password must be at least 10 characters',
  );
  assert.equal(
    checkPassword(DEFAULT_PASSWORD_POLICY, ''),
    'password must be at least 10 characters',
  );
});

test('length counts code points, not UTF-16 units', () => {
  // Ten emoji are twenty UTF-16 units but ten characters; nine are not enough.
  assert.equal(
    checkPassword(DEFAULT_PASSWORD_POLICY, '🏋️'.replace('\uFE0F', '').repeat(10)),
    undefined,
  );
  assert.match(checkPassword(DEFAULT_PASSWORD_POLICY, '🏋'.repeat(9)) ?? '', /at least 10/);
  assert.equal('🏋'.repeat(9).length, 18);
});

test('length is measured on the NFC form, as the hasher sees the password', () => {
  const decomposed = 'e\u0301'.repeat(9); // nine "é" typed as e + combining accent
  assert.equal(decomposed.length, 18);
  assert.match(checkPassword(DEFAULT_PASSWORD_POLICY, decomposed) ?? '', /at least 10/);
  assert.equal(checkPassword(DEFAULT_PASSWORD_POLICY, 'e\u0301'.repeat(10)), undefined);
});

test('a custom minimum is honoured and worded', () => {
  const policy = { ...DEFAULT_PASSWORD_POLICY, min_length: 16 };
  assert.equal(checkPassword(policy, 'a'.repeat(15)), 'password must be at least 16 characters');
  assert.equal(checkPassword(policy, 'a'.repeat(16)), undefined);
  assert.equal(
    checkPassword({ ...DEFAULT_PASSWORD_POLICY, min_length: 1 }, ''),
    'password must be at least 1 character',
  );
});

test('each class is required only when configured', () => {
  const only = (key: keyof PasswordPolicy): PasswordPolicy => ({
    ...DEFAULT_PASSWORD_POLICY,
    [key]: true,
  });
  assert.equal(
    checkPassword(only('require_uppercase'), 'lowercase only'),
    'password must contain an uppercase letter',
  );
  assert.equal(checkPassword(only('require_uppercase'), 'one Capital'), undefined);
  assert.equal(
    checkPassword(only('require_lowercase'), 'UPPERCASE ONLY'),
    'password must contain a lowercase letter',
  );
  assert.equal(
    checkPassword(only('require_digit'), 'no digits here'),
    'password must contain a digit',
  );
  assert.equal(checkPassword(only('require_digit'), 'digit 7 here'), undefined);
  assert.equal(
    checkPassword(only('require_special'), 'OnlyLetters123'),
    'password must contain a special character (not a letter or digit)',
  );
  assert.equal(checkPassword(only('require_special'), 'Has a space'), undefined);
  assert.equal(checkPassword(only('require_special'), 'punctuation!'), undefined);
});

test('letters and digits of any script count', () => {
  assert.equal(checkPassword(strict, 'ÄÖÜäöü٣٣٣-'), undefined);
  assert.equal(checkPassword(strict, 'ΑΒΓαβγ१२३#'), undefined);
});

test('every missing class is named in one reason; length comes first', () => {
  assert.equal(checkPassword(strict, 'short'), 'password must be at least 10 characters');
  assert.equal(
    checkPassword(strict, 'abcdefghijkl'),
    'password must contain an uppercase letter, a digit and a special character (not a letter or digit)',
  );
  assert.equal(checkPassword(strict, 'Abcdefghij1!'), undefined);
});
