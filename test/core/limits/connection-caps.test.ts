// Connection caps per IP and in total, idempotent release, and counters removed at
// zero so the tables hold no more entries than there are open connections.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConnectionCaps, HeldSlot } from '../../../src/core/limits/connection-caps.ts';

type ReleaseSlot = () => void;

function acquired(slot: { status: string }): ReleaseSlot {
  assert.equal(slot.status, 'ok');
  assert.ok(slot instanceof HeldSlot);
  return () => {
    slot.release();
  };
}

void describe('ConnectionCaps', () => {
  void it('caps connections per IP', () => {
    const caps = new ConnectionCaps({ maxTotal: 100, maxPerIp: 2 });
    const first = acquired(caps.tryAcquireIp('10.0.0.1'));
    acquired(caps.tryAcquireIp('10.0.0.1'));
    assert.deepEqual(caps.tryAcquireIp('10.0.0.1'), { status: 'ip' });
    acquired(caps.tryAcquireIp('10.0.0.2'));
    first();
    acquired(caps.tryAcquireIp('10.0.0.1'));
  });

  void it('caps the total, checked before the per-IP cap', () => {
    const caps = new ConnectionCaps({ maxTotal: 2, maxPerIp: 1 });
    acquired(caps.tryAcquireIp('a'));
    const b = acquired(caps.tryAcquireIp('b'));
    assert.deepEqual(caps.tryAcquireIp('c'), { status: 'total' });
    assert.deepEqual(caps.tryAcquireIp('a'), { status: 'total' });
    assert.equal(caps.total, 2);
    b();
    assert.equal(caps.total, 1);
    acquired(caps.tryAcquireIp('c'));
  });

  void it('release is idempotent', () => {
    const caps = new ConnectionCaps({ maxTotal: 10, maxPerIp: 10 });
    const one = acquired(caps.tryAcquireIp('ip'));
    acquired(caps.tryAcquireIp('ip'));
    one();
    one();
    assert.equal(caps.total, 1);
    assert.equal(caps.countForIp('ip'), 1);
  });

  void it('deletes counters at zero so the tables stay bounded', () => {
    const caps = new ConnectionCaps({ maxTotal: 10_000, maxPerIp: 1 });
    const releases: ReleaseSlot[] = [];
    for (let i = 0; i < 1_000; i++) {
      releases.push(acquired(caps.tryAcquireIp(`ip-${i}`)));
    }
    assert.equal(caps.distinctIps, 1_000);
    for (const release of releases) release();
    assert.equal(caps.distinctIps, 0);
    assert.equal(caps.total, 0);
  });

  void it('accepts Infinity as "no cap" and refuses impossible caps', () => {
    const open = new ConnectionCaps({ maxTotal: Infinity, maxPerIp: Infinity });
    for (let i = 0; i < 100; i++) acquired(open.tryAcquireIp('ip'));
    assert.throws(() => new ConnectionCaps({ maxTotal: 0, maxPerIp: 1 }), RangeError);
    assert.throws(() => new ConnectionCaps({ maxTotal: 1, maxPerIp: 1.5 }), RangeError);
    assert.throws(() => new ConnectionCaps({ maxTotal: Number.NaN, maxPerIp: 1 }), RangeError);
  });
});
