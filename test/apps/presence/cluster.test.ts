// Presence across nodes without Redis: two HearthServers in one process share a LocalBusHub
// (the bus) and one in-memory registry, as two processes share Redis. Relay frames, joins and
// leaves, and protobuf poses and presence events reach the other node's clients; the stats
// count both nodes. Reliable messages cross, acked and retried on the receiver's node; a late
// joiner sees the other node's world; client ids are unique across nodes; a client may come back
// on the other node within its grace period (cluster-scenarios.ts).

import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { LocalBus, LocalBusHub } from '../../../src/core/bus/local-bus.ts';
import { MemoryPresenceRegistry } from '../../../src/core/presence/memory-presence-registry.ts';
import { PresenceEventType } from '../../../src/protocol/presence/messages.ts';
import { fetchJson } from '../../support/http.ts';
import { waitUntil } from '../../support/ws-client.ts';
import {
  clientIdsUniqueAcrossNodes,
  lateJoinerSeesTheWorld,
  reconnectOnAnotherNode,
  reliableChatAcrossNodes,
} from './cluster-scenarios.ts';
import { startInProcessNode, type Node } from './cluster-support.ts';
import { PbClient, connectRelay } from './support/presence-server.ts';

test('relay frames, joins, leaves and stats span two nodes sharing a bus and a registry', async (t) => {
  const hub = new LocalBusHub();
  const registry = new MemoryPresenceRegistry();
  const a = await startInProcessNode(t, new LocalBus('node-a', hub), registry);
  const b = await startInProcessNode(t, new LocalBus('node-b', hub), registry);

  const { client: alice } = await connectRelay(a.target, 'room-1', { client_id: 'alice' });
  await using _alice = alice;
  const { client: bob } = await connectRelay(b.target, 'room-1', { client_id: 'bob' });
  await using _bob = bob;
  const joined = await alice.waitForJson((value) => value.type === 'PRESENCE_JOIN');
  assert.equal(joined.client_id, 'bob', "the other node's join is announced");

  const bytes = Buffer.from([0, 1, 2, 253, 254, 255]);
  alice.send(bytes);
  alice.send('{"type":255}');
  const binary = await bob.waitFor((frame) => frame.isBinary);
  assert.deepEqual(binary.data, bytes);
  const text = await bob.waitFor((frame) => !frame.isBinary && frame.text === '{"type":255}');
  assert.equal(text.isBinary, false, 'the opcode crosses too');

  for (const node of [a, b]) {
    const stats = await fetchJson(`${node.url}/presence/ws/stats`);
    assert.equal((stats.body as { total_connections: number }).total_connections, 2);
    const room = await fetchJson(`${node.url}/presence/ws/room-1/stats`);
    const body = room.body as { connection_count: number; connections: { client_id: string }[] };
    assert.equal(body.connection_count, 2);
    assert.deepEqual(body.connections.map((c) => c.client_id).sort(), ['alice', 'bob']);
  }

  await bob.close();
  const left = await alice.waitForJson((value) => value.type === 'PRESENCE_LEAVE');
  assert.equal(left.client_id, 'bob');
  await waitUntil(async () => {
    const stats = await fetchJson(`${a.url}/presence/ws/stats`);
    return (stats.body as { total_connections: number }).total_connections === 1;
  });
});

test('protobuf poses and presence events reach the clients of the other node', async (t) => {
  const hub = new LocalBusHub();
  const registry = new MemoryPresenceRegistry();
  const a = await startInProcessNode(t, new LocalBus('node-a', hub), registry);
  const b = await startInProcessNode(t, new LocalBus('node-b', hub), registry);
  await using ann = await PbClient.connect(a.target, 'world', {
    clientId: 'ann',
    displayName: 'Ann',
  });
  await using bob = await PbClient.connect(b.target, 'world', {
    clientId: 'bob',
    displayName: 'Bob',
  });
  const join = await ann.next(
    (message) =>
      message.payload === 'presenceEvent' &&
      message.presenceEvent.eventType === PresenceEventType.Join,
  );
  assert.equal(join.payload === 'presenceEvent' && join.presenceEvent.clientId, 'bob');
  bob.send({
    payload: 'positionUpdate',
    positionUpdate: {
      position: { x: 1, y: 2, z: 3 },
      rotation: { x: 0, y: 0, z: 0, w: 1 },
      sequenceNumber: 7,
    },
  });
  const pose = await ann.next((message) => message.payload === 'positionUpdate');
  assert.ok(pose.payload === 'positionUpdate');
  assert.deepEqual(pose.positionUpdate.position, { x: 1, y: 2, z: 3 });
  assert.equal(pose.positionUpdate.sequenceNumber, 7);
});

const RETRY_MS = 150;

/** Two nodes on one hub and registry, with quick retries and a long grace period. */
async function twoNodes(t: TestContext): Promise<[Node, Node]> {
  const hub = new LocalBusHub();
  const registry = new MemoryPresenceRegistry();
  const presence = { reliable: { retry_interval_ms: RETRY_MS }, reconnect_grace_ms: 60_000 };
  return Promise.all([
    startInProcessNode(t, new LocalBus('node-a', hub), registry, presence),
    startInProcessNode(t, new LocalBus('node-b', hub), registry, presence),
  ]);
}

test('a reliable chat message crosses nodes, is acked and retried on the receiver’s node', async (t) => {
  const [a, b] = await twoNodes(t);
  await reliableChatAcrossNodes(a, b, RETRY_MS);
});

test('a late joiner on node B gets the players and entities of node A in its ServerHello', async (t) => {
  const [a, b] = await twoNodes(t);
  await lateJoinerSeesTheWorld(a, b);
});

test('a client id in use or held on node A is not given to someone else on node B', async (t) => {
  const [a, b] = await twoNodes(t);
  await clientIdsUniqueAcrossNodes(a, b);
});

test('a client back on node B within its grace period keeps its id, entities and messages', async (t) => {
  const [a, b] = await twoNodes(t);
  await reconnectOnAnotherNode(a, b, RETRY_MS);
});
