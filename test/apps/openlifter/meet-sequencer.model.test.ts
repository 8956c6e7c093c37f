// Model check of the sequencer: for random batches from random sessions (re-sends, restarts
// from the persisted log, stale and too-new afterServerSeqNum, a location that is not an
// endpoint, bad keys), every judgement equals that of a naive reading of the spec: a full scan.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';

import { MeetSequencer } from '../../../src/apps/openlifter/meet-sequencer.ts';
import { jsonEqual } from '../../../src/protocol/openlifter/meet-state.ts';
import type { Endpoint, StoredUpdate } from '../../../src/apps/openlifter/store.ts';
import { parseUpdateKey } from '../../../src/protocol/openlifter/update-key.ts';
import type {
  ClientUpdate,
  RelayedUpdate,
  UpdateAckEntry,
  UpdateRejectedEntry,
} from '../../../src/protocol/openlifter/messages.ts';
import {
  KEYS,
  endpointsOf,
  prioritiesArbitrary,
  relayed,
  valueArbitrary,
} from './sequencer-fixtures.ts';

// The naive model: the spec's sentences, with no index and no cleverness.

/** The model also sends a key that does not parse now and then. */
const MODEL_KEYS = [...KEYS, 'meet..name'];

interface Judged {
  acks: UpdateAckEntry[];
  rejected: UpdateRejectedEntry[];
  winners: RelayedUpdate[];
  overruled: number;
}

function naiveSubmit(
  log: StoredUpdate[],
  endpoints: readonly Endpoint[],
  sessionId: string,
  location: string,
  batch: readonly ClientUpdate[],
): Judged {
  const priorityOf = (name: string): number | undefined =>
    endpoints.find((endpoint) => endpoint.locationName === name)?.priority;
  const result: Judged = { acks: [], rejected: [], winners: [], overruled: 0 };
  const own = priorityOf(location);
  const lostKeys: string[] = [];
  for (const u of batch) {
    if (own === undefined) {
      result.rejected.push({
        localSeqNum: u.localSeqNum,
        conflict: false,
        reason: 'invalid locationName',
      });
      continue;
    }
    const parsed = parseUpdateKey(u.updateKey);
    if (!parsed.ok) {
      const reason = `invalid updateKey: ${parsed.error}`;
      result.rejected.push({ localSeqNum: u.localSeqNum, conflict: false, reason });
      continue;
    }
    const earlier = log.find((v) => v.sessionId === sessionId && v.localSeqNum === u.localSeqNum);
    if (earlier !== undefined) {
      result.acks.push({ localSeqNum: u.localSeqNum, serverSeqNum: earlier.serverSeqNum });
      continue;
    }
    const after = u.afterServerSeqNum > log.length ? 0 : u.afterServerSeqNum;
    const conflicting = log.filter(
      (v) =>
        v.updateKey === u.updateKey &&
        v.serverSeqNum > after &&
        v.locationName !== location &&
        !jsonEqual(v.updateValue, u.updateValue),
    );
    if (conflicting.some((v) => (priorityOf(v.locationName) ?? -Infinity) >= own)) {
      result.rejected.push({ localSeqNum: u.localSeqNum, conflict: true, reason: 'conflict' });
      if (!lostKeys.includes(u.updateKey)) lostKeys.push(u.updateKey);
      continue;
    }
    const serverSeqNum = log.length + 1;
    const { updateKey, updateValue, localSeqNum } = u;
    log.push({
      updateKey,
      updateValue,
      serverSeqNum,
      locationName: location,
      sessionId,
      localSeqNum,
    });
    result.acks.push({ localSeqNum: u.localSeqNum, serverSeqNum });
    if (conflicting.length > 0) result.overruled++;
  }
  for (const key of lostKeys) {
    const current = log.findLast((v) => v.updateKey === key);
    if (current !== undefined) result.winners.push(relayed(current));
  }
  return result;
}

test('property: every judgement equals the naive reading of the spec', () => {
  const judged = { overruled: 0, conflicts: 0, invalid: 0, repeatedAcks: 0 };
  const step = fc.record({
    session: fc.nat(5), // sessions 0..4 sit at loc0..loc3 (two share one); 5 is not an endpoint
    keys: fc.array(fc.nat(MODEL_KEYS.length - 1), { minLength: 1, maxLength: 4 }),
    values: fc.array(valueArbitrary, { minLength: 4, maxLength: 4 }),
    lag: fc.integer({ min: -2, max: 6 }), // afterServerSeqNum = head - lag (negative: beyond head)
    // One step in five re-sends an earlier batch; one in ten restarts from the persisted log.
    resend: fc.oneof(
      { weight: 4, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.nat() },
    ),
    restart: fc.nat(9).map((n) => n === 0),
  });
  fc.assert(
    fc.property(
      prioritiesArbitrary,
      fc.array(step, { minLength: 5, maxLength: 60, size: 'medium' }),
      (priorities, steps) => {
        const endpoints = endpointsOf(priorities);
        let sequencer = new MeetSequencer(endpoints);
        const log: StoredUpdate[] = [];
        const persisted: StoredUpdate[] = [];
        const sent: { session: number; batch: ClientUpdate[] }[] = [];
        const nextLocal = [1, 1, 1, 1, 1, 1];
        for (const s of steps) {
          let session = s.session;
          let batch: ClientUpdate[];
          if (s.resend !== null && sent.length > 0) {
            const old = sent[s.resend % sent.length]!;
            ({ session, batch } = old);
          } else {
            const after = Math.max(0, log.length - s.lag);
            batch = s.keys.map((k, i) => ({
              localSeqNum: nextLocal[session]!++,
              updateKey: MODEL_KEYS[k]!,
              updateValue: s.values[i] ?? null,
              afterServerSeqNum: after,
            }));
            sent.push({ session, batch });
          }
          const location = session === 5 ? 'lobby' : `loc${Math.min(session, 3)}`;
          const expected = naiveSubmit(log, endpoints, `s${session}`, location, batch);
          const outcome = sequencer.submit(`s${session}`, location, batch);
          assert.deepEqual(
            {
              acks: outcome.acks,
              rejected: outcome.rejected,
              winners: outcome.winners,
              overruled: outcome.overruled,
            },
            expected,
          );
          persisted.push(...outcome.appended);
          assert.deepEqual(persisted, log);
          judged.overruled += outcome.overruled;
          judged.conflicts += outcome.rejected.filter((r) => r.conflict).length;
          judged.invalid += outcome.rejected.filter((r) => !r.conflict).length;
          judged.repeatedAcks += outcome.acks.length - outcome.appended.length;
          if (s.restart) sequencer = new MeetSequencer(endpoints, persisted);
        }
        assert.deepEqual(sequencer.entriesAfter(0), log.map(relayed));
      },
    ),
    { numRuns: 200 },
  );
  for (const [what, count] of Object.entries(judged)) assert.ok(count > 0, `no ${what} happened`);
});
