// The outbound policy for clients that do not read: reliable frames pile up only to the cap and
// then the client is cut off as a slow consumer (server memory stays bounded); volatile frames
// are dropped, or coalesced to the newest per key, and never close the connection.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Connection } from '../../src/core/connection.ts';
import { createRecordingApp } from '../support/test-apps.ts';
import { startTestServer } from '../support/test-server.ts';
import { RawWebSocketClient } from '../support/raw-ws-client.ts';
import { waitUntil } from '../support/ws-client.ts';

const CAP = 256 * 1024;

async function setup(settings: Record<string, number> = {}) {
  const app = createRecordingApp({
    onOpen(connection) {
      app.opened.push(connection);
      app.context?.pubsub.subscribe(connection, 'feed');
    },
  });
  const server = await startTestServer({
    apps: [app],
    config: {
      websocket: { max_buffered_bytes: CAP, volatile_buffered_bytes: 32 * 1024, ...settings },
    },
  });
  const client = await RawWebSocketClient.connect(server.port, '/test/ws');
  await waitUntil(() => app.opened.length === 1);
  return { app, server, client, connection: app.opened[0]! as Connection };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

test('a client that never reads is cut off at the cap, and its buffer never grows past it', async () => {
  const { app, server, client, connection } = await setup();
  await using _server = server;
  client.pause();
  const frame = Buffer.alloc(16 * 1024, 7);
  let maxBuffered = 0;
  let published = 0;
  // Bounded: 64 MiB of publishing at most; the cap is 256 KiB plus kernel buffers.
  while (app.closes.length === 0 && connection.closeCode === undefined && published < 4096) {
    server.server.pubsub.publish('feed', frame);
    published++;
    maxBuffered = Math.max(maxBuffered, connection.bufferedAmount);
    await nextTurn();
  }
  assert.equal(connection.closeCode, 4429, 'closed as a slow consumer');
  // What the client failed to read stays under the cap; at most this turn's frame comes on top.
  assert.ok(
    maxBuffered <= CAP + frame.length,
    `buffered ${maxBuffered} bytes, over the ${CAP} cap`,
  );
  assert.equal(server.server.metrics.countersFor('test').slowConsumerDisconnects, 1);
  // Publishing more after the cut-off queues nothing for it.
  server.server.pubsub.publish('feed', frame);
  assert.equal(connection.bufferedAmount <= maxBuffered, true);
  // The TCP connection itself goes away: once the client reads again it finds the end.
  client.resume();
  await client.closed();
  await waitUntil(() => app.closes.length === 1);
  assert.equal(app.closes[0]!.code, 4429, 'the app is told why it was closed');
  client.destroy();
});

test('volatile frames without a key are dropped for a client that is not draining, never closing it', async () => {
  const { server, client, connection } = await setup();
  await using _server = server;
  client.pause();
  const frame = Buffer.alloc(16 * 1024, 1);
  const counters = server.server.metrics.countersFor('test');
  // Loopback kernel buffers absorb a few MiB first; bounded at 64 MiB of publishing.
  for (let index = 0; index < 4096 && counters.volatileDropped < 64; index++) {
    server.server.pubsub.publish('feed', frame, { volatile: true });
    await nextTurn();
  }
  assert.ok(counters.volatileDropped >= 64, 'volatile frames were dropped');
  assert.ok(connection.bufferedAmount <= CAP);
  assert.equal(connection.closeCode, undefined, 'still open');
  assert.equal(counters.slowConsumerDisconnects, 0);
  client.destroy();
});

test('volatile frames with a key are coalesced to the newest and delivered when the client drains', async () => {
  const { server, client, connection } = await setup();
  await using _server = server;
  client.pause();
  const filler = Buffer.alloc(8 * 1024, 0);
  const counters = server.server.metrics.countersFor('test');
  // Fill the kernel's and then Hearth's buffers with reliable frames until volatile ones wait.
  for (let index = 0; index < 8192 && connection.bufferedAmount <= 32 * 1024; index++) {
    server.server.pubsub.publish('feed', filler);
    await nextTurn();
  }
  assert.ok(connection.bufferedAmount > 32 * 1024, 'buffer above the volatile threshold');
  for (let value = 1; value <= 100; value++) {
    server.server.pubsub.publish('feed', `A:${value}`, { volatile: true, key: 'A' });
    server.server.pubsub.publish('feed', `B:${value}`, { volatile: true, key: 'B' });
  }
  await nextTurn();
  assert.ok(counters.volatileCoalesced >= 190, `coalesced ${counters.volatileCoalesced}`);
  client.resume();
  await waitUntil(() =>
    client.frames.some((frame) => frame.opcode === 1 && frame.payload.toString() === 'B:100'),
  );
  const texts = client.frames
    .filter((frame) => frame.opcode === 1)
    .map((frame) => frame.payload.toString());
  assert.deepEqual(texts, ['A:100', 'B:100'], 'only the newest frame per key arrives');
  assert.equal(connection.closeCode, undefined);
  client.destroy();
});

test('a keyed volatile frame larger than the volatile threshold is dropped, not kept spinning', async () => {
  const { server, client, connection } = await setup();
  await using _server = server;
  client.pause();
  const counters = server.server.metrics.countersFor('test');
  const huge = Buffer.alloc(40 * 1024, 3);
  server.server.pubsub.publish('feed', huge, { volatile: true, key: 'pose' });
  server.server.pubsub.publish('feed', Buffer.alloc(16, 1), { volatile: true, key: 'pose' });
  // The event loop still turns (a spinning release loop would starve this timer forever).
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(counters.volatileDropped, 1, 'the oversized frame was dropped');
  assert.equal(connection.closeCode, undefined);
  client.destroy();
});
