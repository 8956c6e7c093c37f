// The sequencer against the spec's rules, one rule per test: gap-free numbers, conflicts and
// their resolution by priority, what is not a conflict, idempotent re-sends (also after a
// reload of the log), and the contiguous re-append of a server's lost entries.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MeetSequencer } from '../../../src/apps/openlifter/meet-sequencer.ts';
import type { StoredUpdate } from '../../../src/apps/openlifter/store.ts';
import type { ClientUpdate, RelayedUpdate } from '../../../src/protocol/openlifter/messages.ts';

const ENDPOINTS = [
  { locationName: 'desk', priority: 1 },
  { locationName: 'weighin', priority: 1 },
  { locationName: 'platform', priority: 2 },
  { locationName: 'director', priority: 3 },
];

const NAME = 'meet.name';

function update(
  localSeqNum: number,
  updateKey: string,
  updateValue: ClientUpdate['updateValue'],
  afterServerSeqNum: number,
): ClientUpdate {
  return { localSeqNum, updateKey, updateValue, afterServerSeqNum };
}

function entry(
  serverSeqNum: number,
  locationName: string,
  updateKey: string,
  updateValue: unknown,
): RelayedUpdate {
  return { serverSeqNum, locationName, updateKey, updateValue };
}

/** A sequencer whose log starts with `key = value` from `location` (serverSeqNum 1). */
function withFirst(
  location: string,
  value: ClientUpdate['updateValue'],
  key = NAME,
): MeetSequencer {
  const sequencer = new MeetSequencer(ENDPOINTS);
  const outcome = sequencer.submit(`s-${location}`, location, [update(1, key, value, 0)]);
  assert.equal(outcome.appended.length, 1);
  return sequencer;
}

test('numbers are 1, 2, 3, … across batches and sessions, with no gaps', () => {
  const sequencer = new MeetSequencer(ENDPOINTS);
  assert.equal(sequencer.head, 0);
  const first = sequencer.submit('s1', 'desk', [
    update(1, 'meet.name', 'Open', 0),
    update(2, 'meet.date', '2025-05-01', 0),
  ]);
  const second = sequencer.submit('s2', 'platform', [update(1, 'lifting.flight', 'A', 2)]);
  const third = sequencer.submit('s1', 'desk', [update(3, 'lifting.day', 1, 3)]);
  assert.deepEqual(first.acks, [
    { localSeqNum: 1, serverSeqNum: 1 },
    { localSeqNum: 2, serverSeqNum: 2 },
  ]);
  assert.deepEqual(second.acks, [{ localSeqNum: 1, serverSeqNum: 3 }]);
  assert.deepEqual(third.acks, [{ localSeqNum: 3, serverSeqNum: 4 }]);
  assert.equal(sequencer.head, 4);
  assert.deepEqual(
    sequencer.entriesAfter(0).map((e) => e.serverSeqNum),
    [1, 2, 3, 4],
  );
  assert.deepEqual(first.appended[1], {
    updateKey: 'meet.date',
    updateValue: '2025-05-01',
    serverSeqNum: 2,
    locationName: 'desk',
    sessionId: 's1',
    localSeqNum: 2,
  });
  assert.deepEqual(first.rejected, []);
  assert.deepEqual(first.winners, []);
  assert.equal(first.overruled, 0);
});

test('entriesAfter returns what follows a number, without session fields', () => {
  const sequencer = new MeetSequencer(ENDPOINTS);
  sequencer.submit('s1', 'desk', [
    update(1, 'a', 1, 0),
    update(2, 'b', 2, 0),
    update(3, 'c', 3, 0),
  ]);
  assert.deepEqual(sequencer.entriesAfter(1), [entry(2, 'desk', 'b', 2), entry(3, 'desk', 'c', 3)]);
  assert.deepEqual(sequencer.entriesAfter(3), []);
  assert.deepEqual(sequencer.entriesAfter(99), []);
  assert.equal(sequencer.entriesAfter(-5).length, 3);
});

