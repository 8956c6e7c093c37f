// Graceful drain of a real `hearth serve` process: on SIGTERM every client is closed with the
// configured code (1012 by default, 1001 on request) so it reconnects elsewhere, and the
// process exits 0. A restarted test server accepts the reconnect of the client SDK.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createEchoApp } from '../../src/apps/echo/echo-app.ts';
import { ReconnectingSocket } from '../../src/client/reconnecting-socket.ts';
import { HearthProcess } from '../support/child-server.ts';
import { startTestServer } from '../support/test-server.ts';
import { TestClient, waitUntil } from '../support/ws-client.ts';

for (const [code, env] of [
  [1012, {}],
  [1001, { HEARTH_SERVER__DRAIN_CLOSE_CODE: '1001' }],
] as const) {
  test(`SIGTERM closes every client with ${code} and exits 0`, async (t) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'hearth-drain-'));
    t.after(() => rm(dataDir, { recursive: true, force: true }));
    await using hearth = new HearthProcess(['serve', '--port', '0', '--data-dir', dataDir], env);
    const port = await hearth.listeningPort();
    const clients = await Promise.all(
      [1, 2, 3].map(() => TestClient.connect(`ws://127.0.0.1:${port}/echo/ws?room=drain`)),
    );
    t.after(() => Promise.all(clients.map((client) => client.close())));
    clients[0]!.send('before drain');
    for (const client of clients) assert.equal((await client.waitFor()).text, 'before drain');

    hearth.child.kill('SIGTERM');
    for (const client of clients) {
      const closed = await client.waitForClose();
      assert.equal(closed.code, code);
    }
    const exit = await hearth.waitForExit();
    assert.deepEqual(exit, { code: 0, signal: null });
  });
}

test('the client SDK reconnects to a restarted server and sends what it queued meanwhile', async (t) => {
  await using server = await startTestServer({ apps: () => [createEchoApp('/echo')] });
  const received: string[] = [];
  const socket = new ReconnectingSocket({
    url: server.wsUrl('/echo/ws?room=restart'),
    backoff: { initialDelayMs: 20, maxDelayMs: 200 },
    backOffMinDelayMs: 20,
  });
  t.after(() => {
    socket.close();
  });
  socket.addEventListener('message', (event) => {
    if (typeof event.data === 'string') received.push(event.data);
  });
  await waitUntil(() => socket.state === 'open');
  socket.send('first');
  await waitUntil(() => received.includes('first'));

  await server.restart();
  socket.send('while away');
  await waitUntil(() => received.includes('while away'), 10_000);
  assert.deepEqual(received, ['first', 'while away']);
});
