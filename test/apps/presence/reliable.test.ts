// Reliable delivery through real sockets: the sender's message is acknowledged (once, even when
// resent), a receiver that does not ack gets it again every retry interval up to 3 times, at
// most max_pending are kept per client, and a client that reconnects with its client id within
// the grace period gets what it missed; after the grace its entities are despawned.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PresenceMessage } from '../../../src/protocol/presence/messages.ts';
import { metricSample, scrapeMetrics } from '../../support/http.ts';
import { waitUntil } from '../../support/ws-client.ts';
import { PbClient, startPresenceServer } from './support/presence-server.ts';

const RETRY_MS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function chats(client: PbClient): Extract<PresenceMessage, { payload: 'chatMessage' }>[] {
  return client
    .messages()
    .filter(
      (message): message is Extract<PresenceMessage, { payload: 'chatMessage' }> =>
        message.payload === 'chatMessage',
    );
}

test('a receiver that does not ack gets the message every retry interval, 3 more times, then no more', async () => {
  await using server = await startPresenceServer({
    presence: { reliable: { retry_interval_ms: RETRY_MS } },
  });
  await using sender = await PbClient.connect(server, 'room', { clientId: 'sender' });
  await using silent = await PbClient.connect(server, 'room', { clientId: 'silent' });
  await using polite = await PbClient.connect(server, 'room', { clientId: 'polite' });

  const sentAt = Date.now();
  sender.send({ payload: 'chatMessage', messageId: 'c-1', chatMessage: { message: 'hello' } });
  const ack = await sender.next((message) => message.payload === 'ack');
  assert.ok(ack.payload === 'ack');
  assert.equal(ack.ack.messageId, 'c-1', 'the sender learns the server has it');

  const first = await polite.next((message) => message.payload === 'chatMessage');
  assert.notEqual(first.messageId, '', 'relayed with a server message id');
  assert.notEqual(first.messageId, 'c-1');
  polite.ack(first.messageId);

  const arrivals: number[] = [];
  await waitUntil(() => {
    const received = chats(silent);
    while (arrivals.length < received.length) arrivals.push(Date.now() - sentAt);
    return received.length >= 4;
  }, 5000);
  const copies = chats(silent);
  assert.ok(
    copies.every((copy) => copy.messageId === first.messageId),
    'the same id every time',
  );
  // Roughly one interval apart (the retry timer ticks every interval / 5).
  for (let index = 1; index < 4; index++) {
    const gap = arrivals[index]! - arrivals[index - 1]!;
    assert.ok(gap >= RETRY_MS * 0.8 && gap <= RETRY_MS * 4, `gap ${gap} ms`);
  }
  await sleep(RETRY_MS * 3);
  assert.equal(chats(silent).length, 4, 'given up after 3 retries');
  assert.equal(chats(polite).length, 1, 'an acknowledged message is not resent');

  const metrics = await scrapeMetrics(server.url);
  assert.equal(metricSample(metrics, 'hearth_presence_reliable_retries_total'), 3);
  assert.equal(
    metricSample(metrics, 'hearth_presence_reliable_given_up_total', { reason: 'retries' }),
    1,
  );
  assert.equal(metricSample(metrics, 'hearth_presence_acks_received_total'), 1);
  assert.equal(metricSample(metrics, 'hearth_presence_reliable_pending'), 0);
});

test('a resent message (its Ack was lost) is acknowledged again and relayed once', async () => {
  await using server = await startPresenceServer();
  await using sender = await PbClient.connect(server, 'room', { clientId: 'sender' });
  await using peer = await PbClient.connect(server, 'room', { clientId: 'peer' });
  for (let attempt = 0; attempt < 3; attempt++) {
    sender.send({ payload: 'chatMessage', messageId: 'same', chatMessage: { message: 'once' } });
  }
  await waitUntil(
    () => sender.messages().filter((message) => message.payload === 'ack').length === 3,
  );
  sender.send({ payload: 'chatMessage', messageId: 'next', chatMessage: { message: 'twice' } });
  await waitUntil(() => chats(peer).length === 2);
  assert.deepEqual(
    chats(peer).map((chat) => chat.chatMessage.message),
    ['once', 'twice'],
  );
});