test('a higher priority overrules a conflicting entry it had not seen', () => {
  const sequencer = withFirst('desk', 'Spring Open');
  const outcome = sequencer.submit('s-platform', 'platform', [update(7, NAME, 'Summer Open', 0)]);
  assert.deepEqual(outcome.acks, [{ localSeqNum: 7, serverSeqNum: 2 }]);
  assert.equal(outcome.overruled, 1);
  assert.deepEqual(outcome.rejected, []);
  assert.deepEqual(outcome.winners, []);
  assert.deepEqual(sequencer.currentValue(NAME), entry(2, 'platform', NAME, 'Summer Open'));
});

test('a lower priority loses: rejected as a conflict, and told the winning entry', () => {
  const sequencer = withFirst('platform', 'Spring Open');
  const outcome = sequencer.submit('s-desk', 'desk', [update(7, NAME, 'Summer Open', 0)]);
  assert.deepEqual(outcome.rejected, [{ localSeqNum: 7, conflict: true, reason: 'conflict' }]);
  assert.deepEqual(outcome.winners, [entry(1, 'platform', NAME, 'Spring Open')]);
  assert.deepEqual(outcome.appended, []);
  assert.deepEqual(outcome.acks, []);
  assert.equal(sequencer.head, 1);
});

test('equal priority: the entry already in the log wins', () => {
  const sequencer = withFirst('desk', 'Spring Open');
  const outcome = sequencer.submit('s-weighin', 'weighin', [update(1, NAME, 'Summer Open', 0)]);
  assert.equal(outcome.rejected[0]?.conflict, true);
  assert.deepEqual(outcome.winners, [entry(1, 'desk', NAME, 'Spring Open')]);
  assert.equal(sequencer.head, 1);
});

test('the same value is not a conflict (objects compared regardless of key order)', () => {
  const sequencer = withFirst('platform', { kg: 100, lb: 220.5 });
  const outcome = sequencer.submit('s-desk', 'desk', [update(1, NAME, { lb: 220.5, kg: 100 }, 0)]);
  assert.deepEqual(outcome.acks, [{ localSeqNum: 1, serverSeqNum: 2 }]);
  assert.equal(outcome.overruled, 0);
});

test('the same location is not a conflict, even from another session', () => {
  const sequencer = withFirst('desk', 'Spring Open');
  const outcome = sequencer.submit('another-desk-laptop', 'desk', [update(1, NAME, 'Other', 0)]);
  assert.deepEqual(outcome.acks, [{ localSeqNum: 1, serverSeqNum: 2 }]);
  assert.equal(outcome.overruled, 0);
});

test('an update made after seeing the entry does not conflict with it', () => {
  for (const after of [1, 2]) {
    const sequencer = withFirst('director', 'Spring Open');
    sequencer.submit('s-x', 'desk', [update(1, 'other.key', 1, 1)]);
    const outcome = sequencer.submit('s-desk', 'desk', [update(2, NAME, 'Fixed typo', after)]);
    assert.deepEqual(outcome.acks, [{ localSeqNum: 2, serverSeqNum: 3 }], `after ${after}`);
    assert.equal(outcome.overruled, 0);
  }
});

test('other keys never conflict: conflicts compare whole keys', () => {
  const sequencer = withFirst('director', 1, 'registration.entries[0].lot');
  const outcome = sequencer.submit('s-desk', 'desk', [
    update(1, 'registration.entries[0]', { lot: 2 }, 0),
    update(2, 'registration.entries[0].lotX', 2, 0),
  ]);
  assert.equal(outcome.appended.length, 2);
});

