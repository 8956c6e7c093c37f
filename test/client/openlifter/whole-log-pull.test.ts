// Gathering the server's whole log from SERVER_PULL pages, alone: pages that continue it are
// taken until the announced head is reached, a page from 1 starts it afresh, and anything that
// does not continue it (another pull's answer, a gap, a head that shrank) is left to the log.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { RelayedUpdate } from '../../../src/protocol/openlifter/messages.ts';
import { WholeLogPull } from '../../../src/client/openlifter/whole-log-pull.ts';

function entries(from: number, to: number): RelayedUpdate[] {
  const list: RelayedUpdate[] = [];
  for (let seq = from; seq <= to; seq++) {
    list.push({
      updateKey: `meet.k${seq}`,
      updateValue: seq,
      serverSeqNum: seq,
      locationName: 'desk',
    });
  }
  return list;
}

test('pages are gathered until the head they announce, then the log is complete', () => {
  const pull = new WholeLogPull();
  assert.equal(pull.next, 0);
  assert.equal(pull.offer(entries(1, 3), 7), 'more');
  assert.equal(pull.next, 3);
  assert.equal(pull.offer(entries(4, 6), 8), 'more', 'the head may grow between pages');
  assert.equal(pull.offer(entries(7, 8), 8), 'complete');
  assert.deepEqual(pull.entries, entries(1, 8));
});

test('an empty log is complete at once; an empty page completes a log that reached the head', () => {
  assert.equal(new WholeLogPull().offer([], 0), 'complete');
  const pull = new WholeLogPull();
  assert.equal(pull.offer(entries(1, 2), 3), 'more');
  assert.equal(pull.offer([], 3), 'unrelated', 'an empty answer from above the log adds nothing');
  assert.equal(pull.offer(entries(3, 3), 3), 'complete');
  const probed = new WholeLogPull();
  probed.offer(entries(1, 2), 2);
  assert.equal(probed.offer([], 2), 'complete', 'a probe at the head confirms it');
});

test('pages that do not continue the log are unrelated and change nothing', () => {
  const pull = new WholeLogPull();
  pull.offer(entries(1, 3), 9);
  assert.equal(pull.offer(entries(5, 6), 9), 'unrelated', 'a gap');
  assert.equal(pull.offer(entries(3, 4), 9), 'unrelated', 'an overlap');
  assert.equal(pull.offer([...entries(4, 4), ...entries(6, 6)], 9), 'unrelated', 'a hole inside');
  assert.equal(pull.next, 3);
  assert.equal(pull.offer(entries(1, 2), 9), 'more', 'a page from 1 starts again');
  assert.equal(pull.next, 2);
});

test('a head below what was gathered (the server lost state again) starts over', () => {
  const pull = new WholeLogPull();
  pull.offer(entries(1, 5), 9);
  assert.equal(pull.offer([], 3), 'unrelated');
  assert.equal(pull.next, 0);
  assert.equal(pull.offer(entries(1, 3), 3), 'complete');
});

test('any split of a log into pages assembles to that log', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 60 }),
      fc.array(fc.integer({ min: 1, max: 9 })),
      (head, sizes) => {
        const pull = new WholeLogPull();
        let outcome = pull.offer([], head);
        for (let index = 0; outcome !== 'complete'; index++) {
          assert.ok(index <= head, 'every page makes progress');
          const from = pull.next + 1;
          const to = Math.min(head, pull.next + (sizes[index % Math.max(1, sizes.length)] ?? 1));
          outcome = pull.offer(entries(from, to), head);
        }
        assert.deepEqual(pull.entries, entries(1, head));
      },
    ),
  );
});
