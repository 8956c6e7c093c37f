// The client's frames, alone: UPDATE_INIT batches within the protocol's count and a byte budget
// (and accepted by the server's own schema), RECOVERY_UPDATES cut to one frame, the limits
// repeated from protocol/ agreeing with it, and the checks on what the server sends.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  OPENLIFTER_LIMITS,
  recoveryUpdatesSchema,
  updateInitSchema,
} from '../../../src/protocol/openlifter/messages.ts';
import {
  MAX_RECOVERY_BYTES,
  MAX_RECOVERY_UPDATES,
  MAX_UPDATES_PER_BATCH,
  recoveryFrame,
  updateBatches,
} from '../../../src/client/openlifter/outgoing-frames.ts';
import type { PendingUpdate } from '../../../src/client/openlifter/meet-replica.ts';
import { decodeServerFrame } from '../../../src/client/openlifter/server-frames.ts';

function pending(count: number, value: unknown = 1): PendingUpdate[] {
  return Array.from({ length: count }, (_, index) => ({
    localSeqNum: index + 1,
    updateKey: `registration.entries[${index % 100}].lot`,
    updateValue: value,
    afterServerSeqNum: 7,
  }));
}

test('the limits repeated in the client agree with the protocol', () => {
  assert.equal(MAX_UPDATES_PER_BATCH, OPENLIFTER_LIMITS.maxUpdatesPerBatch);
  assert.equal(MAX_RECOVERY_UPDATES, OPENLIFTER_LIMITS.maxUpdatesPerBatch * 100);
});

test('UPDATE_INIT batches hold at most the protocol count, in order, and pass the server schema', () => {
  const batches = updateBatches('token', pending(2500));
  assert.deepEqual(
    batches.map((batch) => batch.updates.length),
    [1000, 1000, 500],
  );
  const numbers = batches.flatMap((batch) => batch.updates.map((update) => update.localSeqNum));
  assert.deepEqual(
    numbers,
    Array.from({ length: 2500 }, (_, index) => index + 1),
  );
  for (const batch of batches) {
    const parsed = updateInitSchema.parse(JSON.parse(batch.frame));
    assert.equal(parsed.sessionToken, 'token');
    assert.deepEqual(parsed.updates, batch.updates);
  }
  assert.deepEqual(updateBatches('token', []), []);
});

test('UPDATE_INIT batches stay under the byte budget; an oversized edit travels alone', () => {
  const big = 'é'.repeat(10_000); // 20 000 UTF-8 bytes
  const batches = updateBatches('token', pending(10, big), 50_000);
  assert.deepEqual(
    batches.map((batch) => batch.updates.length),
    [2, 2, 2, 2, 2],
  );
  for (const batch of batches) {
    assert.ok(new TextEncoder().encode(batch.frame).length <= 50_000);
  }
  assert.deepEqual(
    updateBatches('token', pending(3, big), 1000).map((batch) => batch.updates.length),
    [1, 1, 1],
  );
});

test('RECOVERY_UPDATES carries the whole log when it fits, else its longest prefix that does', () => {
  const entries = Array.from({ length: 5 }, (_, index) => ({
    updateKey: `meet.f${index}`,
    updateValue: index,
    serverSeqNum: index + 3,
    locationName: 'desk',
  }));
  const whole = recoveryFrame('token', 7, entries);
  assert.equal(whole.complete, true);
  const parsed = recoveryUpdatesSchema.parse(JSON.parse(whole.frame));
  assert.equal(parsed.lastServerSeq, 7);
  assert.deepEqual(parsed.updates, entries);

  const huge = 'x'.repeat(MAX_RECOVERY_BYTES / 3);
  const cut = recoveryFrame(
    'token',
    7,
    entries.map((entry) => ({ ...entry, updateValue: huge })),
  );
  assert.equal(cut.complete, false);
  assert.equal((JSON.parse(cut.frame) as { updates: unknown[] }).updates.length, 2);
});

test('server frames are checked: known types with their fields, unknown fields dropped', () => {
  const relay = {
    msgType: 'UPDATE_RELAY',
    updatesRelayed: [
      { updateKey: 'a', updateValue: null, serverSeqNum: 1, locationName: 'desk', extra: 1 },
    ],
    extra: true,
  };
  assert.deepEqual(decodeServerFrame(JSON.stringify(relay)), {
    ok: true,
    message: {
      msgType: 'UPDATE_RELAY',
      updatesRelayed: [
        { updateKey: 'a', updateValue: null, serverSeqNum: 1, locationName: 'desk' },
      ],
    },
  });
  const valid = [
    { msgType: 'MEET_CREATED', meetId: '123456789', sessionToken: 't' },
    { msgType: 'MEET_JOINED', meetId: '123456789', sessionToken: 't', lastServerSeq: 0 },
    { msgType: 'CREATE_REJECTED', reason: 'weak password' },
    { msgType: 'JOIN_REJECTED', reason: 'too many attempts' },
    { msgType: 'UPDATE_ACK', updateAcks: [{ localSeqNum: 1, serverSeqNum: 4 }] },
    {
      msgType: 'UPDATE_REJECTED',
      updatesRejected: [{ localSeqNum: 1, conflict: true, reason: 'conflict' }],
    },
    { msgType: 'SERVER_PULL', lastServerSeq: 0, updatesRelayed: [] },
    { msgType: 'PUBLISH_ACK', meetId: '123456789' },
    { msgType: 'RECOVERY_REQUEST', lastServerSeq: 2 },
    { msgType: 'MALFORMED_MESSAGE', errMsg: 'not valid JSON' },
    { msgType: 'UNKNOWN_MESSAGE_TYPE', unknownMsgType: 'HELLO' },
    { msgType: 'INVALID_SESSION', sessionToken: 't' },
    { msgType: 'RATE_LIMITED', retryAfterMs: 100 },
  ];
  for (const message of valid) {
    assert.deepEqual(decodeServerFrame(JSON.stringify(message)), { ok: true, message });
  }
  const invalid = [
    'not json',
    '[]',
    '{"msgType":"HELLO"}',
    '{"msgType":"UPDATE_ACK","updateAcks":[{"localSeqNum":1,"serverSeqNum":0}]}',
    '{"msgType":"UPDATE_ACK","updateAcks":[{"localSeqNum":1,"serverSeqNum":1},"x"]}',
    '{"msgType":"UPDATE_RELAY","updatesRelayed":[{"updateKey":"a","serverSeqNum":1,"locationName":"d"}]}',
    '{"msgType":"SERVER_PULL","lastServerSeq":-1,"updatesRelayed":[]}',
    '{"msgType":"MEET_JOINED","meetId":"1","sessionToken":"t"}',
    '{"msgType":"RATE_LIMITED","retryAfterMs":"soon"}',
  ];
  for (const text of invalid) assert.equal(decodeServerFrame(text).ok, false, text);
  assert.equal(decodeServerFrame(new ArrayBuffer(2)).ok, false);
});
