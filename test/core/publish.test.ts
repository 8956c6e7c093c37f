// The publish path: one frame prepared once and written to every local subscriber (the sender
// excepted when asked), bursts arriving complete and in order, and cross-node delivery over a
// bus shared by two nodes in one process.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEchoApp } from '../../src/apps/echo/echo-app.ts';
import { LocalBus, LocalBusHub } from '../../src/core/bus/local-bus.ts';
import { Connection, type SendOptions } from '../../src/core/connection.ts';
import type { PreparedFrame } from '../../src/core/prepared-frame.ts';
import { HearthServer } from '../../src/core/server.ts';
import { validateConfig } from '../../src/config.ts';
import { createRecordingApp } from '../support/test-apps.ts';
import { startTestServer } from '../support/test-server.ts';
import { TestClient, waitUntil } from '../support/ws-client.ts';

function subscribingApp(topic: string) {
  const app = createRecordingApp({
    onOpen(connection) {
      app.opened.push(connection);
      app.context?.pubsub.subscribe(connection, topic);
    },
  });
  return app;
}

test('publish frames the message once and writes those same bytes to every subscriber', async (t) => {
  const app = subscribingApp('room');
  await using server = await startTestServer({ apps: [app] });
  const clients = await Promise.all(
    Array.from({ length: 10 }, () => TestClient.connect(server.wsUrl('/test/ws'))),
  );
  t.after(() => Promise.all(clients.map((client) => client.close())));
  await waitUntil(() => app.opened.length === 10);

  const framesSeen: PreparedFrame[] = [];
  // eslint-disable-next-line @typescript-eslint/unbound-method -- re-bound with call() below
  const original = Connection.prototype.sendFrame;
  t.mock.method(
    Connection.prototype,
    'sendFrame',
    function (this: Connection, frame: PreparedFrame, options?: SendOptions) {
      framesSeen.push(frame);
      return original.call(this, frame, options);
    },
  );
  const delivered = server.server.pubsub.publish('room', JSON.stringify({ hello: 'world' }));
  assert.equal(delivered, 10);
  assert.equal(framesSeen.length, 10);
  assert.ok(
    framesSeen.every((frame) => frame === framesSeen[0]),
    'one prepared frame for all',
  );
  for (const client of clients) {
    const frame = await client.waitFor();
    assert.equal(frame.isBinary, false);
    assert.deepEqual(JSON.parse(frame.text), { hello: 'world' });
  }
});

test('publish skips the excepted connection', async (t) => {
  const app = subscribingApp('room');
  await using server = await startTestServer({ apps: [app] });
  const [sender, other] = await Promise.all([
    TestClient.connect(server.wsUrl('/test/ws')),
    TestClient.connect(server.wsUrl('/test/ws')),
  ]);
  t.after(() => Promise.all([sender.close(), other.close()]));
  await waitUntil(() => app.opened.length === 2);
  const senderConnection = app.opened[0]!;
  assert.equal(server.server.pubsub.publish('room', 'one', { except: senderConnection }), 1);
  server.server.pubsub.publish('room', 'two');
  const frames = [await sender.waitFor(), await other.waitFor(), await other.waitFor()];
  assert.deepEqual(
    frames.map((frame) => frame.text),
    ['two', 'one', 'two'],
  );
});

test('a burst published in one turn arrives complete and in order at every subscriber', async (t) => {
  await using server = await startTestServer({ apps: [createEchoApp('/echo')] });
  const clients = await Promise.all(
    Array.from({ length: 5 }, () => TestClient.connect(server.wsUrl('/echo/ws?room=burst'))),
  );
  t.after(() => Promise.all(clients.map((client) => client.close())));
  await waitUntil(() => server.server.pubsub.registry.count('echo:burst') === 5);
  for (let index = 0; index < 500; index++) server.server.pubsub.publish('echo:burst', `m${index}`);
  for (const client of clients) {
    await waitUntil(() => client.frames.length === 500);
    assert.deepEqual(
      client.frames.map((frame) => frame.text),
      Array.from({ length: 500 }, (_value, index) => `m${index}`),
    );
  }
});

test('the echo app broadcasts a frame to its room, binary staying binary', async (t) => {
  await using server = await startTestServer({ apps: [createEchoApp('/echo')] });
  const [a, b] = await Promise.all([
    TestClient.connect(server.wsUrl('/echo/ws?room=r1')),
    TestClient.connect(server.wsUrl('/echo/ws?room=r1')),
  ]);
  t.after(() => Promise.all([a.close(), b.close()]));
  await waitUntil(() => server.server.pubsub.registry.count('echo:r1') === 2);
  a.send(Buffer.from([9, 8, 7]));
  const received = await b.waitFor();
  assert.equal(received.isBinary, true);
  assert.deepEqual([...received.data], [9, 8, 7]);
  assert.deepEqual([...(await a.waitFor()).data], [9, 8, 7], 'the sender is in its room too');
});

test('closing a connection unsubscribes it from every topic', async () => {
  const app = subscribingApp('room');
  await using server = await startTestServer({ apps: [app] });
  const client = await TestClient.connect(server.wsUrl('/test/ws'));
  await waitUntil(() => server.server.pubsub.registry.count('room') === 1);
  await client.close();
  await waitUntil(() => server.server.pubsub.registry.count('room') === 0);
  assert.equal(server.server.pubsub.registry.topicCount, 0);
});

test("two nodes on one bus deliver each other's publishes to their own subscribers", async (t) => {
  const hub = new LocalBusHub();
  const nodes = ['node-a', 'node-b'].map((nodeId) => {
    const app = subscribingApp('shared');
    const server = new HearthServer({
      config: validateConfig({ server: { port: 0 }, log: { level: 'silent' } }),
      apps: [app],
      bus: new LocalBus(nodeId, hub),
    });
    return { app, server };
  });
  t.after(() => Promise.all(nodes.map(({ server }) => server.close())));
  const ports = [];
  for (const { server } of nodes) ports.push((await server.listen()).port);
  const onA = await TestClient.connect(`ws://127.0.0.1:${ports[0]}/test/ws`);
  const onB = await TestClient.connect(`ws://127.0.0.1:${ports[1]}/test/ws`);
  t.after(() => Promise.all([onA.close(), onB.close()]));
  await waitUntil(() => nodes.every(({ app }) => app.opened.length === 1));
  nodes[0]!.server.pubsub.publish('shared', 'from A');
  assert.equal((await onB.waitFor()).text, 'from A');
  assert.equal((await onA.waitFor()).text, 'from A');
  nodes[1]!.server.pubsub.publish('shared', 'from B');
  assert.equal((await onA.waitFor()).text, 'from B');
  assert.equal((await onB.waitFor()).text, 'from B');
  // Nobody receives a message twice (a node never re-delivers its own publish).
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(onA.frames.length, 2);
  assert.equal(onB.frames.length, 2);
});
