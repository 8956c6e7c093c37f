// The chat client's pure parts on their own: the sync tracker (what is released when, and the
// resume point), the outbox's order and retries, the typing throttle on a fake clock, frame
// parsing, ids, and the persisted snapshot's format.

import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import type { WireMessage } from '../../../src/protocol/chat/messages.ts';
import { compareMessageIds, normalizeMessageId } from '../../../src/client/chat/message-ids.ts';
import { Outbox, type OutboxEntry } from '../../../src/client/chat/outbox.ts';
import {
  decodeChatSnapshot,
  encodeChatSnapshot,
  MemoryChatPersistence,
  PERSISTED_CHAT_FORMAT,
  type PersistedChat,
} from '../../../src/client/chat/persistence.ts';
import { RemoteTyping } from '../../../src/client/chat/remote-typing.ts';
import { isPongFrame, parseServerFrame } from '../../../src/client/chat/server-frames.ts';
import { SyncTracker } from '../../../src/client/chat/sync-tracker.ts';
import { TypingThrottle } from '../../../src/client/chat/typing-throttle.ts';

const id = (n: number) => String(n).padStart(20, '0');

function message(n: number, roomId = 'r'): WireMessage {
  return {
    id: id(n),
    room_id: roomId,
    creator_id: 'u',
    content: `m${n}`,
    client_message_id: `c${n}`,
    created_at: '2026-01-15T10:30:00.000Z',
  };
}

const numbers = (messages: readonly WireMessage[]) => messages.map((m) => Number(m.id));

test('sync tracker: pages are released as covered, live messages after the last page', () => {
  const tracker = new SyncTracker({ resumeFrom: id(10), dedupeCapacity: 100 });
  tracker.connectionStarted();
  assert.deepEqual(tracker.received(message(11)), []);
  assert.deepEqual(tracker.received(message(12)), []);
  assert.deepEqual(numbers(tracker.pageComplete(id(12), true)), [11, 12]);
  assert.equal(tracker.resumeFrom, id(12));
  // A live message (above the recovery range) arrives before the next page.
  assert.deepEqual(tracker.received(message(40)), []);
  assert.deepEqual(tracker.received(message(13)), []);
  assert.deepEqual(numbers(tracker.pageComplete(id(13), true)), [13]);
  assert.equal(tracker.resumeFrom, id(13), 'not past the live message yet');
  assert.deepEqual(tracker.received(message(14)), []);
  assert.deepEqual(numbers(tracker.pageComplete(id(30), false)), [14, 40]);
  assert.equal(tracker.synced, true);
  assert.equal(tracker.resumeFrom, id(40));
  assert.deepEqual(numbers(tracker.received(message(41))), [41]);
  assert.deepEqual(tracker.received(message(41)), [], 'a repeat is dropped');
  assert.equal(tracker.resumeFrom, id(41));
});

test('sync tracker: a lost connection drops what it held; the resume point stays covered', () => {
  const tracker = new SyncTracker({ resumeFrom: null, dedupeCapacity: 100 });
  tracker.connectionStarted();
  tracker.received(message(1));
  tracker.pageComplete(id(1), true);
  tracker.received(message(9)); // live, held
  tracker.connectionLost();
  assert.equal(tracker.resumeFrom, id(1));
  tracker.connectionStarted();
  tracker.received(message(2));
  tracker.received(message(9));
  assert.deepEqual(numbers(tracker.pageComplete(id(9), false)), [2, 9]);
  // The server's position may pass every id received (rooms the user is not in).
  tracker.connectionStarted();
  assert.deepEqual(tracker.pageComplete(id(20), false), []);
  assert.equal(tracker.resumeFrom, id(20));
  tracker.resumeAtLeast(id(15));
  assert.equal(tracker.resumeFrom, id(20));
  tracker.resumeAtLeast(id(25));
  assert.equal(tracker.resumeFrom, id(25));
});

function entry(n: number): OutboxEntry {
  return { clientMessageId: `c${n}`, roomId: 'r', content: `m${n}`, createdAt: 'now' };
}

test('outbox: in order, within the window, waiting entries hold the ones behind', () => {
  const outbox = new Outbox();
  for (const n of [1, 2, 3, 4]) outbox.add(entry(n));
  assert.equal(outbox.add(entry(1)), false);
  const ids = (entries: readonly OutboxEntry[]) => entries.map((e) => e.clientMessageId);
  assert.deepEqual(ids(outbox.sendable(0, 2)), ['c1', 'c2']);
  outbox.markSending('c1');
  outbox.markSending('c2');
  assert.equal(outbox.inFlight, 2);
  outbox.retryLater('c2', 100);
  assert.deepEqual(ids(outbox.sendable(50, 10)), [], 'c2 waits, and c3 behind it');
  assert.equal(outbox.nextRetryAt(50), 100);
  assert.deepEqual(ids(outbox.sendable(100, 10)), ['c2', 'c3', 'c4']);
  outbox.remove('c1');
  outbox.requeueInFlight();
  assert.equal(outbox.inFlight, 0);
  const restored = outbox.restore([entry(0), entry(3)]);
  assert.deepEqual(ids(restored), ['c0']);
  assert.deepEqual(ids(outbox.entries), ['c0', 'c2', 'c3', 'c4']);
});

