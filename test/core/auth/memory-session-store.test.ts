// The in-memory session store: lookup by token with only the hash stored, expiry on read and
// by sweep, revocation, and the maxSessions bound (expired first, then soonest to expire).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemorySessionStore } from '../../../src/core/auth/memory-session-store.ts';
import { generateSessionToken, hashSessionToken } from '../../../src/core/auth/session-tokens.ts';

const MINUTE = 60_000;

void describe('MemorySessionStore', () => {
  void it('creates a session that looks up by token and stores only the hash', () => {
    const store = new MemorySessionStore<{ role: string }>();
    const { token, record } = store.create('alice', MINUTE, 1_000, { role: 'admin' });
    assert.equal(record.tokenHash, hashSessionToken(token));
    assert.equal(record.subject, 'alice');
    assert.equal(record.expiresAt, 1_000 + MINUTE);
    assert.deepEqual(record.data, { role: 'admin' });
    assert.ok(!JSON.stringify(record).includes(token));
    assert.deepEqual(store.lookup(token, 2_000), record);
  });

  void it('does not find unknown or malformed tokens', () => {
    const store = new MemorySessionStore();
    store.create('alice', MINUTE, 0);
    assert.equal(store.lookup(generateSessionToken(), 0), undefined);
    assert.equal(store.lookup('', 0), undefined);
    assert.equal(store.lookup('x'.repeat(10_000), 0), undefined);
  });

  void it('deletes an expired session on lookup', () => {
    const store = new MemorySessionStore();
    const { token } = store.create('alice', MINUTE, 0);
    assert.ok(store.lookup(token, MINUTE - 1));
    assert.equal(store.lookup(token, MINUTE), undefined);
    assert.equal(store.size, 0);
  });

  void it('revokes a session', () => {
    const store = new MemorySessionStore();
    const { token } = store.create('alice', MINUTE, 0);
    const other = store.create('alice', MINUTE, 0);
    assert.equal(store.revoke(token), true);
    assert.equal(store.revoke(token), false);
    assert.equal(store.lookup(token, 1), undefined);
    assert.ok(store.lookup(other.token, 1));
  });

  void it('sweeps expired sessions only', () => {
    const store = new MemorySessionStore();
    store.create('a', 10, 0);
    store.create('b', 20, 0);
    const live = store.create('c', 30, 0);
    assert.equal(store.sweep(20), 2);
    assert.equal(store.size, 1);
    assert.ok(store.lookup(live.token, 20));
  });

  void it('stays within maxSessions, evicting the session that expires soonest', () => {
    const store = new MemorySessionStore({ maxSessions: 3 });
    const late = store.create('a', 3 * MINUTE, 0);
    const soon = store.create('b', 1 * MINUTE, 0);
    const middle = store.create('c', 2 * MINUTE, 0);
    const newest = store.create('d', 1 * MINUTE, 10);
    assert.equal(store.size, 3);
    assert.equal(store.lookup(soon.token, 10), undefined);
    for (const kept of [late, middle, newest]) assert.ok(store.lookup(kept.token, 10));
  });

  void it('when full, drops expired sessions before evicting live ones', () => {
    const store = new MemorySessionStore({ maxSessions: 2 });
    const live = store.create('a', 5 * MINUTE, 0);
    store.create('b', 1 * MINUTE, 0);
    const fresh = store.create('c', 1 * MINUTE, 2 * MINUTE);
    assert.equal(store.size, 2);
    assert.ok(store.lookup(live.token, 2 * MINUTE));
    assert.ok(store.lookup(fresh.token, 2 * MINUTE));
  });

  void it('rejects impossible options and TTLs', () => {
    assert.throws(() => new MemorySessionStore({ maxSessions: 0 }), RangeError);
    const store = new MemorySessionStore();
    assert.throws(() => store.create('a', 0, 0), RangeError);
    assert.throws(() => store.create('a', Number.NaN, 0), RangeError);
  });
});
