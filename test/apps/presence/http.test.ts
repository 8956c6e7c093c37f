// The presence app's HTTP side and limits: 60 connection attempts per minute per IP then the
// spec's exact 429 body, the stats endpoints and their access rule (room stats name users: the
// admin token unless loopback-only), the performance report's shape, the hearth_presence_*
// metrics, and the seed's paths with an empty prefix.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fetchJson, metricSample, scrapeMetrics } from '../../support/http.ts';
import { TestClient, expectRefusedUpgrade } from '../../support/ws-client.ts';
import { PbClient, connectRelay, roomUrl, startPresenceServer } from './support/presence-server.ts';

const ADMIN_TOKEN = 'presence-admin-token-0123456789';

test('60 connection attempts per minute per IP, then 429 with the exact body of the spec', async () => {
  await using server = await startPresenceServer({
    presence: { connection_attempts_per_ip_per_minute: 60 },
  });
  // Refused attempts count as attempts too.
  assert.equal((await expectRefusedUpgrade(roomUrl(server, 'bad room'))).status, 400);
  for (let attempt = 1; attempt < 60; attempt++) {
    const { client } = await connectRelay(server, 'lobby');
    await client.close();
  }
  const refused = await expectRefusedUpgrade(roomUrl(server, 'lobby'));
  assert.equal(refused.status, 429);
  assert.deepEqual(refused.body, {
    error: 'Rate limit exceeded',
    message: 'Rate limit exceeded. Try again in 1 seconds.',
  });
  assert.equal(refused.headers['retry-after'], '1');
  const metrics = await scrapeMetrics(server.url);
  assert.equal(metricSample(metrics, 'hearth_presence_connection_attempts_limited_total'), 1);
});

test('the wait in the 429 message is the real one', async () => {
  await using server = await startPresenceServer({
    presence: { connection_attempts_per_ip_per_minute: 2 },
  });
  for (let attempt = 0; attempt < 2; attempt++) {
    const { client } = await connectRelay(server, 'lobby');
    await client.close();
  }
  const refused = await expectRefusedUpgrade(roomUrl(server, 'lobby', { format: 'protobuf' }));
  assert.equal(refused.status, 429);
  const seconds = Number(/Try again in (\d+) seconds\./.exec(String(refused.body.message))?.[1]);
  assert.ok(seconds >= 29 && seconds <= 30, `${seconds} s`);
  assert.equal(refused.headers['retry-after'], String(seconds));
});

