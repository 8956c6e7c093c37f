// OpenLifter on several nodes in one process: HearthServer instances on one in-process bus (no
// Redis) sharing a PostgreSQL schema. Engines of one meet spread over the nodes converge on one
// gap-free log that honours every ack; every client receives every entry exactly once and in
// order whichever node sequenced it; concurrent conflicting batches on different nodes are
// resolved exactly as one node resolves the same batches in some order; and sessions, re-sends
// and publishing work whichever node a client talks to.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MeetSequencer } from '../../../src/apps/openlifter/meet-sequencer.ts';
import type {
  ClientUpdate,
  RelayedUpdate,
  UpdateAckEntry,
  UpdateRejectedEntry,
} from '../../../src/protocol/openlifter/messages.ts';
import type { TestServer } from '../../support/test-server.ts';
import {
  assertLogHonoursAcks,
  collectAcks,
  converged,
  engineOptions,
  Engines,
  Network,
  serverTruth,
  waitUntil,
  type AckRecord,
} from '../../client/openlifter/support/sync-harness.ts';
import { oneTo, relaysReceived, startMeetCluster, storedLogIn } from './cluster-support.ts';
import { ENDPOINTS, MeetClient, PASSWORD, startMeetServer } from './support/meet-server.ts';

test('engines of one meet on three nodes converge on one gap-free log, relayed in order', async (t) => {
  const cluster = await startMeetCluster(t, 3);
  if (cluster === undefined) return;
  const [first, second, third] = cluster.nodes as [TestServer, TestServer, TestServer];
  await using engines = new Engines();
  const desk = engines.add(engineOptions(first, new Network()));
  const platform = engines.add(engineOptions(second, new Network()));
  const weighin = engines.add(engineOptions(third, new Network()));
  const acks: AckRecord[] = [];
  for (const engine of [desk, platform, weighin]) collectAcks(engine, acks);
  const { meetId } = await desk.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  await platform.joinMeet({ meetId, password: PASSWORD, locationName: 'platform' });
  await weighin.joinMeet({ meetId, password: PASSWORD, locationName: 'weighin' });
  // A display-only client on every node records the relays it gets.
  const watchers = await Promise.all(
    cluster.nodes.map(async (node) => {
      const watcher = await MeetClient.connect(node);
      assert.equal(await watcher.join(meetId), 0);
      return watcher;
    }),
  );
  t.after(() => Promise.all(watchers.map((watcher) => watcher.close())));

  for (let round = 0; round < 15; round++) {
    desk.edit(`registration.entries[${round}].name`, `Lifter ${round}`);
    platform.edit('lifting.flight', `P${round}`);
    weighin.edit(`registration.entries[${round}].bodyweightKg`, 60 + round);
    weighin.edit('lifting.flight', `W${round}`);
    desk.edit('lifting.platform', round);
    platform.edit(`registration.entries[${round}].lot`, round);
    await new Promise((resolve) => setImmediate(resolve));
  }

  const truth = await converged(second, desk.sessionToken ?? '', [desk, platform, weighin], 20_000);
  for (const engine of [desk, platform, weighin]) assert.deepEqual(engine.state, truth.state);
  for (const node of cluster.nodes) {
    assert.deepEqual(await serverTruth(node, desk.sessionToken ?? ''), truth, 'every node agrees');
  }
  const log = await storedLogIn(cluster.db, meetId);
  assert.deepEqual(
    log.map((line) => line.serverSeqNum),
    oneTo(truth.head),
  );
  assert.deepEqual(log.map(withoutSender), truth.entries);
  assertLogHonoursAcks(log, acks);
  for (const watcher of watchers) {
    await waitUntil(() => relaysReceived(watcher).length >= truth.head);
    assert.deepEqual(relaysReceived(watcher), truth.entries, 'each entry once, in order');
  }
});

type Sent = ClientUpdate;

/** The item at `index`, which the test knows is there. */
function nth<T>(items: readonly T[], index: number): T {
  const item = items[index];
  assert.ok(item !== undefined, `no item ${index}`);
  return item;
}

interface Answer {
  readonly acks: UpdateAckEntry[];
  readonly rejected: UpdateRejectedEntry[];
}

/** Sends one batch, then a PING: every answer to the batch arrives before the PONG. */
async function sendBatch(client: MeetClient, updates: readonly Sent[]): Promise<Answer> {
  const from = client.socket.frames.length;
  client.send({ msgType: 'UPDATE_INIT', sessionToken: client.sessionToken, updates });
  client.send({ msgType: 'PING' });
  await waitUntil(() =>
    client.socket.frames.slice(from).some((frame) => frame.text.includes('"PONG"')),
  );
  const answer: Answer = { acks: [], rejected: [] };
  for (const frame of client.socket.frames.slice(from)) {
    const message = JSON.parse(frame.text) as {
      msgType: string;
      updateAcks?: UpdateAckEntry[];
      updatesRejected?: UpdateRejectedEntry[];
    };
    if (message.msgType === 'PONG') break;
    answer.acks.push(...(message.updateAcks ?? []));
    answer.rejected.push(...(message.updatesRejected ?? []));
  }
  return answer;
}

