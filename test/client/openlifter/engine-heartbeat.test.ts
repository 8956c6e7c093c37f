// The sync engine's dead-connection detection, against the real server: a connection that goes
// silent without closing (half-open) is abandoned within the heartbeat timeout and replaced, and
// nothing edited meanwhile is lost; without the heartbeat it would look open; a healthy idle
// connection is kept, its CLIENT_PULL probes even bring entries whose relay was lost; and an
// engine without a session probes with a frame whose answer it ignores.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { isNoOpProbeAnswer, PROBE_MSG_TYPE } from '../../../src/client/openlifter/heartbeat.ts';
import { MeetSyncEngine } from '../../../src/client/openlifter/meet-sync-engine.ts';
import { MemoryPersistence } from '../../../src/client/openlifter/persistence.ts';
import type { MeetSyncError, SyncStatus } from '../../../src/client/openlifter/sync-events.ts';
import { MeetClient } from '../../apps/openlifter/support/meet-server.ts';
import {
  converged,
  engineOptions,
  Engines,
  ENDPOINTS,
  Network,
  nextEvent,
  PASSWORD,
  startSyncServer,
  storedLog,
  waitUntil,
} from './support/sync-harness.ts';

const HEARTBEAT = { heartbeatIntervalMs: 100, heartbeatTimeoutMs: 400 };

function recordStatuses(engine: MeetSyncEngine): SyncStatus[] {
  const seen: SyncStatus[] = [];
  engine.addEventListener('syncStatus', (event) => seen.push(event.status));
  return seen;
}

function recordErrors(engine: MeetSyncEngine): MeetSyncError[] {
  const errors: MeetSyncError[] = [];
  engine.addEventListener('error', (event) => errors.push(event.error));
  return errors;
}

function msgTypes(network: Network, from = 0): string[] {
  return network.sent.slice(from).map((text) => (JSON.parse(text) as { msgType: string }).msgType);
}

test('heartbeat options: 0 turns it off; a timeout must exceed the interval', () => {
  const url = 'ws://127.0.0.1:1/openlifter/ws';
  assert.ok(new MeetSyncEngine({ url, heartbeatIntervalMs: 0 }));
  assert.ok(new MeetSyncEngine({ url, heartbeatTimeoutMs: 0 }));
  assert.throws(
    () => new MeetSyncEngine({ url, heartbeatIntervalMs: 100, heartbeatTimeoutMs: 100 }),
    RangeError,
  );
  assert.throws(() => new MeetSyncEngine({ url, heartbeatIntervalMs: -1 }), RangeError);
});

test('the no-op probe is PING, answered by PONG, and only that answer is taken for it', async () => {
  await using server = await startSyncServer();
  await using client = await MeetClient.connect(server);
  client.send({ msgType: PROBE_MSG_TYPE });
  const answer = await client.next('PONG');
  assert.equal(isNoOpProbeAnswer(JSON.stringify(answer)), true);
  assert.equal(isNoOpProbeAnswer(client.socket.frames.at(-1)?.text ?? ''), true, 'as sent');
  const others = [
    '{"msgType":"UNKNOWN_MESSAGE_TYPE","unknownMsgType":"PING"}',
    '{"msgType":"SERVER_PULL","lastServerSeq":1,"updatesRelayed":[{"updateKey":"meet.name","updateValue":"PONG","serverSeqNum":1,"locationName":"desk"}]}',
    '{"msgType":"MALFORMED_MESSAGE","errMsg":"PONG"}',
    'not json',
  ];
  for (const text of others) assert.equal(isNoOpProbeAnswer(text), false, text);
  assert.equal(isNoOpProbeAnswer(new ArrayBuffer(4)), false);
});

test('a connection that goes silent is abandoned within the timeout and replaced; nothing is lost', async () => {
  await using server = await startSyncServer();
  await using engines = new Engines();
  const network = new Network();
  const desk = engines.add(engineOptions(server, network, HEARTBEAT));
  const { meetId } = await desk.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  desk.edit('meet.name', 'Open');
  await converged(server, desk.sessionToken ?? '', [desk]);
  const statuses = recordStatuses(desk);

  network.stall(); // open, but nothing gets through either way: only silence tells
  const stalledAt = performance.now();
  desk.edit('meet.date', '2026-05-01'); // sent into the void
  await nextEvent(desk, 'syncStatus'); // not polled: the reconnect after it takes milliseconds
  const detectedMs = performance.now() - stalledAt;
  assert.equal(statuses[0], 'offline');
  // The last frame heard came at most one probe interval before the stall; timers may lag.
  const { heartbeatIntervalMs: interval, heartbeatTimeoutMs: timeout } = HEARTBEAT;
  assert.ok(detectedMs >= timeout - interval, `not before the timeout: ${detectedMs} ms`);
  assert.ok(detectedMs <= timeout + 600, `at the timeout: ${detectedMs} ms`);

  const truth = await converged(server, desk.sessionToken ?? '', [desk]);
  assert.equal(truth.head, 2);
  assert.deepEqual(desk.state, { meet: { name: 'Open', date: '2026-05-01' } });
  assert.deepEqual(desk.state, truth.state);
  assert.equal((await storedLog(server, meetId)).length, 2, 'each edit logged once');
  assert.deepEqual(statuses, ['offline', 'resyncing', 'online']);
  assert.equal(network.opened, 2, 'one new connection replaced the silent one');
});