test('against several conflicting locations, the update must outrank every one of them', () => {
  const setUp = (): MeetSequencer => {
    const sequencer = new MeetSequencer(ENDPOINTS);
    sequencer.submit('s-dir', 'director', [update(1, NAME, 'D', 0)]);
    sequencer.submit('s-desk', 'desk', [update(1, NAME, 'K', 1)]);
    return sequencer;
  };
  // platform (2) outranks desk (1) but not director (3): rejected; the winner is the current
  // entry, which here is desk's, the last one in the log.
  const lost = setUp().submit('s-pl', 'platform', [update(1, NAME, 'P', 0)]);
  assert.equal(lost.rejected[0]?.conflict, true);
  assert.deepEqual(lost.winners, [entry(2, 'desk', NAME, 'K')]);
  // Having seen director's entry (after 1), only desk's conflicts: platform overrules it.
  const won = setUp().submit('s-pl', 'platform', [update(1, NAME, 'P', 1)]);
  assert.deepEqual(won.acks, [{ localSeqNum: 1, serverSeqNum: 3 }]);
  assert.equal(won.overruled, 1);
  // director (3) outranks both.
  const top = setUp().submit('s-dir2', 'director', [update(1, NAME, 'D2', 0)]);
  assert.equal(top.overruled, 1);
  // A conflicting entry with the same value as the update does not count against it.
  const sameAsDirector = setUp().submit('s-pl', 'platform', [update(1, NAME, 'D', 0)]);
  assert.equal(sameAsDirector.appended.length, 1);
  assert.equal(sameAsDirector.overruled, 1);
});

test('within one batch, updates are judged in order and never conflict with each other', () => {
  const sequencer = withFirst('platform', 'A');
  const outcome = sequencer.submit('s-desk', 'desk', [
    update(1, 'lifting.flight', 'B', 1),
    update(2, 'lifting.flight', 'C', 1),
    update(3, NAME, 'lost', 0),
    update(4, NAME, 'seen it', 1),
  ]);
  assert.deepEqual(outcome.acks, [
    { localSeqNum: 1, serverSeqNum: 2 },
    { localSeqNum: 2, serverSeqNum: 3 },
    { localSeqNum: 4, serverSeqNum: 4 },
  ]);
  assert.deepEqual(outcome.rejected, [{ localSeqNum: 3, conflict: true, reason: 'conflict' }]);
  // The winner is the key's current entry once the whole batch is judged.
  assert.deepEqual(outcome.winners, [entry(4, 'desk', NAME, 'seen it')]);
});

test('several updates losing on one key report its winner once', () => {
  const sequencer = withFirst('director', 'A');
  const outcome = sequencer.submit('s-desk', 'desk', [
    update(1, NAME, 'B', 0),
    update(2, NAME, 'C', 0),
  ]);
  assert.equal(outcome.rejected.length, 2);
  assert.deepEqual(outcome.winners, [entry(1, 'director', NAME, 'A')]);
});

test('a re-sent batch gets the same acks and rejections and appends nothing', () => {
  const sequencer = withFirst('director', 'A');
  const batch = [update(1, 'lifting.flight', 'B', 0), update(2, NAME, 'lost', 0)];
  const first = sequencer.submit('s-desk', 'desk', batch);
  const again = sequencer.submit('s-desk', 'desk', batch);
  assert.deepEqual(again.acks, first.acks);
  assert.deepEqual(again.rejected, first.rejected);
  assert.deepEqual(again.winners, first.winners);
  assert.deepEqual(again.appended, []);
  assert.equal(sequencer.head, 2);
  // Another session's localSeqNum 1 is a different update.
  const other = sequencer.submit('s-other', 'desk', [update(1, 'lifting.flight', 'C', 2)]);
  assert.deepEqual(other.acks, [{ localSeqNum: 1, serverSeqNum: 3 }]);
});

test('a re-send stays rejected even after the log has moved on', () => {
  const sequencer = withFirst('director', 'A');
  const lost = update(5, NAME, 'B', 0);
  const first = sequencer.submit('s-desk', 'desk', [lost]);
  sequencer.submit('s-dir', 'director', [update(2, NAME, 'C', 1)]);
  const again = sequencer.submit('s-desk', 'desk', [lost]);
  assert.deepEqual(again.rejected, first.rejected);
  assert.deepEqual(again.appended, []);
  // The winner reported is the key's current entry, the one the client should now show.
  assert.deepEqual(again.winners, [entry(2, 'director', NAME, 'C')]);
});

