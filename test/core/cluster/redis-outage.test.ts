// Two nodes on one Redis, node A reaching it through a proxy the test cuts: while A is cut off
// it still serves its own clients (a chat client connects, sends and receives, the message is
// stored; a presence client joins a room and sees another client of A), `/ready` answers 200
// degraded and the metrics say so; when Redis returns, cross-node delivery resumes, A's
// connections (those opened during the outage too) are in the shared registry again, and a
// member leaving after the recovery is announced once on each node. A node that cannot reach
// PostgreSQL is unready (503) whatever Redis does.

import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { chatConfigSchema } from '../../../src/apps/chat/config.ts';
import { createChatApp } from '../../../src/apps/chat/chat-app.ts';
import { presenceConfigSchema } from '../../../src/apps/presence/config.ts';
import { createPresenceApp } from '../../../src/apps/presence/presence-app.ts';
import { PasswordHasher } from '../../../src/core/auth/password-hasher.ts';
import {
  addUser,
  Api,
  ChatClient,
  createRoom,
  setupAdmin,
} from '../../apps/chat/support/chat-server.ts';
import { connectRelay } from '../../apps/presence/support/presence-server.ts';
import { fetchJson, metricSample, scrapeMetrics } from '../../support/http.ts';
import { freshSchema } from '../../support/postgres-schema.ts';
import { serviceUrl } from '../../support/services.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { waitUntil, type TestClient } from '../../support/ws-client.ts';
import { RedisOutageProxy } from './redis-outage-proxy.ts';
import { adminConnection, randomPrefix } from './redis-support.ts';

const HEARTBEAT_MS = 300;

async function startNode(t: TestContext, redisUrl: string, prefix: string): Promise<TestServer> {
  const chatRaw = {
    presence_grace_ms: 0,
    limits: {
      connection_attempts_per_ip_per_minute: 10_000,
      login_attempts_per_ip_per_minute: 10_000,
      login_attempts_per_account_per_minute: 10_000,
    },
  };
  const presenceRaw = { connection_attempts_per_ip_per_minute: 100_000 };
  const server = await startTestServer({
    apps: () => [
      createChatApp(chatConfigSchema.parse(chatRaw), {
        hasher: new PasswordHasher({ cost: { ln: 10, r: 8, p: 1 } }),
      }),
      createPresenceApp(presenceConfigSchema.parse(presenceRaw)),
    ],
    config: {
      cluster: {
        redis_url: redisUrl,
        prefix,
        node_ttl_ms: 30_000,
        heartbeat_interval_ms: HEARTBEAT_MS,
      },
      apps: { chat: chatRaw, presence: presenceRaw },
    },
  });
  t.after(() => server.close());
  return server;
}

async function totalConnections(node: TestServer): Promise<number> {
  const stats = await fetchJson(`${node.url}/presence/ws/stats`);
  return (stats.body as { total_connections: number }).total_connections;
}

function presenceEvents(client: TestClient, type: string, clientId: string): number {
  return client.frames.filter((frame) => {
    if (frame.isBinary) return false;
    const value = JSON.parse(frame.text) as Record<string, unknown>;
    return value.type === type && value.client_id === clientId;
  }).length;
}

/** Sends `bytes` from one relay client until the other has received a binary frame. */
async function crosses(from: TestClient, to: TestClient, bytes: Buffer): Promise<void> {
  const before = to.frames.filter((frame) => frame.isBinary).length;
  // Subscriptions reach Redis asynchronously: keep sending until the first frame arrives.
  await waitUntil(async () => {
    from.send(bytes);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return to.frames.filter((frame) => frame.isBinary).length > before;
  }, 15_000);
}

