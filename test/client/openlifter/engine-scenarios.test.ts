// The spec's scenarios played by MeetSyncEngines over real sockets against the real openlifter
// app: relays and display-only sessions, disjoint edits, conflicts won and lost by priority,
// offline devices catching up (pull first, then send), and publishing. Offline means the
// device's network is cut: its connections close and new ones are refused until restored.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type {
  ConflictEvent,
  RejectedEvent,
  SyncStatus,
} from '../../../src/client/openlifter/sync-events.ts';
import type { MeetSyncEngine } from '../../../src/client/openlifter/meet-sync-engine.ts';
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

/** The value at a path of an engine's visible state. */
function at(engine: MeetSyncEngine, ...path: (string | number)[]): unknown {
  let node: unknown = engine.state;
  for (const segment of path) {
    node = (node as Record<string | number, unknown> | undefined)?.[segment];
  }
  return node;
}

function recordStatuses(engine: MeetSyncEngine): SyncStatus[] {
  const seen: SyncStatus[] = [];
  engine.addEventListener('syncStatus', (event) => seen.push(event.status));
  return seen;
}

test('an updating engine and a display-only engine: relay, and display-only cannot edit', async () => {
  await using server = await startSyncServer();
  await using engines = new Engines();
  const desk = engines.add(engineOptions(server, new Network()));
  const overlay = engines.add(engineOptions(server, new Network()));
  const created = await desk.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  assert.match(created.meetId, /^\d{9}$/);
  assert.equal(created.displayOnly, false);
  const joined = await overlay.joinMeet({ meetId: created.meetId, password: PASSWORD });
  assert.equal(joined.displayOnly, true);
  assert.equal(overlay.displayOnly, true);

  const localSeqNum = desk.edit('meet.name', 'Spring Open');
  assert.equal(localSeqNum, 1);
  assert.equal(at(desk, 'meet', 'name'), 'Spring Open', 'applied optimistically at once');
  await waitUntil(() => at(overlay, 'meet', 'name') === 'Spring Open');

  assert.throws(() => overlay.edit('meet.name', 'Hijacked'), { code: 'display-only' });
  await assert.rejects(overlay.publish('a@b.org', 'csv'), { code: 'display-only' });
  const truth = await converged(server, overlay.sessionToken ?? '', [desk, overlay]);
  assert.equal(truth.head, 1);
  assert.deepEqual(desk.state, truth.state);
  assert.deepEqual(overlay.state, truth.state);
});

test('two updating engines on disjoint keys: both acked, each sees the other', async () => {
  await using server = await startSyncServer();
  await using engines = new Engines();
  const desk = engines.add(engineOptions(server, new Network()));
  const platform = engines.add(engineOptions(server, new Network()));
  const { meetId } = await desk.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  await platform.joinMeet({ meetId, password: PASSWORD, locationName: 'platform' });
  desk.edit('meet.name', 'Open');
  platform.edit('registration.entries[0].name', 'Ann');
  platform.edit('registration.entries[0].bodyweightKg', 63.2);

  const truth = await converged(server, desk.sessionToken ?? '', [desk, platform]);
  assert.deepEqual(
    truth.entries.map((entry) => entry.serverSeqNum),
    [1, 2, 3],
  );
  assert.deepEqual(desk.state, truth.state);
  assert.deepEqual(platform.state, truth.state);
  assert.equal(at(desk, 'registration', 'entries', 0, 'bodyweightKg'), 63.2);
  assert.equal(at(platform, 'meet', 'name'), 'Open');
});

