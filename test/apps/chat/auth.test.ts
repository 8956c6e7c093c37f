// Authenticating a chat WebSocket the three ways of the spec (Bearer header, ?token=, a first
// Auth message), and every refusal: HTTP 401 at the upgrade, AuthError then 4401, 4408 when
// Auth never comes, logout ending the session's sockets.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectRefusedUpgrade, TestClient } from '../../support/ws-client.ts';
import {
  Api,
  ChatClient,
  createRoom,
  setupAdmin,
  startChatServer,
  type AuthMethod,
} from './support/chat-server.ts';

for (const via of ['header', 'query', 'message'] as const satisfies readonly AuthMethod[]) {
  test(`authenticating by ${via}: AuthSuccess, PresenceUpdate per room, SyncComplete`, async () => {
    await using server = await startChatServer();
    const admin = await setupAdmin(server);
    const lobby = await createRoom(server, admin, { kind: 'open', name: 'Lobby' });
    const team = await createRoom(server, admin, { kind: 'closed', name: 'Team' });
    await using client = await ChatClient.open(server, admin, { via });
    const types = client.types();
    assert.deepEqual(types, ['AuthSuccess', 'PresenceUpdate', 'PresenceUpdate', 'SyncComplete']);
    const [success, ...rest] = client.all();
    const data = success?.data as { user: { id: string; email: string }; rooms: { id: string }[] };
    assert.equal(data.user.id, admin.id);
    assert.equal(data.user.email, admin.email);
    assert.deepEqual(data.rooms.map((room) => room.id).sort(), [lobby, team].sort());
    for (const presence of rest.slice(0, 2)) {
      assert.deepEqual(presence.data?.online_users, [admin.id]);
    }
    // An empty server still names a position: the zero id, before every message.
    assert.deepEqual(rest[2]?.data, { last_message_id: '00000000000000000000', has_more: false });
    await client.flush();
  });
}

test('a bad token at the upgrade is refused with HTTP 401, by header or by query', async () => {
  await using server = await startChatServer();
  await setupAdmin(server);
  const byHeader = await expectRefusedUpgrade(server.wsUrl('/chat/ws'), {
    headers: { authorization: `Bearer ${'x'.repeat(43)}` },
  });
  assert.equal(byHeader.status, 401);
  assert.equal(byHeader.body.error, 'unauthorized');
  const byQuery = await expectRefusedUpgrade(server.wsUrl('/chat/ws?token=nope'));
  assert.equal(byQuery.status, 401);
  const badScheme = await expectRefusedUpgrade(server.wsUrl('/chat/ws'), {
    headers: { authorization: 'Basic dXNlcjpwYXNz' },
  });
  assert.equal(badScheme.status, 401);
  const elsewhere = await expectRefusedUpgrade(server.wsUrl('/chat/other'));
  assert.equal(elsewhere.status, 404);
});

test('a bad token in Auth gets AuthError and Disconnect, then close 4401', async () => {
  await using server = await startChatServer();
  await setupAdmin(server);
  await using client = await TestClient.connect(server.wsUrl('/chat/ws'));
  client.sendJson({ type: 'Auth', data: { session_token: 'not-a-session' } });
  const closed = await client.waitForClose();
  assert.equal(closed.code, 4401);
  const frames = client.frames.map((frame) => JSON.parse(frame.text) as { type: string });
  assert.deepEqual(
    frames.map((frame) => frame.type),
    ['AuthError', 'Disconnect'],
  );
  assert.deepEqual(frames[1], { type: 'Disconnect', data: { reason: 'unauthorized' } });
});

test('an Auth without a token is a bad Auth too (4401)', async () => {
  await using server = await startChatServer();
  await using client = await TestClient.connect(server.wsUrl('/chat/ws'));
  client.sendJson({ type: 'Auth', data: {} });
  assert.equal((await client.waitForClose()).code, 4401);
  assert.equal((JSON.parse(client.frames[0]!.text) as { type: string }).type, 'AuthError');
});

test('no Auth within the timeout closes with 4408; other frames first are refused', async () => {
  await using server = await startChatServer({ chat: { websocket: { auth_timeout_ms: 300 } } });
  await using client = await TestClient.connect(server.wsUrl('/chat/ws'));
  client.sendJson({ type: 'Ping' });
  const refusal = await client.waitForJson<{ type: string; data: { code: string } }>();
  assert.equal(refusal.type, 'Error');
  assert.equal(refusal.data.code, 'unauthorized');
  assert.equal((await client.waitForClose()).code, 4408);
});

test('a frame before Auth does not spoil a later Auth', async () => {
  await using server = await startChatServer();
  const admin = await setupAdmin(server);
  await using client = await ChatClient.open(server, undefined, { raw: true });
  client.send('NewMessage', { room_id: 'x', content: 'early', client_message_id: 'y' });
  await client.next('Error', (frame) => frame.data?.code === 'unauthorized');
  client.send('Auth', { session_token: admin.token });
  await client.next('AuthSuccess');
  await client.next('SyncComplete');
});

test('bytes before Auth are capped (1008)', async () => {
  await using server = await startChatServer({ chat: { websocket: { max_preauth_bytes: 300 } } });
  await using client = await TestClient.connect(server.wsUrl('/chat/ws'));
  for (let index = 0; index < 10; index++) client.sendJson({ type: 'Junk', pad: 'x'.repeat(50) });
  assert.equal((await client.waitForClose()).code, 1008);
});

test('logout revokes the session: its sockets get Disconnect and 4401, the token stops working', async () => {
  await using server = await startChatServer();
  const admin = await setupAdmin(server);
  await using client = await ChatClient.open(server, admin);
  const api = new Api(server, admin.token);
  assert.equal((await api.get('/users/me')).status, 200);
  const logout = await api.post('/auth/logout');
  assert.equal(logout.status, 200);
  assert.match(logout.headers.get('set-cookie') ?? '', /hearth_chat_session=;.*Max-Age=0/);
  const disconnect = await client.next('Disconnect');
  assert.deepEqual(disconnect.data, { reason: 'logged_out' });
  assert.equal((await client.socket.waitForClose()).code, 4401);
  assert.equal((await api.get('/users/me')).status, 401);
  const refused = await expectRefusedUpgrade(server.wsUrl('/chat/ws'), {
    headers: { authorization: `Bearer ${admin.token}` },
  });
  assert.equal(refused.status, 401);
});

test('the login cookie authenticates HTTP calls and the upgrade', async () => {
  await using server = await startChatServer();
  const admin = await setupAdmin(server);
  const login = await new Api(server).post('/auth/login', {
    email: admin.email,
    password: 'correct horse battery',
  });
  const cookie = login.headers.get('set-cookie') ?? '';
  assert.match(
    cookie,
    /^hearth_chat_session=[\w-]{43}; Path=\/chat; Max-Age=2592000; HttpOnly; SameSite=Lax$/,
  );
  const pair = cookie.split(';')[0]!;
  const me = await fetch(`${server.url}/chat/api/users/me`, { headers: { cookie: pair } });
  assert.equal(me.status, 200);
  await using socket = await TestClient.connect(server.wsUrl('/chat/ws'), {
    headers: { cookie: pair },
  });
  const first = await socket.waitForJson<{ type: string }>();
  assert.equal(first.type, 'AuthSuccess');
});
