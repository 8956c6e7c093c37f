// The client's canonical log and replica, alone: out-of-order inserts and gaps, the contiguous
// head and its incrementally materialized state, mismatches, pending edits on top, acks and
// rejections, and a property test that the cached, identity-keeping state is always the state
// a fresh replica would compute from the same contents.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { RelayedUpdate } from '../../../src/protocol/openlifter/messages.ts';
import { materialize } from '../../../src/protocol/openlifter/meet-state.ts';
import { CanonicalLog } from '../../../src/client/openlifter/canonical-log.ts';
import { MeetReplica } from '../../../src/client/openlifter/meet-replica.ts';

function entry(serverSeqNum: number, updateKey: string, updateValue: unknown): RelayedUpdate {
  return { updateKey, updateValue, serverSeqNum, locationName: 'desk' };
}

test('entries arriving out of order: head stops at the first gap, state follows the head', () => {
  const log = new CanonicalLog();
  assert.equal(log.insert(entry(2, 'meet.date', 'd')), 'added');
  assert.equal(log.head, 0);
  assert.equal(log.highest, 2);
  assert.equal(log.hasGap, true);
  assert.deepEqual(log.prefixState, {});
  assert.deepEqual(log.beyondHead(), [entry(2, 'meet.date', 'd')]);
  assert.equal(log.insert(entry(1, 'meet.name', 'n')), 'added');
  assert.equal(log.head, 2);
  assert.equal(log.hasGap, false);
  assert.deepEqual(log.prefixState, { meet: { name: 'n', date: 'd' } });
  assert.equal(log.insert(entry(1, 'meet.name', 'n')), 'held');
  assert.equal(log.insert(entry(1, 'meet.name', 'other')), 'mismatch');
  assert.equal(log.get(1)?.updateValue, 'n', 'a mismatch keeps what was held');
  assert.deepEqual(
    log.entriesAfter(1).map((e) => e.serverSeqNum),
    [2],
  );
  log.insert(entry(3, 'meet.name', 'm'));
  assert.equal(log.latestFor('meet.name')?.serverSeqNum, 3);
  log.replaceAll([entry(1, 'lifting.flight', 'A')]);
  assert.equal(log.head, 1);
  assert.equal(log.latestFor('meet.name'), undefined);
  assert.deepEqual(log.prefixState, { lifting: { flight: 'A' } });
  assert.throws(() => log.insert(entry(0, 'a', 1)), RangeError);
});

test('any insertion order of a whole log gives the state of materialize', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.constantFrom('a', 'a.b', 'c[1]', 'c'), fc.integer()), {
        minLength: 1,
        maxLength: 20,
      }),
      fc.infiniteStream(fc.nat()),
      (updates, picks) => {
        const entries = updates.map(([key, value], index) => entry(index + 1, key, value));
        const order = [...entries];
        const shuffled: RelayedUpdate[] = [];
        const random = picks[Symbol.iterator]();
        while (order.length > 0) {
          const index = (random.next().value ?? 0) % order.length;
          shuffled.push(...order.splice(index, 1));
        }
        const log = new CanonicalLog();
        for (const e of shuffled) log.insert(e);
        assert.equal(log.head, entries.length);
        assert.deepEqual(log.prefixState, materialize(entries));
        assert.deepEqual(new CanonicalLog(shuffled).prefixState, materialize(entries));
      },
    ),
    { numRuns: 200 },
  );
});

test('a replica shows pending edits on top of the log, and acks and rejections settle them', () => {
  const replica = new MeetReplica();
  replica.applyServerEntries([entry(1, 'lifting.flight', 'A')]);
  const first = replica.addLocal('lifting.flight', 'B');
  assert.deepEqual(first, {
    localSeqNum: 1,
    updateKey: 'lifting.flight',
    updateValue: 'B',
    afterServerSeqNum: 1,
  });
  replica.addLocal('meet.name', 'Open');
  assert.equal(replica.commit(), true);
  assert.deepEqual(replica.state, { lifting: { flight: 'B' }, meet: { name: 'Open' } });

  const shown = replica.state;
  const { acked, mismatch } = replica.applyAcks([{ localSeqNum: 2, serverSeqNum: 2 }], 'desk');
  assert.equal(mismatch, false);
  assert.equal(acked[0]?.serverSeqNum, 2);
  assert.equal(replica.commit(), false, 'an ack that changes nothing visible is no change');
  assert.equal(replica.state, shown, 'and the state keeps its identity');

  const rejected = replica.applyRejections([
    { localSeqNum: 1, conflict: true, reason: 'conflict' },
  ]);
  assert.equal(rejected[0]?.updateValue, 'B');
  assert.equal(replica.commit(), true);
  assert.deepEqual(replica.state, { lifting: { flight: 'A' }, meet: { name: 'Open' } });
  assert.equal(replica.pendingCount, 0);
  assert.equal(replica.nextLocalSeqNum, 3);
  assert.deepEqual(replica.applyAcks([{ localSeqNum: 1, serverSeqNum: 9 }], 'desk').acked, []);
});

type Op =
  | { kind: 'server'; seq: number; key: string; value: number }
  | { kind: 'local'; key: string; value: number }
  | { kind: 'ack'; pick: number; seq: number }
  | { kind: 'reject'; pick: number };

const KEYS = ['a', 'a.b', 'a.c', 'list[2]', 'list', 'x.y.z'];

test('the cached state always equals a fresh computation from the same contents', () => {
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      kind: fc.constant('server' as const),
      seq: fc.integer({ min: 1, max: 12 }),
      key: fc.constantFrom(...KEYS),
      value: fc.integer({ min: 0, max: 3 }),
    }),
    fc.record({
      kind: fc.constant('local' as const),
      key: fc.constantFrom(...KEYS),
      value: fc.integer({ min: 0, max: 3 }),
    }),
    fc.record({
      kind: fc.constant('ack' as const),
      pick: fc.nat(),
      seq: fc.integer({ min: 1, max: 12 }),
    }),
    fc.record({ kind: fc.constant('reject' as const), pick: fc.nat() }),
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      const replica = new MeetReplica();
      for (const step of ops) {
        const pending = replica.pending;
        const picked =
          pending[
            step.kind === 'ack' || step.kind === 'reject'
              ? step.pick % Math.max(1, pending.length)
              : 0
          ];
        switch (step.kind) {
          case 'server':
            replica.applyServerEntries([entry(step.seq, step.key, step.value)]);
            break;
          case 'local':
            replica.addLocal(step.key, step.value);
            break;
          case 'ack':
            if (picked)
              replica.applyAcks(
                [{ localSeqNum: picked.localSeqNum, serverSeqNum: step.seq }],
                'desk',
              );
            break;
          case 'reject':
            if (picked)
              replica.applyRejections([
                { localSeqNum: picked.localSeqNum, conflict: true, reason: 'conflict' },
              ]);
            break;
        }
        replica.commit();
        assert.deepEqual(replica.state, new MeetReplica(replica.contents()).state);
      }
    }),
    { numRuns: 300 },
  );
});
