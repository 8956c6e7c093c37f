// OpenLifter's attempt limits across a cluster on a real Redis: two nodes in this process (each
// with its own Redis connections and data directory) count one budget of create and join
// attempts per IP and of join attempts per meet, and refuse past it with the spec's answers
// whichever node the attempt reaches.

import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { RawConfig } from '../../../src/core/config/sources.ts';
import { serviceUrl } from '../../support/services.ts';
import type { TestServer } from '../../support/test-server.ts';
import { adminConnection, randomPrefix } from '../../core/cluster/redis-support.ts';
import { ENDPOINTS, MeetClient, PASSWORD, startMeetServer } from './support/meet-server.ts';

async function startPair(
  t: TestContext,
  openlifter: RawConfig,
): Promise<[TestServer, TestServer] | undefined> {
  const url = serviceUrl(t, 'redis');
  if (url === undefined) return undefined;
  const prefix = randomPrefix();
  await adminConnection(t, url, prefix);
  const config = {
    cluster: { redis_url: url, prefix, node_ttl_ms: 1500, heartbeat_interval_ms: 300 },
  };
  const a = await startMeetServer({ openlifter, config });
  t.after(() => a.close());
  const b = await startMeetServer({ openlifter, config });
  t.after(() => b.close());
  return [a, b];
}

test('create and join attempts per IP are one budget on every node', async (t) => {
  const pair = await startPair(t, {
    join_attempts_per_ip_per_minute: 3,
    join_attempts_per_meet_per_minute: 100,
  });
  if (pair === undefined) return;
  const [a, b] = pair;
  await using onA = await MeetClient.connect(a);
  await using onB = await MeetClient.connect(b);
  const meetId = await onA.create();
  await using joiner = await MeetClient.connect(a);
  await joiner.join(meetId, 'platform');
  // The meet lives in A's store only: on B this attempt is a wrong meet, but it counts.
  onB.send({ msgType: 'JOIN_MEET', meetId, password: PASSWORD });
  assert.equal((await onB.next('JOIN_REJECTED')).reason, 'invalid meetId/password');

  onA.send({ msgType: 'JOIN_MEET', meetId, password: PASSWORD });
  assert.deepEqual(await onA.next('JOIN_REJECTED'), {
    msgType: 'JOIN_REJECTED',
    reason: 'too many attempts',
  });
  onB.send({
    msgType: 'CREATE_MEET',
    thisLocationName: 'desk',
    password: PASSWORD,
    endpoints: ENDPOINTS,
  });
  assert.deepEqual(await onB.next('CREATE_REJECTED'), {
    msgType: 'CREATE_REJECTED',
    reason: 'too many attempts',
  });
});

test("a meet's join attempts are one budget on every node", async (t) => {
  const pair = await startPair(t, {
    join_attempts_per_ip_per_minute: 100,
    join_attempts_per_meet_per_minute: 2,
  });
  if (pair === undefined) return;
  const [a, b] = pair;
  await using owner = await MeetClient.connect(a);
  const meetId = await owner.create();
  await using onA = await MeetClient.connect(a);
  await using onB = await MeetClient.connect(b);
  await onA.join(meetId, 'platform');
  onB.send({ msgType: 'JOIN_MEET', meetId, password: 'wrong password here' });
  assert.equal((await onB.next('JOIN_REJECTED')).reason, 'invalid meetId/password');
  onA.send({ msgType: 'JOIN_MEET', meetId, password: PASSWORD });
  assert.equal((await onA.next('JOIN_REJECTED')).reason, 'too many attempts');
});