test('without the heartbeat the silent connection still looks open', async () => {
  await using server = await startSyncServer();
  await using engines = new Engines();
  const network = new Network();
  const desk = engines.add(engineOptions(server, network, { heartbeatIntervalMs: 0 }));
  await desk.createMeet({ thisLocationName: 'desk', password: PASSWORD, endpoints: ENDPOINTS });
  await waitUntil(() => desk.syncStatus === 'online');
  network.stall();
  desk.edit('meet.name', 'Open');
  await sleep(HEARTBEAT.heartbeatTimeoutMs * 2);
  assert.equal(desk.syncStatus, 'online', 'nothing noticed');
  assert.equal(desk.pendingCount, 1, 'and the edit waits for an ack that cannot come');
  assert.equal(network.opened, 1);
});

test('an idle healthy connection is kept; its probes pull at the head and bring a lost relay', async () => {
  await using server = await startSyncServer();
  await using engines = new Engines();
  const desk = engines.add(engineOptions(server, new Network(), { heartbeatIntervalMs: 0 }));
  const overlayNet = new Network();
  const overlay = engines.add(
    engineOptions(server, overlayNet, { heartbeatIntervalMs: 50, heartbeatTimeoutMs: 200 }),
  );
  const { meetId } = await desk.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  await overlay.joinMeet({ meetId, password: PASSWORD });
  await waitUntil(() => overlay.syncStatus === 'online');
  const statuses = recordStatuses(overlay);
  const errors = recordErrors(overlay);
  let relays = 0;
  let pulledEntry = false;
  overlayNet.dropIncoming = (text) => {
    if (text.includes('"SERVER_PULL"') && text.includes('"serverSeqNum":1')) pulledEntry = true;
    return text.includes('"UPDATE_RELAY"') && ++relays === 1;
  };
  const mark = overlayNet.sent.length;
  desk.edit('meet.name', 'Open'); // the last entry: no later one would reveal the gap
  await waitUntil(() => overlay.lastServerSeq === 1 && relays === 1, 2000);
  assert.deepEqual(overlay.state, { meet: { name: 'Open' } });
  assert.ok(pulledEntry, "its relay was lost: the entry came in a probe's SERVER_PULL");

  await sleep(600); // three timeouts of idling
  const probes = overlayNet.sent.slice(mark).map((text) => JSON.parse(text) as object);
  assert.ok(probes.length >= 8, `probes went out: ${probes.length}`);
  for (const probe of probes) {
    assert.deepEqual(Object.keys(probe), ['msgType', 'sessionToken', 'lastServerSeq']);
  }
  assert.deepEqual(
    probes.slice(-3).map((probe) => (probe as { lastServerSeq: number }).lastServerSeq),
    [1, 1, 1],
    'at the head',
  );
  assert.deepEqual(statuses, [], 'never left online');
  assert.deepEqual(errors, []);
  assert.equal(overlayNet.opened, 1, 'the connection was kept');
});

test('without a session the probe is a no-op whose answer keeps the connection and is ignored', async () => {
  await using server = await startSyncServer();
  await using engines = new Engines();
  const desk = engines.add(engineOptions(server, new Network()));
  const { meetId } = await desk.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  const persistence = new MemoryPersistence();
  await persistence.save({
    format: 1,
    meetId,
    sessionToken: 'a-token-the-server-never-issued',
    locationName: 'platform',
    nextLocalSeqNum: 1,
    canonical: [],
    pending: [],
    needsFullPull: false,
  });
  const network = new Network();
  const stale = engines.add(
    engineOptions(server, network, {
      persistence,
      heartbeatIntervalMs: 50,
      heartbeatTimeoutMs: 200,
    }),
  );
  const errors = recordErrors(stale);
  const invalid = nextEvent(stale, 'sessionInvalid');
  assert.equal(await stale.resume(), true);
  await invalid;
  const mark = network.sent.length;
  await sleep(600); // three timeouts without a session
  const types = msgTypes(network, mark);
  assert.ok(types.length >= 8, `probes went out: ${types.length}`);
  assert.deepEqual(new Set(types), new Set([PROBE_MSG_TYPE]), 'nothing but no-op probes');
  assert.deepEqual(errors, [], 'their answers never reach the engine');
  assert.equal(network.opened, 1, 'and they kept the connection alive');

  await stale.joinMeet({ meetId, password: PASSWORD, locationName: 'platform' });
  stale.edit('lifting.flight', 'A');
  const truth = await converged(server, desk.sessionToken ?? '', [desk, stale]);
  assert.deepEqual(stale.state, truth.state);
});
