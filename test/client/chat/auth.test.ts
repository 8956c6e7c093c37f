// The chat client and refused sessions: after a logout the server closes with 4401 and the
// client reports `unauthorized` and stops (no reconnect loop); a bad token does the same at
// the first Auth; `reconnect()` with a fresh token starts it again.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  Api,
  Clients,
  createRoom,
  pause,
  setupAdmin,
  startChatServer,
} from './support/chat-harness.ts';
import { login } from '../../apps/chat/support/chat-server.ts';

test('after a logout the client reports unauthorized and stops', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using clients = new Clients();
  const a = await clients.ready(server, alice);

  const response = await new Api(server, alice.token).post('/auth/logout');
  assert.equal(response.status, 200);
  const unauthorized = await a.next('unauthorized');
  assert.equal(unauthorized.code, 4401);
  assert.equal(unauthorized.reason, 'logged_out');
  const disconnected = await a.next('disconnected');
  assert.equal(disconnected.willReconnect, false);
  assert.equal(a.client.state, 'closed');

  const attempts = a.network.urls.length;
  await pause(300);
  assert.equal(a.network.urls.length, attempts, 'no reconnect loop');
  assert.equal(a.all('connected').length, 1);
});

test('a bad token is refused at the first Auth, once', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  await using clients = new Clients();
  const a = clients.add(server, { ...alice, token: 'not-a-session' });
  const unauthorized = await a.next('unauthorized');
  assert.equal(unauthorized.code, 4401);
  assert.equal(unauthorized.reason, 'unauthorized');
  await pause(300);
  assert.equal(a.network.urls.length, 1);
  assert.equal(a.all('connected').length, 0);
  assert.equal(a.client.state, 'closed');
});

test('reconnect() after unauthorized uses the token function again', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  let token = 'expired';
  await using clients = new Clients();
  const a = clients.add(server, alice, { sessionToken: () => token });
  await a.next('unauthorized');
  token = (await login(server, alice.email)).token;
  a.client.reconnect();
  await a.next('synced');
  assert.equal(a.client.state, 'ready');
});
