// Fuzzing the presence WebSocket handler through real sockets. Protobuf mode: random bytes,
// valid messages truncated or with bytes flipped or inserted, text frames: each gets an ERROR
// frame of the right code or is accepted, and the connection stays. Relay mode: whatever a
// client sends (text or binary, any bytes) reaches the room's other client unchanged, and text
// that is not UTF-8 is refused with 1007. Oversized frames close with 1009.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeMessage, encodeMessage } from '../../src/protocol/presence/codec.ts';
import type { MessageInit } from '../../src/protocol/presence/messages.ts';
import { PbClient, connectRelay, sendMasked } from '../apps/presence/support/presence-server.ts';
import { RawWebSocketClient } from '../support/raw-ws-client.ts';
import { TestClient } from '../support/ws-client.ts';
import { nastyString, randomBytes } from './support/arbitraries.ts';
import {
  assertServerHealthy,
  FUZZ_PAYLOAD_LIMITS,
  heapAfterGc,
  ProcessWatch,
  startFuzzServer,
} from './support/fuzz-server.ts';
import { fcParameters, fuzzRuns, report, tally } from './support/fuzz-settings.ts';

const LIMIT = FUZZ_PAYLOAD_LIMITS.presence;

const id = fc.oneof(fc.stringMatching(/^[A-Za-z0-9._:-]{1,20}$/), nastyString);
const vector = fc.record({ x: fc.float(), y: fc.float(), z: fc.float() });

/** Valid Messages of every payload a client may send (and some it may not). */
const validMessage: fc.Arbitrary<MessageInit> = fc.oneof(
  fc.record({
    payload: fc.constant('positionUpdate' as const),
    positionUpdate: fc.record({ entityId: id, position: vector, sequenceNumber: fc.nat() }),
  }),
  fc.record({
    payload: fc.constant('chatMessage' as const),
    messageId: id,
    chatMessage: fc.record({ message: nastyString, type: fc.nat(3) }),
  }),
  fc.record({
    payload: fc.constant('entitySpawn' as const),
    messageId: id,
    entitySpawn: fc.record({
      entityId: id,
      templateId: nastyString,
      components: fc.dictionary(nastyString, nastyString, { maxKeys: 5 }),
    }),
  }),
  fc.record({
    payload: fc.constant('entityUpdate' as const),
    entityUpdate: fc.record({ entityId: id, components: fc.dictionary(id, fc.uint8Array()) }),
  }),
  fc.record({
    payload: fc.constant('entityDespawn' as const),
    entityDespawn: fc.record({ entityId: id }),
  }),
  fc.record({
    payload: fc.constant('presenceEvent' as const),
    presenceEvent: fc.record({
      eventType: fc.nat(3),
      data: fc.record({ displayName: nastyString, avatarUrl: nastyString }),
    }),
  }),
  fc.record({
    payload: fc.constant('voiceData' as const),
    voiceData: fc.record({ audioData: fc.uint8Array({ maxLength: 512 }) }),
  }),
  fc.record({ payload: fc.constant('ack' as const), ack: fc.record({ messageId: id }) }),
  fc.record({
    payload: fc.constant('clientHello' as const),
    clientHello: fc.record({ clientId: id }),
  }),
) as fc.Arbitrary<MessageInit>;

/** A frame for protobuf mode: a valid message, mutated, random bytes, or text. */
const protobufFrame = fc.oneof(
  {
    weight: 2,
    arbitrary: validMessage.map((init) => ({ data: Buffer.from(bytesOf(init)), binary: true })),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(validMessage, fc.nat(), fc.nat(255), fc.constantFrom('cut', 'flip', 'insert'))
      .map(([init, at, byte, how]) => {
        const bytes = Buffer.from(bytesOf(init));
        const index = bytes.length === 0 ? 0 : at % bytes.length;
        if (how === 'cut') return { data: Buffer.from(bytes.subarray(0, index)), binary: true };
        if (how === 'flip' && bytes.length > 0) bytes[index] = byte;
        const data =
          how === 'insert'
            ? Buffer.concat([bytes.subarray(0, index), Buffer.from([byte]), bytes.subarray(index)])
            : bytes;
        return { data, binary: true };
      }),
  },
  {
    weight: 2,
    arbitrary: randomBytes.map((bytes) => ({ data: Buffer.from(bytes), binary: true })),
  },
  { weight: 1, arbitrary: nastyString.map((text) => ({ data: Buffer.from(text), binary: false })) },
);

function bytesOf(init: MessageInit): Uint8Array {
  return encodeMessage(init);
}

/** The ERROR code a frame must get, or undefined when the server may accept it. */
function expectedError(data: Buffer, binary: boolean): string | undefined {
  if (!binary) return 'decode_error';
  const decoded = decodeMessage(data);
  if (!decoded.ok) return 'decode_error';
  return decoded.message.payload === undefined ? 'invalid_message' : undefined;
}

