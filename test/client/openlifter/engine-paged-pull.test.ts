// MeetSyncEngines and a meet log larger than one SERVER_PULL page (the server sends at most
// MAX_PULL_PAGE_BYTES per answer, with its head): a fresh engine joining late, an offline engine
// catching up, and an engine adopting the server's whole log after the server lost state. Each
// pulls page after page and sends its pending edits only once it holds the announced head.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { MAX_PULL_PAGE_BYTES } from '../../../src/apps/openlifter/log-pages.ts';
import type { MeetSyncEngine } from '../../../src/client/openlifter/meet-sync-engine.ts';
import type { SyncStatus } from '../../../src/client/openlifter/sync-events.ts';
import { MeetClient } from '../../apps/openlifter/support/meet-server.ts';
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
} from './support/sync-harness.ts';

const BIG_EDITS = 40;
/** 40 of these are about 800 KB: more than three pages. */
const BIG_VALUE = 'x'.repeat(20_000);

interface Frame {
  readonly msgType: string;
  readonly lastServerSeq?: number;
  readonly updates?: readonly { readonly afterServerSeqNum: number }[];
}

/** Makes `engine`'s big edits and waits until the server has them all. */
async function bigLog(engine: MeetSyncEngine): Promise<void> {
  for (let index = 0; index < BIG_EDITS; index++) {
    engine.edit(`meet.notes[${index}]`, `${BIG_VALUE}${index}`);
  }
  await waitUntil(() => engine.pendingCount === 0, 10_000);
}

function recordStatuses(engine: MeetSyncEngine): SyncStatus[] {
  const seen: SyncStatus[] = [];
  engine.addEventListener('syncStatus', (event) => seen.push(event.status));
  return seen;
}

/** Where `engine`'s log stood each time `network` sent an UPDATE_INIT. */
function headsAtUpdate(network: Network, engine: MeetSyncEngine): number[] {
  const heads: number[] = [];
  network.onSend = (text) => {
    if (text.includes('"UPDATE_INIT"')) heads.push(engine.lastServerSeq);
  };
  return heads;
}

function framesSince(network: Network, mark: number): Frame[] {
  return network.sent.slice(mark).map((text) => JSON.parse(text) as Frame);
}

/** The CLIENT_PULL positions in `frames`: strictly increasing, one per page. */
function pullPositions(frames: readonly Frame[]): number[] {
  return frames
    .filter((frame) => frame.msgType === 'CLIENT_PULL')
    .map((f) => f.lastServerSeq ?? -1);
}

function assertPaged(positions: readonly number[], from: number, head: number): void {
  assert.equal(positions[0], from, 'the first pull starts where the engine stood');
  assert.ok(positions.length >= 3, `several pages were pulled: ${positions.join(', ')}`);
  for (const [index, position] of positions.entries()) {
    assert.ok(position < head, 'no pull from the head itself: the last page reached it');
    if (index > 0) assert.ok(position > (positions[index - 1] ?? 0), 'each page moved on');
  }
}

test('the test log is larger than one pull page', () => {
  assert.ok(BIG_EDITS * BIG_VALUE.length > 3 * MAX_PULL_PAGE_BYTES);
});

test('an engine joining late pulls every page, then sends its edit, then goes online', async () => {
  await using server = await startSyncServer();
  await using engines = new Engines();
  const desk = engines.add(engineOptions(server, new Network()));
  const { meetId } = await desk.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  await bigLog(desk);

  const platformNet = new Network();
  const platform = engines.add(engineOptions(server, platformNet));
  const statuses = recordStatuses(platform);
  const heads = headsAtUpdate(platformNet, platform);
  await platform.joinMeet({ meetId, password: PASSWORD, locationName: 'platform' });
  platform.edit('lifting.flight', 'A'); // made while the pages are still coming
  const overlayNet = new Network();
  const overlay = engines.add(engineOptions(server, overlayNet));
  await overlay.joinMeet({ meetId, password: PASSWORD });

  const truth = await converged(server, desk.sessionToken ?? '', [desk, platform, overlay]);
  assert.equal(truth.head, BIG_EDITS + 1);
  for (const engine of [desk, platform, overlay]) assert.deepEqual(engine.state, truth.state);
  const frames = framesSince(platformNet, 0);
  assertPaged(pullPositions(frames), 0, BIG_EDITS);
  assert.deepEqual(
    frames.map((frame) => frame.msgType).slice(-1),
    ['UPDATE_INIT'],
    'the edit went out after every pull',
  );
  assert.deepEqual(heads, [BIG_EDITS], 'and only once the engine held the announced head');
  assert.equal(frames.at(-1)?.updates?.[0]?.afterServerSeqNum, 0, 'made before any page came');
  assert.deepEqual(statuses, ['resyncing', 'online'], 'resyncing until caught up');
  assertPaged(pullPositions(framesSince(overlayNet, 0)), 0, BIG_EDITS);
});

