// MeetSyncEngines when the server goes wrong: a restart while they are connected and editing
// (nothing acknowledged is lost, nothing is logged twice), a log whose tail was lost (rebuilt
// from the engines, even after new edits took the lost numbers), a relay lost on the way (the
// gap is pulled), and a server that rate-limits (the engine retries after the pause).

import assert from 'node:assert/strict';
import { writeFile, readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestServer } from '../../support/test-server.ts';
import {
  converged,
  engineOptions,
  Engines,
  ENDPOINTS,
  logPath,
  Network,
  PASSWORD,
  startSyncServer,
  storedLog,
  waitUntil,
  assertLogHonoursAcks,
  collectAcks,
  type AckRecord,
} from './support/sync-harness.ts';
import { MeetClient } from '../../apps/openlifter/support/meet-server.ts';

async function threeEngines(server: TestServer, engines: Engines) {
  const nets = { desk: new Network(), platform: new Network(), overlay: new Network() };
  const desk = engines.add(engineOptions(server, nets.desk));
  const platform = engines.add(engineOptions(server, nets.platform));
  const overlay = engines.add(engineOptions(server, nets.overlay));
  const { meetId } = await desk.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  await platform.joinMeet({ meetId, password: PASSWORD, locationName: 'platform' });
  await overlay.joinMeet({ meetId, password: PASSWORD });
  return { meetId, nets, desk, platform, overlay, token: overlay.sessionToken ?? '' };
}

test('a server restarted while engines edit: nothing acked is lost, nothing logged twice', async () => {
  await using server = await startSyncServer();
  await using engines = new Engines();
  const { meetId, desk, platform, overlay, token } = await threeEngines(server, engines);
  const acked: AckRecord[] = [];
  collectAcks(desk, acked);
  collectAcks(platform, acked);

  let restart: Promise<void> | undefined;
  for (let index = 0; index < 30; index++) {
    desk.edit(`meet.field${index}`, index);
    platform.edit(`registration.entries[${index}].lot`, index);
    if (index === 10) restart = server.restart();
    await sleep(2);
  }
  await restart;
  const truth = await converged(server, token, [desk, platform, overlay]);
  assert.equal(truth.head, 60, 'every edit is in the log exactly once');
  for (const engine of [desk, platform, overlay]) assert.deepEqual(engine.state, truth.state);
  const log = await storedLog(server, meetId);
  assert.equal(acked.length, 60);
  assertLogHonoursAcks(log, acked);
});

test('a server whose log lost its tail rebuilds it from the connected engines', async () => {
  await using server = await startSyncServer();
  await using engines = new Engines();
  const { meetId, nets, desk, platform, overlay, token } = await threeEngines(server, engines);
  for (let index = 1; index <= 3; index++) {
    desk.edit(`meet.field${index}`, index);
    platform.edit(`registration.entries[${index}].lot`, index);
  }
  const before = await converged(server, token, [desk, platform, overlay]);
  assert.equal(before.head, 6);

  // Lose the log's tail, as a restore from an old backup would (the engines are idle).
  const lines = (await readFile(logPath(server, meetId), 'utf8')).split('\n').filter(Boolean);
  await writeFile(logPath(server, meetId), `${lines.slice(0, 2).join('\n')}\n`);
  await server.restart();

  const after = await converged(server, token, [desk, platform, overlay]);
  assert.deepEqual(after.entries, before.entries, 'the same log, numbers and all');
  for (const engine of [desk, platform, overlay]) assert.deepEqual(engine.state, after.state);
  const answered = [nets.desk, nets.platform].some((net) =>
    net.sentTypes().includes('RECOVERY_UPDATES'),
  );
  assert.ok(answered, 'an updating engine answered RECOVERY_REQUEST with its log');
  assert.equal((await storedLog(server, meetId)).length, 6, 'the rebuilt log is durable');
});