test('a node cut off from Redis serves its own clients, reports degraded, and rejoins the cluster', async (t) => {
  const url = serviceUrl(t, 'redis');
  if (url === undefined) return;
  const prefix = randomPrefix();
  await adminConnection(t, url, prefix);
  const proxy = await RedisOutageProxy.start(t, url);
  const a = await startNode(t, proxy.url, prefix);
  const b = await startNode(t, url, prefix);
  assert.deepEqual((await fetchJson(`${a.url}/ready`)).body, { status: 'ready' });

  // Chat on A: users and a room made before the outage.
  const ann = await setupAdmin(a, 'Ann');
  const bea = await addUser(a, ann, 'Bea');
  const room = await createRoom(a, ann, { kind: 'closed', name: 'Team', member_ids: [bea.id] });

  // Presence: alice on A, bob on B, in one room, and frames cross.
  const { client: alice } = await connectRelay(a, 'lobby', { client_id: 'alice' });
  await using _alice = alice;
  const { client: bob } = await connectRelay(b, 'lobby', { client_id: 'bob' });
  await using _bob = bob;
  await alice.waitForJson((value) => value.type === 'PRESENCE_JOIN' && value.client_id === 'bob');
  await crosses(bob, alice, Buffer.from([1, 2, 3]));

  proxy.cut();
  await waitUntil(async () => (await fetchJson(`${a.url}/ready`)).body.status === 'degraded');
  const ready = await fetchJson(`${a.url}/ready`);
  assert.equal(ready.status, 200, 'degraded is still ready for traffic');
  const problems = ready.body.problems as string[];
  assert.ok(
    problems.some((problem) => problem.startsWith('bus: redis unavailable')),
    problems.join(),
  );
  await waitUntil(
    async () => metricSample(await scrapeMetrics(a.url), 'hearth_presence_registry_degraded') === 1,
  );
  const degraded = await scrapeMetrics(a.url);
  assert.equal(metricSample(degraded, 'hearth_bus_connected'), 0);
  assert.deepEqual((await fetchJson(`${b.url}/ready`)).body, { status: 'ready' }, 'B is fine');

  // Chat during the outage: both users connect to A, a message is delivered and stored.
  await using annClient = await ChatClient.open(a, ann);
  await using beaClient = await ChatClient.open(a, bea);
  const delivered = await annClient.say(room, 'still here');
  assert.equal(delivered.type, 'MessageDelivered', JSON.stringify(delivered.data));
  const received = await beaClient.next('NewMessage');
  assert.equal((received.data?.message as { content: string }).content, 'still here');
  const stored = await new Api(a, bea.token).get(`/rooms/${room}/messages?after=0&limit=10`);
  assert.deepEqual(
    (stored.body.messages as { content: string }[]).map((message) => message.content),
    ['still here'],
  );

  // Presence during the outage: carol joins A's room and she and alice see each other.
  const { client: carol, hello } = await connectRelay(a, 'lobby', { client_id: 'carol' });
  await using _carol = carol;
  assert.equal(hello.client_id, 'carol', 'the id she asked for');
  await alice.waitForJson((value) => value.type === 'PRESENCE_JOIN' && value.client_id === 'carol');
  await crosses(carol, alice, Buffer.from([4, 5, 6]));
  assert.equal(await totalConnections(a), 2, 'A counts its own connections while cut off');

  proxy.restore();
  await waitUntil(async () => (await fetchJson(`${a.url}/ready`)).body.status === 'ready', 15_000);
  const recovered = await scrapeMetrics(a.url);
  assert.equal(metricSample(recovered, 'hearth_presence_registry_degraded'), 0);
  assert.equal(metricSample(recovered, 'hearth_bus_connected'), 1);

  // Cross-node delivery resumes, both ways.
  await crosses(carol, bob, Buffer.from([7, 8, 9]));
  await crosses(bob, carol, Buffer.from([10, 11]));
  // A's connections are in the shared registry again, carol's from the outage too.
  await waitUntil(async () => (await totalConnections(b)) === 3);
  assert.equal(await totalConnections(a), 3);

  // Carol leaves after the recovery: announced once on each node.
  await carol.close();
  for (const client of [alice, bob]) {
    await client.waitForJson(
      (value) => value.type === 'PRESENCE_LEAVE' && value.client_id === 'carol',
    );
  }
  await waitUntil(async () => (await totalConnections(b)) === 2);
  // Several heartbeats (each one reconciles and sweeps): no second announcement comes.
  await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS * 4));
  assert.equal(presenceEvents(alice, 'PRESENCE_LEAVE', 'carol'), 1);
  assert.equal(presenceEvents(bob, 'PRESENCE_LEAVE', 'carol'), 1);
});

test('/ready: Redis lost is degraded (200), PostgreSQL lost is unready (503)', async (t) => {
  const url = serviceUrl(t, 'redis');
  const pg = await freshSchema(t);
  if (url === undefined || pg === undefined) return;
  const prefix = randomPrefix();
  await adminConnection(t, url, prefix);
  const redis = await RedisOutageProxy.start(t, url);
  const postgres = await RedisOutageProxy.start(t, pg.url, 5432);
  const presenceRaw = { connection_attempts_per_ip_per_minute: 100_000 };
  const node = await startTestServer({
    apps: () => [createPresenceApp(presenceConfigSchema.parse(presenceRaw))],
    config: {
      cluster: { redis_url: redis.url, prefix, heartbeat_interval_ms: HEARTBEAT_MS },
      storage: { postgres_url: postgres.url, postgres_schema: pg.schema, postgres_pool_size: 2 },
      apps: { presence: presenceRaw },
    },
  });
  t.after(() => node.close());
  const ready = async () => {
    const response = await fetchJson(`${node.url}/ready`);
    return {
      status: response.status,
      body: response.body as { status: string; problems?: string[] },
    };
  };
  assert.deepEqual(await ready(), { status: 200, body: { status: 'ready' } });

  redis.cut();
  await waitUntil(async () => (await ready()).body.status === 'degraded');
  assert.equal((await ready()).status, 200);

  postgres.cut();
  await waitUntil(async () => (await ready()).status === 503, 10_000);
  const unready = await ready();
  assert.equal(unready.body.status, 'unready');
  const problems = unready.body.problems ?? [];
  assert.ok(
    problems.some((problem) => problem.startsWith('postgres: ')),
    problems.join(),
  );
  assert.ok(
    problems.some((problem) => problem.startsWith('bus: ')),
    'degradations listed too',
  );

  redis.restore();
  postgres.restore();
  await waitUntil(async () => (await ready()).body.status === 'ready', 15_000);
});
