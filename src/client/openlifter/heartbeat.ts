// The sync engine's dead-connection detection. Browsers cannot see the server's WebSocket pings
// (Hearth adds PING/PONG to the protocol for this), so a half-open connection (the venue Wi-Fi gone without
// a FIN) would look open until TCP gives up, minutes later, while edits go nowhere. The shared
// socket's application heartbeat abandons a connection on which no frame at all arrived for
// `heartbeatTimeoutMs`; the probes sent every `heartbeatIntervalMs` make a live server talk.

import type { HeartbeatOptions } from '../reconnecting-socket.ts';
import type { IncomingData } from '../reconnecting-socket-events.ts';
import { pullFrame } from './outgoing-frames.ts';
import type { SyncContext } from './sync-context.ts';

/** The probe when there is nothing to pull with: Hearth's PING, answered at once by PONG. */
export const PROBE_MSG_TYPE = 'PING';

const NO_OP_PROBE = JSON.stringify({ msgType: PROBE_MSG_TYPE });
const PONG = JSON.stringify({ msgType: 'PONG' });

/** The socket's heartbeat for this engine; undefined when the options turn it off (0). */
export function engineHeartbeat(ctx: SyncContext): HeartbeatOptions | undefined {
  const { heartbeatIntervalMs: intervalMs, heartbeatTimeoutMs: timeoutMs } = ctx.settings;
  if (intervalMs === 0 || timeoutMs === 0) return undefined;
  // No `isPong` for the pulls: their answers are ordinary messages (a probe can find entries a
  // lost relay never brought), and the socket counts every frame as liveness anyway.
  return { intervalMs, timeoutMs, ping: () => probe(ctx), isPong: isNoOpProbeAnswer };
}

/**
 * The frame a heartbeat sends. Synced and idle: CLIENT_PULL at the engine's head, which the
 * server always answers with SERVER_PULL and which also brings any entry whose relay was lost.
 * Otherwise a pull could do harm or is already under way: without a session (a create or join in
 * flight, or none) there is nothing to pull with; while resyncing, pulling pages, or in flight,
 * another pull would only duplicate a page; during a RATE_LIMITED pause it would be dropped.
 * Then the no-op probe goes instead, and its answer is swallowed by `isNoOpProbeAnswer`.
 */
export function probe(ctx: SyncContext): string {
  const token = ctx.sessionToken;
  const idle = ctx.phase === 'ready' && ctx.pullsInFlight === 0 && ctx.retryTimer === undefined;
  if (token === undefined || !idle) return NO_OP_PROBE;
  // The socket sends what this returns at once (sendNow), so it is in flight from here.
  ctx.pullsInFlight++;
  return pullFrame(token, ctx.replica.log.head);
}

/** The server's PONG (the answer to the no-op probe, and to nothing else). */
export function isNoOpProbeAnswer(data: IncomingData): boolean {
  return data === PONG;
}
