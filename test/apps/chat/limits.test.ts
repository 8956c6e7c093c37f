// Every limit of the spec's table, with the behaviour it names: connections per user (Error,
// then 4429), connections per node (503 at the upgrade), rooms per connection (Error, extra
// rooms not subscribed), messages per user (MessageError with retry_after_ms, nothing stored),
// connection attempts per IP (429 with Retry-After); and login attempts.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metricSample, scrapeMetrics } from '../../support/http.ts';
import { expectRefusedUpgrade } from '../../support/ws-client.ts';
import {
  addUser,
  Api,
  ChatClient,
  contents,
  createRoom,
  PASSWORD,
  setupAdmin,
  startChatServer,
} from './support/chat-server.ts';

test('one connection over the per-user limit gets Error and Disconnect, then close 4429', async () => {
  await using server = await startChatServer({ chat: { limits: { connections_per_user: 2 } } });
  const alice = await setupAdmin(server, 'Alice');
  const first = await ChatClient.open(server, alice);
  await using second = await ChatClient.open(server, alice);
  await using third = await ChatClient.open(server, alice, { raw: true });
  const error = await third.next('Error');
  assert.deepEqual(error.data?.code, 'too_many_connections');
  assert.deepEqual((await third.next('Disconnect')).data, { reason: 'too_many_connections' });
  assert.equal((await third.socket.waitForClose()).code, 4429);
  assert.equal(third.seen('AuthSuccess').length, 0);
  await second.flush();
  // A slot frees when a connection closes.
  await first.close();
  let again: ChatClient | undefined;
  for (let attempt = 0; again === undefined && attempt < 50; attempt++) {
    const candidate = await ChatClient.open(server, alice, { raw: true });
    const answer = await candidate.next(['SyncComplete', 'Disconnect']);
    if (answer.type === 'SyncComplete') again = candidate;
    else await candidate.close();
  }
  assert.ok(again, 'a new connection is accepted once one closed');
  await again.close();
  const metrics = await scrapeMetrics(server.url);
  assert.ok(
    (metricSample(metrics, 'hearth_chat_limit_hits_total', { limit: 'connections_per_user' }) ??
      0) >= 1,
  );
});

test('past the per-node chat connection limit, upgrades are refused with 503', async () => {
  await using server = await startChatServer({ chat: { limits: { max_connections: 2 } } });
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  await using one = await ChatClient.open(server, alice);
  await using two = await ChatClient.open(server, bob);
  const refused = await expectRefusedUpgrade(server.wsUrl('/chat/ws'), {
    headers: { authorization: `Bearer ${bob.token}` },
  });
  assert.equal(refused.status, 503);
  assert.equal(refused.body.error, 'unavailable');
  await one.flush();
  await two.flush();
});

test('rooms past the per-connection limit are not subscribed and an Error says so', async () => {
  await using server = await startChatServer({ chat: { limits: { rooms_per_connection: 2 } } });
  const alice = await setupAdmin(server, 'Alice');
  const quiet = await createRoom(server, alice, { kind: 'closed', name: 'Quiet' });
  const busy = await createRoom(server, alice, { kind: 'closed', name: 'Busy' });
  const busier = await createRoom(server, alice, { kind: 'closed', name: 'Busier' });
  const api = new Api(server, alice.token);
  for (const [room, count] of [
    [busy, 1],
    [busier, 2],
  ] as const) {
    for (let index = 0; index < count; index++) {
      await api.post(`/rooms/${room}/messages`, {
        content: 'x',
        client_message_id: crypto.randomUUID(),
      });
    }
  }
  await using client = await ChatClient.open(server, alice);
  const rooms = (client.seen('AuthSuccess')[0]?.data?.rooms as { id: string }[]).map(
    (room) => room.id,
  );
  assert.deepEqual(rooms, [busier, busy], 'the most active rooms are the ones subscribed');
  const error = await client.next('Error');
  assert.equal(error.data?.code, 'too_many_rooms');
  assert.deepEqual(client.types().slice(-2), ['SyncComplete', 'Error']);

  await using other = await ChatClient.open(server, alice);
  await other.say(quiet, 'not heard live');
  await other.say(busy, 'heard live');
  await client.next('NewMessage', (frame) => frame.data?.room_id === busy);
  await client.flush();
  assert.ok(!contents(client.all()).includes('not heard live'));

  // A room joined later is announced, but not subscribed either.
  const later = await createRoom(server, alice, { kind: 'closed', name: 'Later' });
  const joined = await client.next('RoomJoined');
  assert.equal((joined.data?.room as { id: string }).id, later);
  assert.equal((await client.next('Error')).data?.code, 'too_many_rooms');
});

