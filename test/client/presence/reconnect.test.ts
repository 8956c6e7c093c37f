// Protobuf-mode reconnects against a real server: the client asks for the id it was assigned,
// gets it back within the grace period with the reliable messages it missed (and keeps its
// entities), and its own unacknowledged messages are written again, on the same connection
// when an Ack is overdue and on the next one after a cut, until the server acknowledges them.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProtobufCodec } from '../../../src/client/presence/protobuf.ts';
import { decodeMessage } from '../../../src/protocol/presence/codec.ts';
import { joinedClient, startPresenceServer } from './support/presence-harness.ts';

const protobuf = { codec: new ProtobufCodec() };

test('a client back within the grace period keeps its id and entities and gets what it missed', async () => {
  await using server = await startPresenceServer({
    presence: { reliable: { retry_interval_ms: 60_000 } },
  });
  using ann = await joinedClient(server, { ...protobuf, clientId: 'ann' });
  using bob = await joinedClient(server, protobuf);
  const bobId = bob.client.clientId ?? '';
  assert.notEqual(bobId, '', 'assigned by the server');
  bob.client.spawnEntity({ entityId: 'kite' });
  await ann.log.next('entity');

  bob.network.cut();
  await ann.log.next('peerLeft', (event) => event.clientId === bobId);
  ann.client.sendChat('while you were away');
  ann.client.spawnEntity({ entityId: 'lamp', components: { on: 'yes' } });
  await ann.log.next('ack');
  await ann.log.next('ack');

  bob.network.restore();
  const hello = await bob.log.next('hello', (event) => event.reconnected);
  assert.equal(hello.clientId, bobId);
  assert.equal(hello.idChanged, false);
  const sentHello = bob.network.sentMessages().filter((m) => m.payload === 'clientHello')[1];
  assert.ok(sentHello?.payload === 'clientHello');
  assert.equal(sentHello.clientHello.clientId, bobId, 'the assigned id is asked for');
  const chat = await bob.log.next('chat');
  assert.equal(chat.text, 'while you were away');
  const lamp = await bob.log.next('entity', (event) => event.entityId === 'lamp');
  assert.equal(lamp.action, 'spawn');
  assert.equal(bob.client.world.entities.get('lamp')?.components.on, 'yes');
  assert.equal(bob.client.world.entities.get('kite')?.ownerId, bobId, 'its entity is still there');

  // Still the owner of its kite.
  bob.client.updateEntity('kite', { color: new TextEncoder().encode('red') });
  const update = await ann.log.next('entity', (event) => event.action === 'update');
  assert.equal(update.entityId, 'kite');
  const refusals = bob.log.all('error').filter((event) => event.error.code !== 'transport');
  assert.deepEqual(refusals, [], 'only the failed attempts while cut off');
  assert.equal(bob.log.all('chat').length, 1);
});

test('messages sent while disconnected wait in the outbox and go out after the hello', async () => {
  await using server = await startPresenceServer();
  using ann = await joinedClient(server, { ...protobuf, clientId: 'ann' });
  using bob = await joinedClient(server, { ...protobuf, clientId: 'bob' });
  bob.network.cut();
  await ann.log.next('peerLeft');
  const first = bob.client.sendChat('from the tunnel');
  const second = bob.client.sendChat('still in the tunnel');
  assert.equal(bob.client.pendingReliable, 2);
  assert.equal(bob.client.state === 'ready', false);

  bob.network.restore();
  const chats = [await ann.log.next('chat'), await ann.log.next('chat')];
  assert.deepEqual(
    chats.map((event) => [event.fromClientId, event.text]),
    [
      ['bob', 'from the tunnel'],
      ['bob', 'still in the tunnel'],
    ],
    'in the order sent',
  );
  const acked = [(await bob.log.next('ack')).messageId, (await bob.log.next('ack')).messageId];
  assert.deepEqual(acked, [first, second]);
  assert.equal(bob.client.pendingReliable, 0);
});

test('a message lost on a live connection is written again once its Ack is overdue', async () => {
  await using server = await startPresenceServer();
  using ann = await joinedClient(server, { ...protobuf, clientId: 'ann' });
  using bob = await joinedClient(server, { ...protobuf, clientId: 'bob', reliableRetryMs: 100 });
  let lost = 0;
  // The first chat frame is lost on the way; the connection stays up.
  bob.network.dropOutgoing = (data) => {
    if (lost > 0 || !(data instanceof Uint8Array)) return false;
    const decoded = decodeMessage(data);
    if (!decoded.ok || decoded.message.payload !== 'chatMessage') return false;
    lost++;
    return true;
  };
  const id = bob.client.sendChat('lost once');
  assert.equal((await bob.log.next('ack')).messageId, id);
  const chat = await ann.log.next('chat');
  assert.equal(chat.text, 'lost once');
  assert.equal(lost, 1);
  const written = bob.network.sentMessages().filter((m) => m.payload === 'chatMessage');
  assert.equal(written.length, 1, 'the lost copy never left; the resend did');
  assert.equal(written[0]?.messageId, id, 'resent with the same message id');
});