test('at most 1,000 unacknowledged messages are kept per client, the oldest given up', async () => {
  await using server = await startPresenceServer({
    presence: {
      reliable: { retry_interval_ms: 60_000 },
      websocket: { frames_per_second: 10_000, frame_burst: 10_000 },
    },
  });
  await using sender = await PbClient.connect(server, 'room', { clientId: 'sender' });
  await using silent = await PbClient.connect(server, 'room', { clientId: 'silent' });
  for (let index = 0; index < 1005; index++) {
    sender.send({ payload: 'chatMessage', chatMessage: { message: `m${index}` } });
  }
  await waitUntil(() => chats(silent).length === 1005);
  const metrics = await scrapeMetrics(server.url);
  assert.equal(metricSample(metrics, 'hearth_presence_reliable_pending'), 1000);
  assert.equal(
    metricSample(metrics, 'hearth_presence_reliable_given_up_total', { reason: 'overflow' }),
    5,
  );
});

test('a client that reconnects with its client id within the grace period gets what it missed', async () => {
  await using server = await startPresenceServer({
    presence: { reliable: { retry_interval_ms: 60_000 } },
  });
  await using sender = await PbClient.connect(server, 'room', { clientId: 'sender' });
  const first = await PbClient.connect(server, 'room', { clientId: 'bob' });
  sender.send({ payload: 'chatMessage', chatMessage: { message: 'before' } });
  const before = await first.next((message) => message.payload === 'chatMessage');
  // Bob never acks it, and loses his connection.
  await first.close();
  await sender.next(
    (message) => message.payload === 'presenceEvent' && message.presenceEvent.clientId === 'bob',
  );
  sender.send({ payload: 'chatMessage', chatMessage: { message: 'while away' } });
  sender.send({
    payload: 'chatMessage',
    messageId: 'x',
    chatMessage: { message: 'also while away' },
  });
  await sender.next((message) => message.payload === 'ack');

  // Someone else cannot take the id while it is held for Bob's user.
  await using thief = await PbClient.connect(
    server,
    'room',
    { clientId: 'bob' },
    { query: { user_id: 'eve' } },
  );
  assert.notEqual(thief.clientId, 'bob');
  assert.equal(chats(thief).length, 0);

  await using back = await PbClient.connect(server, 'room', { clientId: 'bob' });
  assert.equal(back.clientId, 'bob');
  await waitUntil(() => chats(back).length === 3);
  const redelivered = chats(back);
  assert.deepEqual(
    redelivered.map((chat) => chat.chatMessage.message),
    ['before', 'while away', 'also while away'],
  );
  assert.equal(redelivered[0]!.messageId, before.messageId, 'the same message, the same id');
  for (const chat of redelivered) back.ack(chat.messageId);
  await waitUntil(
    async () =>
      metricSample(await scrapeMetrics(server.url), 'hearth_presence_reliable_pending') === 0,
  );
  const metrics = await scrapeMetrics(server.url);
  assert.equal(metricSample(metrics, 'hearth_presence_sessions_resumed_total'), 1);
  assert.equal(metricSample(metrics, 'hearth_presence_reliable_redelivered_total'), 3);
});

test('after the grace period the client id is free again and its entities are despawned', async () => {
  await using server = await startPresenceServer({ presence: { reconnect_grace_ms: 300 } });
  await using watcher = await PbClient.connect(server, 'room', { clientId: 'watcher' });
  const owner = await PbClient.connect(server, 'room', { clientId: 'owner' });
  owner.send({ payload: 'entitySpawn', entitySpawn: { entityId: 'lamp', templateId: 'lamp' } });
  await watcher.next((message) => message.payload === 'entitySpawn');
  const leftAt = Date.now();
  await owner.close();
  await watcher.next(
    (message) => message.payload === 'presenceEvent' && message.presenceEvent.clientId === 'owner',
  );
  const despawn = await watcher.next((message) => message.payload === 'entityDespawn', 3000);
  assert.ok(despawn.payload === 'entityDespawn');
  assert.equal(despawn.entityDespawn.entityId, 'lamp');
  assert.ok(Date.now() - leftAt >= 250, 'not before the grace period ended');
  watcher.ack(despawn.messageId);
  await using late = await PbClient.connect(
    server,
    'room',
    { clientId: 'owner' },
    { query: { user_id: 'someone-else' } },
  );
  assert.equal(late.clientId, 'owner');
  assert.deepEqual(late.hello?.initialState?.entities, []);
});
