// Chat on three `hearth serve` processes sharing one Redis (bus, presence) and one PostgreSQL
// schema, as several machines behind a load balancer would be. Chat SDK clients spread over the
// nodes send at once; one node is killed with SIGKILL mid-stream and its clients reconnect to
// the survivors (their URL function picks a live node). In the end every message is stored
// once, confirmed once to its sender, and received exactly once and in id order by every
// client; a user of the killed node who did not come back is announced as left on the others.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { ChatClient } from '../../../src/client/chat/index.ts';
import { HearthProcess } from '../../support/child-server.ts';
import { freshSchema } from '../../support/postgres-schema.ts';
import { serviceUrl } from '../../support/services.ts';
import { waitUntil } from '../../support/ws-client.ts';
import { adminConnection, randomPrefix } from '../../core/cluster/redis-support.ts';
import { Api, login, PASSWORD, setupAdmin, type User } from './support/chat-server.ts';

const NODE_TTL_MS = 1500;
const PER_CLIENT = 40;

interface ChildNode {
  readonly process: HearthProcess;
  readonly httpUrl: string;
  readonly wsUrl: string;
}

async function startNode(t: TestContext, env: Record<string, string>): Promise<ChildNode> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-chat-cluster-'));
  const child = new HearthProcess(['serve', '--port', '0', '--data-dir', dataDir], env);
  t.after(async () => {
    await child[Symbol.asyncDispose]();
    await rm(dataDir, { recursive: true, force: true });
  });
  const port = await child.listeningPort(30_000);
  return {
    process: child,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/chat/ws`,
  };
}

async function addUser(httpUrl: string, admin: User, name: string): Promise<User> {
  const email = `${name.toLowerCase()}@example.test`;
  const created = await new Api(httpUrl, admin.token).post('/users', {
    email,
    name,
    password: PASSWORD,
  });
  assert.equal(created.status, 201, created.text);
  return login(httpUrl, email);
}

/** Every message of a room, over the HTTP paging API. */
async function storedMessages(api: Api, roomId: string) {
  const stored: { id: string; content: string; client_message_id: string }[] = [];
  for (let after = '0'; ;) {
    const page = await api.get(`/rooms/${roomId}/messages?after=${after}&limit=200`);
    assert.equal(page.status, 200, page.text);
    const messages = page.body.messages as typeof stored;
    stored.push(...messages);
    const last = messages.at(-1);
    if (page.body.has_more !== true || last === undefined) break;
    after = last.id;
  }
  return stored;
}

/** An SDK client and what it saw: message ids in dispatch order, confirmations, presence. */
interface Tab {
  readonly user: User;
  readonly client: ChatClient;
  readonly received: string[];
  readonly delivered: Map<string, number>;
  readonly left: Set<string>;
  readonly typing: Set<string>;
  /** State changes and disconnects, for the failure message of a wait that times out. */
  readonly history: string[];
}

test('three nodes on Redis and PostgreSQL: a kill -9 loses and doubles nothing', async (t) => {
  const redisUrl = serviceUrl(t, 'redis');
  if (redisUrl === undefined) return;
  const schema = await freshSchema(t, 'hearth_chat_cluster');
  if (schema === undefined) return;
  const prefix = randomPrefix();
  await adminConnection(t, redisUrl, prefix);
  const env = {
    HEARTH_STORAGE__POSTGRES_URL: schema.url,
    HEARTH_STORAGE__POSTGRES_SCHEMA: schema.schema,
    HEARTH_STORAGE__POSTGRES_POOL_SIZE: '4',
    HEARTH_CLUSTER__REDIS_URL: redisUrl,
    HEARTH_CLUSTER__PREFIX: prefix,
    HEARTH_CLUSTER__NODE_TTL_MS: String(NODE_TTL_MS),
    HEARTH_CLUSTER__HEARTBEAT_INTERVAL_MS: '500',
    HEARTH_APPS__CHAT__PRESENCE_GRACE_MS: '500',
    HEARTH_APPS__CHAT__LIMITS__MESSAGES_PER_MINUTE: '1000000',
    HEARTH_APPS__CHAT__LIMITS__CONNECTION_ATTEMPTS_PER_IP_PER_MINUTE: '100000',
    HEARTH_APPS__CHAT__LIMITS__LOGIN_ATTEMPTS_PER_IP_PER_MINUTE: '100000',
    HEARTH_APPS__PRESENCE__ENABLED: 'false',
    HEARTH_APPS__OPENLIFTER__ENABLED: 'false',
    HEARTH_LOG__LEVEL: 'warn',
  };
  // One first, so that the others find the schema migrated (they would wait their turn anyway).
  const first = await startNode(t, env);
  const nodes = [first, ...(await Promise.all([startNode(t, env), startNode(t, env)]))];
  const killed = new Set<ChildNode>();
  const [a, b, c] = nodes as [ChildNode, ChildNode, ChildNode];

  const admin = await setupAdmin(a.httpUrl, 'Admin');
  const users = [admin];
  for (let index = 1; index < 6; index++) {
    users.push(await addUser(nodes[index % 3]?.httpUrl ?? a.httpUrl, admin, `User${index}`));
  }
  const dave = await addUser(c.httpUrl, admin, 'Dave');
  const created = await new Api(b.httpUrl, admin.token).post('/rooms', {
    kind: 'open',
    name: 'Lobby',
  });
  assert.equal(created.status, 201, created.text);
  const roomId = (created.body.room as { id: string }).id;

  const socket = { backoff: { initialDelayMs: 50, maxDelayMs: 400 } };
  const tabs: Tab[] = users.map((user, index) => {
    const home = nodes[index % 3] ?? a;
    // The load balancer: the user's own node while it lives, else the next live one.
    const url = (): string => {
      const live = [home, ...nodes].find((candidate) => !killed.has(candidate));
      return (live ?? home).wsUrl;
    };
    const client = new ChatClient({ url, sessionToken: user.token, socket });
    const tab: Tab = {
      user,
      client,
      received: [],
      delivered: new Map(),
      left: new Set(),
      typing: new Set(),
      history: [],
    };
    client.addEventListener('statechange', (event) => tab.history.push(event.state));
    client.addEventListener('disconnected', (event) => {
      tab.history.push(`disconnected ${String(event.code)} ${event.reason}`);
    });
    client.addEventListener('message', (event) => tab.received.push(event.message.id));
    client.addEventListener('delivered', (event) => {
      tab.delivered.set(event.clientMessageId, (tab.delivered.get(event.clientMessageId) ?? 0) + 1);
    });
    client.addEventListener('presence', (event) => {
      if (event.online === false && event.userId !== undefined) tab.left.add(event.userId);
    });
    client.addEventListener('typing', (event) => {
      if (event.typing) tab.typing.add(event.userId);
    });
    return tab;
  });
  // Dave stays on node C and never comes back once it is gone.
  const daveClient = new ChatClient({ url: c.wsUrl, sessionToken: dave.token, socket });
  t.after(() => Promise.all([daveClient, ...tabs.map((tab) => tab.client)].map((x) => x.close())));
  await waitUntil(
    () => [daveClient, ...tabs.map((tab) => tab.client)].every((x) => x.state === 'ready'),
    20_000,
  );
  // Presence and typing cross the nodes.
  const everyone = [...users, dave].map((user) => user.id).sort();
  await waitUntil(
    () => tabs.every((tab) => tab.client.onlineUsers(roomId).length === everyone.length),
    10_000,
  ).catch((error: unknown) => {
    const seen = tabs.map(
      (tab) =>
        `${tab.user.id}: ${String(tab.client.onlineUsers(roomId).length)} online [${tab.history.join(', ')}]`,
    );
    throw new Error(`presence did not converge on ${String(everyone.length)}: ${seen.join('; ')}`, {
      cause: error,
    });
  });
  for (const tab of tabs) assert.deepEqual(tab.client.onlineUsers(roomId), everyone);
  const [tab0, tab1] = tabs as [Tab, Tab];
  const typistState = tab1.client.state;
  tab1.client.typing(roomId);
  await waitUntil(() => tab0.typing.has(tab1.user.id), 10_000).catch((error: unknown) => {
    // Typing is volatile and sent once: say what the two ends went through if it never arrives.
    const histories = `typist ${typistState} [${tab1.history.join(', ')}], receiver [${tab0.history.join(', ')}]`;
    throw new Error(`TypingStart did not cross the nodes: ${histories}`, { cause: error });
  });

  // Everyone sends at once; node C dies once some are confirmed.
  const written = new Map<string, string>();
  for (let index = 0; index < PER_CLIENT; index++) {
    for (const [number, tab] of tabs.entries()) {
      const content = `user ${number} #${index}`;
      written.set(tab.client.send(roomId, content), content);
    }
  }
  const confirmed = () => tabs.reduce((sum, tab) => sum + tab.delivered.size, 0);
  await waitUntil(() => confirmed() >= written.size / 4, 30_000);
  killed.add(c);
  c.process.child.kill('SIGKILL');
  await c.process.waitForExit();
  const unconfirmedAtKill = written.size - confirmed();

  await waitUntil(() => tabs.every((tab) => tab.client.outbox.length === 0), 60_000);
  const stored = await storedMessages(new Api(a.httpUrl, admin.token), roomId);
  const storedIds = stored.map((message) => message.id);
  await waitUntil(() => tabs.every((tab) => tab.received.length >= storedIds.length), 20_000).catch(
    () => undefined,
  );

  assert.ok(unconfirmedAtKill > 0, 'the kill left messages unconfirmed');
  assert.equal(stored.length, written.size, 'every message stored once');
  assert.equal(new Set(stored.map((message) => message.client_message_id)).size, stored.length);
  for (const message of stored) {
    assert.equal(written.get(message.client_message_id), message.content);
  }
  const deliveredCounts = tabs.flatMap((tab) => [...tab.delivered.values()]);
  assert.equal(deliveredCounts.length, written.size, 'each confirmed to its sender');
  assert.ok(
    deliveredCounts.every((count) => count === 1),
    'and only once',
  );
  for (const tab of tabs) {
    assert.deepEqual(tab.received, storedIds, `${tab.user.name}: all, once, in id order`);
  }

  // Dave's node is gone and Dave with it: the survivors announce him as left (once the node's
  // TTL has passed); the users who reconnected stay online.
  const survivors = tabs.filter((_, index) => index % 3 !== 2);
  await waitUntil(
    () => survivors.every((tab) => !tab.client.onlineUsers(roomId).includes(dave.id)),
    NODE_TTL_MS * 4,
  );
  for (const tab of survivors) {
    assert.ok(tab.left.has(dave.id), `${tab.user.name} got UserLeft for Dave`);
  }
  const back = users.map((user) => user.id).sort();
  await waitUntil(
    () => tabs.every((tab) => tab.client.onlineUsers(roomId).join() === back.join()),
    10_000,
  );
  for (const tab of tabs) assert.deepEqual(tab.client.onlineUsers(roomId), back);
});
