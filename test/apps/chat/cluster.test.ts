// Chat on several nodes in one process: HearthServer instances sharing a LocalBusHub (the bus),
// one presence registry, and one database — a PostgreSQL schema of the test's own when
// DATABASE_URL is set, else one SQLite file. Users on different nodes see each other's
// messages, presence and typing; with senders on every node at once, every client receives
// every message exactly once and in id order, live or by recovery from any node. Membership
// changes made on one node reach the connections on the others, and stay ordered with the
// room's messages even when the bus loses the announcement.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { createChatApp } from '../../../src/apps/chat/chat-app.ts';
import { chatConfigSchema } from '../../../src/apps/chat/config.ts';
import { validateConfig, type HearthConfig } from '../../../src/config.ts';
import { PasswordHasher } from '../../../src/core/auth/password-hasher.ts';
import type { Bus, BusHandler } from '../../../src/core/bus/bus.ts';
import { LocalBus, LocalBusHub } from '../../../src/core/bus/local-bus.ts';
import { deepMerge, type RawConfig } from '../../../src/core/config/sources.ts';
import { createLogger } from '../../../src/core/observability/logger.ts';
import { MemoryPresenceRegistry } from '../../../src/core/presence/memory-presence-registry.ts';
import { HearthServer } from '../../../src/core/server.ts';
import { metricSample, scrapeMetrics } from '../../support/http.ts';
import { freshSchema } from '../../support/postgres-schema.ts';
import type { TestServer } from '../../support/test-server.ts';
import {
  addUser,
  Api,
  ChatClient,
  contents,
  createRoom,
  messageIdOf,
  setupAdmin,
  type Frame,
} from './support/chat-server.ts';

const CHAT: RawConfig = {
  presence_grace_ms: 0,
  limits: {
    connection_attempts_per_ip_per_minute: 10_000,
    login_attempts_per_ip_per_minute: 10_000,
    login_attempts_per_account_per_minute: 10_000,
    messages_per_minute: 10_000,
  },
};

/** A node's bus that never hands it messages of one topic (a lost bus message, every time). */
class DeafBus implements Bus {
  private readonly inner: Bus;
  private readonly topic: string;

  constructor(inner: Bus, topic: string) {
    this.inner = inner;
    this.topic = topic;
  }

  get nodeId(): string {
    return this.inner.nodeId;
  }

  publish: Bus['publish'] = (message) => this.inner.publish(message);
  subscribe: Bus['subscribe'] = (topic) => this.inner.subscribe(topic);
  unsubscribe: Bus['unsubscribe'] = (topic) => this.inner.unsubscribe(topic);
  health: Bus['health'] = () => this.inner.health();
  close: Bus['close'] = () => this.inner.close();

  onMessage(handler: BusHandler): void {
    this.inner.onMessage((message) => {
      if (message.topic !== this.topic) handler(message);
    });
  }
}

/** `count` nodes on one bus, one presence registry and one database, closed after the test. */
async function startCluster(
  t: TestContext,
  count: number,
  options: { readonly deafTo?: ReadonlyMap<number, string> } = {},
): Promise<TestServer[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-chat-cluster-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  let storage: RawConfig = { data_dir: dataDir };
  if (process.env.DATABASE_URL !== undefined && process.env.DATABASE_URL !== '') {
    const fresh = await freshSchema(t, 'hearth_cluster');
    if (fresh !== undefined) {
      storage = { ...storage, postgres_url: fresh.url, postgres_schema: fresh.schema };
    }
  } else {
    t.diagnostic('DATABASE_URL is not set: the nodes share one SQLite file instead');
  }
  const hub = new LocalBusHub();
  const presence = new MemoryPresenceRegistry();
  const chat = chatConfigSchema.parse(CHAT);
  const nodes: TestServer[] = [];
  for (let index = 0; index < count; index++) {
    const config = validateConfig(
      deepMerge(
        {
          server: { host: '127.0.0.1', port: 0, drain_timeout_ms: 2000 },
          storage,
          log: { level: 'silent' },
          apps: { chat: CHAT },
        },
        {},
      ),
    );
    const server = new HearthServer({
      config,
      apps: [createChatApp(chat, { hasher: new PasswordHasher({ cost: { ln: 10, r: 8, p: 1 } }) })],
      bus: deafened(new LocalBus(`node${index}`, hub), options.deafTo?.get(index)),
      presence,
      logger: createLogger({ level: 'silent' }),
    });
    const { port } = await server.listen();
    nodes.push(nodeHandle(server, config, port));
  }
  t.after(async () => {
    for (const node of nodes) await node.close();
  });
  return nodes;
}

