// Recovery paging as pure arithmetic, checked against its definition: for random messages,
// rooms, floors, store heads, feed coverage, page sizes and byte budgets, following pages until
// has_more is false delivers exactly the wanted messages with id <= upTo, once each, in order.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  cutPage,
  mergeAscending,
  raiseFloors,
  type Floors,
  type Sequenced,
} from '../../../src/apps/chat/recovery.ts';

interface Message extends Sequenced {
  readonly size: number;
}

function wanted(messages: readonly Message[], floors: Floors, above: number, upTo: number) {
  return messages.filter((message) => {
    const floor = floors.get(message.roomId);
    return floor !== undefined && message.id > Math.max(floor, above) && message.id <= upTo;
  });
}

/** What the store returns: per-room runs merged, `limit` at most. */
function fetch(messages: readonly Message[], floors: Floors, upTo: number, limit: number) {
  const runs = [...floors.keys()].map((roomId) =>
    wanted(messages, new Map([[roomId, floors.get(roomId) ?? 0]]), 0, upTo).slice(0, limit),
  );
  return mergeAscending(runs, limit);
}

const scenario = fc
  .record({
    rooms: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 80 }),
    sizes: fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 80, maxLength: 80 }),
    floors: fc.array(fc.option(fc.integer({ min: 0, max: 80 }), { nil: undefined }), {
      minLength: 4,
      maxLength: 4,
    }),
    head: fc.integer({ min: 0, max: 80 }),
    extra: fc.integer({ min: 0, max: 20 }),
    covered: fc.boolean(),
    limit: fc.integer({ min: 1, max: 30 }),
    maxBytes: fc.integer({ min: 1, max: 400 }),
  })
  .map((input) => {
    const messages: Message[] = input.rooms.map((room, index) => ({
      id: index + 1,
      roomId: `r${room}`,
      size: input.sizes[index] ?? 1,
    }));
    const floors = new Map<string, number>();
    input.floors.forEach((floor, room) => {
      if (floor !== undefined) floors.set(`r${room}`, floor);
    });
    const head = Math.min(input.head, messages.length);
    const upTo = Math.min(head + input.extra, messages.length);
    return { ...input, messages, floors, head, upTo };
  });

test('following has_more delivers every wanted message once, in id order', () => {
  fc.assert(
    fc.property(scenario, ({ messages, floors, head, upTo, covered, limit, maxBytes }) => {
      const sizeOf = (message: Message) => message.size;
      const expected = wanted(messages, floors, 0, upTo).map((message) => message.id);
      const delivered: number[] = [];
      const check = (page: { messages: Message[] }) => {
        assert.ok(page.messages.length <= limit, 'page within the count limit');
        const bytes = page.messages.reduce((sum, message) => sum + message.size, 0);
        assert.ok(page.messages.length <= 1 || bytes <= maxBytes, 'page within the byte budget');
        delivered.push(...page.messages.map((message) => message.id));
      };
      let page = cutPage({
        fetched: fetch(messages, floors, head, limit + 1),
        head,
        tail: covered ? wanted(messages, floors, head, upTo) : undefined,
        upTo,
        limit,
        maxBytes,
        sizeOf,
      });
      check(page);
      for (let rounds = 0; page.hasMore; rounds++) {
        assert.ok(rounds <= expected.length + 1, 'paging terminates');
        const raised = raiseFloors(floors, page.cursor);
        page = cutPage({
          fetched: fetch(messages, raised, upTo, limit + 1),
          head: upTo,
          tail: [],
          upTo,
          limit,
          maxBytes,
          sizeOf,
        });
        check(page);
      }
      assert.deepEqual(delivered, expected);
      assert.equal(page.cursor, upTo, 'the last SyncComplete covers everything up to upTo');
    }),
    { numRuns: 500 },
  );
});

test('a page cut by the budget still carries one message, so paging always progresses', () => {
  const big = [
    { id: 1, roomId: 'a', size: 1000 },
    { id: 2, roomId: 'a', size: 1000 },
  ];
  const page = cutPage({
    fetched: big,
    head: 2,
    tail: [],
    upTo: 2,
    limit: 10,
    maxBytes: 10,
    sizeOf: (message) => message.size,
  });
  assert.deepEqual(
    page.messages.map((message) => message.id),
    [1],
  );
  assert.deepEqual([page.cursor, page.hasMore], [1, true]);
});

test('without the feed tail, a complete page stops at the store head and asks for more', () => {
  const page = cutPage({
    fetched: [{ id: 3, roomId: 'a' }],
    head: 5,
    tail: undefined,
    upTo: 9,
    limit: 10,
    maxBytes: 100,
    sizeOf: () => 1,
  });
  assert.deepEqual([page.cursor, page.hasMore], [5, true]);
  const caughtUp = cutPage({
    fetched: [],
    head: 5,
    tail: undefined,
    upTo: 5,
    limit: 10,
    maxBytes: 1,
    sizeOf: () => 1,
  });
  assert.deepEqual([caughtUp.cursor, caughtUp.hasMore], [5, false]);
});