test('a localSeqNum repeated inside one batch is acked twice with one entry', () => {
  const sequencer = new MeetSequencer(ENDPOINTS);
  const outcome = sequencer.submit('s', 'desk', [update(1, NAME, 'A', 0), update(1, NAME, 'A', 0)]);
  assert.deepEqual(outcome.acks, [
    { localSeqNum: 1, serverSeqNum: 1 },
    { localSeqNum: 1, serverSeqNum: 1 },
  ]);
  assert.equal(outcome.appended.length, 1);
});

test('idempotency survives a reload: it is rebuilt from the log’s session fields', () => {
  const original = new MeetSequencer(ENDPOINTS);
  const persisted: StoredUpdate[] = [];
  persisted.push(...original.submit('s-desk', 'desk', [update(10, NAME, 'A', 0)]).appended);
  persisted.push(...original.submit('s-pl', 'platform', [update(3, 'lifting.day', 2, 1)]).appended);
  persisted.push(entry(3, 'desk', 'recovered.key', true));
  const reloaded = new MeetSequencer(ENDPOINTS, persisted);
  assert.equal(reloaded.head, 3);
  const resend = reloaded.submit('s-desk', 'desk', [update(10, NAME, 'A', 0)]);
  assert.deepEqual(resend.acks, [{ localSeqNum: 10, serverSeqNum: 1 }]);
  assert.deepEqual(resend.appended, []);
  const resendPlatform = reloaded.submit('s-pl', 'platform', [update(3, 'lifting.day', 2, 1)]);
  assert.deepEqual(resendPlatform.acks, [{ localSeqNum: 3, serverSeqNum: 2 }]);
  const fresh = reloaded.submit('s-desk', 'desk', [update(11, NAME, 'B', 3)]);
  assert.deepEqual(fresh.acks, [{ localSeqNum: 11, serverSeqNum: 4 }]);
  // Conflicts are judged against the loaded log too.
  const lost = reloaded.submit('s-w', 'weighin', [update(1, 'lifting.day', 3, 0)]);
  assert.deepEqual(lost.winners, [entry(2, 'platform', 'lifting.day', 2)]);
});

test('a log that is not numbered 1..n without gaps is refused at construction', () => {
  const e = (n: number): StoredUpdate => entry(n, 'desk', 'k', n);
  assert.throws(() => new MeetSequencer(ENDPOINTS, [e(2)]), /gap-free/);
  assert.throws(() => new MeetSequencer(ENDPOINTS, [e(1), e(3)]), /gap-free/);
  assert.throws(() => new MeetSequencer(ENDPOINTS, [e(1), e(1)]), /gap-free/);
  assert.throws(() => new MeetSequencer(ENDPOINTS, [e(0)]), /gap-free/);
  assert.equal(new MeetSequencer(ENDPOINTS, [e(1), e(2)]).head, 2);
  assert.throws(
    () => new MeetSequencer([...ENDPOINTS, { locationName: 'desk', priority: 9 }]),
    /duplicate location/,
  );
});

test('a location that is not an endpoint has every update rejected, not as a conflict', () => {
  const sequencer = new MeetSequencer(ENDPOINTS);
  const outcome = sequencer.submit('s', 'lobby', [update(1, NAME, 'A', 0), update(2, 'x', 1, 0)]);
  assert.deepEqual(outcome.rejected, [
    { localSeqNum: 1, conflict: false, reason: 'invalid locationName' },
    { localSeqNum: 2, conflict: false, reason: 'invalid locationName' },
  ]);
  assert.deepEqual(outcome.acks, []);
  assert.equal(sequencer.head, 0);
});

test('a key that does not parse is rejected with the parser’s reason', () => {
  const sequencer = new MeetSequencer(ENDPOINTS);
  const outcome = sequencer.submit('s', 'desk', [
    update(1, '__proto__.polluted', true, 0),
    update(2, 'a[999999999]', 1, 0),
    update(3, NAME, 'ok', 0),
  ]);
  assert.equal(outcome.rejected.length, 2);
  assert.match(outcome.rejected[0]?.reason ?? '', /^invalid updateKey: forbidden/);
  assert.match(outcome.rejected[1]?.reason ?? '', /^invalid updateKey: array index above/);
  assert.equal(outcome.rejected[0]?.conflict, false);
  assert.deepEqual(outcome.acks, [{ localSeqNum: 3, serverSeqNum: 1 }]);
});