test('past the per-user message limit: MessageError with retry_after_ms, nothing stored', async () => {
  await using server = await startChatServer({ chat: { limits: { messages_per_minute: 5 } } });
  const alice = await setupAdmin(server, 'Alice');
  const room = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using client = await ChatClient.open(server, alice);
  const first = await client.say(room, 'm0');
  for (let index = 1; index < 5; index++) {
    assert.equal((await client.say(room, `m${index}`)).type, 'MessageDelivered');
  }
  const refused = await client.say(room, 'one too many');
  assert.equal(refused.type, 'MessageError');
  assert.equal(refused.data.error, 'rate_limited');
  assert.ok(typeof refused.data.retry_after_ms === 'number' && refused.data.retry_after_ms > 0);
  // Resending what was already stored is not a new message: still acknowledged.
  const resent = await client.say(room, 'm0', String(first.data.client_message_id));
  assert.equal(resent.data.message_id, first.data.message_id);
  const api = new Api(server, alice.token);
  const overHttp = await api.post(`/rooms/${room}/messages`, {
    content: 'http too',
    client_message_id: crypto.randomUUID(),
  });
  assert.equal(overHttp.status, 429);
  assert.ok(Number(overHttp.headers.get('retry-after')) >= 1);
  const stored = await api.get(`/rooms/${room}/messages`);
  assert.deepEqual(
    (stored.body.messages as { content: string }[]).map((message) => message.content),
    ['m0', 'm1', 'm2', 'm3', 'm4'],
  );
  const metrics = await scrapeMetrics(server.url);
  assert.equal(
    metricSample(metrics, 'hearth_chat_limit_hits_total', { limit: 'messages_per_minute' }),
    2,
  );
});

test('past 5 connection attempts a minute from one IP, upgrades get 429 with Retry-After', async () => {
  await using server = await startChatServer({
    chat: { limits: { connection_attempts_per_ip_per_minute: 5 } },
  });
  const alice = await setupAdmin(server, 'Alice');
  for (let index = 0; index < 5; index++) {
    const client = await ChatClient.open(server, alice);
    await client.close();
  }
  const refused = await expectRefusedUpgrade(server.wsUrl('/chat/ws'), {
    headers: { authorization: `Bearer ${alice.token}` },
  });
  assert.equal(refused.status, 429);
  assert.equal(refused.body.error, 'rate_limited');
  assert.ok(Number(refused.headers['retry-after']) >= 1);
});

test('login attempts are throttled per account and per IP', async () => {
  await using server = await startChatServer({
    chat: {
      limits: { login_attempts_per_account_per_minute: 3, login_attempts_per_ip_per_minute: 7 },
    },
  });
  const alice = await setupAdmin(server, 'Alice');
  const api = new Api(server);
  const statuses: number[] = [];
  for (let index = 0; index < 4; index++) {
    statuses.push(
      (await api.post('/auth/login', { email: alice.email, password: 'wrong password' })).status,
    );
  }
  assert.deepEqual(statuses, [401, 401, 401, 429]);
  const locked = await api.post('/auth/login', { email: alice.email, password: PASSWORD });
  assert.equal(locked.status, 429, 'the right password waits too: brute force gains nothing');
  assert.ok(Number(locked.headers.get('retry-after')) >= 1);
  const others: number[] = [];
  for (let index = 0; index < 3; index++) {
    others.push(
      (await api.post('/auth/login', { email: `x${index}@example.test`, password: 'nope' })).status,
    );
  }
  // Setup, four logins and the locked one were six: one attempt from this IP is left.
  assert.deepEqual(others, [401, 429, 429]);
});

test('frames past the per-connection frame rate get an Error, the socket stays usable', async () => {
  await using server = await startChatServer({
    chat: { websocket: { frames_per_second: 1, frame_burst: 3 } },
  });
  const alice = await setupAdmin(server, 'Alice');
  await using client = await ChatClient.open(server, alice);
  for (let index = 0; index < 6; index++) client.send('Ping');
  const error = await client.next('Error');
  assert.equal(error.data?.code, 'rate_limited');
  assert.ok(Number(error.data.retry_after_ms) > 0);
});
