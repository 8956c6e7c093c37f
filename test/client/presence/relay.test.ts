// The presence client in relay mode against a real server: SERVER_HELLO gives the client id,
// opaque text and binary frames reach the other clients as they were sent, joins and leaves
// become peer events, the client id survives a cut connection and a server restart, and the
// token travels as the `auth_token` query parameter.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  describeData,
  joinedClient,
  openClient,
  signToken,
  startPresenceServer,
  waitUntil,
} from './support/presence-harness.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test('two relay clients exchange opaque text and binary frames and see each other join and leave', async () => {
  await using server = await startPresenceServer();
  using alice = await joinedClient(server, { clientId: 'alice', displayName: 'Alice' });
  assert.equal(alice.client.clientId, 'alice');
  assert.equal(alice.client.state, 'ready');
  assert.equal(alice.client.mode, 'relay');
  using bob = await joinedClient(server, { displayName: 'Bob' });
  const bobId = bob.client.clientId ?? '';
  assert.match(bobId, UUID, 'no id asked for: the server assigns a UUID');

  const joined = await alice.log.next('peerJoined');
  assert.equal(joined.clientId, bobId);
  assert.equal(joined.displayName, 'Bob');
  assert.equal(joined.userId, bobId, 'an anonymous client is known by its client id');
  assert.equal(alice.client.world.players.get(bobId)?.displayName, 'Bob');

  const bytes = new Uint8Array([0, 1, 2, 250, 255]);
  assert.equal(alice.client.send(bytes), true);
  // A JSON text frame of the app's own is a message, even one with a `type`.
  alice.client.send('{"type":255,"keepalive":true}');
  bob.client.send('hello from bob');
  const binary = await bob.log.next('message', (event) => typeof event.data !== 'string');
  assert.equal(describeData(binary.data), 'bin:0,1,2,250,255');
  const text = await bob.log.next('message', (event) => typeof event.data === 'string');
  assert.equal(text.data, '{"type":255,"keepalive":true}');
  const fromBob = await alice.log.next('message');
  assert.equal(fromBob.data, 'hello from bob');
  assert.equal(alice.log.all('message').length, 1, 'the sender never gets its own frames back');

  bob.client.close();
  assert.equal(bob.client.state, 'closed');
  const left = await alice.log.next('peerLeft');
  assert.equal(left.clientId, bobId);
  assert.equal(alice.client.world.players.has(bobId), false);
  assert.throws(() => bob.client.send('too late'), { code: 'closed' });
  assert.throws(() => alice.client.sendChat('hi'), { code: 'wrong-mode' });
});

test('a relay client keeps its server-assigned client id when its connection is cut', async () => {
  await using server = await startPresenceServer();
  using watcher = await joinedClient(server, { clientId: 'watcher' });
  using roamer = await joinedClient(server);
  const id = roamer.client.clientId ?? '';
  assert.match(id, UUID);
  await watcher.log.next('peerJoined', (event) => event.clientId === id);

  roamer.network.cut();
  await watcher.log.next('peerLeft', (event) => event.clientId === id);
  // Sent while away: kept in the socket's offline queue, flushed on reconnect.
  roamer.client.send('sent while away');
  roamer.network.restore();
  const hello = await roamer.log.next('hello', (event) => event.reconnected);
  assert.equal(hello.clientId, id);
  assert.equal(hello.idChanged, false);
  assert.ok(
    roamer.network.urls.at(-1)?.includes(`client_id=${id}`),
    'the assigned id is asked for',
  );
  await watcher.log.next('peerJoined', (event) => event.clientId === id);
  const message = await watcher.log.next('message');
  assert.equal(message.data, 'sent while away');
  const states = roamer.log.all('statechange').map((event) => event.state);
  assert.deepEqual(states.slice(-3), ['reconnecting', 'connecting', 'ready']);
});

test('a relay client keeps its client id across a server restart', async () => {
  await using server = await startPresenceServer();
  using client = await joinedClient(server, { clientId: 'steady' });
  await server.restart();
  const hello = await client.log.next('hello', (event) => event.reconnected, 10_000);
  assert.equal(hello.clientId, 'steady');
  assert.equal(client.client.state, 'ready');
  const closes = client.log.all('close');
  assert.ok(closes.length >= 1 && closes.every((event) => event.willReconnect));
});

test('a relay client sends its token as auth_token and the server knows its user', async () => {
  await using server = await startPresenceServer({
    presence: { auth: { hs_secret: 'x'.repeat(32), anonymous: 'deny' } },
  });
  using watcher = await joinedClient(server, {
    token: await signToken({ sub: 'watcher-user' }, { secret: 'x'.repeat(32) }),
  });
  let calls = 0;
  using ada = await joinedClient(server, {
    clientId: 'ada',
    // A function: called for every attempt, so an expiring token can be refreshed.
    token: () => {
      calls++;
      return signToken({ sub: 'user-42', display_name: 'Ada L.' }, { secret: 'x'.repeat(32) });
    },
  });
  assert.equal(calls, 1);
  assert.match(ada.network.urls[0] ?? '', /[?&]auth_token=ey/);
  const joined = await watcher.log.next('peerJoined', (event) => event.clientId === 'ada');
  assert.equal(joined.userId, 'user-42');
  assert.equal(joined.displayName, 'Ada L.', "the token's name wins");

  // Without a token the upgrade is refused (HTTP 401): the client keeps retrying.
  using refused = openClient(server, { socket: { backoff: { initialDelayMs: 50 } } });
  await waitUntil(() => refused.log.all('close').length >= 2);
  assert.notEqual(refused.client.state, 'ready');
  assert.equal(refused.log.all('hello').length, 0);
});