test('stats: the connection count, and who is in a room', async () => {
  await using server = await startPresenceServer();
  const { client: relay } = await connectRelay(server, 'lobby', {
    client_id: 'relay-1',
    user_id: 'u1',
  });
  await using _relay = relay;
  await using _pb = await PbClient.connect(server, 'lobby', { clientId: 'pb-1' });
  const { client: other } = await connectRelay(server, 'elsewhere');
  await using _other = other;

  const total = await fetchJson(`${server.url}/presence/ws/stats`);
  assert.equal(total.status, 200);
  assert.equal(total.body.total_connections, 3);
  assert.match(String(total.body.timestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);

  const room = await fetchJson(`${server.url}/presence/ws/lobby/stats`);
  assert.equal(room.status, 200);
  assert.equal(room.body.room_id, 'lobby');
  assert.equal(room.body.connection_count, 2);
  const connections = room.body.connections as Record<string, unknown>[];
  assert.deepEqual(
    connections.map((each) => [each.room_id, each.user_id, each.client_id]),
    [
      ['lobby', 'u1', 'relay-1'],
      ['lobby', 'pb-1', 'pb-1'],
    ],
  );
  for (const each of connections) {
    assert.deepEqual(Object.keys(each).sort(), [
      'client_id',
      'connected_at',
      'id',
      'room_id',
      'user_id',
    ]);
    assert.ok(Date.now() - Date.parse(String(each.connected_at)) < 10_000);
  }
  const empty = await fetchJson(`${server.url}/presence/ws/nobody-here/stats`);
  assert.deepEqual(empty.body, { room_id: 'nobody-here', connection_count: 0, connections: [] });
  assert.equal((await fetchJson(`${server.url}/presence/ws/bad%20room/stats`)).status, 400);
});

test('room stats name users: with an admin token set they need it', async () => {
  await using server = await startPresenceServer({ config: { admin: { token: ADMIN_TOKEN } } });
  const url = `${server.url}/presence/ws/lobby/stats`;
  assert.equal((await fetchJson(url)).status, 401);
  assert.equal(
    (await fetchJson(url, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status,
    401,
  );
  const allowed = await fetchJson(url, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  assert.equal(allowed.status, 200);
  // The count and the report name nobody.
  assert.equal((await fetchJson(`${server.url}/presence/ws/stats`)).status, 200);
  assert.equal((await fetchJson(`${server.url}/presence/metrics`)).status, 200);
});

test('room stats without an admin token answer only on a loopback-only server', async () => {
  await using server = await startPresenceServer({ config: { server: { host: '0.0.0.0' } } });
  const refused = await fetchJson(`${server.url}/presence/ws/lobby/stats`);
  assert.equal(refused.status, 403);
});

test('/presence/metrics is the performance report', async () => {
  await using server = await startPresenceServer();
  const { client: alice } = await connectRelay(server, 'lobby', { client_id: 'alice' });
  const { client: bob } = await connectRelay(server, 'lobby', { client_id: 'bob' });
  await using _alice = alice;
  await using _bob = bob;
  for (let index = 0; index < 10; index++) alice.send(`frame ${index}`);
  await bob.waitFor((frame) => frame.text === 'frame 9');
  await using pb = await PbClient.connect(server, 'lobby', { clientId: 'pb' });
  pb.sendRaw(Buffer.from('not protobuf'));
  await pb.nextError();

  const response = await fetchJson(`${server.url}/presence/metrics`);
  assert.equal(response.status, 200);
  assert.match(String(response.body.timestamp), /^\d{4}-\d\d-\d\dT/);
  const report = String(response.body.report);
  const lines = report.split('\n');
  assert.equal(lines[0], '=== Performance Report ===');
  assert.match(lines[1]!, /^Uptime: \d+s$/);
  assert.match(lines[2]!, /^Connections: 3 active \/ 3 total \(0 errors\)$/);
  const messages = /^Messages: (\d+) sent \/ (\d+) received \((\d+) errors\)$/.exec(lines[3]!);
  assert.ok(messages, lines[3]);
  assert.ok(Number(messages[1]) >= 10 && Number(messages[2]) >= 12 && Number(messages[3]) === 1);
  assert.match(lines[4]!, /^Bytes: \d+ sent \/ \d+ received$/);
  assert.equal(lines[5], 'Active Rooms: 1');
  const latency = /^Latency: avg=(\d+\.\d{3})ms, p50=(\d+\.\d{3})ms, p99=(\d+\.\d{3})ms$/.exec(
    lines[6]!,
  );
  assert.ok(latency, lines[6]);
  assert.ok(Number(latency[1]) > 0 && Number(latency[3]) >= Number(latency[2]));
  assert.equal(lines.at(-1), '========================');
});

test('the hearth_presence_* metrics are on /metrics', async () => {
  await using server = await startPresenceServer();
  await using ann = await PbClient.connect(server, 'room', { clientId: 'ann' });
  await using bob = await PbClient.connect(server, 'room', { clientId: 'bob' });
  const { client: relay } = await connectRelay(server, 'room');
  const { client: relay2 } = await connectRelay(server, 'room');
  await using _relay = relay;
  await using _relay2 = relay2;
  ann.send({ payload: 'entitySpawn', messageId: 's', entitySpawn: { entityId: 'box' } });
  const spawn = await bob.next((message) => message.payload === 'entitySpawn');
  bob.ack(spawn.messageId);
  await ann.next((message) => message.payload === 'ack');
  relay.send('opaque');
  await relay2.waitFor((frame) => frame.text === 'opaque');

  const text = await scrapeMetrics(server.url);
  const sample = (name: string, labels: Record<string, string> = {}) =>
    metricSample(text, name, labels);
  assert.equal(sample('hearth_presence_rooms_active'), 1);
  assert.equal(sample('hearth_presence_clients', { mode: 'protobuf' }), 2);
  assert.equal(sample('hearth_presence_clients', { mode: 'relay' }), 2);
  assert.equal(sample('hearth_presence_relayed_frames_total', { mode: 'relay' }), 1);
  assert.equal(sample('hearth_presence_entities'), 1);
  assert.equal(sample('hearth_presence_acks_sent_total'), 1);
  assert.equal(sample('hearth_presence_reliable_sent_total'), 1);
  assert.equal(sample('hearth_presence_relayed_frames_total', { mode: 'protobuf' }), 1);
  assert.ok(text.includes('hearth_presence_relay_latency_seconds_bucket'));
  for (const name of [
    'hearth_presence_decode_errors_total',
    'hearth_presence_reliable_retries_total',
    'hearth_presence_reliable_pending',
    'hearth_presence_poses_coalesced_total',
    'hearth_presence_sessions_resumed_total',
  ]) {
    assert.ok(sample(name) !== undefined, name);
  }
  // The core's transport metrics carry the app label.
  assert.ok((sample('hearth_connections_active', { app: 'presence' }) ?? 0) >= 3);
});

test('with an empty prefix the seed paths work: /ws/{room_id}, /ws/stats, and the report at /ws/metrics', async () => {
  await using server = await startPresenceServer({ presence: { prefix: '' } });
  await using seed = await TestClient.connect(
    server.wsUrl('/ws/room-123?user_id=alice&client_id=client-1'),
  );
  const seedHello = await seed.waitForJson((value) => value.type === 'SERVER_HELLO');
  assert.equal(seedHello.client_id, 'client-1');
  assert.equal((await fetchJson(`${server.url}/ws/stats`)).body.total_connections, 1);
  assert.equal((await fetchJson(`${server.url}/ws/room-123/stats`)).body.connection_count, 1);
  const report = await fetchJson(`${server.url}/ws/metrics`);
  assert.match(String(report.body.report), /^=== Performance Report ===/);
  assert.ok((await scrapeMetrics(server.url)).includes('hearth_presence_rooms_active'));
});
