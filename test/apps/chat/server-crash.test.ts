// kill -9 of a real `hearth serve` while clients stream messages: after a restart, every
// message acknowledged with MessageDelivered is stored exactly once, ids are gap-free, sessions
// survive, and recovery from last_seen_message_id picks up where the stream stopped.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { HearthProcess } from '../../support/child-server.ts';
import { TestClient } from '../../support/ws-client.ts';
import { Api, login, PASSWORD } from './support/chat-server.ts';
import { runAddUser } from './support/cli.ts';

const ENV = {
  HEARTH_LOG__LEVEL: 'warn',
  HEARTH_APPS__CHAT__LIMITS__MESSAGES_PER_MINUTE: '1000000',
  HEARTH_APPS__CHAT__LIMITS__CONNECTION_ATTEMPTS_PER_IP_PER_MINUTE: '1000',
};

async function startHearth(dataDir: string): Promise<{ hearth: HearthProcess; url: string }> {
  const hearth = new HearthProcess(['serve', '--port', '0', '--data-dir', dataDir], ENV);
  const port = await hearth.listeningPort();
  return { hearth, url: `http://127.0.0.1:${port}` };
}

/** Sends one message at a time, recording each acknowledgement, until the server dies. */
async function stream(client: TestClient, roomId: string, tab: number, acked: Map<string, string>) {
  for (let index = 0; ; index++) {
    const clientMessageId = randomUUID();
    const content = `tab ${tab} #${index}`;
    client.sendJson({
      type: 'NewMessage',
      data: { room_id: roomId, content, client_message_id: clientMessageId },
    });
    try {
      const ack = await client.waitForJson<{ type: string; data: { message_id: string } }>(
        (frame) =>
          (frame as { type?: string }).type === 'MessageDelivered' &&
          (frame as { data: { client_message_id?: string } }).data.client_message_id ===
            clientMessageId,
        10_000,
      );
      acked.set(ack.data.message_id, content);
    } catch {
      return; // the server is gone
    }
  }
}

test('every acknowledged message survives kill -9, exactly once, with gap-free ids', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-chat-crash-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const added = await runAddUser(
    dataDir,
    ['--email', 'ops@example.test', '--name', 'Ops', '--admin'],
    PASSWORD,
  );
  assert.equal(added.code, 0, added.stderr);

  const first = await startHearth(dataDir);
  await using hearth = first.hearth;
  const ops = await login(first.url, 'ops@example.test');
  const created = await new Api(first.url, ops.token).post('/rooms', { kind: 'open', name: 'Ops' });
  const roomId = (created.body.room as { id: string }).id;

  const wsUrl = `${first.url.replace('http', 'ws')}/chat/ws`;
  const tabs = await Promise.all(
    [0, 1, 2].map(() =>
      TestClient.connect(wsUrl, { headers: { authorization: `Bearer ${ops.token}` } }),
    ),
  );
  const acked = new Map<string, string>();
  const streams = tabs.map((client, tab) => stream(client, roomId, tab, acked));
  const killAfter = 150 + Math.floor(Math.random() * 150);
  while (acked.size < killAfter) await new Promise((resolve) => setTimeout(resolve, 5));
  hearth.child.kill('SIGKILL');
  await hearth.waitForExit();
  await Promise.all(streams);
  for (const client of tabs) await client.close();
  assert.ok(acked.size >= killAfter);

  const second = await startHearth(dataDir);
  await using restarted = second.hearth;
  // The session from before the crash is still valid: sessions are durable too.
  const api = new Api(second.url, ops.token);
  const stored: { id: string; content: string }[] = [];
  for (let after = '0'; ;) {
    const page = await api.get(`/rooms/${roomId}/messages?after=${after}&limit=200`);
    assert.equal(page.status, 200, page.text);
    stored.push(...(page.body.messages as { id: string; content: string }[]));
    if (page.body.has_more !== true) break;
    after = stored.at(-1)!.id;
  }
  assert.deepEqual(
    stored.map((message) => Number(message.id)),
    Array.from({ length: stored.length }, (_value, index) => index + 1),
    'gap-free ids from 1',
  );
  const byId = new Map(stored.map((message) => [message.id, message.content]));
  for (const [messageId, content] of acked) {
    assert.equal(byId.get(messageId), content, `acknowledged ${messageId} is stored`);
  }
  assert.equal(
    new Set(stored.map((message) => message.content)).size,
    stored.length,
    'no duplicates',
  );

  // A reconnecting client recovers from its last acknowledged id, and writing resumes after it.
  const lastAcked = [...acked.keys()].sort().at(-1)!;
  await using reader = await TestClient.connect(
    `${second.url.replace('http', 'ws')}/chat/ws?last_seen_message_id=${lastAcked}`,
    { headers: { authorization: `Bearer ${ops.token}` } },
  );
  const sync = await reader.waitForJson<{ type: string; data: { last_message_id: string | null } }>(
    (frame) => (frame as { type?: string }).type === 'SyncComplete',
    10_000,
  );
  assert.equal(sync.data.last_message_id, stored.at(-1)!.id);
  const recovered = reader.frames
    .map((frame) => JSON.parse(frame.text) as { type: string; data: { message?: { id: string } } })
    .filter((frame) => frame.type === 'NewMessage')
    .map((frame) => frame.data.message?.id);
  assert.deepEqual(
    recovered,
    stored.filter((message) => message.id > lastAcked).map((message) => message.id),
  );
  const after = await api.post(`/rooms/${roomId}/messages`, {
    content: 'after the crash',
    client_message_id: randomUUID(),
  });
  assert.equal(Number((after.body.message as { id: string }).id), stored.length + 1);
  restarted.child.kill('SIGTERM');
  assert.equal((await restarted.waitForExit()).code, 0);
});
