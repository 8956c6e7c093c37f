// GET /admin/stats through a real server with every app: its shape on a fresh node, guarded like
// every admin endpoint (open to loopback clients of a loopback-only server, 403 on an exposed
// one without a token or through a proxy, 401 without the right token), totals that move as
// clients connect and send (frames, fan-out deliveries, rate limits, auth failures), and each
// app's busiest rooms (chat rooms, presence rooms, OpenLifter meets) with their live counts.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chatConfigSchema } from '../../src/apps/chat/config.ts';
import { createChatApp } from '../../src/apps/chat/chat-app.ts';
import { createEchoApp } from '../../src/apps/echo/echo-app.ts';
import { openlifterConfigSchema } from '../../src/apps/openlifter/config.ts';
import { createOpenLifterApp } from '../../src/apps/openlifter/openlifter-app.ts';
import { presenceConfigSchema } from '../../src/apps/presence/config.ts';
import { createPresenceApp } from '../../src/apps/presence/presence-app.ts';
import { PasswordHasher } from '../../src/core/auth/password-hasher.ts';
import type { RawConfig } from '../../src/core/config/sources.ts';
import { busiestRooms } from '../../src/core/observability/admin-rooms.ts';
import type { AdminStats, AppStats } from '../../src/protocol/admin/stats.ts';
import { HEARTH_VERSION } from '../../src/version.ts';
import { ChatClient, createRoom, setupAdmin } from '../apps/chat/support/chat-server.ts';
import { MeetClient, PASSWORD as MEET_PASSWORD } from '../apps/openlifter/support/meet-server.ts';
import { connectRelay } from '../apps/presence/support/presence-server.ts';
import { fetchJson } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { TestClient, expectRefusedUpgrade, waitUntil } from '../support/ws-client.ts';

const TOKEN = 'admin-token-for-stats-tests-0123';
const cheapHasher = () => new PasswordHasher({ cost: { ln: 10, r: 8, p: 1 } });

/** Every app, with the per-IP attempt limits raised (every test client is 127.0.0.1). */
async function startAllApps(config: RawConfig = {}): Promise<TestServer> {
  const chat = chatConfigSchema.parse({
    limits: {
      connection_attempts_per_ip_per_minute: 10_000,
      login_attempts_per_ip_per_minute: 10_000,
    },
  });
  const presence = presenceConfigSchema.parse({ connection_attempts_per_ip_per_minute: 10_000 });
  const openlifter = openlifterConfigSchema.parse({});
  return startTestServer({
    apps: () => [
      createOpenLifterApp(openlifter, { hasher: cheapHasher() }),
      createChatApp(chat, { hasher: cheapHasher() }),
      createPresenceApp(presence),
      createEchoApp(),
    ],
    config,
  });
}

async function stats(
  server: TestServer,
  query = '',
  headers: Record<string, string> = {},
): Promise<AdminStats> {
  const response = await fetchJson(`${server.url}/admin/stats${query}`, { headers });
  assert.equal(response.status, 200, response.text);
  return response.body as unknown as AdminStats;
}

function app(snapshot: AdminStats, name: string): AppStats {
  const found = snapshot.apps.find((entry) => entry.name === name);
  assert.ok(found, `no ${name} in ${JSON.stringify(snapshot.apps.map((entry) => entry.name))}`);
  return found;
}

