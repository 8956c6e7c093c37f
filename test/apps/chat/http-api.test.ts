// The chat HTTP API: first-run setup (once), login/logout/me, users, rooms with unread counts
// that follow MarkRead (WebSocket) and /read (HTTP), message paging before/after, session
// expiry, and validation errors that name the field and leak nothing.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { chatConfigSchema } from '../../../src/apps/chat/config.ts';
import { createChatApp } from '../../../src/apps/chat/chat-app.ts';
import { PasswordHasher } from '../../../src/core/auth/password-hasher.ts';
import { fetchJson } from '../../support/http.ts';
import { startTestServer } from '../../support/test-server.ts';
import {
  addUser,
  Api,
  ChatClient,
  createRoom,
  login,
  PASSWORD,
  setupAdmin,
  startChatServer,
} from './support/chat-server.ts';

test('setup creates the first admin once; afterwards it is refused', async () => {
  await using server = await startChatServer();
  const api = new Api(server);
  assert.equal(
    (await api.post('/setup', { email: 'a@b.c', name: 'A', password: 'short' })).status,
    400,
  );
  assert.equal(
    (await api.post('/setup', { email: 'nope', name: 'A', password: PASSWORD })).status,
    400,
  );
  const [first, second] = await Promise.all([
    api.post('/setup', { email: 'Root@Example.test ', name: 'Root', password: PASSWORD }),
    api.post('/setup', { email: 'other@example.test', name: 'Other', password: PASSWORD }),
  ]);
  const statuses = [first.status, second.status].sort();
  assert.deepEqual(statuses, [201, 403], 'two racing setups: exactly one wins');
  const winner = first.status === 201 ? first : second;
  const user = winner.body.user as { email: string; admin: boolean };
  assert.equal(user.admin, true);
  assert.match(String(winner.body.session_token), /^[\w-]{43}$/);
  const later = await api.post('/setup', {
    email: 'late@example.test',
    name: 'Late',
    password: PASSWORD,
  });
  assert.equal(later.status, 403);
  assert.deepEqual(later.body, { error: 'forbidden', message: 'setup is already done' });
});

test('login, me, the user directory, and admins adding users', async () => {
  await using server = await startChatServer();
  const admin = await setupAdmin(server, 'Root');
  const api = new Api(server);
  const wrong = await api.post('/auth/login', { email: admin.email, password: 'not the password' });
  assert.deepEqual(
    [wrong.status, wrong.body],
    [401, { error: 'unauthorized', message: 'invalid email or password' }],
  );
  const unknown = await api.post('/auth/login', { email: 'who@example.test', password: PASSWORD });
  assert.deepEqual(unknown.body, wrong.body, 'unknown emails look like wrong passwords');
  const again = await login(server, admin.email.toUpperCase());
  assert.notEqual(again.token, admin.token, 'a new session per login');
  const me = await new Api(server, again.token).get('/users/me');
  assert.deepEqual((me.body.user as { id: string }).id, admin.id);
  assert.equal((await api.get('/users/me')).status, 401);

  const bob = await addUser(server, admin, 'Bob');
  const asBob = new Api(server, bob.token);
  const created = await asBob.post('/users', {
    email: 'eve@example.test',
    name: 'Eve',
    password: PASSWORD,
  });
  assert.equal(created.status, 403);
  const duplicate = await new Api(server, admin.token).post('/users', {
    email: 'BOB@example.test',
    name: 'Bob 2',
    password: PASSWORD,
  });
  assert.equal(duplicate.status, 400);
  const directory = await asBob.get('/users');
  const users = directory.body.users as { name: string; email?: string }[];
  assert.deepEqual(
    users.map((user) => user.name),
    ['Bob', 'Root'],
  );
  assert.ok(
    users.every((user) => user.email === undefined),
    'emails only to admins',
  );
});

test('unread counts follow MarkRead over WebSocket and /read over HTTP', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const lobby = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using aliceClient = await ChatClient.open(server, alice);
  const ids: string[] = [];
  for (let index = 0; index < 4; index++) {
    ids.push((await aliceClient.say(lobby, `m${index}`)).data.message_id as string);
  }
  const asBob = new Api(server, bob.token);
  const unread = async (api: Api) =>
    ((await api.get('/rooms')).body.rooms as { id: string; unread: number }[]).find(
      (room) => room.id === lobby,
    )?.unread;
  assert.equal(await unread(asBob), 4);
  assert.equal(await unread(new Api(server, alice.token)), 0, 'one’s own messages are not unread');

  await using bobClient = await ChatClient.open(server, bob);
  const listed = bobClient.seen('AuthSuccess')[0]?.data?.rooms as {
    unread: number;
    last_message_id: string;
  }[];
  assert.equal(listed[0]?.unread, 4);
  assert.equal(listed[0].last_message_id, ids[3]);
  bobClient.send('MarkRead', { room_id: lobby, message_id: ids[1]! });
  await bobClient.flush();
  assert.equal(await unread(asBob), 2);
  const read = await asBob.post(`/rooms/${lobby}/read`, { message_id: ids[3] });
  assert.deepEqual(read.body, { room_id: lobby, last_read_message_id: ids[3], unread: 0 });
  const back = await asBob.post(`/rooms/${lobby}/read`, { message_id: ids[0] });
  assert.equal(back.body.last_read_message_id, ids[3], 'the read position never moves back');
  const future = await asBob.post(`/rooms/${lobby}/read`, { message_id: '00009007199254740991' });
  assert.equal(future.body.last_read_message_id, ids[3], 'nor past the last message');
  bobClient.send('MarkRead', { room_id: 'not-a-room', message_id: ids[0]! });
  assert.equal((await bobClient.next('Error')).data?.code, 'not_a_member');
});

