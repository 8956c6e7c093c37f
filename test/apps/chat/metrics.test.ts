// The chat app's metrics on /metrics: messages stored and delivered by fan-out, recovery page
// sizes, auth failures; and no message content or token ever reaches the logs.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metricSample, scrapeMetrics } from '../../support/http.ts';
import { expectRefusedUpgrade } from '../../support/ws-client.ts';
import {
  addUser,
  ChatClient,
  createRoom,
  setupAdmin,
  startChatServer,
} from './support/chat-server.ts';

test('/metrics counts what the chat app did', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const room = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using aliceClient = await ChatClient.open(server, alice);
  await using bobClient = await ChatClient.open(server, bob);
  await aliceClient.say(room, 'one');
  await aliceClient.say(room, 'two');
  await bobClient.next('NewMessage');
  await bobClient.next('NewMessage');
  await using late = await ChatClient.open(server, bob, { lastSeen: '0' });
  await expectRefusedUpgrade(server.wsUrl('/chat/ws?token=bad'));

  const text = await scrapeMetrics(server.url);
  assert.equal(metricSample(text, 'hearth_chat_messages_stored_total'), 2);
  assert.equal(
    metricSample(text, 'hearth_chat_messages_delivered_total'),
    4,
    'two messages, two connections',
  );
  assert.equal(
    metricSample(text, 'hearth_chat_recovery_messages_count'),
    3,
    'one page per connection',
  );
  assert.equal(
    metricSample(text, 'hearth_chat_recovery_messages_sum'),
    2,
    'the late one recovered two',
  );
  assert.equal(metricSample(text, 'hearth_chat_auth_failures_total', { kind: 'upgrade' }), 1);
  await late.flush();
});

test('logs carry ids but never message content or tokens', async () => {
  await using server = await startChatServer({
    captureLogs: true,
    config: { log: { level: 'debug' } },
  });
  const alice = await setupAdmin(server, 'Alice');
  const room = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using client = await ChatClient.open(server, alice);
  await client.say(room, 'a very private sentence');
  await using _byQuery = await ChatClient.open(server, alice, { via: 'query' });
  const logs = JSON.stringify(server.logs);
  assert.ok(logs.includes(room), 'room ids are logged');
  assert.doesNotMatch(logs, /very private/);
  assert.ok(!logs.includes(alice.token));
});