describe('GET /admin/stats', () => {
  it('describes the node and every app, from zero, on a fresh server', async () => {
    await using server = await startAllApps();
    const snapshot = await stats(server);
    assert.equal(snapshot.node.id, server.server.nodeId);
    assert.equal(snapshot.node.version, HEARTH_VERSION);
    assert.ok(snapshot.node.uptime_seconds >= 0);
    assert.ok(!Number.isNaN(Date.parse(snapshot.node.started_at)));
    assert.ok(Math.abs(snapshot.time_ms - Date.now()) < 60_000, 'time_ms is epoch milliseconds');
    assert.ok(snapshot.process.rss_bytes > 0);
    assert.deepEqual(
      snapshot.apps.map((entry) => [entry.name, entry.prefix]),
      [
        ['openlifter', '/openlifter'],
        ['chat', '/chat'],
        ['presence', '/presence'],
        ['echo', '/echo'],
      ],
    );
    for (const entry of snapshot.apps) {
      assert.deepEqual(entry.connections, { active: 0, total: 0 }, entry.name);
      assert.deepEqual(entry.frames, { in: 0, out: 0 }, entry.name);
      assert.deepEqual(entry.bytes, { in: 0, out: 0 }, entry.name);
      assert.deepEqual(entry.fanout, { publishes: 0, deliveries: 0 }, entry.name);
      assert.deepEqual(
        entry.events,
        {
          slow_consumer_closes: 0,
          rate_limited: 0,
          // Echo keeps no auth-failure counter: null, not a made-up zero.
          auth_failures: entry.name === 'echo' ? null : 0,
          upgrades_refused: 0,
          heartbeat_timeouts: 0,
          oversized_frames: 0,
          handler_errors: 0,
          volatile_dropped: 0,
        },
        entry.name,
      );
      // Echo has no adminRooms hook; the others list no room yet.
      assert.deepEqual(entry.rooms, entry.name === 'echo' ? null : { total: 0, rooms: [] });
    }
  });

  it('counts connections, frames, bytes and fan-out deliveries as clients send', async () => {
    await using server = await startAllApps();
    const clients = await Promise.all(
      [1, 2, 3].map(() => TestClient.connect(server.wsUrl('/echo/ws?room=load'))),
    );
    try {
      await waitUntil(async () => app(await stats(server), 'echo').connections.active === 3);
      for (const client of clients) {
        for (let index = 0; index < 5; index++) client.send(`frame ${index}`);
      }
      // 15 publishes, each written to the 3 members of the room.
      await waitUntil(async () => app(await stats(server), 'echo').frames.out === 45);
      const echo = app(await stats(server), 'echo');
      assert.deepEqual(echo.connections, { active: 3, total: 3 });
      assert.equal(echo.frames.in, 15);
      assert.equal(echo.bytes.in, 15 * 'frame 0'.length);
      assert.ok(echo.bytes.out >= 45 * 'frame 0'.length, 'bytes out include the frames');
      assert.deepEqual(echo.fanout, { publishes: 15, deliveries: 45 });
      // Other apps saw none of it.
      assert.deepEqual(app(await stats(server), 'chat').frames, { in: 0, out: 0 });
    } finally {
      await Promise.all(clients.map((client) => client.close()));
    }
    await waitUntil(async () => app(await stats(server), 'echo').connections.active === 0);
    assert.equal(app(await stats(server), 'echo').connections.total, 3);
  });

  it('counts rate-limited frames, refused upgrades and auth failures', async () => {
    await using server = await startAllApps({
      apps: { echo: { websocket: { frames_per_second: 1, frame_burst: 2 } } },
    });
    await using client = await TestClient.connect(server.wsUrl('/echo/ws'));
    for (let index = 0; index < 6; index++) client.send(`burst ${index}`);
    await waitUntil(async () => app(await stats(server), 'echo').events.rate_limited >= 3);
    assert.ok(app(await stats(server), 'echo').events.rate_limited <= 4);

    const refused = await expectRefusedUpgrade(server.wsUrl('/chat/ws'), {
      headers: { authorization: 'Bearer not-a-session-token' },
    });
    assert.equal(refused.status, 401);
    const chat = app(await stats(server), 'chat');
    assert.equal(chat.events.auth_failures, 1);
    assert.equal(chat.events.upgrades_refused, 1);
    assert.equal(chat.connections.total, 0);
  });

  it("lists each app's busiest rooms with live connection counts, bounded by ?rooms=", async () => {
    await using server = await startAllApps();
    const relays = [
      await connectRelay(server, 'hall'),
      await connectRelay(server, 'hall'),
      await connectRelay(server, 'lobby'),
    ];
    const admin = await setupAdmin(server);
    const roomId = await createRoom(server, admin, { name: 'Ops desk', kind: 'open' });
    await using _chatClient = await ChatClient.open(server, admin);
    await using desk = await MeetClient.connect(server);
    const meetId = await desk.create('desk');
    await using display = await MeetClient.connect(server);
    await display.join(meetId);
    try {
      const snapshot = await stats(server);
      assert.deepEqual(app(snapshot, 'presence').rooms, {
        total: 2,
        rooms: [
          { id: 'hall', detail: 'relay', connections: 2 },
          { id: 'lobby', detail: 'relay', connections: 1 },
        ],
      });
      const chatRooms = app(snapshot, 'chat').rooms;
      assert.ok(chatRooms);
      const ops = chatRooms.rooms.find((room) => room.id === roomId);
      assert.deepEqual(ops, { id: roomId, name: 'Ops desk', detail: 'open', connections: 1 });
      assert.deepEqual(app(snapshot, 'openlifter').rooms, {
        total: 1,
        rooms: [{ id: meetId, detail: 'desk, 1 display', connections: 2 }],
      });
      // The admin is trusted with meet ids, never with passwords or session tokens.
      const text = JSON.stringify(snapshot);
      for (const secret of [MEET_PASSWORD, desk.sessionToken, display.sessionToken, admin.token]) {
        assert.equal(text.includes(secret), false, 'a secret is in the stats');
      }

      const one = await stats(server, '?rooms=1');
      assert.deepEqual(app(one, 'presence').rooms, {
        total: 2,
        rooms: [{ id: 'hall', detail: 'relay', connections: 2 }],
      });
      const none = await stats(server, '?rooms=0');
      assert.deepEqual(app(none, 'presence').rooms, { total: 2, rooms: [] });
      for (const bad of ['101', '-1', '1.5', 'many']) {
        const refused = await fetchJson(`${server.url}/admin/stats?rooms=${bad}`);
        assert.equal(refused.status, 400, bad);
        assert.equal(refused.body.error, 'bad_request');
      }
    } finally {
      await Promise.all(relays.map(({ client }) => client.close()));
    }
    // A room whose last client left is no longer listed.
    await waitUntil(async () => app(await stats(server), 'presence').rooms?.total === 0);
  });

  it('is guarded like every admin endpoint', async () => {
    await using exposed = await startAllApps({ server: { host: '0.0.0.0' } });
    const forbidden = await fetchJson(`${exposed.url}/admin/stats`);
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.body.error, 'forbidden');
    assert.equal(forbidden.body.apps, undefined);

    await using local = await startAllApps();
    const relayed = await fetchJson(`${local.url}/admin/stats`, {
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    assert.equal(relayed.status, 403);

    await using withToken = await startAllApps({
      server: { host: '0.0.0.0' },
      admin: { token: TOKEN },
    });
    for (const headers of [{}, { authorization: `Bearer ${TOKEN}x` }, { authorization: TOKEN }]) {
      const refused = await fetchJson(`${withToken.url}/admin/stats`, { headers });
      assert.equal(refused.status, 401, JSON.stringify(headers));
      assert.equal(refused.text.includes(TOKEN), false);
    }
    const allowed = await stats(withToken, '', { authorization: `Bearer ${TOKEN}` });
    assert.equal(allowed.node.id, withToken.server.nodeId);
  });
});

describe('busiestRooms', () => {
  it('keeps the rooms with connections, most first, ties by id, cut at the limit', () => {
    const counts = new Map([
      ['b', 2],
      ['empty', 0],
      ['c', 5],
      ['a', 2],
      ['d', 1],
    ]);
    assert.deepEqual(busiestRooms(counts, 3), {
      total: 4,
      top: [
        ['c', 5],
        ['a', 2],
        ['b', 2],
      ],
    });
    assert.deepEqual(busiestRooms(counts, 0), { total: 4, top: [] });
    assert.equal(busiestRooms(counts, 100).top.length, 4);
    assert.deepEqual(busiestRooms(new Map(), 10), { total: 0, top: [] });
  });
});