test('typing throttle: one start per window, a stop when idle, a new start after a stop', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    let now = 0;
    const frames: string[] = [];
    let online = true;
    const throttle = new TypingThrottle(
      { throttleMs: 3000, idleMs: 2000, now: () => now },
      {
        start: (roomId) => {
          if (online) frames.push(`start ${roomId}`);
          return online;
        },
        stop: (roomId) => frames.push(`stop ${roomId}`),
      },
    );
    for (; now < 2900; now += 100) throttle.typing('a');
    assert.deepEqual(frames, ['start a']);
    // Keystrokes keep the indicator alive: a fresh start once the window has passed.
    mock.timers.tick(1900);
    now = 3000;
    throttle.typing('a');
    throttle.typing('b');
    assert.deepEqual(frames, ['start a', 'start a', 'start b']);
    mock.timers.tick(2000);
    assert.deepEqual(frames.slice(3), ['stop a', 'stop b']);
    now = 3100;
    throttle.typing('a');
    assert.equal(frames.at(-1), 'start a', 'no wait after a stop');
    throttle.ended('a');
    mock.timers.tick(5000);
    assert.equal(frames.at(-1), 'start a', 'ended by a message: no stop');
    online = false;
    throttle.typing('c');
    mock.timers.tick(5000);
    assert.equal(frames.at(-1), 'start a', 'offline: nothing, and nothing to stop');
  } finally {
    mock.timers.reset();
  }
});

test('remote typing: changes only, and a lost stop expires', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const expired: string[] = [];
    const typing = new RemoteTyping(8000, (change) => expired.push(change.userId));
    assert.equal(typing.start('r', 'bob'), true);
    assert.equal(typing.start('r', 'bob'), false);
    mock.timers.tick(7000);
    assert.equal(typing.start('r', 'bob'), false, 'extends the expiry');
    mock.timers.tick(7000);
    assert.deepEqual(expired, []);
    mock.timers.tick(1000);
    assert.deepEqual(expired, ['bob']);
    assert.deepEqual(typing.users('r'), []);
    typing.start('r', 'ann');
    typing.start('s', 'ann');
    assert.deepEqual(
      typing.clear().map((change) => change.roomId),
      ['r', 's'],
    );
  } finally {
    mock.timers.reset();
  }
});

test('server frames: checked, ids normalised, unknown types skipped', () => {
  const parsed = parseServerFrame(
    JSON.stringify({
      type: 'MessageDelivered',
      data: { client_message_id: 'c', message_id: '42' },
    }),
  );
  assert.ok(parsed.kind === 'message' && parsed.message.type === 'MessageDelivered');
  assert.deepEqual(parsed.message.data, {
    client_message_id: 'c',
    message_id: id(42),
  });
  assert.equal(parseServerFrame('{"type":"Frobnicate"}').kind, 'unknown');
  assert.equal(parseServerFrame('{"type":"Pong"}').kind, 'message');
  for (const bad of [
    'not json',
    '[]',
    '{"type":"SyncComplete","data":{"last_message_id":"x","has_more":false}}',
    '{"type":"NewMessage","data":{"message":{"id":"1"}}}',
    '{"type":"PresenceUpdate","data":{"room_id":"r","online_users":[1]}}',
  ]) {
    assert.equal(parseServerFrame(bad).kind, 'invalid', bad);
  }
  assert.equal(parseServerFrame(new ArrayBuffer(1)).kind, 'invalid');
  assert.equal(isPongFrame('{"type":"Pong"}'), true);
  assert.equal(isPongFrame('{"type":"Error","data":{"code":"x","message":"Pong"}}'), false);
});

test('message ids: normalised to 20 digits, compared as strings', () => {
  assert.equal(normalizeMessageId('42'), id(42));
  assert.equal(normalizeMessageId('x'), undefined);
  assert.equal(normalizeMessageId('1'.repeat(21)), undefined);
  assert.ok(compareMessageIds(id(9), id(10)) < 0);
});

test('persisted snapshot: round trip, unknown formats and bad shapes refused', async () => {
  const snapshot: PersistedChat = {
    format: PERSISTED_CHAT_FORMAT,
    lastSeenMessageId: id(7),
    outbox: [entry(1)],
  };
  assert.deepEqual(decodeChatSnapshot(encodeChatSnapshot(snapshot)), snapshot);
  assert.equal(
    decodeChatSnapshot('{"format":1,"lastSeenMessageId":"7","outbox":[]}').lastSeenMessageId,
    id(7),
  );
  assert.throws(() => decodeChatSnapshot('{"format":2,"lastSeenMessageId":null,"outbox":[]}'));
  assert.throws(() => decodeChatSnapshot('{"format":1,"lastSeenMessageId":5,"outbox":[]}'));
  assert.throws(() => decodeChatSnapshot('{"format":1,"lastSeenMessageId":null,"outbox":[{}]}'));
  const memory = new MemoryChatPersistence();
  assert.equal(await memory.load(), undefined);
  await memory.save(snapshot);
  assert.deepEqual(await memory.load(), snapshot);
  await memory.clear();
  assert.equal(await memory.load(), undefined);
});
