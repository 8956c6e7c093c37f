// Relay mode through real sockets: SERVER_HELLO and client id negotiation, the same bytes with
// the same opcode to every other client of the room (never the sender, never another room),
// a replay of the GraphWiz browser client's framing, PRESENCE_JOIN/LEAVE, path checks, the
// frame size limit and the frame-rate limit.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectRefusedUpgrade, waitUntil } from '../../support/ws-client.ts';
import { connectRelay, json, roomUrl, startPresenceServer } from './support/presence-server.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test('SERVER_HELLO names the room and the client id it asked for, or a new UUID', async () => {
  await using server = await startPresenceServer();
  const before = Math.floor(Date.now() / 1000);
  const { client: first, hello } = await connectRelay(server, 'lobby', { client_id: 'client456' });
  await using _first = first;
  assert.deepEqual(Object.keys(hello).sort(), ['client_id', 'room_id', 'timestamp', 'type']);
  assert.equal(hello.type, 'SERVER_HELLO');
  assert.equal(hello.room_id, 'lobby');
  assert.equal(hello.client_id, 'client456');
  assert.ok(typeof hello.timestamp === 'number' && hello.timestamp >= before);
  assert.ok(hello.timestamp <= Math.floor(Date.now() / 1000), 'unix seconds');

  // Taken in this room → a new UUID; free in another room → honoured.
  const { client: second, hello: taken } = await connectRelay(server, 'lobby', {
    client_id: 'client456',
  });
  await using _second = second;
  assert.match(String(taken.client_id), UUID);
  const { client: third, hello: elsewhere } = await connectRelay(server, 'hall', {
    client_id: 'client456',
  });
  await using _third = third;
  assert.equal(elsewhere.client_id, 'client456');
  // Malformed or absent → a new UUID.
  const { client: fourth, hello: malformed } = await connectRelay(server, 'lobby', {
    client_id: 'no spaces!',
  });
  await using _fourth = fourth;
  assert.match(String(malformed.client_id), UUID);
  const { client: fifth, hello: none } = await connectRelay(server, 'lobby');
  await using _fifth = fifth;
  assert.match(String(none.client_id), UUID);
});

test('every frame reaches the other clients of the room with the same opcode and bytes, not the sender', async () => {
  await using server = await startPresenceServer();
  const { client: alice } = await connectRelay(server, 'room-1', { client_id: 'alice' });
  const { client: bob } = await connectRelay(server, 'room-1', { client_id: 'bob' });
  const { client: carol } = await connectRelay(server, 'room-1', { client_id: 'carol' });
  const { client: stranger } = await connectRelay(server, 'room-2', { client_id: 'dave' });
  await using _a = alice;
  await using _b = bob;
  await using _c = carol;
  await using _s = stranger;
  await alice.waitForJson((value) => value.type === 'PRESENCE_JOIN' && value.client_id === 'carol');

  const binary = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]);
  alice.send(binary);
  alice.send('{"type":"CHAT","text":"héllo"}');
  for (const peer of [bob, carol]) {
    const first = await peer.waitFor((frame) => frame.isBinary);
    assert.deepEqual(first.data, binary);
    const second = await peer.waitFor(
      (frame) => !frame.isBinary && !frame.text.includes('PRESENCE'),
    );
    assert.equal(second.text, '{"type":"CHAT","text":"héllo"}');
  }
  // The sender and the other room get nothing of it.
  bob.send('ping-from-bob');
  await alice.waitFor((frame) => frame.text === 'ping-from-bob');
  assert.ok(!alice.frames.some((frame) => frame.isBinary), 'the sender never gets its own frame');
  assert.ok(
    !stranger.frames.some((frame) => frame.isBinary || frame.text.includes('CHAT')),
    'another room gets nothing',
  );
});

/** The GraphWiz browser client's binary framing: [u8 id len][id][u64 BE ms][u8 type][json]. */
function graphwizFrame(
  messageId: string,
  timestampMs: bigint,
  type: number,
  payload: unknown,
): Buffer {
  const id = Buffer.from(messageId, 'utf8');
  const body = Buffer.from(JSON.stringify(payload), 'utf8');
  const frame = Buffer.alloc(1 + id.length + 8 + 1 + body.length);
  frame.writeUInt8(id.length, 0);
  id.copy(frame, 1);
  frame.writeBigUInt64BE(timestampMs, 1 + id.length);
  frame.writeUInt8(type, 1 + id.length + 8);
  body.copy(frame, 1 + id.length + 9);
  return frame;
}

