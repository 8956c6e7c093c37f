// Missed-message recovery: everything after last_seen_message_id in the user's rooms, once, in
// id order, paged with has_more (continued by Sync); the latest messages per room on a first
// connection; messages of the same millisecond; and a client connecting while others send.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { chatConfigSchema } from '../../../src/apps/chat/config.ts';
import { createChatApp } from '../../../src/apps/chat/chat-app.ts';
import { PasswordHasher } from '../../../src/core/auth/password-hasher.ts';
import { startTestServer } from '../../support/test-server.ts';
import {
  addUser,
  Api,
  ChatClient,
  contents,
  createRoom,
  messageIdOf,
  setupAdmin,
  startChatServer,
  type Frame,
} from './support/chat-server.ts';

const MANY = { limits: { messages_per_minute: 100_000 } };

test('messages sent while away arrive once, in order, paged with has_more and Sync', async () => {
  await using server = await startChatServer({ chat: { ...MANY, recovery_page_size: 10 } });
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const lobby = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  const pair = await createRoom(server, alice, {
    kind: 'closed',
    name: 'Pair',
    member_ids: [bob.id],
  });
  const secret = await createRoom(server, alice, { kind: 'closed', name: 'Alone' });
  await using sender = await ChatClient.open(server, alice);

  const before = await sender.say(lobby, 'before');
  const lastSeen = before.data.message_id as string;
  const expected: string[] = [];
  for (let index = 0; index < 25; index++) {
    const content = `away ${index}`;
    await sender.say(index % 2 === 0 ? lobby : pair, content);
    if (index % 5 === 0) await sender.say(secret, `secret ${index}`);
    expected.push(content);
  }

  for (const via of ['message', 'header'] as const) {
    await using bobClient = await ChatClient.open(server, bob, { via, lastSeen, raw: true });
    const first = await bobClient.next('SyncComplete');
    assert.deepEqual(first.data?.has_more, true);
    // A message sent now arrives live and is not repeated by the later pages.
    await sender.say(lobby, `live via ${via}`);
    const pages: Frame[][] = [];
    let sync = first;
    while (sync.data?.has_more === true) {
      bobClient.send('Sync');
      sync = await bobClient.next('SyncComplete');
    }
    pages.push(bobClient.all());
    const received = contents(bobClient.all());
    const recovered = received.filter((content) => !content.startsWith('live'));
    assert.deepEqual(recovered, expected, `recovered by ${via}`);
    assert.ok(received.includes(`live via ${via}`));
    assert.equal(new Set(received).size, received.length, 'nothing repeated');
    // Each SyncComplete names the last message it covers, and the pages are cut at 10.
    const syncs = bobClient.seen('SyncComplete');
    assert.equal(syncs.length, 3);
    assert.deepEqual(
      syncs.map((frame) => frame.data?.has_more),
      [true, true, false],
    );
    const ids = bobClient.seen('NewMessage').map(messageIdOf);
    assert.equal(syncs[0]?.data?.last_message_id, ids[9]);
    assert.equal(
      syncs[1]?.data?.last_message_id,
      ids.filter((id) => id <= String(syncs[1]?.data?.last_message_id)).at(-1),
    );
  }
});

test('a first connection gets the latest 50 messages of each room, in id order', async () => {
  await using server = await startChatServer({ chat: MANY });
  const alice = await setupAdmin(server, 'Alice');
  const busy = await createRoom(server, alice, { kind: 'open', name: 'Busy' });
  const quiet = await createRoom(server, alice, { kind: 'open', name: 'Quiet' });
  await using sender = await ChatClient.open(server, alice);
  for (let index = 0; index < 60; index++) {
    sender.send('NewMessage', {
      room_id: busy,
      content: `busy ${index}`,
      client_message_id: randomUUID(),
    });
    if (index % 20 === 0) {
      sender.send('NewMessage', {
        room_id: quiet,
        content: `quiet ${index}`,
        client_message_id: randomUUID(),
      });
    }
  }
  for (let index = 0; index < 63; index++) await sender.next('MessageDelivered');
  const bob = await addUser(server, alice, 'Bob');
  await using bobClient = await ChatClient.open(server, bob);
  const frames = bobClient.all();
  const ids = frames.filter((frame) => frame.type === 'NewMessage').map(messageIdOf);
  assert.deepEqual([...ids].sort(), ids, 'in id order');
  const received = contents(frames);
  assert.equal(received.length, 53);
  assert.deepEqual(
    received.filter((content) => content.startsWith('busy')),
    Array.from({ length: 50 }, (_value, index) => `busy ${index + 10}`),
  );
  assert.deepEqual(
    received.filter((content) => content.startsWith('quiet')),
    ['quiet 0', 'quiet 20', 'quiet 40'],
  );
  const sync = frames.at(-1);
  assert.equal(sync?.type, 'SyncComplete');
  assert.equal(sync.data?.last_message_id, ids.at(-1));
  assert.equal(sync.data?.has_more, false);
});

