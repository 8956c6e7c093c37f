// Session token helpers: token shape and randomness, SHA-256 storage form, constant-time
// comparison of unequal lengths, and the expiry boundary.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  generateSessionToken,
  hashSessionToken,
  isExpired,
  isSessionTokenFormat,
  safeEqual,
} from '../../../src/core/auth/session-tokens.ts';

void describe('session tokens', () => {
  void it('are 256 random bits in unpadded base64url', () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const token = generateSessionToken();
      assert.match(token, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(Buffer.from(token, 'base64url').length, 32);
      assert.equal(isSessionTokenFormat(token), true);
      tokens.add(token);
    }
    assert.equal(tokens.size, 100);
  });

  void it('recognises only the token shape', () => {
    assert.equal(isSessionTokenFormat(''), false);
    assert.equal(isSessionTokenFormat('a'.repeat(42)), false);
    assert.equal(isSessionTokenFormat('a'.repeat(44)), false);
    assert.equal(isSessionTokenFormat(`${'a'.repeat(42)}=`), false);
    assert.equal(isSessionTokenFormat(`${'a'.repeat(42)}+`), false);
  });

  void it('hash to SHA-256 hex', () => {
    assert.equal(
      hashSessionToken('abc'),
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const token = generateSessionToken();
    assert.equal(hashSessionToken(token), hashSessionToken(token));
    assert.notEqual(hashSessionToken(token), token);
  });

  void it('compare in constant time whatever the lengths', () => {
    assert.equal(safeEqual('secret', 'secret'), true);
    assert.equal(safeEqual('secret', 'secreT'), false);
    assert.equal(safeEqual('secret', 'secret-but-longer'), false);
    assert.equal(safeEqual('', ''), true);
    assert.equal(safeEqual('', 'x'), false);
  });

  void it('expire at expiresAt, inclusive', () => {
    const record = { expiresAt: 1_000 };
    assert.equal(isExpired(record, 999), false);
    assert.equal(isExpired(record, 1_000), true);
    assert.equal(isExpired(record, 1_001), true);
  });
});
