// What the sync engine does with each server message: access answers, acks, rejections (with
// conflicts reported once their winner is in), relays and pull pages, recovery requests, invalid
// sessions, rate limits and the server's complaints. Functions over the engine's SyncContext.

import type {
  RelayedUpdate,
  ServerMessage,
  UpdateAckEntry,
  UpdateRejectedEntry,
} from '../../protocol/openlifter/messages.ts';
import type { IncomingData } from '../reconnecting-socket-events.ts';
import { MeetReplica } from './meet-replica.ts';
import { recoveryFrame } from './outgoing-frames.ts';
import { decodeServerFrame } from './server-frames.ts';
import {
  pullAnswered,
  requestFullPull,
  resumeAfterPause,
  startResync,
  watchGap,
} from './resync.ts';
import type { SyncContext } from './sync-context.ts';
import { MAX_TIMER_MS } from './sync-options.ts';
import {
  AcknowledgedEvent,
  MeetSyncError,
  PublishedEvent,
  RejectedEvent,
  SessionInvalidEvent,
} from './sync-events.ts';

export function handleServerFrame(ctx: SyncContext, data: IncomingData): void {
  const decoded = decodeServerFrame(data);
  if (!decoded.ok) {
    ctx.emitError(new MeetSyncError('bad-server-frame', decoded.error));
    return;
  }
  // The previous frame's lost conflicts wait for this one: the server sends the winners
  // right behind the rejection, so the events can carry them.
  const conflicts = ctx.takeConflicts();
  handleServerMessage(ctx, decoded.message);
  ctx.emitConflicts(conflicts);
}

function handleServerMessage(ctx: SyncContext, message: ServerMessage): void {
  switch (message.msgType) {
    case 'MEET_CREATED':
      accessGranted(ctx, message.meetId, message.sessionToken, undefined);
      return;
    case 'MEET_JOINED':
      accessGranted(ctx, message.meetId, message.sessionToken, message.lastServerSeq);
      return;
    case 'CREATE_REJECTED':
    case 'JOIN_REJECTED': {
      const code = message.msgType === 'CREATE_REJECTED' ? 'create-rejected' : 'join-rejected';
      ctx.access?.reject(new MeetSyncError(code, message.reason));
      ctx.access = undefined;
      return;
    }
    case 'UPDATE_ACK':
      acknowledged(ctx, message.updateAcks);
      return;
    case 'UPDATE_REJECTED':
      rejected(ctx, message.updatesRejected);
      return;
    case 'UPDATE_RELAY':
      relayed(ctx, message.updatesRelayed);
      return;
    case 'SERVER_PULL':
      pulled(ctx, message.updatesRelayed, message.lastServerSeq);
      return;
    case 'PUBLISH_ACK':
      ctx.outbox.publishAcknowledged(message.meetId);
      ctx.dispatch(new PublishedEvent(message.meetId));
      return;
    case 'RECOVERY_REQUEST':
      recoveryRequested(ctx, message.lastServerSeq);
      return;
    case 'MALFORMED_MESSAGE':
      complaint(ctx, new MeetSyncError('malformed-message', `server: ${message.errMsg}`));
      return;
    case 'UNKNOWN_MESSAGE_TYPE':
      complaint(
        ctx,
        new MeetSyncError('unknown-message-type', `server: unknown ${message.unknownMsgType}`),
      );
      return;
    case 'INVALID_SESSION':
      sessionInvalid(ctx, message.sessionToken);
      return;
    case 'RATE_LIMITED':
      rateLimited(ctx, message.retryAfterMs);
      return;
  }
}

/** MEET_CREATED (`joinedHead` undefined) or MEET_JOINED. */
function accessGranted(
  ctx: SyncContext,
  meetId: string,
  sessionToken: string,
  joinedHead: number | undefined,
): void {
  const access = ctx.access;
  if (access === undefined) return;
  ctx.access = undefined;
  // Only a re-join of the meet held here keeps its log and pending edits.
  if (joinedHead === undefined || meetId !== ctx.meetId) {
    ctx.replica = new MeetReplica();
    ctx.needsFullPull = false;
  }
  // Pulls of an earlier session on this connection (a re-join after INVALID_SESSION) are over.
  ctx.serverHead = undefined;
  ctx.wholeLog = undefined;
  ctx.meetId = meetId;
  ctx.sessionToken = sessionToken;
  ctx.locationName = access.locationName;
  if (access.locationName === undefined) ctx.replica.clearPending();
  if ((joinedHead ?? 0) < ctx.replica.log.highest) ctx.needsFullPull = true;
  ctx.saver.markChanged();
  ctx.emitState('load');
  ctx.emitPending();
  access.resolve({ meetId, sessionToken, displayOnly: access.locationName === undefined });
  startResync(ctx);
}

function acknowledged(ctx: SyncContext, acks: readonly UpdateAckEntry[]): void {
  if (ctx.locationName === undefined) return;
  const { acked, mismatch } = ctx.replica.applyAcks(acks, ctx.locationName);
  if (mismatch) requestFullPull(ctx);
  if (acked.length === 0) return;
  for (const update of acked) ctx.outbox.settled(update.localSeqNum);
  ctx.saver.markChanged();
  ctx.emitState('ack');
  ctx.emitPending();
  ctx.dispatch(new AcknowledgedEvent(acked));
  watchGap(ctx);
}

