// Bad input over the chat WebSocket gets a clear answer and the server keeps serving: Error for
// malformed JSON, wrong shapes, unknown types and binary frames; MessageError for content that
// is too long or empty and for rooms the sender is not in; control characters stripped.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import {
  addUser,
  ChatClient,
  contents,
  createRoom,
  setupAdmin,
  startChatServer,
} from './support/chat-server.ts';

test('malformed frames and unknown types get an Error; the connection lives on', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  const room = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using client = await ChatClient.open(server, alice);
  const cases: [string | Buffer, string, RegExp][] = [
    ['{not json', 'malformed_message', /JSON/],
    ['[1,2]', 'malformed_message', /object/],
    ['{"data":{}}', 'malformed_message', /type/],
    ['{"type":"Frobnicate"}', 'unknown_type', /Frobnicate/],
    [
      '{"type":"NewMessage","data":{"room_id":"r"}}',
      'malformed_message',
      /content|client_message_id/,
    ],
    [
      '{"type":"NewMessage","data":{"room_id":"r","content":"x","client_message_id":"1"}}',
      'malformed_message',
      /UUID/,
    ],
    [
      '{"type":"MarkRead","data":{"room_id":"r","message_id":"-1"}}',
      'malformed_message',
      /message_id/,
    ],
    ['{"type":"TypingStart"}', 'malformed_message', /data/],
    ['{"type":"Auth","data":{"session_token":"x"}}', 'malformed_message', /already authenticated/],
    [Buffer.from([1, 2, 3]), 'malformed_message', /binary/],
  ];
  for (const [frame, code, detail] of cases) {
    client.socket.send(frame);
    const error = await client.next('Error');
    assert.equal(error.data?.code, code, String(frame));
    assert.match(String(error.data.message), detail, String(frame));
  }
  assert.equal((await client.say(room, 'still here')).type, 'MessageDelivered');
});

test('content rules: too long, empty, control characters stripped', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  const room = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using client = await ChatClient.open(server, alice);
  const tooLong = await client.say(room, 'x'.repeat(10_001));
  assert.equal(tooLong.type, 'MessageError');
  assert.equal(tooLong.data.error, 'too_long');
  // 10,000 characters after stripping is fine, emoji count as one character each.
  const atLimit = await client.say(room, `${'😀'.repeat(10_000)}\u0000\u0007`);
  assert.equal(atLimit.type, 'MessageDelivered');
  for (const blank of ['', '   ', '\u0000\u0001\u001b', '\n\t ']) {
    const empty = await client.say(room, blank);
    assert.equal(empty.data.error, 'empty', JSON.stringify(blank));
  }
  await client.say(room, 'line one\r\nline\ttwo\u0000\u001b[31m red\u007f\u0085 \ud800end');
  const stored = await client.next('NewMessage', (frame) =>
    (frame.data?.message as { content: string }).content.startsWith('line'),
  );
  assert.equal(
    (stored.data?.message as { content: string }).content,
    'line one\nline\ttwo[31m red end',
  );
});

test('sending to a room one is not a member of gets MessageError not_a_member; nothing is stored', async () => {
  await using server = await startChatServer();
  const alice = await setupAdmin(server, 'Alice');
  const bob = await addUser(server, alice, 'Bob');
  const room = await createRoom(server, alice, { kind: 'closed', name: 'Alone' });
  await using aliceClient = await ChatClient.open(server, alice);
  await using bobClient = await ChatClient.open(server, bob);
  for (const target of [room, 'no-such-room']) {
    const clientMessageId = randomUUID();
    const refused = await bobClient.say(target, 'let me in', clientMessageId);
    assert.deepEqual(refused, {
      type: 'MessageError',
      data: { client_message_id: clientMessageId, error: 'not_a_member' },
    });
  }
  await aliceClient.say(room, 'alone');
  await aliceClient.flush();
  assert.deepEqual(contents(aliceClient.all()), ['alone']);
});

test('an oversized frame closes only its own connection (1009)', async () => {
  await using server = await startChatServer({ chat: { websocket: { max_payload_bytes: 4096 } } });
  const alice = await setupAdmin(server, 'Alice');
  const room = await createRoom(server, alice, { kind: 'open', name: 'Lobby' });
  await using good = await ChatClient.open(server, alice);
  await using bad = await ChatClient.open(server, alice);
  bad.send('NewMessage', {
    room_id: room,
    content: 'x'.repeat(5000),
    client_message_id: randomUUID(),
  });
  assert.equal((await bad.socket.waitForClose()).code, 1009);
  assert.equal((await good.say(room, 'unaffected')).type, 'MessageDelivered');
});