test('numbers the server reused after losing its tail: the engines adopt its rebuilt log', async () => {
  await using server = await startSyncServer();
  await using engines = new Engines();
  const { meetId, nets, desk, platform, overlay, token } = await threeEngines(server, engines);
  for (let index = 1; index <= 3; index++) {
    desk.edit(`meet.field${index}`, index);
    platform.edit(`registration.entries[${index}].lot`, index);
  }
  const before = await converged(server, token, [desk, platform, overlay]);
  for (const net of Object.values(nets)) net.cut();
  await waitUntil(() => [desk, platform, overlay].every((e) => e.syncStatus === 'offline'));
  const lines = (await readFile(logPath(server, meetId), 'utf8')).split('\n').filter(Boolean);
  await writeFile(logPath(server, meetId), `${lines.slice(0, 2).join('\n')}\n`);
  await server.restart();

  // A newcomer sees entries 1-2 only, and its edit takes number 3: the engines' 3 differs.
  await using weighin = await MeetClient.connect(server);
  assert.equal(await weighin.join(meetId, 'weighin'), 2);
  weighin.update([{ key: 'meet.late', value: 'weighin', after: 2 }]);
  assert.deepEqual((await weighin.next('UPDATE_ACK')).updateAcks, [
    { localSeqNum: 1, serverSeqNum: 3 },
  ]);

  // The desk comes back: the server asks it (priority 30) and then the weigh-in, which holds
  // the recovery open until the others' pulls are parked behind it.
  nets.desk.restore();
  await weighin.next('RECOVERY_REQUEST');
  const marks = [nets.platform.sent.length, nets.overlay.sent.length] as const;
  nets.platform.restore();
  nets.overlay.restore();
  await waitUntil(() =>
    [nets.platform, nets.overlay].every((net, index) =>
      net.sent.slice(marks[index]).some((frame) => frame.includes('"CLIENT_PULL"')),
    ),
  );
  await sleep(100); // let those pulls reach the server (and be parked) before it finishes
  weighin.send({
    msgType: 'RECOVERY_UPDATES',
    sessionToken: weighin.sessionToken,
    lastServerSeq: 3,
    updates: [],
  });

  const after = await converged(server, token, [desk, platform, overlay]);
  assert.equal(after.head, 6);
  assert.equal(after.entries[2]?.updateValue, 'weighin');
  assert.deepEqual(after.entries.slice(3), before.entries.slice(3), 'their 4-6 were recovered');
  for (const engine of [desk, platform, overlay]) assert.deepEqual(engine.state, after.state);
});

test('a relay lost on the way leaves a gap that the engine fills with a pull', async () => {
  await using server = await startSyncServer();
  await using engines = new Engines();
  const { nets, desk, overlay, token } = await threeEngines(server, engines);
  let dropped = 0;
  nets.overlay.dropIncoming = (text) => {
    if (dropped > 0 || !text.includes('"UPDATE_RELAY"')) return false;
    dropped++;
    return true;
  };
  desk.edit('meet.name', 'Open');
  await waitUntil(() => dropped === 1 && desk.pendingCount === 0);
  assert.equal(overlay.lastServerSeq, 0);
  const pullsBefore = nets.overlay.sentTypes().filter((type) => type === 'CLIENT_PULL').length;
  desk.edit('meet.date', '2026-05-01');
  const truth = await converged(server, token, [desk, overlay]);
  assert.equal(truth.head, 2);
  assert.deepEqual(overlay.state, truth.state);
  const pullsAfter = nets.overlay.sentTypes().filter((type) => type === 'CLIENT_PULL').length;
  assert.equal(pullsAfter, pullsBefore + 1, 'one pull filled the gap');
});

test('an engine that is rate-limited waits and sends again until everything is acknowledged', async () => {
  await using server = await startSyncServer({
    websocket: { frames_per_second: 10, frame_burst: 3 },
  });
  await using engines = new Engines();
  const network = new Network();
  const desk = engines.add(engineOptions(server, network));
  await desk.createMeet({ thisLocationName: 'desk', password: PASSWORD, endpoints: ENDPOINTS });
  let limited = 0;
  desk.addEventListener('error', () => undefined);
  network.dropIncoming = (text) => {
    if (text.includes('"RATE_LIMITED"')) limited++;
    return false;
  };
  for (let index = 0; index < 12; index++) {
    desk.edit(`meet.field${index}`, index);
    await sleep(1);
  }
  const truth = await converged(server, desk.sessionToken ?? '', [desk]);
  assert.ok(limited > 0, 'the server did rate-limit');
  assert.equal(truth.head, 12);
  assert.deepEqual(desk.state, truth.state);
});
