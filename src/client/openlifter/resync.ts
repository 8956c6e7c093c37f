// The connection side of syncing: what happens when a connection opens or drops, the resync
// (pull first, then re-send every pending edit, then 'online'), full pulls after the server lost
// state, and pulls that fill a gap an ack or relay in flight did not fill.

import { pullFrame } from './outgoing-frames.ts';
import type { SyncContext } from './sync-context.ts';

/** A new WebSocket is open: answer a create/join in flight, or resync the session. */
export function connectionOpened(ctx: SyncContext): void {
  ctx.conn++;
  ctx.phase = 'down';
  if (ctx.access !== undefined) ctx.send(ctx.access.frame);
  else startResync(ctx);
}

export function connectionLost(ctx: SyncContext): void {
  ctx.conn++;
  ctx.phase = 'down';
  clearTimeout(ctx.gapTimer);
  ctx.gapTimer = undefined;
  clearTimeout(ctx.retryTimer);
  ctx.retryTimer = undefined;
  // Their winners cannot arrive on this connection any more.
  ctx.emitConflicts(ctx.takeConflicts());
  if (ctx.sessionToken !== undefined) ctx.setStatus('offline');
}

/**
 * Pull first (after lastServerSeq, or the whole log if the server lost state); the SERVER_PULL
 * that answers it calls `finishResync`. Nothing else goes out before it: the outbox only sends
 * in phase 'ready'.
 */
export function startResync(ctx: SyncContext): void {
  const token = ctx.sessionToken;
  if (token === undefined || ctx.socket?.state !== 'open') return;
  ctx.outbox.newRound();
  ctx.phase = 'pulling';
  ctx.fullPullConn = -1;
  ctx.setStatus('resyncing');
  if (ctx.needsFullPull) sendFullPull(ctx);
  else ctx.send(pullFrame(token, ctx.replica.log.head));
}

/** The pull is applied: send every pending edit (and a publish), then report 'online'. */
export function finishResync(ctx: SyncContext): void {
  ctx.phase = 'ready';
  const conn = ctx.conn;
  watchGap(ctx);
  void ctx.outbox.pump().then(() => {
    if (conn === ctx.conn && ctx.phase === 'ready') ctx.setStatus('online');
  });
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
    if (ctx.needsFullPull) {
      ctx.fullPullConn = -1;
      sendFullPull(ctx);
    }
    watchGap(ctx);
    void ctx.outbox.pump();
  }
}

/** The server lost state: pull its whole log (once per connection) and adopt it. */
export function requestFullPull(ctx: SyncContext): void {
  if (!ctx.needsFullPull) {
    ctx.needsFullPull = true;
    ctx.saver.markChanged();
  }
  if (ctx.phase !== 'down') sendFullPull(ctx);
}

function sendFullPull(ctx: SyncContext): void {
  if (ctx.fullPullConn === ctx.conn || ctx.sessionToken === undefined) return;
  if (ctx.send(pullFrame(ctx.sessionToken, 0))) ctx.fullPullConn = ctx.conn;
}

/** A gap that stays open for `gapPullDelayMs` is filled by a pull. */
export function watchGap(ctx: SyncContext): void {
  if (ctx.gapTimer !== undefined || ctx.phase !== 'ready' || !ctx.replica.log.hasGap) return;
  const conn = ctx.conn;
  ctx.gapTimer = setTimeout(() => {
    ctx.gapTimer = undefined;
    const token = ctx.sessionToken;
    if (conn !== ctx.conn || token === undefined || !ctx.replica.log.hasGap) return;
    ctx.send(pullFrame(token, ctx.replica.log.head));
  }, ctx.settings.gapPullDelayMs);
}
