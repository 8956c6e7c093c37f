// kill -9 of a real `hearth serve` while clients stream updates: after a restart every update
// that was acknowledged is in the meet's log exactly once, the log is gap-free, and a torn last
// line (a write cut short) is dropped cleanly before appending resumes.

import assert from 'node:assert/strict';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RelayedUpdate } from '../../../src/protocol/openlifter/messages.ts';
import { HearthProcess } from '../../support/child-server.ts';
import { TestClient } from '../../support/ws-client.ts';
import { ENDPOINTS, PASSWORD } from './support/meet-server.ts';

interface Ack {
  readonly localSeqNum: number;
  readonly serverSeqNum: number;
}

async function startHearth(dataDir: string): Promise<{ hearth: HearthProcess; url: string }> {
  const hearth = new HearthProcess(['serve', '--port', '0', '--data-dir', dataDir], {
    HEARTH_LOG__LEVEL: 'warn',
  });
  const port = await hearth.listeningPort();
  return { hearth, url: `ws://127.0.0.1:${port}/openlifter/ws` };
}

/** Streams batches of updates, awaiting each ack, until stopped or the connection dies. */
async function stream(
  client: TestClient,
  token: string,
  location: string,
  acked: Map<string, Ack>,
) {
  for (let localSeqNum = 1; ; localSeqNum++) {
    client.sendJson({
      msgType: 'UPDATE_INIT',
      sessionToken: token,
      updates: [
        {
          updateKey: `stream.${location}[${localSeqNum % 50}]`,
          updateValue: localSeqNum,
          localSeqNum,
          afterServerSeqNum: 0,
        },
      ],
    });
    try {
      const ack = await client.waitForJson<{ updateAcks: Ack[] }>(
        (message) => (message as { msgType?: string }).msgType === 'UPDATE_ACK',
        10_000,
      );
      for (const entry of ack.updateAcks) acked.set(`${location}:${entry.localSeqNum}`, entry);
    } catch {
      return; // the server is gone
    }
  }
}

test('every acknowledged update survives kill -9, exactly once, and a torn tail is dropped', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-crash-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const first = await startHearth(dataDir);
  await using hearth = first.hearth;

  const creator = await TestClient.connect(first.url);
  creator.sendJson({
    msgType: 'CREATE_MEET',
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  const created = await creator.waitForJson<{ meetId: string; sessionToken: string }>(
    (message) => (message as { msgType?: string }).msgType === 'MEET_CREATED',
    10_000,
  );
  const writers = [{ client: creator, token: created.sessionToken, location: 'desk' }];
  for (const location of ['platform', 'weighin']) {
    const client = await TestClient.connect(first.url);
    client.sendJson({
      msgType: 'JOIN_MEET',
      meetId: created.meetId,
      password: PASSWORD,
      locationName: location,
    });
    const joined = await client.waitForJson<{ sessionToken: string }>(
      (message) => (message as { msgType?: string }).msgType === 'MEET_JOINED',
      10_000,
    );
    writers.push({ client, token: joined.sessionToken, location });
  }

  const acked = new Map<string, Ack>();
  const streams = writers.map(({ client, token, location }) =>
    stream(client, token, location, acked),
  );
  const killAfter = 150 + Math.floor(Math.random() * 150);
  while (acked.size < killAfter) await new Promise((resolve) => setTimeout(resolve, 5));
  hearth.child.kill('SIGKILL');
  await hearth.waitForExit();
  await Promise.all(streams);
  for (const { client } of writers) await client.close();
  assert.ok(acked.size >= killAfter);

  // A write cut short by the crash: half a JSON line at the end of the log.
  const logPath = join(dataDir, 'openlifter', 'current-meets', created.meetId, 'updates.json.log');
  await appendFile(logPath, '{"updateKey":"stream.desk[1]","updateValue":');

  const second = await startHearth(dataDir);
  await using restarted = second.hearth;
  await using reader = await TestClient.connect(second.url);
  reader.sendJson({ msgType: 'CLIENT_PULL', sessionToken: created.sessionToken, lastServerSeq: 0 });
  const pull = await reader.waitForJson<{ lastServerSeq: number; updatesRelayed: RelayedUpdate[] }>(
    (message) => (message as { msgType?: string }).msgType === 'SERVER_PULL',
    10_000,
  );
  const log = pull.updatesRelayed;
  assert.deepEqual(
    log.map((entry) => entry.serverSeqNum),
    Array.from({ length: log.length }, (_value, index) => index + 1),
    'gap-free',
  );
  const bySeq = new Map(log.map((entry) => [entry.serverSeqNum, entry]));
  for (const [key, ack] of acked) {
    const [location, localSeqNum] = key.split(':');
    const entry = bySeq.get(ack.serverSeqNum);
    assert.ok(entry, `acked ${key} (server ${ack.serverSeqNum}) is in the log`);
    assert.equal(entry.locationName, location);
    assert.equal(entry.updateValue, Number(localSeqNum));
  }
  const seen = new Set(log.map((entry) => `${entry.locationName}:${String(entry.updateValue)}`));
  assert.equal(seen.size, log.length, 'no update is in the log twice');

  // Appending resumes cleanly after the repaired tail.
  reader.sendJson({
    msgType: 'UPDATE_INIT',
    sessionToken: created.sessionToken,
    updates: [
      {
        updateKey: 'meet.name',
        updateValue: 'after crash',
        localSeqNum: 1_000_000,
        afterServerSeqNum: pull.lastServerSeq,
      },
    ],
  });
  const ack = await reader.waitForJson<{ updateAcks: Ack[] }>(
    (message) => (message as { msgType?: string }).msgType === 'UPDATE_ACK',
    10_000,
  );
  assert.deepEqual(ack.updateAcks, [
    { localSeqNum: 1_000_000, serverSeqNum: pull.lastServerSeq + 1 },
  ]);
  restarted.child.kill('SIGTERM');
  assert.equal((await restarted.waitForExit()).code, 0);
});