test('a GraphWiz browser session replays unchanged: framed position updates and JSON keep-alives', async () => {
  await using server = await startPresenceServer();
  // The GraphWiz client connects with user_id and client_id, and reads SERVER_HELLO as JSON.
  const { client: browser, hello } = await connectRelay(server, 'graphwiz-room', {
    user_id: 'user123',
    client_id: 'client456',
  });
  const { client: peer } = await connectRelay(server, 'graphwiz-room', { client_id: 'peer' });
  await using _browser = browser;
  await using _peer = peer;
  assert.equal(hello.client_id, 'client456');

  const updates = [1, 2, 3].map((sequence) =>
    graphwizFrame(`msg-${sequence}`, 1_735_689_600_000n + BigInt(sequence), 10, {
      entityId: 'client456',
      position: { x: sequence, y: 1.6, z: -sequence },
      rotation: { x: 0, y: 0, z: 0, w: 1 },
      sequence,
    }),
  );
  for (const update of updates) browser.send(update);
  browser.send(JSON.stringify({ type: 255, timestamp: 1_735_689_630_000 }));

  const received = [];
  for (const _update of updates) {
    received.push((await peer.waitFor((frame) => frame.isBinary)).data);
  }
  assert.deepEqual(received, updates, 'byte for byte, in order');
  const parsed = received.map((frame) => {
    const idLength = frame.readUInt8(0);
    return {
      id: frame.subarray(1, 1 + idLength).toString('utf8'),
      timestamp: frame.readBigUInt64BE(1 + idLength),
      type: frame.readUInt8(1 + idLength + 8),
      payload: JSON.parse(frame.subarray(1 + idLength + 9).toString('utf8')) as {
        sequence: number;
      },
    };
  });
  assert.deepEqual(
    parsed.map((each) => [each.id, each.type, each.payload.sequence]),
    [
      ['msg-1', 10, 1],
      ['msg-2', 10, 2],
      ['msg-3', 10, 3],
    ],
  );
  const keepAlive = await peer.waitForJson((value) => value.type === 255);
  assert.deepEqual(keepAlive, { type: 255, timestamp: 1_735_689_630_000 });
});

test('joins and leaves are announced to the others as PRESENCE_JOIN / PRESENCE_LEAVE', async () => {
  await using server = await startPresenceServer();
  const { client: host } = await connectRelay(server, 'lobby', { client_id: 'host' });
  await using _host = host;
  const { client: guest } = await connectRelay(server, 'lobby', {
    client_id: 'guest',
    user_id: 'user-guest',
    display_name: 'Guest',
  });
  const joined = await host.waitForJson((value) => value.type === 'PRESENCE_JOIN');
  assert.deepEqual(
    { ...joined, timestamp: 0 },
    {
      type: 'PRESENCE_JOIN',
      room_id: 'lobby',
      client_id: 'guest',
      user_id: 'user-guest',
      display_name: 'Guest',
      timestamp: 0,
    },
  );
  assert.ok(Math.abs(Number(joined.timestamp) - Date.now() / 1000) < 5);
  assert.ok(
    !guest.frames.some((frame) => json(frame).type === 'PRESENCE_JOIN'),
    'a client is not told of its own join',
  );
  await guest.close();
  const left = await host.waitForJson((value) => value.type === 'PRESENCE_LEAVE');
  assert.equal(left.client_id, 'guest');
  assert.equal(left.user_id, 'user-guest');
  // An anonymous client without user_id is known by its client id.
  const { client: anonymous } = await connectRelay(server, 'lobby', { client_id: 'anon-1' });
  await using _anonymous = anonymous;
  const anonymousJoin = await host.waitForJson((value) => value.client_id === 'anon-1');
  assert.equal(anonymousJoin.user_id, 'anon-1');
  assert.equal(anonymousJoin.display_name, null);
});

test('bad paths and room ids are refused at the upgrade', async () => {
  await using server = await startPresenceServer();
  const tooLong = 'r'.repeat(129);
  assert.equal((await expectRefusedUpgrade(roomUrl(server, tooLong))).status, 400);
  assert.equal((await expectRefusedUpgrade(server.wsUrl('/presence/ws/bad%20room'))).status, 400);
  assert.equal((await expectRefusedUpgrade(server.wsUrl('/presence/ws'))).status, 404);
  assert.equal((await expectRefusedUpgrade(server.wsUrl('/presence/ws/a/b'))).status, 404);
  assert.equal((await expectRefusedUpgrade(roomUrl(server, 'ok', { format: 'xml' }))).status, 400);
  const longest = 'A-z_0.9:'.repeat(16);
  const { client, hello } = await connectRelay(server, longest);
  await using _client = client;
  assert.equal(hello.room_id, longest);
});

test('a frame over the maximum size closes the connection with 1009 (default 64 KiB)', async () => {
  await using server = await startPresenceServer();
  const { client } = await connectRelay(server, 'lobby');
  await using _client = client;
  client.send(Buffer.alloc(64 * 1024, 1));
  client.send(Buffer.alloc(64 * 1024 + 1, 1));
  assert.equal((await client.waitForClose()).code, 1009);
});

test('a sustained flood of frames is cut off with 4429', async () => {
  await using server = await startPresenceServer();
  const { client: flooder } = await connectRelay(server, 'lobby', { client_id: 'flooder' });
  const { client: peer } = await connectRelay(server, 'lobby', { client_id: 'peer' });
  await using _flooder = flooder;
  await using _peer = peer;
  for (let index = 0; index < 1000; index++) flooder.send(`frame ${index}`);
  assert.equal((await flooder.waitForClose()).code, 4429);
  // 100/s with a burst of 200: the peer got the burst, not the flood.
  await waitUntil(() => peer.frames.some((frame) => frame.text === 'frame 199'));
  const relayed = peer.frames.filter((frame) => frame.text.startsWith('frame ')).length;
  assert.ok(relayed >= 200 && relayed < 300, `relayed ${relayed}`);
  assert.ok(server.server.metrics.countersFor('presence').rateLimitHits > 0);
  assert.equal(peer.socket.readyState, 1, 'everyone else is still served');
});
