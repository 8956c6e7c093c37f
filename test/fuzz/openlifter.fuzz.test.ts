// Fuzzing the OpenLifter WebSocket handler through real sockets: every client message type with
// mutated fields (a real session token or junk, update keys and values of every shape, deeply
// nested values), junk and truncated JSON, binary frames and oversized ones. Each bad frame gets
// the spec's MALFORMED_MESSAGE / UNKNOWN_MESSAGE_TYPE, valid ones never break the connection or
// the meet, and afterwards the meet still takes joins and updates.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeClientFrame } from '../../src/apps/openlifter/wire.ts';
import { ENDPOINTS, MeetClient, PASSWORD } from '../apps/openlifter/support/meet-server.ts';
import type { TestServer } from '../support/test-server.ts';
import { TestClient } from '../support/ws-client.ts';
import {
  anyValue,
  deepValue,
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

const LIMIT = FUZZ_PAYLOAD_LIMITS.openlifter;
const PONG = '{"msgType":"PONG"}';

interface Session {
  client: MeetClient | undefined;
  pings: number;
  meetId: string;
  token: string;
}

const updateKey = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'meet.name',
      'meet.date',
      'lifting.flight',
      'registration.entries[0].name',
      'registration.entries[3].squatKg[2]',
    ),
  },
  { weight: 1, arbitrary: nastyString },
);
/** Update values: any shape, deeply nested ones often (they once stopped a whole meet). */
const updateValue = fc.oneof(anyValue, deepValue);

function validMeetMessage(session: Session): fc.Arbitrary<Record<string, unknown>> {
  // Read at generation time: the session (and its meet) is made on the first frame.
  const realToken = fc.constant(null).map(() => session.token);
  const token = fc.oneof(
    { weight: 4, arbitrary: realToken },
    { weight: 1, arbitrary: nastyString },
  );
  const seq = fc.oneof(
    { weight: 4, arbitrary: fc.nat(1000) },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()) },
  );
  const update = fc.record({
    updateKey,
    updateValue,
    localSeqNum: seq,
    afterServerSeqNum: seq,
  });
  return fc.oneof(
    fc.record({
      msgType: fc.constant('UPDATE_INIT'),
      sessionToken: token,
      updates: fc.array(update, { minLength: 1, maxLength: 5 }),
    }),
    fc.record({ msgType: fc.constant('CLIENT_PULL'), sessionToken: token, lastServerSeq: seq }),
    fc.record({
      msgType: fc.constant('JOIN_MEET'),
      meetId: fc.oneof(
        fc.constant(null).map(() => session.meetId),
        nastyString,
        fc.nat(),
      ),
      password: fc.oneof(fc.constant(PASSWORD), nastyString),
      locationName: fc.oneof(fc.constantFrom('desk', 'platform'), nastyString),
    }),
    fc.record({
      msgType: fc.constant('CREATE_MEET'),
      thisLocationName: fc.oneof(fc.constant('desk'), nastyString),
      password: fc.oneof(fc.constant(`${PASSWORD}!`), nastyString),
      endpoints: fc.oneof(
        fc.constant(ENDPOINTS),
        fc.array(fc.record({ locationName: nastyString, priority: fc.integer() }), {
          maxLength: 70,
        }),
      ),
    }),
    fc.record({
      msgType: fc.constant('RECOVERY_UPDATES'),
      sessionToken: token,
      lastServerSeq: seq,
      updates: fc.array(
        fc.record({
          updateKey,
          updateValue,
          serverSeqNum: seq,
          locationName: nastyString,
        }),
        { maxLength: 5 },
      ),
    }),
    fc.record({
      msgType: fc.constant('PUBLISH_MEET'),
      sessionToken: fc.oneof(
        { weight: 5, arbitrary: nastyString },
        { weight: 1, arbitrary: realToken },
      ),
      returnEmail: nastyString,
      oplCsv: nastyString,
    }),
    fc.record({ msgType: fc.constant('PING') }),
    fc.record({ msgType: nastyString, sessionToken: token }),
  );
}

async function exchange(server: TestServer, session: Session, frame: FuzzFrame): Promise<void> {
  if (session.client === undefined) {
    const client = await MeetClient.connect(server);
    session.meetId = await client.create();
    session.token = client.sessionToken;
    session.client = client;
    session.pings = 0;
  }
  const client = session.client;
  const before = client.socket.frames.length;
  client.socket.socket.send(frame.data, { binary: frame.binary });
  if (frame.data.length > LIMIT) {
    assertProtocolClose((await client.socket.waitForClose()).code, frame.data.length, LIMIT);
    session.client = undefined;
    return;
  }
  const decoded = decodeClientFrame(frame.data, frame.binary);
  if (decoded.ok && decoded.message.msgType === 'PING') session.pings++;
  client.send({ msgType: 'PING' });
  session.pings++;
  const end = await waitForPongs(client.socket, session.pings);
  if (decoded.ok) {
    // A published meet takes no more updates: go on with a new one.
    if (decoded.message.msgType === 'PUBLISH_MEET') {
      await client.close();
      session.client = undefined;
    }
    return;
  }
  const answers = client.socket.frames
    .slice(before, end)
    .map((received) => JSON.parse(received.text) as { msgType: string });
  const expected = decoded.reply.msgType;
  assert.ok(
    answers.some((answer) => answer.msgType === expected),
    `no ${expected} for ${frame.data.toString('utf8').slice(0, 200)}`,
  );
}

async function waitForPongs(socket: TestClient, count: number): Promise<number> {
  for (;;) {
    let seen = 0;
    const index = socket.frames.findIndex((received) => received.text === PONG && ++seen === count);
    if (index !== -1) return index;
    await socket.waitFor(() => true, 5000);
  }
}

test('OpenLifter WebSocket: fuzzed frames get the spec answer and meets keep working', async () => {
  using watch = new ProcessWatch();
  await using server = await startFuzzServer();
  const heapBefore = heapAfterGc();
  const counted = tally('openlifter websocket', 'frames');
  const session: Session = { client: undefined, pings: 0, meetId: '', token: '' };
  const meets: string[] = [];
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(jsonFrame(mutatedMessage(validMeetMessage(session), 'msgType')), {
          minLength: 1,
          maxLength: 8,
        }),
        async (frames) => {
          for (const frame of frames) {
            await exchange(server, session, frame);
            if (!meets.includes(session.meetId)) meets.push(session.meetId);
            counted.inputs++;
          }
        },
      ),
      fcParameters(fuzzRuns()),
    );
  } finally {
    await session.client?.close();
  }
  // Every fuzzed meet still takes a join and serves a pull; a new meet takes updates.
  await using healthy = await MeetClient.connect(server);
  for (const meetId of meets.slice(-20)) {
    await healthy.join(meetId, 'platform');
    await healthy.pull(0);
  }
  await using fresh = await MeetClient.connect(server);
  await fresh.create();
  fresh.update([{ key: 'meet.name', value: 'after the fuzz', after: 0 }]);
  assert.equal((await fresh.next('UPDATE_ACK', 'UPDATE_REJECTED')).msgType, 'UPDATE_ACK');
  await healthy.close();
  await fresh.close();
  await assertServerHealthy(server, watch, heapBefore);
  report(counted);
});

test('OpenLifter WebSocket: frames over the limit close with 1009, text or binary', async () => {
  await using server = await startFuzzServer();
  for (const binary of [false, true]) {
    await using client = await TestClient.connect(server.wsUrl('/openlifter/ws'));
    client.socket.send(Buffer.alloc(LIMIT + 1, 0x7b), { binary });
    assert.equal((await client.waitForClose()).code, 1009);
  }
});
