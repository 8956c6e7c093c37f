// Per-connection transport rules: the heartbeat cuts a peer that stops answering pings, frames
// over the payload limit close with 1009 (per-app overrides apply), and the inbound frame-rate
// bucket drops excess frames and closes a sustained flood with 4429.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRecordingApp } from '../support/test-apps.ts';
import { startTestServer } from '../support/test-server.ts';
import { TestClient, waitUntil } from '../support/ws-client.ts';

test('the heartbeat terminates a peer that stops answering pings, and spares one that answers', async () => {
  const app = createRecordingApp();
  await using server = await startTestServer({
    apps: [app],
    config: { websocket: { heartbeat_interval_ms: 100 } },
  });
  await using silent = await TestClient.connect(server.wsUrl('/test/ws'), { autoPong: false });
  await using healthy = await TestClient.connect(server.wsUrl('/test/ws'));
  const closed = await silent.waitForClose(3000);
  assert.equal(closed.code, 1006, 'terminated without a close handshake');
  assert.equal(server.server.metrics.countersFor('test').heartbeatTimeouts, 1);
  await waitUntil(() => app.closes.length === 1);
  // The healthy peer has answered every ping meanwhile (several intervals have passed).
  assert.equal(healthy.socket.readyState, 1);
  healthy.send('still here');
  await waitUntil(() => app.received.some((frame) => frame.text === 'still here'));
});

test('a frame over max_payload_bytes closes the connection with 1009', async () => {
  const app = createRecordingApp();
  await using server = await startTestServer({
    apps: [app],
    config: { websocket: { max_payload_bytes: 1024 } },
  });
  await using client = await TestClient.connect(server.wsUrl('/test/ws'));
  client.send(Buffer.alloc(1024, 1));
  await waitUntil(() => app.received.length === 1);
  client.send(Buffer.alloc(1025, 1));
  const closed = await client.waitForClose();
  assert.equal(closed.code, 1009);
  assert.equal(app.received.length, 1, 'the oversized frame never reached the app');
  await waitUntil(() => server.server.metrics.countersFor('test').oversizedFrames === 1);
});

test('an app can lower the payload limit for its own connections', async () => {
  const small = createRecordingApp({
    name: 'small',
    prefix: '/small',
    websocket: { max_payload_bytes: 100 },
  });
  const large = createRecordingApp({ name: 'large', prefix: '/large' });
  await using server = await startTestServer({ apps: [small, large] });
  await using toLarge = await TestClient.connect(server.wsUrl('/large/ws'));
  await using toSmall = await TestClient.connect(server.wsUrl('/small/ws'));
  toLarge.send(Buffer.alloc(500));
  await waitUntil(() => large.received.length === 1);
  toSmall.send(Buffer.alloc(500));
  assert.equal((await toSmall.waitForClose()).code, 1009);
});

test('the config section of an app overrides its websocket settings', async () => {
  const { createEchoApp } = await import('../../src/apps/echo/echo-app.ts');
  await using server = await startTestServer({
    apps: [createEchoApp('/echo')],
    config: { apps: { echo: { websocket: { max_payload_bytes: 10 } } } },
  });
  await using client = await TestClient.connect(server.wsUrl('/echo/ws'));
  client.send('0123456789');
  assert.equal((await client.waitFor()).text, '0123456789');
  client.send('0123456789X');
  assert.equal((await client.waitForClose()).code, 1009);
});

test('frames beyond the rate are dropped and reported; a sustained flood closes with 4429', async () => {
  const app = createRecordingApp();
  await using server = await startTestServer({
    apps: [app],
    config: { websocket: { frames_per_second: 1, frame_burst: 5, rate_limit_close_after: 50 } },
  });
  await using client = await TestClient.connect(server.wsUrl('/test/ws'));
  for (let index = 0; index < 20; index++) client.send(`frame ${index}`);
  await waitUntil(() => app.received.length + app.rateLimited.length >= 20);
  assert.ok(
    app.received.length >= 5 && app.received.length <= 6,
    `${app.received.length} admitted`,
  );
  assert.deepEqual(
    app.received.slice(0, 5).map((frame) => frame.text),
    ['frame 0', 'frame 1', 'frame 2', 'frame 3', 'frame 4'],
  );
  assert.ok(app.rateLimited.every((retryAfterMs) => retryAfterMs > 0 && retryAfterMs <= 1000));
  assert.equal(client.socket.readyState, 1, 'a short burst does not close the connection');
  for (let index = 0; index < 100; index++) client.send('flood');
  const closed = await client.waitForClose();
  assert.equal(closed.code, 4429);
  assert.ok(server.server.metrics.countersFor('test').rateLimitHits >= 50);
});
