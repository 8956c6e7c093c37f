// The openlifter app's metrics on /metrics: meets created and joined, updates accepted and
// rejected, conflicts resolved, batch sizes, fsync latency and auth failures.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metricSample, scrapeMetrics } from '../../support/http.ts';
import { MeetClient, startMeetServer } from './support/meet-server.ts';

test('/metrics counts what the openlifter app did', async () => {
  await using server = await startMeetServer();
  await using desk = await MeetClient.connect(server);
  await using weighin = await MeetClient.connect(server);
  const meetId = await desk.create();
  await weighin.join(meetId, 'weighin');
  desk.update([
    { key: 'meet.name', value: 'A', after: 0 },
    { key: 'meet.date', value: '2026-11-22', after: 0 },
  ]);
  await desk.next('UPDATE_ACK');
  weighin.update([{ key: 'meet.name', value: 'B', after: 0 }]);
  await weighin.next('UPDATE_REJECTED');
  weighin.send({ msgType: 'CLIENT_PULL', sessionToken: 'nope', lastServerSeq: 0 });
  await weighin.next('INVALID_SESSION');

  const text = await scrapeMetrics(server.url);
  assert.equal(metricSample(text, 'hearth_openlifter_meets_created_total', {}), 1);
  assert.equal(metricSample(text, 'hearth_openlifter_meets_joined_total', { mode: 'updating' }), 1);
  assert.equal(metricSample(text, 'hearth_openlifter_updates_accepted_total', {}), 2);
  assert.equal(
    metricSample(text, 'hearth_openlifter_updates_rejected_total', { reason: 'conflict' }),
    1,
  );
  assert.equal(
    metricSample(text, 'hearth_openlifter_conflicts_resolved_total', { outcome: 'rejected' }),
    1,
  );
  assert.equal(metricSample(text, 'hearth_openlifter_batch_size_count', {}), 2);
  assert.equal(metricSample(text, 'hearth_openlifter_batch_size_sum', {}), 3);
  assert.ok((metricSample(text, 'hearth_openlifter_fsync_seconds_count', {}) ?? 0) >= 1);
  assert.equal(
    metricSample(text, 'hearth_openlifter_auth_failures_total', { kind: 'invalid_session' }),
    1,
  );
});