/** Round `round` of three locations all editing shared keys, from what they saw at `head`. */
function batchesOf(round: number, head: number, locations: readonly string[]): Sent[][] {
  return locations.map((location, index) => {
    const base = round * 10;
    const stale = Math.max(0, head - 2);
    return [
      { key: 'lifting.flight', value: `${location}-${round}`, after: head },
      { key: 'lifting.lift', value: `${location}-${round}`, after: stale },
      { key: `registration.entries[${index}].name`, value: `${location}-${round}`, after: head },
      { key: 'meet.name', value: round % 2 === 0 ? 'Open' : location, after: stale },
      // Never seen by anyone: from round 1 on, the weigh-in (lowest) always loses this one.
      { key: 'lifting.day', value: `${location}-${round}`, after: 0 },
    ].map((update, offset) => ({
      updateKey: update.key,
      updateValue: update.value,
      localSeqNum: base + offset + 1,
      afterServerSeqNum: update.after,
    }));
  });
}

const PERMUTATIONS = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];

test('concurrent conflicting batches on three nodes are resolved as one node resolves them', async (t) => {
  const cluster = await startMeetCluster(t, 3);
  if (cluster === undefined) return;
  await using single = await startMeetServer({
    openlifter: { join_attempts_per_ip_per_minute: 100_000 },
  });
  const locations = ['desk', 'platform', 'weighin'];
  // The same three locations on the cluster (one per node) and on a single node.
  const clustered = await Promise.all(cluster.nodes.map((node) => MeetClient.connect(node)));
  const alone = await Promise.all(locations.map(() => MeetClient.connect(single)));
  t.after(() => Promise.all([...clustered, ...alone].map((client) => client.close())));
  const clusterMeet = await nth(clustered, 0).create('desk');
  const singleMeet = await nth(alone, 0).create('desk');
  for (const index of [1, 2]) {
    await nth(clustered, index).join(clusterMeet, locations[index]);
    await nth(alone, index).join(singleMeet, locations[index]);
  }

  const model = (log: readonly RelayedUpdate[]) => new MeetSequencer(ENDPOINTS, log);
  let log: RelayedUpdate[] = [];
  const orders: number[][] = [];
  for (let round = 0; round < 6; round++) {
    const batches = batchesOf(round, log.length, locations);
    // All three at once, each through its own node: the meet's lock orders them.
    const answers = await Promise.all(
      clustered.map((client, index) => sendBatch(client, batches[index] ?? [])),
    );
    const after: RelayedUpdate[] = (await storedLogIn(cluster.db, clusterMeet)).map(withoutSender);

    // Some order of the three batches gives exactly this on one node's sequencer.
    const order = PERMUTATIONS.find((permutation) => {
      const sequencer = model(log);
      const expected: Answer[] = [];
      for (const index of permutation) {
        const outcome = sequencer.submit(`s${index}`, locations[index] ?? '', batches[index] ?? []);
        expected[index] = { acks: outcome.acks, rejected: outcome.rejected };
      }
      return (
        JSON.stringify(expected) === JSON.stringify(answers) &&
        JSON.stringify(sequencer.entriesAfter(0)) === JSON.stringify(after)
      );
    });
    assert.ok(order, `round ${round}: no single-node order explains ${JSON.stringify(answers)}`);
    orders.push(order);

    // A real single node, sent the batches one by one in that order, answers the same.
    const singleAnswers: Answer[] = [];
    for (const index of order) {
      singleAnswers[index] = await sendBatch(nth(alone, index), batches[index] ?? []);
    }
    assert.deepEqual(singleAnswers, answers, `round ${round}`);
    const singleLog = await nth(alone, 0).pull(0);
    assert.deepEqual(singleLog.updatesRelayed, after, `round ${round}: the same log`);
    assert.ok(
      round === 0 || answers[2]?.rejected.some((entry) => entry.conflict),
      'the batches really conflict',
    );
    log = after;
  }
  t.diagnostic(`orders the lock gave: ${JSON.stringify(orders)}`);
  assert.deepEqual(
    log.map((entry) => entry.serverSeqNum),
    oneTo(log.length),
  );
});