function rejected(ctx: SyncContext, rejections: readonly UpdateRejectedEntry[]): void {
  const updates = ctx.replica.applyRejections(rejections);
  if (updates.length === 0) return;
  for (const update of updates) ctx.outbox.settled(update.localSeqNum);
  ctx.saver.markChanged();
  ctx.emitState('reject');
  ctx.emitPending();
  ctx.conflicts.push(...updates.filter((update) => update.conflict));
  const others = updates.filter((update) => !update.conflict);
  if (others.length > 0) ctx.dispatch(new RejectedEvent(others));
  if (others.some((update) => update.reason === 'display-only session')) {
    ctx.emitError(new MeetSyncError('display-only', 'the server refused edits as display-only'));
  }
}

/** UPDATE_RELAY: entries appended by others, a lost conflict's winner, or a rebuilt log. */
function relayed(ctx: SyncContext, entries: readonly RelayedUpdate[]): void {
  if (ctx.sessionToken === undefined) return;
  const { added, held, mismatch } = ctx.replica.applyServerEntries(entries);
  if (added > 0) ctx.saver.markChanged();
  // A relay goes out once, when its entry is appended; relayed entries this engine already
  // held while its resync pulls are unanswered are a rebuilt log being sent out. The server
  // lost state, and numbers it reused before rebuilding would not show in any pull. (A pull
  // that raced the relay of a new entry looks the same; that costs one needless full pull.)
  const rebuilt = ctx.phase === 'pulling' && held > 0;
  if (mismatch || rebuilt) requestFullPull(ctx);
  ctx.emitState('relay');
  watchGap(ctx);
}

/**
 * SERVER_PULL: one page of the log after the number pulled from, and the server's head. While
 * the whole log is being gathered, a page that continues it goes there (and replaces the log
 * once it reaches the head); any other page is applied to the log as it is.
 */
function pulled(ctx: SyncContext, entries: readonly RelayedUpdate[], serverHead: number): void {
  if (ctx.sessionToken === undefined) return;
  ctx.serverHead = serverHead;
  const outcome = ctx.needsFullPull ? ctx.wholeLog?.offer(entries, serverHead) : undefined;
  if (outcome === 'complete' && ctx.wholeLog !== undefined) {
    // The server lost state; its log, rebuilt from the clients, is what everyone converges on.
    ctx.replica.replaceLog(ctx.wholeLog.entries);
    ctx.wholeLog = undefined;
    ctx.needsFullPull = false;
    ctx.saver.markChanged();
  } else if (outcome !== 'more') {
    const log = ctx.replica.log;
    const { added, mismatch } = ctx.replica.applyServerEntries(entries);
    if (added > 0) ctx.saver.markChanged();
    // Everything received on this connection is at or below the announced head, so holding
    // more means the server lost entries: offer it the rest of ours, or else adopt what it has.
    const behind = serverHead < log.highest;
    if (behind && ctx.recoveryIncomplete) ctx.sendPull(log.head);
    else if (mismatch || behind) requestFullPull(ctx);
  }
  ctx.emitState('pull');
  pullAnswered(ctx);
}

/** Answer with every entry above what the server still has, then re-check against its log. */
function recoveryRequested(ctx: SyncContext, serverHead: number): void {
  const token = ctx.sessionToken;
  if (token === undefined || ctx.locationName === undefined) return;
  const log = ctx.replica.log;
  const { frame, complete } = recoveryFrame(token, log.head, log.entriesAfter(serverHead));
  ctx.send(frame);
  ctx.recoveryIncomplete = !complete;
  // Entries the server appended after losing its tail may differ from ours at the same numbers,
  // which no later pull would show: once it is rebuilt, adopt its whole log.
  if (complete) requestFullPull(ctx);
}

/** MALFORMED_MESSAGE / UNKNOWN_MESSAGE_TYPE: a bug on one side; it answers a create/join if any. */
function complaint(ctx: SyncContext, error: MeetSyncError): void {
  // Without a session, the only thing sent is the create/join.
  if (ctx.access !== undefined && ctx.sessionToken === undefined) {
    ctx.access.reject(error);
    ctx.access = undefined;
  } else ctx.emitError(error);
}

function sessionInvalid(ctx: SyncContext, token: string): void {
  if (token !== ctx.sessionToken) return; // about a token this engine no longer uses
  ctx.sessionToken = undefined;
  ctx.phase = 'down';
  ctx.outbox.publishFailed(new MeetSyncError('session-invalid', 'the session is no longer valid'));
  ctx.saver.markChanged();
  ctx.setStatus('offline');
  ctx.dispatch(new SessionInvalidEvent(ctx.meetId));
}

/** Some frame was dropped, which one is not said: hold edits, then redo what was in flight. */
function rateLimited(ctx: SyncContext, retryAfterMs: number): void {
  clearTimeout(ctx.retryTimer);
  const conn = ctx.conn;
  ctx.retryTimer = setTimeout(
    () => {
      ctx.retryTimer = undefined;
      if (conn === ctx.conn) resumeAfterPause(ctx); // a new connection starts over anyway
    },
    Math.min(retryAfterMs, MAX_TIMER_MS),
  );
}
