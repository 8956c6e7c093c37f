// kill -9 of a real `hearth serve` while chat SDK clients send: after the restart the clients'
// outboxes re-send whatever was not confirmed, with the same client_message_id, and every
// message they wrote ends up stored exactly once — nothing lost, nothing doubled.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ChatClient } from '../../../src/client/chat/index.ts';
import { HearthProcess } from '../../support/child-server.ts';
import { waitUntil } from '../../support/ws-client.ts';
import { Api, login, PASSWORD } from '../../apps/chat/support/chat-server.ts';
import { runAddUser } from '../../apps/chat/support/cli.ts';

const ENV = {
  HEARTH_LOG__LEVEL: 'warn',
  HEARTH_APPS__CHAT__LIMITS__MESSAGES_PER_MINUTE: '1000000',
  HEARTH_APPS__CHAT__LIMITS__CONNECTION_ATTEMPTS_PER_IP_PER_MINUTE: '1000',
};
const PER_CLIENT = 80;

test('SDK outboxes lose and double nothing across a kill -9 of the server', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-chat-sdk-crash-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const added = await runAddUser(
    dataDir,
    ['--email', 'ops@example.test', '--name', 'Ops', '--admin'],
    PASSWORD,
  );
  assert.equal(added.code, 0, added.stderr);

  let hearth = new HearthProcess(['serve', '--port', '0', '--data-dir', dataDir], ENV);
  t.after(() => hearth[Symbol.asyncDispose]());
  let httpUrl = `http://127.0.0.1:${await hearth.listeningPort()}`;
  const ops = await login(httpUrl, 'ops@example.test');
  const created = await new Api(httpUrl, ops.token).post('/rooms', { kind: 'open', name: 'Ops' });
  const roomId = (created.body.room as { id: string }).id;

  // The URL is asked for at every connection attempt: the restarted server has a new port.
  const url = (): string => `${httpUrl.replace('http', 'ws')}/chat/ws`;
  const clients = [0, 1].map(
    () =>
      new ChatClient({
        url,
        sessionToken: ops.token,
        socket: { backoff: { initialDelayMs: 50, maxDelayMs: 500 } },
      }),
  );
  t.after(() => Promise.all(clients.map((client) => client.close())));
  const delivered = new Map<string, number>();
  for (const client of clients) {
    client.addEventListener('delivered', (event) => {
      delivered.set(event.clientMessageId, (delivered.get(event.clientMessageId) ?? 0) + 1);
    });
  }
  await Promise.all(clients.map((client) => client.started));
  await waitUntil(() => clients.every((client) => client.state === 'ready'), 10_000);

  const written = new Map<string, string>();
  for (const [tab, client] of clients.entries()) {
    for (let index = 0; index < PER_CLIENT; index++) {
      const content = `tab ${tab} #${index}`;
      written.set(client.send(roomId, content), content);
    }
  }
  // Kill while some are confirmed and some are still in the outboxes.
  await waitUntil(() => delivered.size >= 20, 10_000);
  hearth.child.kill('SIGKILL');
  await hearth.waitForExit();
  const pendingAtCrash = clients.reduce((sum, client) => sum + client.outbox.length, 0);

  hearth = new HearthProcess(['serve', '--port', '0', '--data-dir', dataDir], ENV);
  httpUrl = `http://127.0.0.1:${await hearth.listeningPort()}`;
  await waitUntil(() => clients.every((client) => client.outbox.length === 0), 30_000);
  assert.ok(pendingAtCrash > 0, 'the crash left messages unconfirmed in the outboxes');

  const api = new Api(httpUrl, ops.token);
  const stored: { content: string; client_message_id: string }[] = [];
  for (let after = '0'; ;) {
    const page = await api.get(`/rooms/${roomId}/messages?after=${after}&limit=200`);
    assert.equal(page.status, 200, page.text);
    const messages = page.body.messages as {
      id: string;
      content: string;
      client_message_id: string;
    }[];
    stored.push(...messages);
    if (page.body.has_more !== true) break;
    after = messages.at(-1)!.id;
  }
  assert.equal(stored.length, written.size, 'every message once');
  for (const message of stored) {
    assert.equal(written.get(message.client_message_id), message.content);
  }
  assert.equal(new Set(stored.map((message) => message.client_message_id)).size, stored.length);
  assert.equal(delivered.size, written.size, 'each confirmed to its sender');
  assert.ok(
    [...delivered.values()].every((count) => count === 1),
    'and only once',
  );
});
