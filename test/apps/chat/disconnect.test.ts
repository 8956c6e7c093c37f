// `Disconnect{reason}` precedes every close the server decides, including the closes the core
// makes itself: a graceful drain and the per-connection frame-rate limit.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChatClient, setupAdmin, startChatServer } from './support/chat-server.ts';

test('a draining server sends Disconnect{server_restart} before closing with 1012', async () => {
  await using server = await startChatServer();
  const admin = await setupAdmin(server);
  await using client = await ChatClient.open(server, admin);
  const draining = server.server.drain();
  assert.deepEqual((await client.next('Disconnect')).data, { reason: 'server_restart' });
  assert.equal((await client.socket.waitForClose()).code, 1012);
  await draining;
});

test('a client flooding frames gets Disconnect{rate_limited} before close 4429', async () => {
  await using server = await startChatServer({
    config: {
      apps: {
        chat: { websocket: { frames_per_second: 1, frame_burst: 2, rate_limit_close_after: 5 } },
      },
    },
  });
  const admin = await setupAdmin(server);
  await using client = await ChatClient.open(server, admin);
  for (let index = 0; index < 20; index++) client.send('Ping');
  assert.deepEqual((await client.next('Disconnect')).data, { reason: 'rate_limited' });
  assert.equal((await client.socket.waitForClose()).code, 4429);
});
