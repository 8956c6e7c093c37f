// Authentication deferred to a first message: nothing reaches the app before it succeeds, a
// client that never authenticates is closed with 4408, bytes before auth are capped, frames
// sent while an async check runs are kept and delivered in order afterwards.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Identity } from '../../src/core/app.ts';
import { HearthError } from '../../src/protocol/errors.ts';
import { createRecordingApp } from '../support/test-apps.ts';
import { startTestServer } from '../support/test-server.ts';
import { TestClient, waitUntil } from '../support/ws-client.ts';

function deferredApp(delayMs = 0) {
  return createRecordingApp({
    admit: () => ({ state: undefined, deferred: true }),
    async authenticate(_connection, data): Promise<Identity | undefined> {
      const message = JSON.parse(data.toString('utf8')) as { type?: string; token?: string };
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (message.type !== 'Auth') return undefined;
      if (message.token !== 'good') throw new HearthError('unauthorized', 'invalid token');
      return { userId: 'alice' };
    },
  });
}

test('a connection that never authenticates is closed with 4408', async () => {
  const app = deferredApp();
  await using server = await startTestServer({
    apps: [app],
    config: { websocket: { auth_timeout_ms: 150 } },
  });
  await using client = await TestClient.connect(server.wsUrl('/test/ws'));
  const closed = await client.waitForClose();
  assert.equal(closed.code, 4408);
  assert.equal(app.opened.length, 0, 'the app never saw it open');
  assert.equal(app.closes.length, 0);
});

test('a bad credential closes with the refusal code and message', async () => {
  const app = deferredApp();
  await using server = await startTestServer({ apps: [app] });
  await using client = await TestClient.connect(server.wsUrl('/test/ws'));
  client.sendJson({ type: 'Auth', token: 'bad' });
  const closed = await client.waitForClose();
  assert.deepEqual(closed, { code: 4401, reason: 'invalid token' });
  assert.equal(app.opened.length, 0);
});

test('bytes sent before authentication are capped (1008)', async () => {
  const app = deferredApp();
  await using server = await startTestServer({
    apps: [app],
    config: { websocket: { max_preauth_bytes: 200 } },
  });
  await using client = await TestClient.connect(server.wsUrl('/test/ws'));
  for (let index = 0; index < 10; index++)
    client.sendJson({ type: 'Chatter', padding: 'x'.repeat(40) });
  const closed = await client.waitForClose();
  assert.equal(closed.code, 1008);
  assert.equal(app.received.length, 0);
});

test('frames sent during a slow authentication are delivered after it, in order', async () => {
  const app = deferredApp(100);
  await using server = await startTestServer({ apps: [app] });
  await using client = await TestClient.connect(server.wsUrl('/test/ws'));
  client.sendJson({ type: 'Auth', token: 'good' });
  for (let index = 1; index <= 5; index++) client.send(`after auth ${index}`);
  await waitUntil(() => app.received.length === 5);
  assert.equal(app.opened.length, 1);
  assert.deepEqual(app.opened[0]!.identity, { userId: 'alice' });
  assert.deepEqual(
    app.received.map((frame) => frame.text),
    [1, 2, 3, 4, 5].map((index) => `after auth ${index}`),
  );
});

test('frames that are not the credential are offered to authenticate until one is', async () => {
  const app = deferredApp();
  await using server = await startTestServer({ apps: [app] });
  await using client = await TestClient.connect(server.wsUrl('/test/ws'));
  client.sendJson({ type: 'Hello' });
  client.sendJson({ type: 'Auth', token: 'good' });
  client.send('first real frame');
  await waitUntil(() => app.received.length === 1);
  assert.equal(app.received[0]!.text, 'first real frame');
  assert.equal(app.opened.length, 1);
});

test('a deferred app without an authenticate hook refuses with 4401', async () => {
  const app = createRecordingApp({ admit: () => ({ state: undefined, deferred: true }) });
  await using server = await startTestServer({ apps: [app] });
  await using client = await TestClient.connect(server.wsUrl('/test/ws'));
  client.send('anything');
  assert.equal((await client.waitForClose()).code, 4401);
});

test('a flood of empty frames before authentication is capped too (1008)', async () => {
  const app = deferredApp();
  await using server = await startTestServer({
    apps: [app],
    config: { websocket: { max_preauth_bytes: 1024 } },
  });
  await using client = await TestClient.connect(server.wsUrl('/test/ws'));
  for (let index = 0; index < 100; index++) client.send('{}');
  assert.equal((await client.waitForClose()).code, 1008);
});
