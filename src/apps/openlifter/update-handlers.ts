// UPDATE_INIT, CLIENT_PULL and PUBLISH_MEET: session checks, sequencing through the meet's
// sequencer, acknowledging only once the log is durable, relaying to the meet's other
// connections, and detecting a server that lost state (a client knows more than its log).
// On a store several nodes share, a batch is sequenced under the meet's cluster-wide lock
// (shared-meets.ts) and a node catches up on the true log before judging what a client knows.

import {
  UpdateRejectReason,
  type ClientPullMessage,
  type PublishMeetMessage,
  type UpdateAckEntry,
  type UpdateInitMessage,
  type UpdateRejectedEntry,
} from '../../protocol/openlifter/messages.ts';
import { resolveSession } from './meet-binding.ts';
import type { LiveMeet, MeetConnection } from './live-meet.ts';
import type { BatchOutcome } from './meet-sequencer.ts';
import type { SharedMeets } from './shared-meets.ts';
import { MeetStoreError, MeetStoreErrorCode } from './store.ts';
import { parkOrRun, startRecovery } from './meet-recovery.ts';
import type { OpenLifterRuntime } from './runtime.ts';
import type { StoredSession } from './store.ts';
import { persist, publishRelays, relayed } from './durable-log.ts';
import { firstPage } from './log-pages.ts';
import { parseUpdateKey } from '../../protocol/openlifter/update-key.ts';
import { send } from './wire.ts';

export function handleUpdateInit(
  runtime: OpenLifterRuntime,
  connection: MeetConnection,
  message: UpdateInitMessage,
): Promise<void> | undefined {
  for (const update of message.updates) {
    const key = parseUpdateKey(update.updateKey);
    if (!key.ok) {
      send(connection, {
        msgType: 'MALFORMED_MESSAGE',
        errMsg: `UPDATE_INIT: updateKey "${update.updateKey.slice(0, 64)}": ${key.error}`,
      });
      return undefined;
    }
  }
  const resolved = resolveSession(runtime, connection, message.sessionToken);
  if (resolved === undefined) return undefined;
  const { meet, session } = resolved;
  if (runtime.shared !== undefined) {
    return updateShared(runtime, runtime.shared, connection, meet, session, message);
  }
  if (knowsMore(meet, message)) startRecovery(runtime, meet);
  return parkOrRun(runtime, meet, connection, () =>
    applyBatch(runtime, connection, meet, session, message),
  );
}

function knowsMore(meet: LiveMeet, message: UpdateInitMessage): boolean {
  return message.updates.some((update) => update.afterServerSeqNum > meet.sequencer.head);
}

/** A client that seems to know more may only know what other nodes appended: catch up first. */
async function updateShared(
  runtime: OpenLifterRuntime,
  shared: SharedMeets,
  connection: MeetConnection,
  meet: LiveMeet,
  session: StoredSession,
  message: UpdateInitMessage,
): Promise<void> {
  if (knowsMore(meet, message)) {
    await shared.catchUp(meet);
    if (knowsMore(meet, message)) startRecovery(runtime, meet);
  }
  await parkOrRun(runtime, meet, connection, () =>
    applySharedBatch(runtime, shared, connection, meet, session, message),
  );
}

async function applySharedBatch(
  runtime: OpenLifterRuntime,
  shared: SharedMeets,
  connection: MeetConnection,
  meet: LiveMeet,
  session: StoredSession,
  message: UpdateInitMessage,
): Promise<void> {
  let refusal: string | undefined;
  let outcome: BatchOutcome | undefined;
  await shared.sequence(meet, connection, () => {
    // Judged under the lock: `finished` and the log are as every node sees them.
    refusal = refusalFor(meet, session);
    if (refusal !== undefined) return [];
    runtime.metrics.batchSize.observe(message.updates.length);
    outcome = meet.sequencer.submit(session.sessionId, session.locationName ?? '', message.updates);
    return outcome.appended;
  });
  if (refusal !== undefined) {
    await refuseBatch(runtime, connection, meet, session, message, refusal);
  } else if (outcome !== undefined) {
    // Relayed by `sequence` already, here and to the other nodes.
    reportOutcome(runtime, connection, outcome);
  }
}

async function applyBatch(
  runtime: OpenLifterRuntime,
  connection: MeetConnection,
  meet: LiveMeet,
  session: StoredSession,
  message: UpdateInitMessage,
): Promise<void> {
  const refusal = refusalFor(meet, session);
  if (refusal !== undefined) {
    await refuseBatch(runtime, connection, meet, session, message, refusal);
    return;
  }
  runtime.metrics.batchSize.observe(message.updates.length);
  const outcome = meet.sequencer.submit(
    session.sessionId,
    session.locationName ?? '',
    message.updates,
  );
  if (outcome.appended.length > 0) {
    await persist(runtime, meet, outcome.appended);
  } else {
    // Re-sent updates are acknowledged again only once their first write is durable too.
    await meet.whenDurable();
  }
  reportOutcome(runtime, connection, outcome);
  if (outcome.appended.length > 0) {
    publishRelays(runtime, meet, outcome.appended.map(relayed), connection);
  }
}

