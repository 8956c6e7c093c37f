// Reliable-delivery bookkeeping on an injected clock: resends every interval up to the retry
// limit then gives up, acks remove, at most 1,000 pending (the oldest given up first), messages
// queued while the client is away wait for redelivery; and the latency summary and report text.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { presenceConfigSchema } from '../../../src/apps/presence/config.ts';
import { LatencyTracker } from '../../../src/apps/presence/latency-tracker.ts';
import { formatReport } from '../../../src/apps/presence/performance-report.ts';
import { ReliableQueue } from '../../../src/apps/presence/reliable-queue.ts';

function defaults() {
  const { reliable } = presenceConfigSchema.parse({});
  return {
    retryIntervalMs: reliable.retry_interval_ms,
    maxRetries: reliable.max_retries,
    maxPending: reliable.max_pending,
  };
}

test('the defaults are the spec: every 5 s, 3 retries, 1,000 pending, 30 s grace', () => {
  assert.deepEqual(defaults(), { retryIntervalMs: 5000, maxRetries: 3, maxPending: 1000 });
  assert.equal(presenceConfigSchema.parse({}).reconnect_grace_ms, 30_000);
});

test('an unacknowledged message is resent every interval, 3 times, then given up', () => {
  const queue = new ReliableQueue<string>(defaults());
  queue.add('m1', 'frame', 0, true);
  assert.equal(queue.due(4999).resend.length, 0);
  const sends = [];
  for (const at of [5000, 10_000, 15_000]) {
    const due = queue.due(at);
    assert.deepEqual(
      due.resend.map((message) => message.id),
      ['m1'],
      `retry at ${at}`,
    );
    assert.equal(due.expired.length, 0);
    sends.push(at);
  }
  assert.deepEqual(sends, [5000, 10_000, 15_000]);
  const last = queue.due(20_000);
  assert.equal(last.resend.length, 0);
  assert.deepEqual(
    last.expired.map((message) => message.id),
    ['m1'],
  );
  assert.equal(queue.size, 0);
});

test('an ack stops the retries', () => {
  const queue = new ReliableQueue<string>(defaults());
  queue.add('m1', 'a', 0, true);
  queue.add('m2', 'b', 0, true);
  assert.equal(queue.ack('m1'), true);
  assert.equal(queue.ack('m1'), false, 'a second ack is a no-op');
  assert.deepEqual(
    queue.due(5000).resend.map((message) => message.id),
    ['m2'],
  );
});

test('at most 1,000 are pending: the oldest is given up first', () => {
  const queue = new ReliableQueue<number>(defaults());
  const evicted: string[] = [];
  for (let index = 0; index < 1005; index++) {
    const dropped = queue.add(`m${index}`, index, index, true);
    if (dropped !== undefined) evicted.push(dropped.id);
  }
  assert.equal(queue.size, 1000);
  assert.deepEqual(evicted, ['m0', 'm1', 'm2', 'm3', 'm4']);
});

test('messages queued while the client is away are not retried, but redelivered in order', () => {
  const queue = new ReliableQueue<string>(defaults());
  queue.add('m1', 'sent', 0, true);
  queue.add('m2', 'away', 1000, false);
  assert.deepEqual(
    queue.due(10_000).resend.map((message) => message.id),
    ['m1'],
  );
  const again = queue.redeliver(12_000);
  assert.deepEqual(
    again.map((message) => message.id),
    ['m1', 'm2'],
  );
  // Retries start afresh from the redelivery.
  assert.equal(queue.due(16_999).resend.length, 0);
  assert.equal(queue.due(17_000).resend.length, 2);
  assert.equal(queue.clear(), 2);
});

test('latency summary: average, median and p99 over the samples kept', () => {
  const tracker = new LatencyTracker(100);
  assert.deepEqual(tracker.summary(), { count: 0, avgMs: 0, p50Ms: 0, p99Ms: 0 });
  for (let sample = 1; sample <= 200; sample++) tracker.record(sample);
  const summary = tracker.summary();
  assert.equal(summary.count, 100, 'a ring of the last 100');
  assert.equal(summary.avgMs, 150.5);
  assert.equal(summary.p50Ms, 150);
  assert.equal(summary.p99Ms, 199);
});

test('the performance report keeps the seed lines in order', () => {
  const report = formatReport({
    uptimeSeconds: 3600.7,
    connections: { active: 5, total: 10, errors: 0 },
    messages: { sent: 1500, received: 1200, errors: 5 },
    bytes: { sent: 150_000, received: 120_000 },
    activeRooms: 3,
    latency: { count: 3, avgMs: 15, p50Ms: 12.5, p99Ms: 45 },
    reliable: { pending: 1, acked: 2, retried: 3, givenUp: 4 },
  });
  assert.equal(
    report,
    [
      '=== Performance Report ===',
      'Uptime: 3600s',
      'Connections: 5 active / 10 total (0 errors)',
      'Messages: 1500 sent / 1200 received (5 errors)',
      'Bytes: 150000 sent / 120000 received',
      'Active Rooms: 3',
      'Latency: avg=15.000ms, p50=12.500ms, p99=45.000ms',
      'Reliable: 1 pending / 2 acked / 3 retried / 4 given up',
      '========================',
    ].join('\n'),
  );
});