test('a conflict is won by the higher priority and lost by the lower, whose value is overwritten', async () => {
  await using server = await startSyncServer();
  await using engines = new Engines();
  const deskNet = new Network();
  const weighinNet = new Network();
  const desk = engines.add(engineOptions(server, deskNet)); // priority 30
  const platform = engines.add(engineOptions(server, new Network())); // 20
  const weighin = engines.add(engineOptions(server, weighinNet)); // 10
  const { meetId } = await desk.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  await platform.joinMeet({ meetId, password: PASSWORD, locationName: 'platform' });
  await weighin.joinMeet({ meetId, password: PASSWORD, locationName: 'weighin' });
  await converged(server, desk.sessionToken ?? '', [desk, platform, weighin]);

  // Neither the desk nor the weigh-in sees the platform's value before making its own.
  deskNet.cut();
  weighinNet.cut();
  await waitUntil(() => desk.syncStatus === 'offline' && weighin.syncStatus === 'offline');
  platform.edit('lifting.flight', 'A');
  await waitUntil(() => platform.pendingCount === 0);
  desk.edit('lifting.flight', 'B');
  weighin.edit('lifting.flight', 'C');
  assert.equal(at(weighin, 'lifting', 'flight'), 'C', 'the local value shows while offline');

  // The desk outranks the platform: its value is appended and relayed to the platform.
  deskNet.restore();
  await waitUntil(() => desk.pendingCount === 0 && at(platform, 'lifting', 'flight') === 'B');
  assert.equal(at(desk, 'lifting', 'flight'), 'B');

  // The weigh-in is outranked: rejected, told the winner, and its value overwritten.
  const conflict = nextEvent<ConflictEvent>(weighin, 'conflict');
  weighinNet.restore();
  const lost = await conflict;
  assert.equal(lost.updateKey, 'lifting.flight');
  assert.equal(lost.localValue, 'C');
  assert.equal(lost.winner?.updateValue, 'B');
  assert.equal(lost.winner.locationName, 'desk');
  assert.equal(at(weighin, 'lifting', 'flight'), 'B', 'the event comes with the winner applied');

  const truth = await converged(server, desk.sessionToken ?? '', [desk, platform, weighin]);
  assert.deepEqual(
    truth.entries.map((entry) => [entry.updateValue, entry.locationName]),
    [
      ['A', 'platform'],
      ['B', 'desk'],
    ],
  );
  for (const engine of [desk, platform, weighin]) assert.deepEqual(engine.state, truth.state);
});

test('a display-only engine that was offline pulls what it missed when it comes back', async () => {
  await using server = await startSyncServer();
  await using engines = new Engines();
  const overlayNet = new Network();
  const desk = engines.add(engineOptions(server, new Network()));
  const overlay = engines.add(engineOptions(server, overlayNet));
  const { meetId } = await desk.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  await overlay.joinMeet({ meetId, password: PASSWORD });
  desk.edit('meet.name', 'Open');
  await waitUntil(() => overlay.lastServerSeq === 1);

  const statuses = recordStatuses(overlay);
  overlayNet.cut();
  await waitUntil(() => overlay.syncStatus === 'offline');
  for (let index = 0; index < 3; index++) desk.edit(`registration.entries[${index}].lot`, index);
  await waitUntil(() => desk.pendingCount === 0);
  assert.equal(overlay.lastServerSeq, 1, 'nothing reaches an offline device');

  overlayNet.restore();
  const truth = await converged(server, desk.sessionToken ?? '', [desk, overlay]);
  assert.equal(truth.head, 4);
  assert.deepEqual(overlay.state, truth.state);
  assert.deepEqual(statuses, ['offline', 'resyncing', 'online']);
  const pulls = overlayNet.sent.filter((frame) => frame.includes('"CLIENT_PULL"'));
  assert.match(pulls.at(-1) ?? '', /"lastServerSeq":1\b/, 'it pulls from where it was');
});

test('an updating engine keeps editing offline, then pulls first and sends its buffered edits', async () => {
  await using server = await startSyncServer();
  await using engines = new Engines();
  const platformNet = new Network();
  const desk = engines.add(engineOptions(server, new Network()));
  const platform = engines.add(engineOptions(server, platformNet));
  const { meetId } = await desk.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  await platform.joinMeet({ meetId, password: PASSWORD, locationName: 'platform' });
  desk.edit('meet.name', 'Open');
  desk.edit('meet.date', '2026-05-01');
  await waitUntil(() => platform.lastServerSeq === 2);

  platformNet.cut();
  await waitUntil(() => platform.syncStatus === 'offline');
  desk.edit('meet.federation', 'USAPL');
  for (let attempt = 0; attempt < 3; attempt++) {
    platform.edit(`registration.entries[0].squatKg[${attempt}]`, 100 + attempt * 10);
  }
  assert.equal(platform.pendingCount, 3);
  assert.deepEqual(at(platform, 'registration', 'entries', 0, 'squatKg'), [100, 110, 120]);
  const mark = platformNet.sent.length;

  platformNet.restore();
  const truth = await converged(server, desk.sessionToken ?? '', [desk, platform]);
  const resent = platformNet.sent.slice(mark).map((frame) => JSON.parse(frame) as Sent);
  assert.deepEqual(
    resent.map((frame) => frame.msgType),
    ['CLIENT_PULL', 'UPDATE_INIT'],
    'the pull goes first, then every buffered edit in one batch',
  );
  assert.equal(resent[0]?.lastServerSeq, 2);
  assert.deepEqual(
    resent[1]?.updates?.map((update) => [update.localSeqNum, update.afterServerSeqNum]),
    [
      [1, 2],
      [2, 2],
      [3, 2],
    ],
    'afterServerSeqNum is what the engine had seen when each edit was made',
  );
  assert.equal(truth.head, 6);
  assert.deepEqual(platform.state, truth.state);
  assert.deepEqual(desk.state, truth.state);
});