/** Metrics, then UPDATE_ACK, UPDATE_REJECTED and the winners of lost conflicts to the sender. */
function reportOutcome(
  runtime: OpenLifterRuntime,
  connection: MeetConnection,
  outcome: BatchOutcome,
): void {
  runtime.metrics.updatesAccepted.inc(outcome.appended.length);
  if (outcome.overruled > 0) {
    runtime.metrics.conflictsResolved.inc({ outcome: 'overruled' }, outcome.overruled);
  }
  for (const rejected of outcome.rejected) {
    runtime.metrics.updatesRejected.inc({
      reason: rejected.conflict ? 'conflict' : rejected.reason,
    });
    if (rejected.conflict) runtime.metrics.conflictsResolved.inc({ outcome: 'rejected' });
  }
  if (outcome.acks.length > 0)
    send(connection, { msgType: 'UPDATE_ACK', updateAcks: outcome.acks });
  if (outcome.rejected.length > 0) {
    send(connection, { msgType: 'UPDATE_REJECTED', updatesRejected: outcome.rejected });
  }
  if (outcome.winners.length > 0) {
    send(connection, { msgType: 'UPDATE_RELAY', updatesRelayed: outcome.winners });
  }
}

/**
 * The whole batch is refused (display-only session, finished meet), except updates this session
 * already had accepted: a re-send gets its original ack, as the spec promises for repeats.
 */
async function refuseBatch(
  runtime: OpenLifterRuntime,
  connection: MeetConnection,
  meet: LiveMeet,
  session: StoredSession,
  message: UpdateInitMessage,
  reason: string,
): Promise<void> {
  const updateAcks: UpdateAckEntry[] = [];
  const updatesRejected: UpdateRejectedEntry[] = [];
  for (const { localSeqNum } of message.updates) {
    const serverSeqNum = meet.sequencer.previousAck(session.sessionId, localSeqNum);
    if (serverSeqNum === undefined) updatesRejected.push({ localSeqNum, conflict: false, reason });
    else updateAcks.push({ localSeqNum, serverSeqNum });
  }
  if (updateAcks.length > 0) {
    await meet.whenDurable();
    send(connection, { msgType: 'UPDATE_ACK', updateAcks });
  }
  if (updatesRejected.length > 0) {
    runtime.metrics.updatesRejected.inc({ reason }, updatesRejected.length);
    send(connection, { msgType: 'UPDATE_REJECTED', updatesRejected });
  }
}

function refusalFor(meet: LiveMeet, session: StoredSession): string | undefined {
  if (session.locationName === undefined) return UpdateRejectReason.DisplayOnly;
  if (meet.finished) return UpdateRejectReason.MeetFinished;
  return undefined;
}

export function handleClientPull(
  runtime: OpenLifterRuntime,
  connection: MeetConnection,
  message: ClientPullMessage,
): Promise<void> | undefined {
  const resolved = resolveSession(runtime, connection, message.sessionToken);
  if (resolved === undefined) return undefined;
  const { meet } = resolved;
  if (runtime.shared !== undefined)
    return pullShared(runtime, runtime.shared, connection, meet, message);
  if (message.lastServerSeq > meet.sequencer.head) startRecovery(runtime, meet);
  return parkOrRun(runtime, meet, connection, () => answerPull(connection, meet, message));
}

async function answerPull(
  connection: MeetConnection,
  meet: LiveMeet,
  message: ClientPullMessage,
): Promise<void> {
  await meet.whenDurable();
  send(connection, {
    msgType: 'SERVER_PULL',
    lastServerSeq: meet.sequencer.head,
    updatesRelayed: firstPage(meet.sequencer.entriesAfter(message.lastServerSeq)),
  });
}

/** The answer comes from the true log: catch up first (the puller gets it in the answer). */
async function pullShared(
  runtime: OpenLifterRuntime,
  shared: SharedMeets,
  connection: MeetConnection,
  meet: LiveMeet,
  message: ClientPullMessage,
): Promise<void> {
  await shared.catchUp(meet, connection);
  if (message.lastServerSeq > meet.sequencer.head) startRecovery(runtime, meet);
  await parkOrRun(runtime, meet, connection, () => answerPull(connection, meet, message));
}

export function handlePublishMeet(
  runtime: OpenLifterRuntime,
  connection: MeetConnection,
  message: PublishMeetMessage,
): Promise<void> | undefined {
  const resolved = resolveSession(runtime, connection, message.sessionToken);
  if (resolved === undefined) return undefined;
  const { meet, session } = resolved;
  if (session.locationName === undefined) {
    // The protocol has no PUBLISH_REJECTED; INVALID_SESSION would make the client drop a
    // session that is still good for pulling, so this is answered as a misuse of the protocol.
    send(connection, {
      msgType: 'MALFORMED_MESSAGE',
      errMsg: 'PUBLISH_MEET: a display-only session cannot publish',
    });
    return undefined;
  }
  return parkOrRun(runtime, meet, connection, async () => {
    if (!meet.finished) {
      // Finished from this moment: batches arriving while the files move are refused with
      // "meet finished" instead of racing the move; ones already sequenced are awaited.
      meet.finished = true;
      try {
        await meet.whenDurable();
        await runtime.store.publishMeet(meet.meetId, message.oplCsv, message.returnEmail);
      } catch (error) {
        // Published already through another node (shared store): as good as done here.
        const elsewhere =
          runtime.shared !== undefined &&
          error instanceof MeetStoreError &&
          error.code === MeetStoreErrorCode.MeetFinished;
        if (!elsewhere) {
          meet.finished = false;
          throw error;
        }
      }
      runtime.logger.info({ meet: meet.meetId }, 'meet published');
    }
    send(connection, { msgType: 'PUBLISH_ACK', meetId: meet.meetId });
  });
}
