// The chat app's small pure parts: content rules, message ids, the typing tracker's expiry on
// an injected clock, the live message feed's coverage, and the group-commit writer's batching
// and ordering (acknowledge, then publish, in id order).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { MessageFeed } from '../../../src/apps/chat/message-feed.ts';
import { MessageWriter } from '../../../src/apps/chat/message-writer.ts';
import type {
  InsertOutcome,
  MessageRecord,
  NewMessageInput,
} from '../../../src/apps/chat/store.ts';
import { TypingTracker } from '../../../src/apps/chat/typing-tracker.ts';
import { checkContent, checkLabel, MAX_CONTENT_CHARS } from '../../../src/protocol/chat/content.ts';
import { formatMessageId, parseMessageId } from '../../../src/protocol/chat/message-id.ts';

test('content: stripped, counted in characters, refused when blank or too long', () => {
  assert.deepEqual(checkContent('a\r\nb\rc\u0000\u009f\t😀'), { ok: true, content: 'a\nb\nc\t😀' });
  assert.deepEqual(checkContent(' \n\u0007'), { ok: false, error: 'empty' });
  assert.deepEqual(checkContent('é'.repeat(MAX_CONTENT_CHARS)).ok, true);
  assert.deepEqual(
    checkContent('😀'.repeat(MAX_CONTENT_CHARS)).ok,
    true,
    'code points, not UTF-16 units',
  );
  assert.deepEqual(checkContent('x'.repeat(MAX_CONTENT_CHARS + 1)), {
    ok: false,
    error: 'too_long',
  });
  assert.equal(
    checkContent(`${'x'.repeat(MAX_CONTENT_CHARS)}\u0000\u0000`).ok,
    true,
    'after stripping',
  );
  assert.equal(checkLabel('  Team  ', 10), 'Team');
  assert.equal(checkLabel('a\u0000b', 10), undefined);
  assert.equal(checkLabel('x'.repeat(11), 10), undefined);
});

test('message ids: 20 digits that sort like the numbers they stand for', () => {
  assert.equal(formatMessageId(42), '00000000000000000042');
  assert.equal(parseMessageId('00000000000000000042'), 42);
  assert.equal(parseMessageId('42'), 42);
  for (const bad of ['', '-1', '1.5', 'x', '1'.repeat(21), '99999999999999999999']) {
    assert.equal(parseMessageId(bad), undefined, bad);
  }
  fc.assert(
    fc.property(fc.nat(), fc.nat(), (a, b) => {
      const [left, right] = [formatMessageId(a), formatMessageId(b)];
      assert.equal(left < right, a < b);
      assert.equal(parseMessageId(left), a);
    }),
  );
});

test('typing: expiry from the last start, stop, per-connection stop, expiry order', () => {
  const tracker = new TypingTracker(5000);
  assert.equal(tracker.start('r1', 'ann', 'c1', 0), true);
  assert.equal(tracker.start('r1', 'bob', 'c2', 1000), true);
  assert.equal(tracker.start('r1', 'ann', 'c1', 2000), false, 'a refresh');
  assert.equal(tracker.nextExpiry(), 6000, "Bob's runs out first now");
  assert.deepEqual(tracker.expire(5999), []);
  assert.deepEqual(
    tracker.expire(6000).map((entry) => entry.userId),
    ['bob'],
  );
  assert.equal(tracker.isTyping('r1', 'ann'), true);
  tracker.start('r2', 'ann', 'c3', 2500);
  assert.deepEqual(
    tracker.stopConnection('c1').map((entry) => entry.roomId),
    ['r1'],
  );
  assert.equal(tracker.stop('r2', 'ann'), true);
  assert.equal(tracker.stop('r2', 'ann'), false);
  assert.equal(tracker.size, 0);
  assert.equal(tracker.nextExpiry(), undefined);
});

function record(id: number, roomId = 'r'): MessageRecord {
  return { id, roomId, creatorId: 'u', content: `m${id}`, clientMessageId: `c${id}`, createdAt: 0 };
}

test('feed: knows what was published after a point, and says when it no longer does', () => {
  const feed = new MessageFeed(10, { maxEntries: 3 });
  assert.deepEqual(feed.between(10, 10), []);
  assert.throws(() => {
    feed.append({ message: record(10), frame: 'x' });
  });
  for (const id of [11, 12, 13, 14]) feed.append({ message: record(id), frame: `f${id}` });
  assert.equal(feed.head, 14);
  assert.deepEqual(
    feed.between(11, 13)?.map((entry) => entry.message.id),
    [12, 13],
  );
  assert.equal(feed.between(10, 14), undefined, '11 fell out: coverage lost');
  assert.deepEqual(feed.between(14, 14), []);
  const bytes = new MessageFeed(0, { maxChars: 10 });
  bytes.append({ message: record(1), frame: 'x'.repeat(8) });
  bytes.append({ message: record(2), frame: 'x'.repeat(8) });
  assert.equal(bytes.between(0, 2), undefined);
  assert.deepEqual(
    bytes.between(1, 2)?.map((entry) => entry.message.id),
    [2],
  );
});

test('writer: one commit per turn; each sender acknowledged before its message is published', async () => {
  const batches: number[] = [];
  const events: string[] = [];
  let next = 1;
  const writer = new MessageWriter({
    insert: (batch: readonly NewMessageInput[]) => {
      batches.push(batch.length);
      return Promise.resolve(
        batch.map((input): InsertOutcome => ({
          kind: 'created',
          message: { ...input, id: next++ },
        })),
      );
    },
    publish: (message) => events.push(`publish ${message.id}`),
  });
  const input = (content: string): NewMessageInput => ({
    roomId: 'r',
    creatorId: 'u',
    content,
    clientMessageId: content,
    createdAt: 0,
  });
  const first = [1, 2, 3].map((index) =>
    writer.submit(input(`a${index}`), (outcome) => {
      events.push(`ack ${outcome.kind === 'created' ? outcome.message.id : 0}`);
    }),
  );
  await Promise.all(first);
  await writer.submit(input('b'));
  await writer.idle();
  assert.deepEqual(batches, [3, 1]);
  assert.deepEqual(events, [
    'ack 1',
    'publish 1',
    'ack 2',
    'publish 2',
    'ack 3',
    'publish 3',
    'publish 4',
  ]);

  const failing = new MessageWriter({
    insert: () => Promise.reject(new Error('disk full')),
    publish: () => assert.fail('nothing is published'),
  });
  await assert.rejects(failing.submit(input('x')), /disk full/);
});