test('messages committed in the same millisecond are all recovered, none twice', async () => {
  const chat = chatConfigSchema.parse({
    limits: { messages_per_minute: 100_000, connection_attempts_per_ip_per_minute: 10_000 },
  });
  const frozen = Date.parse('2026-01-15T10:30:00.000Z');
  await using server = await startTestServer({
    apps: [
      createChatApp(chat, {
        hasher: new PasswordHasher({ cost: { ln: 10, r: 8, p: 1 } }),
        now: () => frozen,
      }),
    ],
  });
  const alice = await setupAdmin(server, 'Alice');
  const room = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  const tabs = await Promise.all([0, 1, 2].map(() => ChatClient.open(server, alice)));
  const api = new Api(server, alice.token);
  const start = await tabs[0]!.say(room, 'start');
  const sends: Promise<unknown>[] = [];
  for (let index = 0; index < 30; index++) {
    const tab = tabs[index % 3]!;
    sends.push(tab.say(room, `same ms ${index}`));
    sends.push(
      api.post(`/rooms/${room}/messages`, {
        content: `http ${index}`,
        client_message_id: randomUUID(),
      }),
    );
  }
  await Promise.all(sends);
  const page = await api.get(
    `/rooms/${room}/messages?after=${String(start.data.message_id)}&limit=200`,
  );
  const stored = page.body.messages as { id: string; created_at: string }[];
  assert.equal(stored.length, 60);
  assert.ok(stored.every((message) => message.created_at === '2026-01-15T10:30:00.000Z'));

  for (const cut of [0, 17, 42]) {
    const lastSeen = cut === 0 ? String(start.data.message_id) : stored[cut - 1]!.id;
    await using reader = await ChatClient.open(server, alice, { lastSeen, via: 'message' });
    const ids = reader.seen('NewMessage').map(messageIdOf);
    assert.deepEqual(
      ids,
      stored.slice(cut).map((message) => message.id),
    );
  }
  for (const tab of tabs) await tab.close();
});

test('a client connecting while others send misses nothing and sees nothing twice', async () => {
  await using server = await startChatServer({ chat: MANY });
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const room = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using first = await ChatClient.open(server, alice);
  await using second = await ChatClient.open(server, alice);
  const start = await first.say(room, 'start');
  const total = 200;
  const senders = [first, second].map(async (client, which) => {
    for (let index = which; index < total; index += 2) {
      client.send('NewMessage', {
        room_id: room,
        content: `n${index}`,
        client_message_id: randomUUID(),
      });
      if (index % 10 === which) await client.next('MessageDelivered');
    }
  });
  const readers: ChatClient[] = [];
  for (let attempt = 0; attempt < 4; attempt++) {
    readers.push(
      await ChatClient.open(server, bob, { lastSeen: String(start.data.message_id), raw: true }),
    );
  }
  await Promise.all(senders);
  for (const reader of readers) {
    const deadline = Date.now() + 10_000;
    while (contents(reader.all()).length < total && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const received = contents(reader.all());
    assert.equal(received.length, total);
    assert.equal(new Set(received).size, total, 'no repeats');
    const ids = reader.seen('NewMessage').map(messageIdOf);
    assert.deepEqual([...ids].sort(), ids, 'ascending: recovery, then live');
    await reader.close();
  }
});
