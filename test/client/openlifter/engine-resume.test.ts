// A MeetSyncEngine that is reloaded: a new instance resumes from the persisted snapshot (file
// in Node, Web Storage in browsers) and re-sends what was pending, which the server recognises
// (same session and local numbers: no second log entry); an invalid session is re-joined with
// the pending edits kept; and the API's refusals (bad keys, display-only, wrong password, the
// attempt limit).

import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { FilePersistence } from '../../../src/client/openlifter/node/file-persistence.ts';
import { MemoryPersistence } from '../../../src/client/openlifter/persistence.ts';
import { WebStoragePersistence } from '../../../src/client/openlifter/web-storage-persistence.ts';
import { startMeetServer } from '../../apps/openlifter/support/meet-server.ts';
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

interface SentUpdate {
  msgType: string;
  updates?: { localSeqNum: number }[];
}

test('a reloaded engine resumes from its file; edits whose acks were lost are not logged twice', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-sync-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const persistence = new FilePersistence({ path: join(dir, 'meet.json') });
  await using server = await startSyncServer();
  await using engines = new Engines();
  const firstNet = new Network();
  const first = engines.add(engineOptions(server, firstNet, { persistence }));
  const { meetId } = await first.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  // The server makes both edits durable, but the acks never arrive: the page dies first.
  firstNet.dropIncoming = (text) => text.includes('"UPDATE_ACK"');
  first.edit('meet.name', 'Open');
  first.edit('meet.date', '2026-05-01');
  await waitUntil(async () => (await storedLog(server, meetId)).length === 2);
  assert.equal(first.pendingCount, 2);
  await first.close();

  const secondNet = new Network();
  const second = engines.add(engineOptions(server, secondNet, { persistence }));
  assert.equal(await second.resume(), true);
  assert.equal(second.meetId, meetId);
  assert.equal(second.pendingCount, 2);
  assert.deepEqual(second.state, { meet: { name: 'Open', date: '2026-05-01' } });
  const truth = await converged(server, second.sessionToken ?? '', [second]);
  assert.equal(truth.head, 2, 'the re-sent edits were recognised, not appended again');
  const resent = secondNet.sent.map((frame) => JSON.parse(frame) as SentUpdate);
  assert.deepEqual(
    resent.map((frame) => frame.msgType),
    ['CLIENT_PULL', 'UPDATE_INIT'],
  );
  assert.deepEqual(
    resent[1]?.updates?.map((update) => update.localSeqNum),
    [1, 2],
  );
  assert.equal(second.edit('meet.federation', 'USAPL'), 3, 'local numbers continue');
  assert.equal((await converged(server, second.sessionToken ?? '', [second])).head, 3);
  assert.deepEqual(await readdir(dir), ['meet.json'], 'no temporary file left behind');
});

