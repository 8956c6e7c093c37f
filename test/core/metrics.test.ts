// Observability endpoints: /metrics after real echo traffic (connections, frames, bytes,
// fan-out, handler time, slow consumers, rate limits, refused upgrades, process metrics), the
// separate metrics port and the switch that turns /metrics off; /health and /ready, including
// readiness lost while draining and when the data directory disappears.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createEchoApp } from '../../src/apps/echo/echo-app.ts';
import { fetchJson, metricSample, scrapeMetrics } from '../support/http.ts';
import { RawWebSocketClient } from '../support/raw-ws-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { TestClient, expectRefusedUpgrade, waitUntil } from '../support/ws-client.ts';

const ECHO = { app: 'echo' };

/** One sample from a fresh scrape of the main port. */
async function sample(
  server: TestServer,
  name: string,
  labels: Record<string, string> = ECHO,
): Promise<number | undefined> {
  return metricSample(await scrapeMetrics(server.url), name, labels);
}

/** Can this host listen on the IPv6 loopback? */
async function ipv6LoopbackAvailable(): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => {
      resolve(false);
    });
    probe.listen(0, '::1', () => {
      probe.close(() => {
        resolve(true);
      });
    });
  });
}

test('/metrics counts connections, frames and bytes of echo traffic', async () => {
  await using server = await startTestServer({ apps: [createEchoApp('/echo')] });
  const client = await TestClient.connect(server.wsUrl('/echo/ws'));
  const payloads = [Buffer.from('hello'), Buffer.from([1, 2, 3]), Buffer.from('x'.repeat(100))];
  for (const payload of payloads) {
    client.send(payload);
    const echoed = await client.waitFor();
    assert.deepEqual(echoed.data, payload);
  }

  const open = await scrapeMetrics(server.url);
  assert.equal(metricSample(open, 'hearth_connections_active', ECHO), 1);
  assert.equal(metricSample(open, 'hearth_connections_total', ECHO), 1);

  await client.close();
  await waitUntil(async () => (await sample(server, 'hearth_connections_active')) === 0);

  const text = await scrapeMetrics(server.url);
  const payloadBytes = payloads.reduce((sum, payload) => sum + payload.length, 0);
  assert.equal(metricSample(text, 'hearth_connections_total', ECHO), 1);
  assert.equal(metricSample(text, 'hearth_frames_received_total', ECHO), payloads.length);
  assert.equal(metricSample(text, 'hearth_frames_sent_total', ECHO), payloads.length);
  assert.equal(metricSample(text, 'hearth_bytes_received_total', ECHO), payloadBytes);
  // Sent bytes are whole frames: a 2-byte header per unmasked server frame under 126 bytes.
  assert.equal(
    metricSample(text, 'hearth_bytes_sent_total', ECHO),
    payloadBytes + 2 * payloads.length,
  );
  assert.equal(metricSample(text, 'hearth_handler_duration_seconds_count', ECHO), payloads.length);
  assert.ok((metricSample(text, 'hearth_handler_duration_seconds_sum', ECHO) ?? -1) >= 0);
  assert.equal(
    metricSample(text, 'hearth_handler_duration_seconds_bucket', { ...ECHO, le: '+Inf' }),
    payloads.length,
  );
  assert.equal(metricSample(text, 'hearth_slow_consumer_disconnects_total', ECHO), 0);
  assert.equal(metricSample(text, 'hearth_rate_limit_hits_total', ECHO), 0);
  assert.equal(metricSample(text, 'hearth_handler_errors_total', ECHO), 0);
  assert.ok((metricSample(text, 'process_cpu_user_seconds_total') ?? -1) >= 0);
  assert.match(text, /^# TYPE hearth_connections_active gauge$/m);
  assert.match(text, /^# TYPE hearth_frames_received_total counter$/m);
});

test('/metrics records one publish to a room of three as a fan-out of 3', async () => {
  await using server = await startTestServer({ apps: [createEchoApp('/echo')] });
  const clients = await Promise.all(
    [0, 1, 2].map(() => TestClient.connect(server.wsUrl('/echo/ws?room=r'))),
  );
  try {
    clients[0]!.send('to everyone');
    for (const client of clients) assert.equal((await client.waitFor()).text, 'to everyone');

    const text = await scrapeMetrics(server.url);
    assert.equal(metricSample(text, 'hearth_publish_fanout_count', ECHO), 1);
    assert.equal(metricSample(text, 'hearth_publish_fanout_sum', ECHO), 3);
    assert.equal(metricSample(text, 'hearth_publish_fanout_bucket', { ...ECHO, le: '2' }), 0);
    assert.equal(metricSample(text, 'hearth_publish_fanout_bucket', { ...ECHO, le: '5' }), 1);
    assert.equal(metricSample(text, 'hearth_frames_received_total', ECHO), 1);
    assert.equal(metricSample(text, 'hearth_frames_sent_total', ECHO), 3);
    assert.equal(metricSample(text, 'hearth_connections_active', ECHO), 3);
  } finally {
    await Promise.all(clients.map((client) => client.close()));
  }
});

test('/metrics counts a refused upgrade by app and status', async () => {
  await using server = await startTestServer({ apps: [createEchoApp('/echo')] });
  const labels = { app: 'none', status: '404' };
  assert.equal(await sample(server, 'hearth_upgrades_refused_total', labels), undefined);
  assert.equal((await expectRefusedUpgrade(server.wsUrl('/nowhere'))).status, 404);
  assert.equal(await sample(server, 'hearth_upgrades_refused_total', labels), 1);
  assert.equal((await expectRefusedUpgrade(server.wsUrl('/echo/other'))).status, 404);
  assert.equal(
    await sample(server, 'hearth_upgrades_refused_total', { app: 'echo', status: '404' }),
    1,
  );
});

test('/metrics counts slow-consumer disconnects and rate-limited frames', async () => {
  await using server = await startTestServer({
    apps: [createEchoApp('/echo')],
    config: { websocket: { max_buffered_bytes: 16 * 1024, frames_per_second: 1, frame_burst: 1 } },
  });
  // A room member that stops reading is cut as a slow consumer once it falls behind the cap.
  const slow = await RawWebSocketClient.connect(server.port, '/echo/ws?room=r');
  slow.pause();
  await waitUntil(() => server.server.pubsub.registry.count('echo:r') === 1);
  const chunk = Buffer.alloc(16 * 1024);
  for (let sent = 0; sent < 4096 && !slow.isClosed; sent++) {
    server.server.pubsub.publish('echo:r', chunk, { app: 'echo' });
    if ((await sample(server, 'hearth_slow_consumer_disconnects_total')) === 1) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.equal(await sample(server, 'hearth_slow_consumer_disconnects_total'), 1);
  slow.destroy();

  // A burst of one: of three frames sent at once, the first is echoed and the others dropped.
  const sentBefore = (await sample(server, 'hearth_frames_sent_total')) ?? 0;
  await using burst = await TestClient.connect(server.wsUrl('/echo/ws'));
  burst.send('a');
  burst.send('b');
  burst.send('c');
  await waitUntil(async () => (await sample(server, 'hearth_frames_received_total')) === 3);
  const text = await scrapeMetrics(server.url);
  const hits = metricSample(text, 'hearth_rate_limit_hits_total', ECHO) ?? 0;
  const echoed = (metricSample(text, 'hearth_frames_sent_total', ECHO) ?? 0) - sentBefore;
  assert.ok(hits >= 1, `rate limit hits: ${hits}`);
  assert.equal(hits + echoed, 3);
});

test('metrics.enabled=false removes /metrics from the main port', async () => {
  await using server = await startTestServer({
    apps: [createEchoApp('/echo')],
    config: { metrics: { enabled: false } },
  });
  const response = await fetchJson(`${server.url}/metrics`);
  assert.equal(response.status, 404);
  assert.equal(response.body.error, 'not_found');
  assert.equal(server.server.metricsAddress(), undefined);
});

test('metrics.port serves /metrics on a port of its own, even with the main one off', async () => {
  await using server = await startTestServer({
    apps: [createEchoApp('/echo')],
    config: { metrics: { enabled: false, port: 0 } },
  });
  const address = server.server.metricsAddress();
  assert.ok(address, 'no metrics listener');
  assert.notEqual(address.port, 0);
  assert.notEqual(address.port, server.port);
  assert.equal(address.url, `http://127.0.0.1:${address.port}`);
  // The separate port reports the same registry: this open connection shows there.
  await using _connected = await TestClient.connect(server.wsUrl('/echo/ws'));
  const text = await scrapeMetrics(address.url);
  assert.equal(metricSample(text, 'hearth_connections_active', ECHO), 1);
  assert.equal((await fetchJson(`${server.url}/metrics`)).status, 404);
  // The metrics port serves metrics only.
  assert.equal((await fetchJson(`${address.url}/admin/log-level`)).status, 404);
});

// Known bug (see report): metricsAddress() does not bracket an IPv6 address, so its URL (also
// printed in the `serve` banner) is `http://::1:PORT`, which is not a valid URL.
test('metricsAddress() gives a usable URL for an IPv6 metrics host', async (t) => {
  if (!(await ipv6LoopbackAvailable())) {
    t.skip('no IPv6 loopback on this host');
    return;
  }
  await using server = await startTestServer({
    apps: [createEchoApp('/echo')],
    config: { metrics: { host: '::1', port: 0 } },
  });
  const address = server.server.metricsAddress();
  assert.ok(address);
  assert.equal(address.url, `http://[::1]:${address.port}`);
  await scrapeMetrics(address.url);
});

test('/health answers 200 ok and /ready answers 200 ready', async () => {
  await using server = await startTestServer({ apps: [createEchoApp('/echo')] });
  const health = await fetchJson(`${server.url}/health`);
  assert.equal(health.status, 200);
  assert.equal(health.body.status, 'ok');
  assert.equal(typeof health.body.version, 'string');
  const ready = await fetchJson(`${server.url}/ready`);
  assert.equal(ready.status, 200);
  assert.deepEqual(ready.body, { status: 'ready' });
});

test('/ready answers 503 draining while a drain is in progress; /health stays 200', async () => {
  await using server = await startTestServer({
    apps: [createEchoApp('/echo')],
    config: { server: { drain_timeout_ms: 10_000 } },
  });
  // A client that does not read cannot answer the close frame, which holds the drain open
  // (up to drain_timeout_ms) while the HTTP server is still listening.
  const client = await TestClient.connect(server.wsUrl('/echo/ws'));
  client.socket.pause();
  const draining = server.server.drain();
  try {
    const ready = await fetchJson(`${server.url}/ready`);
    assert.equal(ready.status, 503);
    assert.deepEqual(ready.body, { status: 'unready', problems: ['draining'] });
    assert.equal((await fetchJson(`${server.url}/health`)).status, 200);
  } finally {
    client.socket.resume();
    assert.equal((await client.waitForClose()).code, 1012);
    await draining;
  }
});

test('/ready answers 503 when the data directory disappears', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-ready-test-'));
  try {
    await using server = await startTestServer({
      apps: [createEchoApp('/echo')],
      config: { storage: { data_dir: dataDir } },
    });
    assert.equal((await fetchJson(`${server.url}/ready`)).status, 200);
    await rm(dataDir, { recursive: true });
    const ready = await fetchJson(`${server.url}/ready`);
    assert.equal(ready.status, 503);
    assert.deepEqual(ready.body, {
      status: 'unready',
      problems: ['data directory is not writable'],
    });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
