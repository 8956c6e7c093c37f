// Volatile poses for a slow receiver: a client that stops reading does not get a queue of stale
// positions; once its buffers are full only the newest pose of each entity is kept, and that is
// what it gets when it reads again. It is never cut off for poses.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeMessage } from '../../../src/protocol/presence/codec.ts';
import type { PresenceMessage } from '../../../src/protocol/presence/messages.ts';
import { metricSample, scrapeMetrics } from '../../support/http.ts';
import { RawWebSocketClient } from '../../support/raw-ws-client.ts';
import { waitUntil } from '../../support/ws-client.ts';
import {
  PbClient,
  rawMessages,
  sendMasked,
  startPresenceServer,
} from './support/presence-server.ts';

type Pose = Extract<PresenceMessage, { payload: 'positionUpdate' }>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a slow receiver gets only the newest pose per entity after it resumes', async () => {
  await using server = await startPresenceServer({
    presence: {
      reliable: { retry_interval_ms: 60_000 },
      websocket: {
        frames_per_second: 100_000,
        frame_burst: 100_000,
        volatile_buffered_bytes: 32 * 1024,
        max_buffered_bytes: 64 * 1024 * 1024,
      },
    },
  });
  const slow = await RawWebSocketClient.connect(server.port, '/presence/ws/arena?format=protobuf');
  sendMasked(slow, encodeMessage({ payload: 'clientHello', clientHello: { clientId: 'slow' } }));
  await waitUntil(() => rawMessages(slow).some((message) => message.payload === 'serverHello'));
  await using mover = await PbClient.connect(server, 'arena', { clientId: 'mover' });
  mover.send({ payload: 'entitySpawn', entitySpawn: { entityId: 'ball', templateId: 'sphere' } });
  await waitUntil(() => rawMessages(slow).some((message) => message.payload === 'entitySpawn'));

  slow.pause();
  const pose = (entityId: string, sequenceNumber: number): void => {
    mover.send({
      payload: 'positionUpdate',
      positionUpdate: { entityId, position: { x: sequenceNumber, y: 0, z: 0 }, sequenceNumber },
    });
  };
  // Fill the kernel's buffers and then Hearth's with reliable entity updates: 16 MiB is far
  // more than loopback sockets hold for a reader that is not reading (a few MiB), so the
  // receiver's queue stays above the volatile threshold whatever the kernel absorbs.
  const counters = server.server.metrics.countersFor('presence');
  const filler = Buffer.alloc(32 * 1024, 7);
  const framesBefore = counters.framesIn;
  let sequence = 0;
  for (let round = 0; round < 512; round++) {
    mover.send({
      payload: 'entityUpdate',
      entityUpdate: { entityId: 'ball', components: { blob: filler } },
    });
    sequence++;
    pose('', sequence);
    pose('ball', sequence);
    if (round % 32 === 31) await sleep(2);
  }
  await waitUntil(() => counters.framesIn >= framesBefore + 512 * 3, 10_000);
  await sleep(50);
  assert.ok(counters.volatileCoalesced >= 2, 'poses are being coalesced');

  // The final burst: 100 poses for each of two entities while the receiver is not reading.
  const coalescedBefore = counters.volatileCoalesced;
  for (let index = 1; index <= 100; index++) {
    pose('', 10_000 + index);
    pose('ball', 10_000 + index);
  }
  await waitUntil(() => counters.framesIn >= framesBefore + 512 * 3 + 200, 10_000);
  // Each of them replaced the pose waiting for its entity (from the fill, then from the burst).
  assert.equal(counters.volatileCoalesced - coalescedBefore, 200);
  assert.equal(counters.slowConsumerDisconnects, 0);

  slow.resume();
  await waitUntil(() => {
    const poses = rawMessages(slow).filter(
      (message): message is Pose => message.payload === 'positionUpdate',
    );
    return poses.filter((each) => each.positionUpdate.sequenceNumber === 10_100).length === 2;
  }, 15_000);
  const poses = rawMessages(slow).filter(
    (message): message is Pose => message.payload === 'positionUpdate',
  );
  for (const entity of ['mover', 'ball']) {
    const sequences = poses
      .filter((each) => each.positionUpdate.entityId === entity)
      .map((each) => each.positionUpdate.sequenceNumber);
    const finalBurst = sequences.filter((value) => value > 10_000);
    assert.deepEqual(finalBurst, [10_100], `only the newest of the burst for ${entity}`);
    assert.ok(
      sequences.every((value, index) => index === 0 || value > sequences[index - 1]!),
      `never an older pose after a newer one for ${entity}`,
    );
    assert.ok(sequences.length < sequence + 100, `stale poses of ${entity} were dropped`);
  }
  const metrics = await scrapeMetrics(server.url);
  assert.ok((metricSample(metrics, 'hearth_presence_poses_coalesced_total') ?? 0) >= 200);
  slow.destroy();
});
