// Chat's limits across a cluster on a real Redis: two nodes (in this process, each with its own
// Redis connections, sharing one SQLite file) count one budget for a user's messages, typing and
// connections and for an IP's connection and login attempts, answering as the spec says
// whichever node hits the limit. Then two `hearth serve` processes on Redis and PostgreSQL: the
// connections of a node killed with SIGKILL stop counting against their user within its TTL.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { RawConfig } from '../../../src/core/config/sources.ts';
import { HearthProcess } from '../../support/child-server.ts';
import { metricSample, scrapeMetrics } from '../../support/http.ts';
import { freshSchema } from '../../support/postgres-schema.ts';
import { serviceUrl } from '../../support/services.ts';
import type { TestServer } from '../../support/test-server.ts';
import { expectRefusedUpgrade } from '../../support/ws-client.ts';
import { adminConnection, randomPrefix } from '../../core/cluster/redis-support.ts';
import {
  addUser,
  Api,
  ChatClient,
  createRoom,
  login,
  setupAdmin,
  startChatServer,
  type User,
} from './support/chat-server.ts';

const CLUSTER = { node_ttl_ms: 1500, heartbeat_interval_ms: 300 };

/** Two chat nodes on one Redis (under a prefix of the test's own) and one SQLite file. */
async function startPair(
  t: TestContext,
  limits: RawConfig,
): Promise<[TestServer, TestServer] | undefined> {
  const url = serviceUrl(t, 'redis');
  if (url === undefined) return undefined;
  const prefix = randomPrefix();
  await adminConnection(t, url, prefix);
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-chat-limits-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const start = () =>
    startChatServer({
      chat: { presence_grace_ms: 0, limits },
      config: {
        storage: { data_dir: dataDir },
        cluster: { redis_url: url, prefix, ...CLUSTER },
      },
    });
  const a = await start();
  t.after(() => a.close());
  const b = await start();
  t.after(() => b.close());
  return [a, b];
}

async function limitHits(server: TestServer, limit: string): Promise<number> {
  return (
    metricSample(await scrapeMetrics(server.url), 'hearth_chat_limit_hits_total', { limit }) ?? 0
  );
}

test("a user's messages per minute are one budget on every node, over WebSocket and HTTP", async (t) => {
  const pair = await startPair(t, { messages_per_minute: 4 });
  if (pair === undefined) return;
  const [a, b] = pair;
  const alice = await setupAdmin(a, 'Alice');
  const room = await createRoom(a, alice, { kind: 'open', name: 'Lobby' });
  await using onA = await ChatClient.open(a, alice);
  await using onB = await ChatClient.open(b, alice);
  for (const client of [onA, onB, onA, onB]) {
    assert.equal((await client.say(room, 'counted')).type, 'MessageDelivered');
  }
  for (const client of [onA, onB]) {
    const refused = await client.say(room, 'one too many');
    assert.equal(refused.type, 'MessageError');
    assert.equal(refused.data.error, 'rate_limited');
    assert.ok(typeof refused.data.retry_after_ms === 'number' && refused.data.retry_after_ms > 0);
  }
  const overHttp = await new Api(b, alice.token).post(`/rooms/${room}/messages`, {
    content: 'http too',
    client_message_id: crypto.randomUUID(),
  });
  assert.equal(overHttp.status, 429);
  assert.ok(Number(overHttp.headers.get('retry-after')) >= 1);
  const stored = await new Api(a, alice.token).get(`/rooms/${room}/messages`);
  assert.equal((stored.body.messages as unknown[]).length, 4, 'nothing past the limit is stored');
  assert.equal(await limitHits(a, 'messages_per_minute'), 1);
  assert.equal(await limitHits(b, 'messages_per_minute'), 2);
});

test("a user's typing events per minute are one budget on every node", async (t) => {
  const pair = await startPair(t, { typing_per_minute: 2 });
  if (pair === undefined) return;
  const [a, b] = pair;
  const alice = await setupAdmin(a, 'Alice');
  const room = await createRoom(a, alice, { kind: 'open', name: 'Lobby' });
  await using onA = await ChatClient.open(a, alice);
  await using onB = await ChatClient.open(b, alice);
  onA.send('TypingStart', { room_id: room });
  onA.send('TypingStart', { room_id: room });
  await onA.flush();
  assert.equal(await limitHits(a, 'typing_per_minute'), 0);
  // The third, on the other node, is past the shared budget: dropped silently there.
  onB.send('TypingStart', { room_id: room });
  await onB.flush();
  assert.equal(await limitHits(b, 'typing_per_minute'), 1);
  assert.equal(onB.seen('Error').length, 0, 'dropped silently');
});

test('connection and login attempts per IP are one budget on every node', async (t) => {
  const pair = await startPair(t, {
    connection_attempts_per_ip_per_minute: 4,
    login_attempts_per_ip_per_minute: 3,
  });
  if (pair === undefined) return;
  const [a, b] = pair;
  // Setup and two logins: the IP's three login attempts, spread over both nodes.
  const alice = await setupAdmin(a, 'Alice');
  await login(b, alice.email);
  await login(a, alice.email);
  const refusedLogin = await new Api(b).post('/auth/login', {
    email: alice.email,
    password: 'whatever it is',
  });
  assert.equal(refusedLogin.status, 429);
  assert.ok(Number(refusedLogin.headers.get('retry-after')) >= 1);

  for (const server of [a, b, a, b]) {
    const client = await ChatClient.open(server, alice);
    await client.close();
  }
  for (const server of [b, a]) {
    const refused = await expectRefusedUpgrade(server.wsUrl('/chat/ws'), {
      headers: { authorization: `Bearer ${alice.token}` },
    });
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error, 'rate_limited');
    assert.ok(Number(refused.headers['retry-after']) >= 1);
  }
  assert.equal(await limitHits(a, 'connection_attempts_per_ip'), 1);
  assert.equal(await limitHits(b, 'connection_attempts_per_ip'), 1);
});