test('afterServerSeqNum beyond head is judged against the whole log', () => {
  const lower = withFirst('platform', 'A').submit('s-desk', 'desk', [update(1, NAME, 'B', 50)]);
  assert.equal(lower.rejected[0]?.conflict, true);
  const higher = withFirst('platform', 'A').submit('s-d', 'director', [update(1, NAME, 'B', 50)]);
  assert.equal(higher.overruled, 1);
  const otherKey = withFirst('platform', 'A').submit('s-desk', 'desk', [update(1, 'x', 'B', 50)]);
  assert.equal(otherKey.appended.length, 1);
});

test('currentValue and priorityOf', () => {
  const sequencer = withFirst('desk', 'A');
  sequencer.submit('s-desk', 'desk', [update(2, NAME, 'B', 1)]);
  assert.deepEqual(sequencer.currentValue(NAME), entry(2, 'desk', NAME, 'B'));
  assert.equal(sequencer.currentValue('nothing.here'), undefined);
  assert.equal(sequencer.priorityOf('director'), 3);
  assert.equal(sequencer.priorityOf('lobby'), undefined);
});

test('recover appends what continues the log, ignores what it has, stops at a gap', () => {
  const sequencer = withFirst('desk', 'A');
  const held = [
    entry(3, 'platform', 'lifting.flight', 'B'),
    entry(1, 'desk', NAME, 'different, but already present'),
    entry(2, 'desk', NAME, 'B'),
    entry(5, 'desk', NAME, 'after a gap'),
  ];
  const appended = sequencer.recover(held);
  assert.deepEqual(appended, [held[2], held[0]]);
  assert.equal(sequencer.head, 3);
  assert.deepEqual(
    sequencer.entriesAfter(0).map((e) => e.updateValue),
    ['A', 'B', 'B'],
  );
  // A second client with the same entries adds nothing; one that has more continues the log.
  assert.deepEqual(sequencer.recover(held), []);
  assert.deepEqual(sequencer.recover([entry(4, 'director', NAME, 'D'), held[3]!]), [
    entry(4, 'director', NAME, 'D'),
    held[3],
  ]);
  // Numbering goes on from the recovered head.
  const next = sequencer.submit('s-dir', 'director', [update(1, 'x', 1, 5)]);
  assert.deepEqual(next.acks, [{ localSeqNum: 1, serverSeqNum: 6 }]);
});

test('recover ignores entries from unknown locations or with bad keys, and copies no extras', () => {
  const sequencer = new MeetSequencer(ENDPOINTS);
  const stranger = entry(1, 'lobby', NAME, 'X');
  const badKey = entry(1, 'desk', 'constructor.prototype', 'X');
  const good = { ...entry(1, 'desk', NAME, 'A'), sessionId: 'leak', extra: 1 };
  assert.deepEqual(sequencer.recover([stranger, badKey, good]), [entry(1, 'desk', NAME, 'A')]);
  // After an ignored entry, what follows it cannot keep its number: recovery stops there.
  assert.deepEqual(sequencer.recover([entry(2, 'lobby', NAME, 'X'), entry(3, 'desk', 'y', 1)]), []);
  assert.equal(sequencer.head, 1);
  assert.deepEqual(sequencer.entriesAfter(0), [entry(1, 'desk', NAME, 'A')]);
});

test('recovered entries take part in later conflicts', () => {
  const sequencer = new MeetSequencer(ENDPOINTS);
  sequencer.recover([entry(1, 'director', NAME, 'D')]);
  const outcome = sequencer.submit('s-desk', 'desk', [update(1, NAME, 'K', 0)]);
  assert.deepEqual(outcome.winners, [entry(1, 'director', NAME, 'D')]);
});
