// Fuzzing the chat WebSocket handler through real sockets: mutated valid messages, junk text,
// truncated JSON, binary frames, oversized frames and random sequences of valid messages, each
// answered as docs/protocols/chat.md says (Error with the decoder's code, MessageDelivered or
// MessageError for a NewMessage, 1009 for a frame over the limit), then the server still serves.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeClientMessage } from '../../src/protocol/chat/messages.ts';
import { ChatClient, setupAdmin, createRoom, type User } from '../apps/chat/support/chat-server.ts';
import type { TestServer } from '../support/test-server.ts';
import {
  anyValue,
  jsonFrame,
  mutatedMessage,
  nastyString,
  type FuzzFrame,
} from './support/arbitraries.ts';
import {
  assertProtocolClose,
  assertServerHealthy,
  FUZZ_PAYLOAD_LIMITS,
  heapAfterGc,
  ProcessWatch,
  startFuzzServer,
} from './support/fuzz-server.ts';
import { fcParameters, fuzzRuns, report, tally } from './support/fuzz-settings.ts';

function validChatMessage(roomId: string): fc.Arbitrary<Record<string, unknown>> {
  const room = fc.oneof(fc.constant(roomId), nastyString);
  const uuid = fc.oneof(fc.uuid(), fc.constant(randomUUID()));
  return fc.oneof(
    fc.record({
      type: fc.constant('NewMessage'),
      data: fc.record({ room_id: room, content: nastyString, client_message_id: uuid }),
    }),
    fc.record({
      type: fc.constantFrom('TypingStart', 'TypingStop'),
      data: fc.record({ room_id: room }),
    }),
    fc.record({
      type: fc.constant('MarkRead'),
      data: fc.record({
        room_id: room,
        message_id: fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 21n }).map(String), nastyString),
      }),
    }),
    fc.record({ type: fc.constantFrom('Sync', 'Ping') }),
    fc.record({ type: fc.constant('Auth'), data: fc.record({ session_token: nastyString }) }),
    fc.record({ type: nastyString, data: anyValue }),
  );
}

/** Sends one frame, then a Ping; checks the answers that came before the Pong. */
interface Session {
  client: ChatClient | undefined;
  /** Pings sent on this client so far (fuzzed valid ones too): Pongs to wait for. */
  pings: number;
}

async function exchange(
  server: TestServer,
  user: User,
  state: Session,
  frame: FuzzFrame,
): Promise<void> {
  if (state.client === undefined) {
    state.client = await ChatClient.open(server, user);
    state.pings = 0;
  }
  const client = state.client;
  const before = client.socket.frames.length;
  client.socket.socket.send(frame.data, { binary: frame.binary });
  if (frame.data.length > FUZZ_PAYLOAD_LIMITS.chat) {
    const closed = await client.socket.waitForClose();
    assertProtocolClose(closed.code, frame.data.length, FUZZ_PAYLOAD_LIMITS.chat);
    state.client = undefined;
    return;
  }
  const text = frame.data.toString('utf8');
  const decoded = decodeClientMessage(text);
  if (!frame.binary && decoded.ok && decoded.message.type === 'Ping') state.pings++;
  client.send('Ping');
  state.pings++;
  const pongIndex = await waitForPongs(client, state.pings);
  const answers = client.socket.frames
    .slice(before, pongIndex)
    .map(
      (received) => JSON.parse(received.text) as { type: string; data?: Record<string, unknown> },
    );
  if (frame.binary) {
    assert.ok(
      answers.some(
        (answer) => answer.type === 'Error' && answer.data?.code === 'malformed_message',
      ),
    );
    return;
  }
  if (!decoded.ok) {
    const error = answers.find((answer) => answer.type === 'Error');
    assert.equal(error?.data?.code, decoded.code, `answer to ${text.slice(0, 200)}`);
    assert.equal(typeof error.data.message, 'string');
    return;
  }
  if (decoded.message.type === 'NewMessage') {
    const id = decoded.message.data.client_message_id;
    // The answer comes after the commit: it may follow the Pong.
    await client.next(
      ['MessageDelivered', 'MessageError'],
      (answer) => answer.data?.client_message_id === id,
    );
  }
}

/** The index of the `count`-th Pong this client received, once it has arrived. */
async function waitForPongs(client: ChatClient, count: number): Promise<number> {
  for (;;) {
    let seen = 0;
    const index = client.socket.frames.findIndex(
      (received) => received.text === '{"type":"Pong"}' && ++seen === count,
    );
    if (index !== -1) return index;
    await client.socket
      .waitFor(() => true, 5000)
      .catch((error: unknown) => {
        throw new Error('no Pong after a fuzzed frame', { cause: error });
      });
  }
}

test('chat WebSocket: fuzzed frames get the protocol answer and the server keeps serving', async () => {
  using watch = new ProcessWatch();
  await using server = await startFuzzServer();
  const admin = await setupAdmin(server, 'Fuzzer');
  const roomId = await createRoom(server, admin, { kind: 'open', name: 'Fuzz' });
  const heapBefore = heapAfterGc();
  const counted = tally('chat websocket', 'frames');
  const state: Session = { client: undefined, pings: 0 };
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(jsonFrame(mutatedMessage(validChatMessage(roomId), 'type')), {
          minLength: 1,
          maxLength: 8,
        }),
        async (frames) => {
          for (const frame of frames) {
            await exchange(server, admin, state, frame);
            counted.inputs++;
          }
        },
      ),
      fcParameters(fuzzRuns()),
    );
  } finally {
    await state.client?.close();
  }
  // A healthy client on another connection still gets service.
  await using healthy = await ChatClient.open(server, admin);
  assert.equal((await healthy.say(roomId, 'after the fuzz')).type, 'MessageDelivered');
  await healthy.close();
  await assertServerHealthy(server, watch, heapBefore);
  report(counted);
});