let probes = 0;

/** A reliable chat message whose Ack marks the end of the answers to what came before it. */
async function probe(client: PbClient): Promise<number> {
  const messageId = `probe-${++probes}`;
  client.send({ payload: 'chatMessage', messageId, chatMessage: { message: 'probe' } });
  await client.next((message) => message.payload === 'ack' && message.ack.messageId === messageId);
  return client.socket.frames.length;
}

test('presence protobuf mode: fuzzed frames get an ERROR of the right code or are accepted', async () => {
  using watch = new ProcessWatch();
  await using server = await startFuzzServer();
  const heapBefore = heapAfterGc();
  const counted = tally('presence protobuf', 'frames');
  let client: PbClient | undefined;
  try {
    await fc.assert(
      fc.asyncProperty(fc.array(protobufFrame, { minLength: 1, maxLength: 8 }), async (frames) => {
        for (const frame of frames) {
          client ??= await PbClient.connect(server, 'fuzz-room');
          const before = client.socket.frames.length;
          client.sendRaw(frame.binary ? frame.data : frame.data.toString('utf8'));
          if (frame.data.length > LIMIT) {
            assert.equal((await client.socket.waitForClose()).code, 1009);
            client = undefined;
            continue;
          }
          const end = await probe(client);
          const expected = expectedError(frame.data, frame.binary);
          counted.inputs++;
          if (expected === undefined) continue;
          const errors = client.socket.frames
            .slice(before, end)
            .filter((received) => !received.isBinary)
            .map((received) => JSON.parse(received.text) as { type: string; code: string });
          assert.ok(
            errors.some((error) => error.type === 'ERROR' && error.code === expected),
            `no ${expected} ERROR for ${frame.data.toString('hex').slice(0, 200)}`,
          );
        }
      }),
      fcParameters(fuzzRuns()),
    );
  } finally {
    await client?.close();
  }
  // A healthy pair in another room still talks.
  await using alice = await PbClient.connect(server, 'healthy');
  await using bob = await PbClient.connect(server, 'healthy');
  alice.send({ payload: 'chatMessage', messageId: 'hello-1', chatMessage: { message: 'hi' } });
  const heard = await bob.next((message) => message.payload === 'chatMessage');
  assert.equal(heard.payload === 'chatMessage' ? heard.chatMessage.message : '', 'hi');
  await alice.close();
  await bob.close();
  await assertServerHealthy(server, watch, heapBefore);
  report(counted);
});

test('presence relay mode: any frame reaches the other client unchanged, with its opcode', async () => {
  using watch = new ProcessWatch();
  await using server = await startFuzzServer();
  const heapBefore = heapAfterGc();
  const counted = tally('presence relay', 'frames');
  const { client: sender } = await connectRelay(server, 'relay-fuzz');
  const { client: receiver } = await connectRelay(server, 'relay-fuzz');
  const frame = fc.oneof(
    randomBytes.map((bytes) => ({ data: Buffer.from(bytes), binary: true })),
    nastyString.map((text) => ({ data: Buffer.from(text, 'utf8'), binary: false })),
  );
  try {
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 8 }), async (frames) => {
        for (const sent of frames.filter((candidate) => candidate.data.length <= LIMIT)) {
          sender.socket.send(sent.data, { binary: sent.binary });
          const got = await receiver.waitFor();
          assert.equal(got.isBinary, sent.binary);
          assert.ok(got.data.equals(sent.data), 'relayed bytes differ');
          counted.inputs++;
        }
      }),
      fcParameters(fuzzRuns()),
    );
    // The sender was never answered: the relay does not parse what it carries.
    assert.equal(sender.frames.length, 1 + 1, 'SERVER_HELLO and the receiver’s PRESENCE_JOIN');
  } finally {
    await sender.close();
    await receiver.close();
  }
  await assertServerHealthy(server, watch, heapBefore);
  report(counted);
});

test('presence: text that is not UTF-8 closes with 1007, oversized frames with 1009', async () => {
  await using server = await startFuzzServer();
  const raw = await RawWebSocketClient.connect(server.port, '/presence/ws/bad-utf8');
  sendMasked(raw, Buffer.from([0xc3, 0x28, 0xff]), 0x1);
  await raw.closed();
  const close = raw.frames.find((frame) => frame.opcode === 0x8);
  assert.equal(close?.payload.readUInt16BE(0), 1007);
  for (const binary of [false, true]) {
    await using big = await TestClient.connect(server.wsUrl('/presence/ws/big'));
    big.socket.send(Buffer.alloc(LIMIT + 1, 0x61), { binary });
    assert.equal((await big.waitForClose()).code, 1009);
  }
});