test('a reloaded browser page resumes from Web Storage with the edits it made offline', async () => {
  const items = new Map<string, string>();
  const storage = {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      items.set(key, value);
    },
    removeItem: (key: string) => {
      items.delete(key);
    },
  };
  await using server = await startSyncServer();
  await using engines = new Engines();
  const network = new Network();
  const page = engines.add(
    engineOptions(server, network, { persistence: new WebStoragePersistence({ storage }) }),
  );
  const { meetId } = await page.createMeet({
    thisLocationName: 'weighin',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  page.edit('registration.entries[0].bodyweightKg', 82.4);
  await waitUntil(() => page.pendingCount === 0);
  network.cut();
  await waitUntil(() => page.syncStatus === 'offline');
  page.edit('registration.entries[1].bodyweightKg', 90.1);
  await page.close();
  const saved = JSON.parse(items.get('hearth.openlifter.meet') ?? '{}') as Record<string, unknown>;
  assert.equal(saved.meetId, meetId);
  assert.equal((saved.pending as unknown[]).length, 1);

  const reloaded = engines.add(
    engineOptions(server, new Network(), { persistence: new WebStoragePersistence({ storage }) }),
  );
  const states: string[] = [];
  reloaded.addEventListener('stateChanged', (event) => states.push(event.cause));
  assert.equal(await reloaded.resume(), true);
  assert.deepEqual(states, ['load'], 'the persisted state shows before any network traffic');
  const truth = await converged(server, reloaded.sessionToken ?? '', [reloaded]);
  assert.equal(truth.head, 2);
  assert.deepEqual(reloaded.state, truth.state);
});

test('an invalid session: the engine reports it, keeps its edits, and a re-join sends them', async () => {
  await using server = await startSyncServer();
  await using engines = new Engines();
  const desk = engines.add(engineOptions(server, new Network()));
  const { meetId } = await desk.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  desk.edit('meet.name', 'Open');
  const persistence = new MemoryPersistence();
  await persistence.save({
    format: 1,
    meetId,
    sessionToken: 'a-token-the-server-never-issued',
    locationName: 'platform',
    nextLocalSeqNum: 2,
    canonical: [],
    pending: [
      { localSeqNum: 1, updateKey: 'lifting.flight', updateValue: 'B', afterServerSeqNum: 0 },
    ],
    needsFullPull: false,
  });
  const stale = engines.add(engineOptions(server, new Network(), { persistence }));
  const invalid = nextEvent(stale, 'sessionInvalid');
  assert.equal(await stale.resume(), true);
  await invalid;
  assert.equal(stale.syncStatus, 'offline');
  assert.equal(stale.sessionToken, undefined);
  assert.equal(stale.pendingCount, 1);
  await stale.close();

  // The page reloads: the snapshot says the session is gone, so the user joins again.
  const page = engines.add(engineOptions(server, new Network(), { persistence }));
  assert.equal(await page.resume(), false);
  assert.equal(page.meetId, meetId);
  assert.equal(page.pendingCount, 1);
  await page.joinMeet({
    meetId: meetId.replace(/(\d{3})(?=\d)/g, '$1-'),
    password: PASSWORD,
    locationName: 'platform',
  });
  const truth = await converged(server, desk.sessionToken ?? '', [desk, page]);
  assert.deepEqual(page.state, { meet: { name: 'Open' }, lifting: { flight: 'B' } });
  assert.deepEqual(page.state, truth.state);
});

test('the API refuses what cannot work, with the server reason where it has one', async () => {
  await using server = await startSyncServer();
  await using engines = new Engines();
  const desk = engines.add(engineOptions(server, new Network()));
  assert.throws(() => desk.edit('meet.name', 'x'), { code: 'no-session' });
  await assert.rejects(
    desk.createMeet({ thisLocationName: 'desk', password: 'short', endpoints: ENDPOINTS }),
    { code: 'create-rejected' },
  );
  const { meetId } = await desk.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  await assert.rejects(desk.joinMeet({ meetId, password: PASSWORD }), { code: 'busy' });
  await assert.rejects(desk.resume(), { code: 'busy' });
  assert.throws(() => desk.edit('meet..name', 1), RangeError);
  assert.throws(() => desk.edit('meet.__proto__', 1), RangeError);
  assert.throws(() => desk.edit('meet.name', undefined), TypeError);
  assert.throws(() => desk.edit('meet.name', 10n), TypeError);
  const value = { kg: [100] };
  desk.edit('meet.record', value);
  value.kg.push(200);
  assert.deepEqual(desk.state, { meet: { record: { kg: [100] } } }, 'the value was copied');

  const stranger = engines.add(engineOptions(server, new Network()));
  await assert.rejects(stranger.joinMeet({ meetId, password: 'wrong password!' }), {
    code: 'join-rejected',
    message: 'invalid meetId/password',
  });
  await assert.rejects(stranger.joinMeet({ meetId, password: PASSWORD, locationName: 'kitchen' }), {
    code: 'join-rejected',
    message: 'invalid locationName',
  });

  // A create sent while the network is down waits for it; closing the engine rejects it.
  const offlineNet = new Network();
  offlineNet.cut();
  const offline = engines.add(engineOptions(server, offlineNet));
  const pending = offline.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  await offline.close();
  await assert.rejects(pending, { code: 'closed' });
  assert.throws(() => offline.edit('meet.name', 'x'), { code: 'closed' });
});

test('a create over the per-IP attempt limit is rejected as a create, with the reason', async () => {
  await using server = await startMeetServer({
    openlifter: { join_attempts_per_ip_per_minute: 1 },
  });
  await using engines = new Engines();
  const params = { thisLocationName: 'desk', password: PASSWORD, endpoints: ENDPOINTS };
  await engines.add(engineOptions(server, new Network())).createMeet(params);
  await assert.rejects(engines.add(engineOptions(server, new Network())).createMeet(params), {
    code: 'create-rejected',
    message: 'too many attempts',
  });
});

test('a create made while offline is sent when the network comes back', async () => {
  await using server = await startSyncServer();
  await using engines = new Engines();
  const network = new Network();
  network.cut();
  const desk = engines.add(engineOptions(server, network));
  const created = desk.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  await sleep(50); // a few refused connection attempts
  assert.deepEqual(network.sent, [], 'nothing could be sent');
  assert.equal(desk.meetId, undefined);
  network.restore();
  const { meetId } = await created;
  assert.equal(desk.meetId, meetId);
  await waitUntil(() => desk.syncStatus === 'online');
});
