// Three `hearth serve` processes sharing one Redis, as several machines behind a load balancer
// would: relay and protobuf frames cross nodes, the stats count every node, /ready and /metrics
// show the bus connected, and the clients of a node killed with SIGKILL are announced as left
// on the others once its TTL has passed. Two more nodes run the protobuf scenarios of
// cluster-scenarios.ts over Redis: reliable messages, late joiners' world, unique client ids and
// a reconnect to the other node within the grace period.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fetchJson, metricSample, scrapeMetrics } from '../../support/http.ts';
import { serviceUrl } from '../../support/services.ts';
import { waitUntil } from '../../support/ws-client.ts';
import { adminConnection, randomPrefix } from '../../core/cluster/redis-support.ts';
import {
  clientIdsUniqueAcrossNodes,
  lateJoinerSeesTheWorld,
  reconnectOnAnotherNode,
  reliableChatAcrossNodes,
} from './cluster-scenarios.ts';
import { startChildNode, type Node } from './cluster-support.ts';
import { PbClient, connectRelay } from './support/presence-server.ts';

const CLUSTER = { nodeTtlMs: 1500, heartbeatIntervalMs: 300 };

async function totalConnections(node: Node): Promise<number> {
  const stats = await fetchJson(`${node.url}/presence/ws/stats`);
  return (stats.body as { total_connections: number }).total_connections;
}

test('three nodes on one Redis: frames cross, stats are cluster-wide, a killed node leaves', async (t) => {
  const url = serviceUrl(t, 'redis');
  if (url === undefined) return;
  const prefix = randomPrefix();
  await adminConnection(t, url, prefix);
  const [a, b, c] = await Promise.all([
    startChildNode(t, url, prefix, CLUSTER),
    startChildNode(t, url, prefix, CLUSTER),
    startChildNode(t, url, prefix, CLUSTER),
  ]);

  const ready = await fetchJson(`${a.url}/ready`);
  assert.equal(ready.status, 200, JSON.stringify(ready.body));
  const metrics = await scrapeMetrics(a.url);
  assert.equal(metricSample(metrics, 'hearth_bus_connected'), 1);

  const { client: alice } = await connectRelay(a.target, 'room-1', { client_id: 'alice' });
  await using _alice = alice;
  const { client: bob } = await connectRelay(b.target, 'room-1', { client_id: 'bob' });
  await using _bob = bob;
  const { client: carol } = await connectRelay(c.target, 'room-1', {
    client_id: 'carol',
    display_name: 'Carol',
  });
  await using _carol = carol;
  await alice.waitForJson((value) => value.type === 'PRESENCE_JOIN' && value.client_id === 'carol');

  // Subscriptions travel to Redis asynchronously: keep sending until the first frame arrives.
  const bytes = Buffer.from([9, 8, 7, 0, 255]);
  await waitUntil(async () => {
    alice.send(bytes);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return (
      bob.frames.some((frame) => frame.isBinary) && carol.frames.some((frame) => frame.isBinary)
    );
  });
  assert.deepEqual((await bob.waitFor((frame) => frame.isBinary)).data, bytes);
  assert.deepEqual((await carol.waitFor((frame) => frame.isBinary)).data, bytes);
  alice.send('{"type":255,"keepalive":true}');
  const text = await carol.waitFor((frame) => !frame.isBinary && frame.text.includes('keepalive'));
  assert.equal(text.text, '{"type":255,"keepalive":true}');

  await using ann = await PbClient.connect(a.target, 'world', { clientId: 'ann' });
  await using ben = await PbClient.connect(b.target, 'world', { clientId: 'ben' });
  await waitUntil(async () => {
    ben.send({
      payload: 'positionUpdate',
      positionUpdate: { position: { x: 4, y: 5, z: 6 }, sequenceNumber: 1 },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    return ann.messages().some((message) => message.payload === 'positionUpdate');
  });
  const pose = await ann.next((message) => message.payload === 'positionUpdate');
  assert.ok(pose.payload === 'positionUpdate');
  assert.deepEqual(pose.positionUpdate.position, { x: 4, y: 5, z: 6 });
  // A protobuf client of node C owns an entity in the world.
  const cyd = await PbClient.connect(c.target, 'world', { clientId: 'cyd' });
  cyd.send({
    payload: 'entitySpawn',
    messageId: 's-1',
    entitySpawn: { entityId: 'cyd-box', templateId: 'box' },
  });
  await ann.next(
    (message) => message.payload === 'entitySpawn' && message.entitySpawn.entityId === 'cyd-box',
  );

  for (const node of [a, b, c]) assert.equal(await totalConnections(node), 6);
  const room = await fetchJson(`${b.url}/presence/ws/room-1/stats`);
  const body = room.body as { connection_count: number; connections: { client_id: string }[] };
  assert.equal(body.connection_count, 3);
  assert.deepEqual(body.connections.map((entry) => entry.client_id).sort(), [
    'alice',
    'bob',
    'carol',
  ]);

  // Node C dies without a word: its client is announced as left on A and B within the TTL.
  c.process.child.kill('SIGKILL');
  await c.process.waitForExit();
  const timeout = CLUSTER.nodeTtlMs * 4;
  const left = await alice.waitForJson(
    (value) => value.type === 'PRESENCE_LEAVE' && value.client_id === 'carol',
    timeout,
  );
  assert.equal(left.display_name, 'Carol');
  assert.equal(left.room_id, 'room-1');
  await bob.waitForJson(
    (value) => value.type === 'PRESENCE_LEAVE' && value.client_id === 'carol',
    timeout,
  );
  assert.equal(await totalConnections(a), 4);
  assert.equal(await totalConnections(b), 4);
  // Its protobuf client is gone for good too: its entity is despawned on both other nodes.
  for (const client of [ann, ben]) {
    const despawn = await client.next(
      (message) =>
        message.payload === 'entityDespawn' && message.entityDespawn.entityId === 'cyd-box',
      timeout,
    );
    assert.notEqual(despawn.messageId, '', 'reliable, like any despawn');
  }
  // Announced once: no second PRESENCE_LEAVE for carol arrives with later sweeps.
  await new Promise((resolve) => setTimeout(resolve, CLUSTER.heartbeatIntervalMs * 3));
  const leaves = alice.frames.filter(
    (frame) => !frame.isBinary && frame.text.includes('"PRESENCE_LEAVE"'),
  );
  assert.equal(leaves.length, 1);
});

test('two nodes on one Redis: reliable messages, the world, client ids and reconnects cross', async (t) => {
  const url = serviceUrl(t, 'redis');
  if (url === undefined) return;
  const prefix = randomPrefix();
  await adminConnection(t, url, prefix);
  const retryMs = 300;
  const env = {
    HEARTH_APPS__PRESENCE__RELIABLE__RETRY_INTERVAL_MS: String(retryMs),
    HEARTH_APPS__PRESENCE__RECONNECT_GRACE_MS: '60000',
  };
  const [a, b] = await Promise.all([
    startChildNode(t, url, prefix, CLUSTER, env),
    startChildNode(t, url, prefix, CLUSTER, env),
  ]);
  await reliableChatAcrossNodes(a, b, retryMs);
  await lateJoinerSeesTheWorld(a, b);
  await clientIdsUniqueAcrossNodes(a, b);
  await reconnectOnAnotherNode(a, b, retryMs);
});