interface Sent {
  msgType: string;
  lastServerSeq?: number;
  updates?: { localSeqNum: number; afterServerSeqNum: number }[];
}

test('two engines offline and one online make conflicting edits; each reconnect resolves them', async () => {
  await using server = await startSyncServer();
  await using engines = new Engines();
  const deskNet = new Network();
  const weighinNet = new Network();
  const desk = engines.add(engineOptions(server, deskNet)); // 30
  const platform = engines.add(engineOptions(server, new Network())); // 20
  const weighin = engines.add(engineOptions(server, weighinNet)); // 10
  const { meetId } = await desk.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  await platform.joinMeet({ meetId, password: PASSWORD, locationName: 'platform' });
  await weighin.joinMeet({ meetId, password: PASSWORD, locationName: 'weighin' });
  const token = desk.sessionToken ?? '';
  await converged(server, token, [desk, platform, weighin]);

  deskNet.cut();
  weighinNet.cut();
  await waitUntil(() => desk.syncStatus === 'offline' && weighin.syncStatus === 'offline');
  platform.edit('lifting.flight', 'platform');
  desk.edit('lifting.flight', 'desk');
  weighin.edit('lifting.flight', 'weighin');
  desk.edit('lifting.platform', 2);
  weighin.edit('lifting.platform', 3);
  const conflicts: string[] = [];
  weighin.addEventListener('conflict', (event) => conflicts.push(event.updateKey));
  await waitUntil(() => platform.pendingCount === 0);

  // The weigh-in comes back first: it loses lifting.flight to the platform; its
  // lifting.platform conflicts with nobody yet and is accepted.
  weighinNet.restore();
  await converged(server, token, [platform, weighin]);
  assert.deepEqual(conflicts, ['lifting.flight']);
  assert.equal(at(weighin, 'lifting', 'flight'), 'platform');
  assert.equal(at(weighin, 'lifting', 'platform'), 3);

  // Then the desk: it outranks both and overrules them; everyone ends at its values.
  deskNet.restore();
  const truth = await converged(server, token, [desk, platform, weighin]);
  for (const engine of [desk, platform, weighin]) {
    assert.deepEqual(engine.state, truth.state);
    assert.equal(at(engine, 'lifting', 'flight'), 'desk');
    assert.equal(at(engine, 'lifting', 'platform'), 2);
  }
});

test('after publishing, an edit is refused and the local value is rolled back', async () => {
  await using server = await startSyncServer();
  await using engines = new Engines();
  const desk = engines.add(engineOptions(server, new Network()));
  const overlay = engines.add(engineOptions(server, new Network()));
  const { meetId } = await desk.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  await overlay.joinMeet({ meetId, password: PASSWORD });
  desk.edit('meet.name', 'Done Open');
  const published = nextEvent(desk, 'published');
  // Sent after the pending edit, so the meet is published with it.
  assert.equal(await desk.publish('director@example.org', 'Place,Name\n1,Ann\n'), meetId);
  await published;
  assert.equal(desk.pendingCount, 0);
  const log = await storedLog(server, meetId);
  assert.deepEqual(
    log.map((line) => line.updateValue),
    ['Done Open'],
  );

  const rejected = nextEvent<RejectedEvent>(desk, 'rejected');
  desk.edit('meet.name', 'Too late');
  assert.equal(at(desk, 'meet', 'name'), 'Too late');
  const refusal = await rejected;
  assert.deepEqual(
    refusal.updates.map((update) => [update.updateKey, update.updateValue, update.reason]),
    [['meet.name', 'Too late', 'meet finished']],
  );
  assert.equal(at(desk, 'meet', 'name'), 'Done Open');
  assert.equal(desk.pendingCount, 0);
  // A finished meet can still be pulled.
  const truth = await converged(server, overlay.sessionToken ?? '', [desk, overlay]);
  assert.deepEqual(overlay.state, truth.state);
});
