// The two orderings the cluster fan-out keeps, on their own: a message read back from the store
// waits for this node's own commit in flight (its sender gets MessageDelivered first), and a
// message committed under a room membership this node has not applied yet waits, with every
// later one, until the room is read and applied.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClusterFeed } from '../../../src/apps/chat/cluster-feed.ts';
import { ClusterMembership } from '../../../src/apps/chat/cluster-membership.ts';
import type { MessageRecord, RoomRecord } from '../../../src/apps/chat/store.ts';
import { waitUntil } from '../../support/ws-client.ts';

function message(id: number, roomId = 'room', roomStamp?: number): MessageRecord {
  return {
    id,
    roomId,
    creatorId: 'user',
    content: `m${id}`,
    clientMessageId: `c${id}`,
    createdAt: id,
    ...(roomStamp === undefined ? {} : { roomStamp }),
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

test('a message read from the store waits for the commit this node has under way', async () => {
  const log: string[] = [];
  const stored = [message(1), message(2)];
  const commit = deferred();
  let committing = true;
  let reads = 0;
  const feed = new ClusterFeed({
    head: 0,
    release: (released) => {
      log.push(`NewMessage ${released.id}`);
      return undefined;
    },
    readRange: (after, upTo) => {
      reads++;
      return Promise.resolve(stored.filter((row) => row.id > after && row.id <= upTo));
    },
    lastId: () => Promise.resolve(2),
    localCommit: () => (committing ? commit.promise : Promise.resolve()),
    onError: (error) => {
      throw error;
    },
    gapWaitMs: 5,
    pollMs: 10,
  });
  try {
    // Message 2 came over the bus; 1 is this node's own, committed, its answer not back yet.
    feed.offer(message(2));
    await waitUntil(() => reads > 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(log.length, 0, 'nothing released while the own commit is unanswered');
    // The writer: acknowledge, then offer (as MessageWriter and ClusterFanout do).
    log.push('MessageDelivered 1');
    feed.offer(message(1));
    committing = false;
    commit.resolve();
    await waitUntil(() => log.length === 3);
    await feed.settled();
    assert.deepEqual(log, ['MessageDelivered 1', 'NewMessage 1', 'NewMessage 2']);
    assert.equal(feed.head, 2);
  } finally {
    feed.stop();
  }
});

test('a release that takes a moment holds every later one back, in order', async () => {
  const log: number[] = [];
  const slow = deferred();
  const feed = new ClusterFeed({
    head: 0,
    release: (released) => {
      if (released.id === 2) return slow.promise.then(() => void log.push(2));
      log.push(released.id);
      return undefined;
    },
    readRange: () => Promise.resolve([]),
    lastId: () => Promise.resolve(0),
    onError: (error) => {
      throw error;
    },
  });
  try {
    for (const id of [1, 2, 3, 4]) feed.offer(message(id));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(log, [1]);
    assert.equal(feed.waiting, 2);
    feed.offer(message(5));
    slow.resolve();
    await waitUntil(() => log.length === 5);
    assert.deepEqual(log, [1, 2, 3, 4, 5]);
  } finally {
    feed.stop();
  }
});

function room(updatedAt: number): RoomRecord {
  return {
    id: 'room',
    kind: 'closed',
    name: 'Room',
    creatorId: 'user',
    directKey: null,
    createdAt: 1,
    updatedAt,
  };
}

test('membership: a message stamped past what was applied waits for the room to be read', async () => {
  let stamp = 10;
  let members = ['ann', 'bob'];
  const applied: string[][] = [];
  const reads = { count: 0 };
  const membership = new ClusterMembership({
    roomById: () => {
      reads.count++;
      return Promise.resolve(room(stamp));
    },
    memberIds: () => Promise.resolve(members),
    apply: (_roomId, _room, memberIds) => {
      applied.push([...memberIds]);
      return Promise.resolve();
    },
    onError: (error) => {
      throw error;
    },
  });
  // A room never applied here is read once, then its messages at that stamp pass.
  await membership.beforeRelease(message(1, 'room', 10));
  assert.deepEqual(applied, [['ann', 'bob']]);
  assert.equal(membership.beforeRelease(message(2, 'room', 10)), undefined);
  assert.equal(membership.beforeRelease(message(3, 'room', 9)), undefined);
  assert.equal(membership.beforeRelease(message(4)), undefined, 'no stamp: nothing to check');

  // Bob was removed on another node and the announcement is late: the stamp catches it.
  stamp = 11;
  members = ['ann'];
  const waiting = membership.beforeRelease(message(5, 'room', 11));
  assert.ok(waiting !== undefined);
  await waiting;
  assert.deepEqual(applied.at(-1), ['ann']);
  assert.equal(membership.beforeRelease(message(6, 'room', 11)), undefined);
  assert.equal(reads.count, 2);

  // The announcement arriving afterwards reads once more; requests made while a read is
  // queued share it.
  const first = membership.refresh('room', true);
  const second = membership.refresh('room', true);
  assert.equal(first, second);
  await first;
  assert.equal(reads.count, 3);
});

test('membership: the stamps of at most maxRooms rooms are remembered', async () => {
  const membership = new ClusterMembership({
    roomById: (roomId) => Promise.resolve({ ...room(1), id: roomId }),
    memberIds: () => Promise.resolve([]),
    apply: () => Promise.resolve(),
    onError: (error) => {
      throw error;
    },
    maxRooms: 3,
  });
  for (const roomId of ['a', 'b', 'c', 'd', 'e']) {
    await membership.beforeRelease(message(1, roomId, 1));
  }
  assert.equal(membership.size, 3);
  assert.ok(membership.beforeRelease(message(2, 'a', 1)) !== undefined, 'forgotten: read again');
  assert.equal(membership.beforeRelease(message(2, 'e', 1)), undefined);
});