function deafened(bus: Bus, topic: string | undefined): Bus {
  return topic === undefined ? bus : new DeafBus(bus, topic);
}

function nodeHandle(server: HearthServer, config: HearthConfig, port: number): TestServer {
  const handle: TestServer = {
    server,
    config,
    port,
    url: `http://127.0.0.1:${port}`,
    logs: [],
    wsUrl: (path) => `ws://127.0.0.1:${port}${path}`,
    restart: () => Promise.reject(new Error('cluster nodes are not restarted')),
    close: () => server.close(),
    [Symbol.asyncDispose]: () => server.close(),
  };
  return handle;
}

/** The item at `index`, wrapping around. */
function node<T>(items: readonly T[], index: number): T {
  const found = items[index % items.length];
  if (found === undefined) throw new Error('no such item');
  return found;
}

const about =
  (userId: string) =>
  (frame: Frame): boolean =>
    frame.data?.user_id === userId;

/** NewMessage ids received so far, in arrival order. */
function messageIds(client: ChatClient): string[] {
  return client.seen('NewMessage').map(messageIdOf);
}

test('users on different nodes exchange messages, presence and typing', async (t) => {
  const nodes = await startCluster(t, 3);
  const alice = await setupAdmin(node(nodes, 0), 'Alice');
  const bob = await addUser(node(nodes, 1), alice, 'Bob');
  const room = await createRoom(node(nodes, 2), alice, { kind: 'open', name: 'Lobby' });

  await using aliceClient = await ChatClient.open(node(nodes, 0), alice);
  await using bobClient = await ChatClient.open(node(nodes, 1), bob);
  const joined = await aliceClient.next('UserJoined', about(bob.id));
  assert.equal(joined.data?.room_id, room);
  const bobPresence = bobClient.seen('PresenceUpdate').at(-1);
  assert.deepEqual(bobPresence?.data?.online_users, [alice.id, bob.id].sort());

  bobClient.send('TypingStart', { room_id: room });
  assert.equal((await aliceClient.next('TypingStart')).data?.user_id, bob.id);

  const delivered = await aliceClient.say(room, 'hello from node 0');
  assert.equal(delivered.type, 'MessageDelivered');
  const received = await bobClient.next('NewMessage');
  assert.equal(messageIdOf(received), delivered.data.message_id);
  const reply = await bobClient.say(room, 'hello back from node 1');
  const echoed = await aliceClient.next(
    'NewMessage',
    (frame) => messageIdOf(frame) === reply.data.message_id,
  );
  assert.equal(echoed.data?.room_id, room);
  assert.deepEqual(messageIds(aliceClient), [delivered.data.message_id, reply.data.message_id]);

  await bobClient.close();
  const left = await aliceClient.next('UserLeft', about(bob.id));
  assert.equal(left.data?.room_id, room);
});