test('an engine back from offline catches up page by page before sending its offline edit', async () => {
  await using server = await startSyncServer();
  await using engines = new Engines();
  const desk = engines.add(engineOptions(server, new Network()));
  const platformNet = new Network();
  const platform = engines.add(engineOptions(server, platformNet));
  const { meetId } = await desk.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  await platform.joinMeet({ meetId, password: PASSWORD, locationName: 'platform' });
  desk.edit('meet.name', 'Open');
  await waitUntil(() => platform.lastServerSeq === 1);

  platformNet.cut();
  await waitUntil(() => platform.syncStatus === 'offline');
  await bigLog(desk);
  platform.edit('lifting.flight', 'B');
  const statuses = recordStatuses(platform);
  const heads = headsAtUpdate(platformNet, platform);
  const mark = platformNet.sent.length;
  platformNet.restore();

  const truth = await converged(server, desk.sessionToken ?? '', [desk, platform]);
  assert.equal(truth.head, BIG_EDITS + 2);
  assert.deepEqual(platform.state, truth.state);
  assert.equal(truth.entries.at(-1)?.updateValue, 'B', 'the offline edit was accepted last');
  const frames = framesSince(platformNet, mark);
  assertPaged(pullPositions(frames), 1, BIG_EDITS + 1);
  assert.equal(frames.at(-1)?.msgType, 'UPDATE_INIT');
  assert.equal(frames.at(-1)?.updates?.[0]?.afterServerSeqNum, 1, 'its original afterServerSeqNum');
  assert.deepEqual(heads, [BIG_EDITS + 1], 'sent once the engine held the announced head');
  assert.deepEqual(statuses, ['resyncing', 'online']);
});

test('after the server lost state, an engine adopts its whole log gathered from several pages', async () => {
  await using server = await startSyncServer();
  await using engines = new Engines();
  const deskNet = new Network();
  const desk = engines.add(engineOptions(server, deskNet));
  const { meetId } = await desk.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  await bigLog(desk);
  deskNet.cut();
  await waitUntil(() => desk.syncStatus === 'offline');

  // The server comes back from an old backup (entries 1-2), and a newcomer's edit takes number 3
  // before the desk, which holds a different 3, is back: its log can only be adopted whole.
  const lines = (await readFile(logPath(server, meetId), 'utf8')).split('\n').filter(Boolean);
  await writeFile(logPath(server, meetId), `${lines.slice(0, 2).join('\n')}\n`);
  await server.restart();
  {
    await using weighin = await MeetClient.connect(server);
    assert.equal(await weighin.join(meetId, 'weighin'), 2);
    weighin.update([{ key: 'meet.late', value: 'weighin', after: 2 }]);
    await weighin.next('UPDATE_ACK');
  }

  const mark = deskNet.sent.length;
  deskNet.restore();
  const truth = await converged(server, desk.sessionToken ?? '', [desk]);
  assert.equal(truth.head, BIG_EDITS);
  assert.equal(truth.entries[2]?.updateValue, 'weighin', "the server's 3 stands");
  assert.deepEqual(desk.state, truth.state, "the desk's log is the server's, its own 3 gone");
  assert.equal((await storedLog(server, meetId)).length, BIG_EDITS);

  const frames = framesSince(deskNet, mark);
  const recovered = frames.findIndex((frame) => frame.msgType === 'RECOVERY_UPDATES');
  assert.ok(recovered > 0, 'the desk answered the recovery request');
  assertPaged(pullPositions(frames.slice(recovered)), 0, BIG_EDITS);
});
