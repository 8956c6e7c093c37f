// The updates.json.log format: round trip, torn last lines (unterminated, garbage, cut inside a
// multi-byte character) dropped with the byte count to keep, and corruption before the end or a
// sequence gap reported with the meet and line.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  LogCorruptionError,
  parseUpdateLog,
  serializeStoredUpdate,
} from '../../../src/apps/openlifter/json-lines.ts';
import type { StoredUpdate } from '../../../src/apps/openlifter/store.ts';

const MEET = '123456789';

function update(serverSeqNum: number, extra: Partial<StoredUpdate> = {}): StoredUpdate {
  return {
    updateKey: `registration.entries[${serverSeqNum}].name`,
    updateValue: { name: `Lifter ${serverSeqNum}`, kg: [100.5, null] },
    serverSeqNum,
    locationName: 'Desk',
    ...extra,
  };
}

function log(updates: readonly StoredUpdate[]): string {
  return updates.map((entry) => `${serializeStoredUpdate(entry)}\n`).join('');
}

test('serialized updates parse back to the same entries', () => {
  const updates = [update(1, { sessionId: 's1', localSeqNum: 7 }), update(2), update(3)];
  const text = log(updates);
  const parsed = parseUpdateLog(MEET, text);
  assert.deepEqual(parsed.updates, updates);
  assert.equal(parsed.tornTail, undefined);
  assert.equal(parsed.goodBytes, Buffer.byteLength(text));
});

test('undefined optional fields are left out of the line', () => {
  const line = serializeStoredUpdate({
    ...update(1),
    sessionId: undefined,
    localSeqNum: undefined,
  });
  assert.doesNotMatch(line, /sessionId|localSeqNum/);
  assert.doesNotMatch(line, /\n/);
});

test('an empty log is empty', () => {
  assert.deepEqual(parseUpdateLog(MEET, ''), { updates: [], goodBytes: 0, tornTail: undefined });
});

test('an unterminated last line is torn, even if it happens to be valid JSON', () => {
  const good = log([update(1), update(2)]);
  for (const tail of [serializeStoredUpdate(update(3)), '{"updateKey":"x","upd', '\0\0\0']) {
    const parsed = parseUpdateLog(MEET, good + tail);
    assert.equal(parsed.updates.length, 2);
    assert.equal(parsed.goodBytes, Buffer.byteLength(good));
    assert.deepEqual(parsed.tornTail, { line: 3, bytes: Buffer.byteLength(tail) });
  }
});

test('a terminated last line that is not JSON (zeros after a crash) is torn too', () => {
  const good = log([update(1)]);
  const parsed = parseUpdateLog(MEET, `${good}\0\0\0\0\n`);
  assert.equal(parsed.updates.length, 1);
  assert.deepEqual(parsed.tornTail, { line: 2, bytes: 5 });
});

test('a line cut inside a multi-byte character is torn and counted in bytes', () => {
  const good = log([update(1, { updateValue: 'Zoë Ødegård 💪' })]);
  const whole = Buffer.from(serializeStoredUpdate(update(2, { updateValue: '💪💪' })), 'utf8');
  const cut = whole.subarray(0, whole.indexOf(Buffer.from('💪')) + 2);
  const bytes = Buffer.concat([Buffer.from(good), cut]);
  const parsed = parseUpdateLog(MEET, bytes);
  assert.equal(parsed.updates.length, 1);
  assert.equal(parsed.updates[0]?.updateValue, 'Zoë Ødegård 💪');
  assert.equal(parsed.goodBytes, Buffer.byteLength(good));
  assert.equal(parsed.tornTail?.bytes, cut.length);
});

test('a bad line before the last one is corruption, naming the meet and line', () => {
  const text = `${log([update(1)])}{"garbage"\n${log([update(2)])}`;
  assert.throws(
    () => parseUpdateLog(MEET, text),
    (error: unknown) => {
      assert.ok(error instanceof LogCorruptionError);
      assert.equal(error.meetId, MEET);
      assert.equal(error.line, 2);
      assert.match(error.message, /meet 123456789: updates\.json\.log line 2: not JSON/);
      return true;
    },
  );
});

test('an empty line in the middle is corruption', () => {
  assert.throws(() => parseUpdateLog(MEET, `${log([update(1)])}\n${log([update(2)])}`), {
    name: 'LogCorruptionError',
    line: 2,
  });
});

test('a complete last line that is JSON but not an update is corruption, not a torn write', () => {
  assert.throws(() => parseUpdateLog(MEET, `${log([update(1)])}{"serverSeqNum":2}\n`), {
    name: 'LogCorruptionError',
    line: 2,
  });
});

test('entries are validated: missing updateValue, bad types, seq 0', () => {
  const bad = [
    { updateKey: 'k', serverSeqNum: 1, locationName: 'Desk' },
    { updateKey: 'k', updateValue: 1, serverSeqNum: '1', locationName: 'Desk' },
    { updateKey: 'k', updateValue: 1, serverSeqNum: 0, locationName: 'Desk' },
    { updateKey: '', updateValue: 1, serverSeqNum: 1, locationName: 'Desk' },
  ];
  for (const entry of bad) {
    assert.throws(() => parseUpdateLog(MEET, `${JSON.stringify(entry)}\n`), LogCorruptionError);
  }
});

test('a gap, a repeat or a wrong start in serverSeqNum is corruption naming the seq', () => {
  const cases: [number[], RegExp][] = [
    [[1, 2, 4], /line 3: serverSeqNum 4 where 3 was expected/],
    [[1, 2, 2], /line 3: serverSeqNum 2 where 3 was expected/],
    [[2, 3], /line 1: serverSeqNum 2 where 1 was expected/],
  ];
  for (const [seqs, message] of cases) {
    const text = seqs.map((seq) => `${serializeStoredUpdate(update(seq))}\n`).join('');
    assert.throws(() => parseUpdateLog(MEET, text), message);
  }
});