/** Opens a connection for `user`, retrying while the slot of one just closed is being freed. */
async function openOnceFreed(server: TestServer, user: User): Promise<ChatClient> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const candidate = await ChatClient.open(server, user, { raw: true });
    const answer = await candidate.next(['SyncComplete', 'Disconnect'], () => true, 10_000);
    if (answer.type === 'SyncComplete') return candidate;
    await candidate.socket.waitForClose();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no connection slot came free');
}

async function expectTooManyConnections(server: TestServer, user: User): Promise<void> {
  await using refused = await ChatClient.open(server, user, { raw: true });
  assert.equal((await refused.next('Error')).data?.code, 'too_many_connections');
  assert.deepEqual((await refused.next('Disconnect')).data, { reason: 'too_many_connections' });
  assert.equal((await refused.socket.waitForClose()).code, 4429);
  assert.equal(refused.seen('AuthSuccess').length, 0);
}

test("a user's connections are counted on every node and freed when one closes", async (t) => {
  const pair = await startPair(t, { connections_per_user: 2 });
  if (pair === undefined) return;
  const [a, b] = pair;
  const alice = await setupAdmin(a, 'Alice');
  const bob = await addUser(a, alice, 'Bob');
  const onA = await ChatClient.open(a, alice);
  await using onB = await ChatClient.open(b, alice);
  await expectTooManyConnections(a, alice);
  await expectTooManyConnections(b, alice);
  // Other users are not affected.
  await using bobOnB = await ChatClient.open(b, bob);
  await bobOnB.flush();
  await onA.close();
  await using again = await openOnceFreed(b, alice);
  await again.flush();
  await onB.flush();
  assert.equal(await limitHits(a, 'connections_per_user'), 1);
  assert.equal(await limitHits(b, 'connections_per_user'), 1);
});

/** A `hearth serve` chat node on Redis and PostgreSQL, addressed like a TestServer. */
async function startChildNode(
  t: TestContext,
  env: Record<string, string>,
): Promise<{ server: TestServer; process: HearthProcess }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-chat-limits-'));
  const child = new HearthProcess(['serve', '--port', '0', '--data-dir', dataDir], {
    ...env,
    HEARTH_APPS__PRESENCE__ENABLED: 'false',
    HEARTH_APPS__OPENLIFTER__ENABLED: 'false',
    HEARTH_LOG__LEVEL: 'info',
  });
  t.after(async () => {
    await child[Symbol.asyncDispose]();
    await rm(dataDir, { recursive: true, force: true });
  });
  const port = await child.listeningPort(30_000).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${child.stderr}`);
  });
  const server = {
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: (path: string) => `ws://127.0.0.1:${port}${path}`,
  } as unknown as TestServer;
  return { server, process: child };
}

test("a killed node's connections stop counting against their user within its TTL", async (t) => {
  const redisUrl = serviceUrl(t, 'redis');
  if (redisUrl === undefined) return;
  const schema = await freshSchema(t, 'hearth_chat_limits');
  if (schema === undefined) return;
  const prefix = randomPrefix();
  await adminConnection(t, redisUrl, prefix);
  const env = {
    HEARTH_CLUSTER__REDIS_URL: redisUrl,
    HEARTH_CLUSTER__PREFIX: prefix,
    HEARTH_CLUSTER__NODE_TTL_MS: String(CLUSTER.node_ttl_ms),
    HEARTH_CLUSTER__HEARTBEAT_INTERVAL_MS: String(CLUSTER.heartbeat_interval_ms),
    HEARTH_STORAGE__POSTGRES_URL: schema.url,
    HEARTH_STORAGE__POSTGRES_SCHEMA: schema.schema,
    HEARTH_APPS__CHAT__LIMITS__CONNECTIONS_PER_USER: '2',
    HEARTH_APPS__CHAT__LIMITS__CONNECTION_ATTEMPTS_PER_IP_PER_MINUTE: '10000',
    HEARTH_APPS__CHAT__LIMITS__LOGIN_ATTEMPTS_PER_IP_PER_MINUTE: '10000',
  };
  const a = await startChildNode(t, env);
  const b = await startChildNode(t, env);
  const alice = await setupAdmin(a.server, 'Alice');
  await using _first = await ChatClient.open(b.server, alice);
  await using _second = await ChatClient.open(b.server, alice);
  await expectTooManyConnections(a.server, alice);

  // Node B dies without a word: its two connections are swept with its heartbeat.
  b.process.child.kill('SIGKILL');
  await b.process.waitForExit();
  await using one = await openOnceFreed(a.server, alice);
  await using two = await openOnceFreed(a.server, alice);
  await one.flush();
  await two.flush();
  await expectTooManyConnections(a.server, alice);
});