test('messages page backwards with before, forwards with after (the polling fallback)', async () => {
  await using server = await startChatServer({ chat: { limits: { messages_per_minute: 1000 } } });
  const alice = await setupAdmin(server, 'Alice');
  const room = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  const api = new Api(server, alice.token);
  const ids: string[] = [];
  for (let index = 0; index < 30; index++) {
    const sent = await api.post(`/rooms/${room}/messages`, {
      content: `m${index}`,
      client_message_id: randomUUID(),
    });
    ids.push((sent.body.message as { id: string }).id);
  }
  const page = async (query: string) => {
    const response = await api.get(`/rooms/${room}/messages${query}`);
    assert.equal(response.status, 200, response.text);
    const messages = (response.body.messages as { content: string }[]).map(
      (message) => message.content,
    );
    return { messages, hasMore: response.body.has_more };
  };
  const range = (from: number, to: number) =>
    Array.from({ length: to - from }, (_value, index) => `m${from + index}`);
  assert.deepEqual(await page('?limit=10'), { messages: range(20, 30), hasMore: true });
  assert.deepEqual(await page(`?limit=10&before=${ids[20]}`), {
    messages: range(10, 20),
    hasMore: true,
  });
  assert.deepEqual(await page(`?before=${ids[5]}`), { messages: range(0, 5), hasMore: false });
  assert.deepEqual(await page(`?after=${ids[4]}&limit=10`), {
    messages: range(5, 15),
    hasMore: true,
  });
  assert.deepEqual(await page(`?after=${ids[24]}`), { messages: range(25, 30), hasMore: false });
  assert.deepEqual(await page(`?after=${ids[29]}`), { messages: [], hasMore: false });
  assert.deepEqual(await page(`?after=${ids[4]}&before=${ids[8]}`), {
    messages: range(5, 8),
    hasMore: false,
  });
  assert.deepEqual(await page('?after=0&limit=3'), { messages: range(0, 3), hasMore: true });
  for (const bad of ['?limit=0', '?limit=201', '?after=abc', '?before=-1']) {
    assert.equal((await api.get(`/rooms/${room}/messages${bad}`)).status, 400, bad);
  }
});

test('a session expires after session_ttl_days', async () => {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const chat = chatConfigSchema.parse({ session_ttl_days: 30 });
  await using server = await startTestServer({
    apps: [
      createChatApp(chat, {
        hasher: new PasswordHasher({ cost: { ln: 10, r: 8, p: 1 } }),
        now: () => now,
      }),
    ],
  });
  const admin = await setupAdmin(server);
  const api = new Api(server, admin.token);
  now += 29 * 86_400_000;
  assert.equal((await api.get('/users/me')).status, 200);
  now += 2 * 86_400_000;
  assert.equal((await api.get('/users/me')).status, 401);
});

test('bad requests name the field; internals never leak', async () => {
  await using server = await startChatServer();
  const admin = await setupAdmin(server);
  const api = new Api(server, admin.token);
  const cases: [string, string, unknown, number, RegExp][] = [
    ['POST', '/rooms', { kind: 'closed' }, 400, /name/],
    ['POST', '/rooms', { kind: 'secret', name: 'x' }, 400, /kind/],
    ['POST', '/rooms', { kind: 'open', name: '   ' }, 400, /name/],
    ['POST', '/rooms', { kind: 'open', name: 'x', extra: 1 }, 400, /extra|unrecognized/i],
    [
      'POST',
      '/rooms/nope/messages',
      { content: 'x', client_message_id: randomUUID() },
      404,
      /room/,
    ],
    [
      'POST',
      '/rooms/nope/messages',
      { content: 'x', client_message_id: 'not-a-uuid' },
      400,
      /client_message_id/,
    ],
    ['GET', '/rooms/nope', undefined, 404, /room/],
  ];
  for (const [method, path, body, status, detail] of cases) {
    const response = method === 'GET' ? await api.get(path) : await api.post(path, body);
    assert.equal(response.status, status, `${method} ${path} ${JSON.stringify(body)}`);
    assert.match(String(response.body.message), detail);
  }
  const malformed = await fetchJson(`${server.url}/chat/api/rooms`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
    body: '{"kind":',
  });
  assert.equal(malformed.status, 400);
  const room = await createRoom(server, admin, { kind: 'open', name: 'Lobby' });
  const tooLong = await api.post(`/rooms/${room}/messages`, {
    content: 'x'.repeat(10_001),
    client_message_id: randomUUID(),
  });
  assert.deepEqual(tooLong.body, {
    error: 'bad_request',
    message: 'content is longer than 10000 characters',
  });
});