test('sessions, re-sends, pulls and publishing work whichever node a client talks to', async (t) => {
  const cluster = await startMeetCluster(t, 3);
  if (cluster === undefined) return;
  const [first, second, third] = cluster.nodes as [TestServer, TestServer, TestServer];
  const desk = await MeetClient.connect(first);
  const platform = await MeetClient.connect(second);
  const display = await MeetClient.connect(third);
  const clients = [desk, platform, display];
  t.after(() => Promise.all(clients.map((client) => client.close())));
  const meetId = await desk.create('desk');
  assert.equal(
    await platform.join(meetId, 'platform'),
    0,
    'created on one node, joined on another',
  );
  await display.join(meetId);

  platform.update([{ key: 'meet.name', value: 'Open', after: 0, localSeqNum: 1 }]);
  assert.deepEqual((await platform.next('UPDATE_ACK')).updateAcks, [
    { localSeqNum: 1, serverSeqNum: 1 },
  ]);
  await waitUntil(() => relaysReceived(display).length === 1);

  // The platform's session, used on a node that never saw it: a re-send gets its first ack.
  const moved = await MeetClient.connect(third);
  clients.push(moved);
  moved.sessionToken = platform.sessionToken;
  moved.update([
    { key: 'meet.name', value: 'Open', after: 0, localSeqNum: 1 },
    { key: 'meet.date', value: '2026-03-01', after: 1, localSeqNum: 2 },
  ]);
  assert.deepEqual((await moved.next('UPDATE_ACK')).updateAcks, [
    { localSeqNum: 1, serverSeqNum: 1 },
    { localSeqNum: 2, serverSeqNum: 2 },
  ]);
  // The desk's node learns of entry 2 over the bus; its pull answers from the true log.
  const pulled = await desk.pull(0);
  assert.equal(pulled.lastServerSeq, 2);
  assert.deepEqual(
    pulled.updatesRelayed.map((entry) => entry.updateKey),
    ['meet.name', 'meet.date'],
  );

  // Published through one node: finished for all of them.
  const publisher = await MeetClient.connect(third);
  clients.push(publisher);
  publisher.sessionToken = desk.sessionToken;
  publisher.send({
    msgType: 'PUBLISH_MEET',
    sessionToken: desk.sessionToken,
    returnEmail: 'director@example.org',
    oplCsv: 'Name,Sex\n',
  });
  assert.equal((await publisher.next('PUBLISH_ACK')).meetId, meetId);
  desk.update([{ key: 'meet.name', value: 'Late', after: 2 }]);
  const refused = await desk.next<{ updatesRejected: UpdateRejectedEntry[] }>('UPDATE_REJECTED');
  assert.deepEqual(
    refused.updatesRejected.map((entry) => entry.reason),
    ['meet finished'],
  );
  desk.send({
    msgType: 'PUBLISH_MEET',
    sessionToken: desk.sessionToken,
    returnEmail: 'director@example.org',
    oplCsv: 'Name,Sex\n',
  });
  assert.equal((await desk.next('PUBLISH_ACK')).meetId, meetId, 'publishing again is acked');
  assert.equal((await platform.pull(0)).lastServerSeq, 2);
  assert.deepEqual(
    (await storedLogIn(cluster.db, meetId)).map((line) => line.serverSeqNum),
    [1, 2],
  );
});

function withoutSender(line: RelayedUpdate): RelayedUpdate {
  const { updateKey, updateValue, serverSeqNum, locationName } = line;
  return { updateKey, updateValue, serverSeqNum, locationName };
}

test('a database that lost its tail is rebuilt from the clients of a meet spread over nodes', async (t) => {
  const cluster = await startMeetCluster(t, 2);
  if (cluster === undefined) return;
  const [first, second] = cluster.nodes as [TestServer, TestServer];
  await using engines = new Engines();
  const desk = engines.add(engineOptions(first, new Network()));
  const platform = engines.add(engineOptions(second, new Network()));
  const { meetId } = await desk.createMeet({
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  await platform.joinMeet({ meetId, password: PASSWORD, locationName: 'platform' });
  for (let index = 0; index < 6; index++) {
    desk.edit(`registration.entries[${index}].name`, `Lifter ${index}`);
    platform.edit(`registration.entries[${index}].lot`, index);
  }
  const before = await converged(first, desk.sessionToken ?? '', [desk, platform]);
  assert.equal(before.head, 12);

  // The database is restored from a backup without the last five entries.
  await cluster.db.execute('DELETE FROM openlifter_updates WHERE meet_id = $1 AND seq > 7', [
    meetId,
  ]);
  await cluster.db.execute('UPDATE openlifter_meets SET last_seq = 7 WHERE meet_id = $1', [meetId]);
  // The next edit finds the store behind the node: the node reloads the meet, the clients
  // reconnect knowing 12 entries, and the server asks them for their logs.
  desk.edit('meet.name', 'Open');
  const after = await converged(second, platform.sessionToken ?? '', [desk, platform], 20_000);
  assert.deepEqual(after.entries.slice(0, 12), before.entries, 'the lost tail is back as it was');
  assert.equal(after.head, 13);
  assert.deepEqual((await storedLogIn(cluster.db, meetId)).map(withoutSender), after.entries);
  for (const engine of [desk, platform]) assert.deepEqual(engine.state, after.state);
});