test('senders on every node at once: every client gets every message once, in order, live or recovered', async (t) => {
  const nodes = await startCluster(t, 3);
  const admin = await setupAdmin(node(nodes, 0), 'Admin');
  const users = [admin];
  for (let index = 1; index < nodes.length; index++) {
    users.push(await addUser(node(nodes, index), admin, `User${index}`));
  }
  const rooms = [
    await createRoom(node(nodes, 0), admin, { kind: 'open', name: 'One' }),
    await createRoom(node(nodes, 1), admin, { kind: 'open', name: 'Two' }),
  ];
  // One live reader per node, and a recovering client that saw nothing after the first message.
  const readers = await Promise.all(
    nodes.map((server, index) => ChatClient.open(server, users[index])),
  );
  t.after(() => Promise.all(readers.map((reader) => reader.close())));
  const senders = await Promise.all(
    nodes.map((server, index) => ChatClient.open(server, users[index])),
  );
  t.after(() => Promise.all(senders.map((sender) => sender.close())));
  const first = await node(senders, 0).say(node(rooms, 0), 'first');
  const firstId = String(first.data.message_id);

  const perSender = 40;
  const delivered = await Promise.all(
    senders.map(async (sender, index) => {
      const ids: string[] = [];
      // Several in flight at once, so that the nodes' group commits interleave.
      for (let batch = 0; batch < perSender; batch += 4) {
        const acks = await Promise.all(
          [0, 1, 2, 3].map((offset) =>
            sender.say(node(rooms, batch + offset), `n${index}-${batch + offset}`, randomUUID()),
          ),
        );
        for (const ack of acks) {
          assert.equal(ack.type, 'MessageDelivered');
          ids.push(String(ack.data.message_id));
        }
      }
      return ids;
    }),
  );
  const expected = [firstId, ...delivered.flat()].sort();
  assert.equal(
    new Set(expected).size,
    1 + perSender * nodes.length,
    'every message has its own id',
  );

  // Live: each reader got each message once, in id order (ids sort as their wire strings).
  for (const reader of readers) {
    await reader.next('NewMessage', (frame) => messageIdOf(frame) === expected.at(-1), 10_000);
    const ids = messageIds(reader);
    assert.deepEqual(ids, expected, 'live delivery: all, once, in id order');
  }

  // Recovery from every node, from just after the first message.
  for (let index = 0; index < nodes.length; index++) {
    await using recovering = await ChatClient.open(node(nodes, index), users[index], {
      lastSeen: firstId,
    });
    const synced = recovering.seen('SyncComplete').at(-1);
    assert.equal(synced?.data?.has_more, false);
    assert.deepEqual(messageIds(recovering), expected.slice(1), `recovery on node ${index}`);
  }
});

const roomOf = (frame: Frame): string | undefined =>
  (frame.data?.room as { id?: string } | undefined)?.id ?? (frame.data?.room_id as string);

test('membership changes on one node reach the connections on the others', async (t) => {
  const nodes = await startCluster(t, 3);
  const alice = await setupAdmin(node(nodes, 0), 'Alice');
  const bob = await addUser(node(nodes, 0), alice, 'Bob');
  const carol = await addUser(node(nodes, 0), alice, 'Carol');
  await using aliceClient = await ChatClient.open(node(nodes, 0), alice);
  await using bobClient = await ChatClient.open(node(nodes, 1), bob);
  await using carolClient = await ChatClient.open(node(nodes, 2), carol);

  // Created on node 0: Bob on node 1 joins at once and gets its messages live.
  const room = await createRoom(node(nodes, 0), alice, {
    kind: 'closed',
    name: 'Plans',
    member_ids: [bob.id],
  });
  const joined = await bobClient.next('RoomJoined');
  assert.equal(roomOf(joined), room);
  await bobClient.next('PresenceUpdate', (frame) => frame.data?.room_id === room);
  await aliceClient.say(room, 'welcome Bob');
  assert.deepEqual(contents([await bobClient.next('NewMessage')]), ['welcome Bob']);

  // Carol added through node 1: she (node 2) joins, Bob gets RoomUpdated.
  const api = (index: number) => new Api(node(nodes, index), alice.token);
  const added = await api(1).post(`/rooms/${room}/members`, { user_ids: [carol.id] });
  assert.equal(added.status, 200);
  assert.equal(roomOf(await carolClient.next('RoomJoined')), room);
  const updated = await bobClient.next('RoomUpdated');
  assert.deepEqual(
    (updated.data?.room as { member_ids: string[] }).member_ids,
    [alice.id, bob.id, carol.id].sort(),
  );
  await aliceClient.say(room, 'hi Carol');
  assert.deepEqual(contents([await carolClient.next('NewMessage')]), ['hi Carol']);

  // Bob removed through node 2: his connection on node 1 leaves the room at once.
  assert.equal((await api(2).delete(`/rooms/${room}/members/${bob.id}`)).status, 200);
  assert.deepEqual((await bobClient.next('RoomLeft')).data, { room_id: room });
  await aliceClient.say(room, 'after Bob left');
  assert.deepEqual(contents([await carolClient.next('NewMessage')]).at(-1), 'after Bob left');
  await bobClient.flush();
  assert.deepEqual(
    contents(bobClient.all()),
    ['welcome Bob', 'hi Carol'],
    'nothing after RoomLeft',
  );

  // Renamed through node 1: Carol on node 2 hears of it.
  assert.equal((await api(1).patch(`/rooms/${room}`, { name: 'Renamed' })).status, 200);
  const renamed = await carolClient.next(
    'RoomUpdated',
    (frame) => (frame.data?.room as { name?: string }).name === 'Renamed',
  );
  assert.equal(roomOf(renamed), room);
});

