// How the core runs app handlers: one frame at a time per connection even when handlers are
// async; a thrown refusal closes with its code, anything else closes 1011 without leaking the
// error; a connection's AbortSignal ends with it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HearthError } from '../../src/protocol/errors.ts';
import { createRecordingApp } from '../support/test-apps.ts';
import { startTestServer } from '../support/test-server.ts';
import { TestClient, waitUntil } from '../support/ws-client.ts';

test('async handlers see a connection’s frames one at a time, in order', async () => {
  let running = 0;
  let overlapped = false;
  const order: string[] = [];
  const app = createRecordingApp({
    async onMessage(_connection, data) {
      running++;
      if (running > 1) overlapped = true;
      // Later frames finish faster: without serialisation they would overtake.
      const index = Number(data.toString('utf8'));
      await new Promise((resolve) => setTimeout(resolve, 20 - index));
      order.push(data.toString('utf8'));
      running--;
    },
  });
  await using server = await startTestServer({ apps: [app] });
  await using client = await TestClient.connect(server.wsUrl('/test/ws'));
  for (let index = 0; index < 20; index++) client.send(String(index));
  await waitUntil(() => order.length === 20);
  assert.equal(overlapped, false);
  assert.deepEqual(
    order,
    Array.from({ length: 20 }, (_value, index) => String(index)),
  );
});

test('a handler error closes 1011 and says nothing of the error', async () => {
  const app = createRecordingApp({
    onMessage() {
      throw new Error('SELECT * FROM secrets failed');
    },
  });
  await using server = await startTestServer({ apps: [app] });
  await using client = await TestClient.connect(server.wsUrl('/test/ws'));
  await using bystander = await TestClient.connect(server.wsUrl('/test/ws'));
  client.send('boom');
  const closed = await client.waitForClose();
  assert.deepEqual(closed, { code: 1011, reason: 'internal error' });
  assert.equal(server.server.metrics.countersFor('test').handlerErrors, 1);
  assert.equal(bystander.socket.readyState, 1, 'everyone else keeps being served');
});

test('a refusal thrown by a handler closes with its close code', async () => {
  const app = createRecordingApp({
    onMessage() {
      return Promise.reject(new HearthError('forbidden', 'not a member'));
    },
  });
  await using server = await startTestServer({ apps: [app] });
  await using client = await TestClient.connect(server.wsUrl('/test/ws'));
  client.send('x');
  assert.deepEqual(await client.waitForClose(), { code: 4403, reason: 'not a member' });
});

test('the connection’s signal aborts when it closes, and onClose is told', async () => {
  const app = createRecordingApp();
  await using server = await startTestServer({ apps: [app] });
  const client = await TestClient.connect(server.wsUrl('/test/ws'));
  await waitUntil(() => app.opened.length === 1);
  const { signal } = app.opened[0]!;
  assert.equal(signal.aborted, false);
  client.socket.close(4000, 'bye');
  await waitUntil(() => app.closes.length === 1);
  assert.equal(signal.aborted, true);
  assert.deepEqual(app.closes[0], { id: app.opened[0]!.id, code: 4000, reason: 'bye' });
});

test('a connection closed by the server sends its queued frames first', async () => {
  const app = createRecordingApp({
    onMessage(connection) {
      connection.send('one');
      connection.send('two');
      connection.close(1000, 'done');
    },
  });
  await using server = await startTestServer({ apps: [app] });
  await using client = await TestClient.connect(server.wsUrl('/test/ws'));
  client.send('go');
  const closed = await client.waitForClose();
  assert.deepEqual(closed, { code: 1000, reason: 'done' });
  assert.deepEqual(
    client.frames.map((frame) => frame.text),
    ['one', 'two'],
  );
});
