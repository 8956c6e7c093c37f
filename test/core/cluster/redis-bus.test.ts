// The Redis bus between two nodes of one process, each with its own pair of connections: what
// one publishes reaches the other byte for byte with its flags, never comes back to itself,
// stops when the topic is unsubscribed, survives the subscriber connection being killed, and
// while Redis is unreachable the bus says so and drops (counts) rather than queues.

import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { Registry } from 'prom-client';
import type { BusMessage } from '../../../src/core/bus/bus.ts';
import { RedisBus } from '../../../src/core/bus/redis-bus.ts';
import { createRedisConnection } from '../../../src/core/cluster/redis-connection.ts';
import { metricSample } from '../../support/http.ts';
import { serviceUrl } from '../../support/services.ts';
import { waitUntil } from '../../support/ws-client.ts';
import {
  adminConnection,
  connection,
  killer,
  randomPrefix,
  silentLogger,
} from './redis-support.ts';

interface Node {
  readonly bus: RedisBus;
  readonly received: BusMessage[];
  readonly registry: Registry;
  readonly kill: () => Promise<void>;
}

async function node(t: TestContext, url: string, prefix: string, nodeId: string): Promise<Node> {
  const admin = await adminConnection(t, url, prefix);
  const publisher = await connection(t, url, `${nodeId}-pub`);
  const subscriber = await connection(t, url, `${nodeId}-sub`);
  const kill = await killer(admin, subscriber);
  const registry = new Registry();
  const bus = new RedisBus({
    nodeId,
    prefix,
    publisher,
    subscriber,
    logger: silentLogger,
    registry,
  });
  t.after(() => bus.close());
  const received: BusMessage[] = [];
  bus.onMessage((message) => received.push(message));
  return { bus, received, registry, kill };
}

async function metric(registry: Registry, name: string): Promise<number> {
  const found = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  return found?.values[0]?.value ?? NaN;
}

test('a message crosses to the other node intact, binary or text, and never returns to its sender', async (t) => {
  const url = serviceUrl(t, 'redis');
  if (url === undefined) return;
  const prefix = randomPrefix();
  const a = await node(t, url, prefix, 'node-a');
  const b = await node(t, url, prefix, 'node-b');
  await a.bus.subscribe('room:1');
  await b.bus.subscribe('room:1');
  await waitUntil(() => a.bus.health() === undefined && b.bus.health() === undefined);
  // SUBSCRIBE is asynchronous: publish until the first one arrives, then check the rest.
  await waitUntil(async () => {
    await a.bus.publish({ topic: 'room:1', data: 'ping', origin: 'node-a' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    return b.received.length > 0;
  });
  b.received.length = 0;

  const bytes = new Uint8Array(256).map((_, index) => index);
  await a.bus.publish({
    topic: 'room:1',
    data: bytes,
    origin: 'node-a',
    volatile: true,
    key: 'pose:7',
  });
  await a.bus.publish({ topic: 'room:1', data: 'héllo ✓', origin: 'node-a' });
  await a.bus.publish({ topic: 'room:1', data: 'as binary', binary: true, origin: 'node-a' });
  await waitUntil(() => b.received.length === 3);
  const [binary, text, forced] = b.received as [BusMessage, BusMessage, BusMessage];
  assert.deepEqual(Buffer.from(binary.data as Uint8Array), Buffer.from(bytes));
  assert.equal(binary.binary, true);
  assert.equal(binary.volatile, true);
  assert.equal(binary.key, 'pose:7');
  assert.equal(binary.origin, 'node-a');
  assert.equal(binary.topic, 'room:1');
  assert.equal(text.data, 'héllo ✓');
  assert.equal(text.binary, false);
  assert.equal(text.key, undefined);
  assert.equal(forced.data, 'as binary', 'a string stays a string');
  assert.equal(forced.binary, true, 'the opcode asked for is kept');
  assert.deepEqual(a.received, [], 'the sender never receives its own messages');
  assert.equal(await metric(b.registry, 'hearth_bus_received_total'), 4);
  assert.equal(metricSample(await b.registry.metrics(), 'hearth_bus_lag_seconds_count'), 4);

  await b.bus.unsubscribe('room:1');
  await a.bus.publish({ topic: 'room:1', data: 'after', origin: 'node-a' });
  await a.bus.subscribe('room:2');
  await b.bus.subscribe('room:2');
  await waitUntil(async () => {
    await b.bus.publish({ topic: 'room:2', data: 'marker', origin: 'node-b' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    return a.received.some((message) => message.data === 'marker');
  });
  assert.ok(!b.received.some((message) => message.data === 'after'), 'unsubscribed: not delivered');
});

test('after its subscriber connection is killed, the bus subscribes again and delivery resumes', async (t) => {
  const url = serviceUrl(t, 'redis');
  if (url === undefined) return;
  const prefix = randomPrefix();
  const a = await node(t, url, prefix, 'node-a');
  const b = await node(t, url, prefix, 'node-b');
  for (let index = 0; index < 50; index++) await b.bus.subscribe(`topic:${index}`);
  await waitUntil(async () => {
    await a.bus.publish({ topic: 'topic:49', data: 'before', origin: 'node-a' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    return b.received.length > 0;
  });

  await b.kill();
  b.received.length = 0;
  // Messages published while it reconnects are lost (pub/sub keeps nothing): keep publishing.
  await waitUntil(async () => {
    await a.bus.publish({ topic: 'topic:0', data: 'after', origin: 'node-a' });
    await a.bus.publish({ topic: 'topic:49', data: 'after', origin: 'node-a' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const topics = new Set(b.received.map((message) => message.topic));
    return topics.has('topic:0') && topics.has('topic:49');
  }, 10_000);
  assert.equal(b.bus.health(), undefined);
  assert.equal(await metric(b.registry, 'hearth_bus_connected'), 1);
});

test('while Redis is unreachable the bus reports it, drops publishes (counted) and holds nothing', async (t) => {
  // Port 1 on loopback: nothing listens there, every connection attempt is refused.
  const publisher = createRedisConnection('redis://127.0.0.1:1', 'down-pub');
  const subscriber = createRedisConnection('redis://127.0.0.1:1', 'down-sub');
  t.after(() => {
    publisher.disconnect();
    subscriber.disconnect();
  });
  const registry = new Registry();
  const bus = new RedisBus({
    nodeId: 'lonely',
    prefix: randomPrefix(),
    publisher,
    subscriber,
    logger: silentLogger,
    registry,
  });
  t.after(() => bus.close());
  publisher.connect().catch(() => undefined);
  subscriber.connect().catch(() => undefined);
  await waitUntil(() => publisher.status !== 'connecting' && publisher.status !== 'wait');
  assert.match(bus.health() ?? '', /redis unavailable .*this node only/);
  await bus.subscribe('room');
  for (let index = 0; index < 1000; index++) {
    await bus.publish({ topic: 'room', data: 'x'.repeat(1000), origin: 'lonely' });
  }
  assert.equal(await metric(registry, 'hearth_bus_unsent_total'), 1000);
  assert.equal(await metric(registry, 'hearth_bus_connected'), 0);
  assert.equal(publisher.commandQueue.length, 0, 'nothing queued for later');
});