test('with the announcement lost, a room’s membership still changes before its next message', async (t) => {
  // Node 1 never hears `chat:membership`: only the stamp carried by messages tells it.
  const nodes = await startCluster(t, 3, { deafTo: new Map([[1, 'chat:membership']]) });
  const alice = await setupAdmin(node(nodes, 0), 'Alice');
  const bob = await addUser(node(nodes, 0), alice, 'Bob');
  const carol = await addUser(node(nodes, 0), alice, 'Carol');
  const room = await createRoom(node(nodes, 0), alice, {
    kind: 'closed',
    name: 'Plans',
    member_ids: [bob.id],
  });
  await using aliceClient = await ChatClient.open(node(nodes, 2), alice);
  await using bobClient = await ChatClient.open(node(nodes, 1), bob);
  await using carolClient = await ChatClient.open(node(nodes, 1), carol);
  await aliceClient.say(room, 'one');
  assert.deepEqual(contents([await bobClient.next('NewMessage')]), ['one']);

  const api = new Api(node(nodes, 0), alice.token);
  assert.equal((await api.delete(`/rooms/${room}/members/${bob.id}`)).status, 200);
  assert.equal((await api.post(`/rooms/${room}/members`, { user_ids: [carol.id] })).status, 200);
  await aliceClient.say(room, 'two');
  // Carol (node 1) is subscribed before "two" is released there, Bob unsubscribed.
  assert.equal(roomOf(await carolClient.next('RoomJoined')), room);
  assert.deepEqual(contents([await carolClient.next('NewMessage')]), ['two']);
  assert.deepEqual((await bobClient.next('RoomLeft')).data, { room_id: room });
  await bobClient.flush();
  assert.deepEqual(contents(bobClient.all()), ['one'], 'nothing after the removal');
  const carolTypes = carolClient.types();
  assert.ok(carolTypes.indexOf('RoomJoined') < carolTypes.indexOf('NewMessage'));
  assert.equal(carolClient.seen('RoomJoined').length, 1);
});

test('each node counts its own fan-out of a message in the fan-out histogram', async (t) => {
  const nodes = await startCluster(t, 2);
  const alice = await setupAdmin(node(nodes, 0), 'Alice');
  const bob = await addUser(node(nodes, 0), alice, 'Bob');
  const room = await createRoom(node(nodes, 0), alice, { kind: 'open', name: 'Lobby' });
  await using aliceClient = await ChatClient.open(node(nodes, 0), alice);
  await using bobPhone = await ChatClient.open(node(nodes, 1), bob);
  await using bobLaptop = await ChatClient.open(node(nodes, 1), bob);
  await aliceClient.next('UserJoined', about(bob.id));
  await Promise.all([aliceClient.flush(), bobPhone.flush(), bobLaptop.flush()]);

  const chat = { app: 'chat' };
  const sample = async (index: number) => {
    const text = await scrapeMetrics(node(nodes, index).url);
    return {
      publishes: metricSample(text, 'hearth_publish_fanout_count', chat) ?? 0,
      deliveries: metricSample(text, 'hearth_publish_fanout_sum', chat) ?? 0,
    };
  };
  const before = await Promise.all([sample(0), sample(1)]);
  await aliceClient.say(room, 'counted');
  await Promise.all([bobPhone.next('NewMessage'), bobLaptop.next('NewMessage')]);
  await aliceClient.next('NewMessage');
  const after = await Promise.all([sample(0), sample(1)]);
  // Node 0 wrote it to Alice, node 1 to Bob's two connections: one fan-out each.
  assert.deepEqual(
    after.map((value, index) => ({
      publishes: value.publishes - (before[index]?.publishes ?? 0),
      deliveries: value.deliveries - (before[index]?.deliveries ?? 0),
    })),
    [
      { publishes: 1, deliveries: 1 },
      { publishes: 1, deliveries: 2 },
    ],
  );
});
