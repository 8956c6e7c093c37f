// The connection side of syncing: what happens when a connection opens or drops, the resync
// (pull page by page until caught up, then re-send every pending edit, then 'online'), full pulls
// of the server's whole log after it lost state, and pulls that fill a gap an ack or relay in
// flight did not fill. A SERVER_PULL carries at most one page of the log (the server's
// MAX_PULL_PAGE_BYTES) but announces the server's head, so every pull may need follow-ups.

import type { SyncContext } from './sync-context.ts';
import { WholeLogPull } from './whole-log-pull.ts';

/** A new WebSocket is open: answer a create/join in flight, or resync the session. */
export function connectionOpened(ctx: SyncContext): void {
  ctx.newConnection();
  if (ctx.access !== undefined) ctx.send(ctx.access.frame);
  else startResync(ctx);
}

export function connectionLost(ctx: SyncContext): void {
  ctx.newConnection();
  clearTimeout(ctx.gapTimer);
  ctx.gapTimer = undefined;
  clearTimeout(ctx.retryTimer);
  ctx.retryTimer = undefined;
  // Their winners cannot arrive on this connection any more.
  ctx.emitConflicts(ctx.takeConflicts());
  if (ctx.sessionToken !== undefined) ctx.setStatus('offline');
}

/**
 * Pull first (after lastServerSeq, or the whole log if the server lost state); each SERVER_PULL
 * that answers goes through `pullAnswered`, which pulls the next page while the engine is behind
 * and calls `finishResync` once it has caught up. No edit goes out before that: the outbox only
 * sends in phase 'ready'.
 */
export function startResync(ctx: SyncContext): void {
  if (ctx.sessionToken === undefined || ctx.socket?.state !== 'open') return;
  ctx.outbox.newRound();
  ctx.phase = 'pulling';
  // Also after a RATE_LIMITED pause: whichever pull was dropped, this one replaces it.
  ctx.pullsInFlight = 0;
  ctx.setStatus('resyncing');
  if (ctx.needsFullPull) pullWholeLog(ctx);
  else ctx.sendPull(ctx.replica.log.head);
}

/** Caught up with the server: send every pending edit (and a publish), then report 'online'. */
function finishResync(ctx: SyncContext): void {
  ctx.phase = 'ready';
  const conn = ctx.conn;
  watchGap(ctx);
  void ctx.outbox.pump().then(() => {
    if (conn === ctx.conn && ctx.phase === 'ready') ctx.setStatus('online');
  });
}

/**
 * A SERVER_PULL was applied. Once no other pull is in flight: pull the next page while the log is
 * behind the head the server announced (or the whole log is still being gathered); else the
 * resync is over, or, when already ready, a gap is watched.
 */
export function pullAnswered(ctx: SyncContext): void {
  ctx.pullsInFlight = Math.max(0, ctx.pullsInFlight - 1);
  // During a RATE_LIMITED pause nothing goes out; the pause's end pulls again if still behind.
  if (ctx.pullsInFlight > 0 || ctx.retryTimer !== undefined) return;
  if (pullNextPage(ctx)) return;
  if (ctx.phase === 'pulling') finishResync(ctx);
  else watchGap(ctx);
}

/** Sends the pull that brings the engine closer to the server's head; false if none is needed. */
function pullNextPage(ctx: SyncContext): boolean {
  if (ctx.needsFullPull) {
    pullWholeLog(ctx);
    return true;
  }
  const head = ctx.replica.log.head;
  if (ctx.serverHead === undefined || head >= ctx.serverHead) return false;
  ctx.sendPull(head);
  return true;
}

/**
 * After a RATE_LIMITED pause: whatever was dropped goes again, in as few frames as possible (a
 * retry that costs more frames than the pause refilled would be dropped again, forever).
 */
export function resumeAfterPause(ctx: SyncContext): void {
  if (ctx.access !== undefined) {
    ctx.send(ctx.access.frame);
  } else if (ctx.phase === 'pulling') {
    startResync(ctx);
  } else if (ctx.phase === 'ready') {
    ctx.outbox.newRound();
    ctx.pullsInFlight = 0;
    if (!pullNextPage(ctx)) watchGap(ctx);
    void ctx.outbox.pump();
  }
}

/** The server lost state: pull its whole log, page by page, and adopt it. */
export function requestFullPull(ctx: SyncContext): void {
  if (!ctx.needsFullPull) {
    ctx.needsFullPull = true;
    ctx.saver.markChanged();
  }
  // One assembly per connection at a time; the answers to its pages drive it on.
  if (ctx.phase !== 'down' && ctx.wholeLog === undefined) pullWholeLog(ctx);
}

/** Starts gathering the whole log on this connection, or pulls the page it is missing next. */
function pullWholeLog(ctx: SyncContext): void {
  ctx.wholeLog ??= new WholeLogPull();
  ctx.sendPull(ctx.wholeLog.next);
}

/** A gap that stays open for `gapPullDelayMs` is filled by a pull. */
export function watchGap(ctx: SyncContext): void {
  if (ctx.gapTimer !== undefined || ctx.phase !== 'ready' || !ctx.replica.log.hasGap) return;
  const conn = ctx.conn;
  ctx.gapTimer = setTimeout(() => {
    ctx.gapTimer = undefined;
    // A pull in flight fills the gap or, answered, watches it again; so does a pause's end.
    if (conn !== ctx.conn || ctx.pullsInFlight > 0 || ctx.retryTimer !== undefined) return;
    if (!ctx.replica.log.hasGap) return;
    ctx.sendPull(ctx.replica.log.head);
  }, ctx.settings.gapPullDelayMs);
}
