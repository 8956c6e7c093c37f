// Reliable messages in protobuf mode (chat, entity spawn/update/despawn): each gets a server
// message id and is framed once; every recipient's session remembers it until that client
// acknowledges it, the retry timer resends it every interval up to the retry limit, and a client
// away within its grace period gets it (with everything else pending) when it reconnects.

import { prepareFrame, type PreparedFrame } from '../../core/prepared-frame.ts';
import { encodeMessage } from '../../protocol/presence/codec.ts';
import type { MessageInit } from '../../protocol/presence/messages.ts';
import type { ClientSession, PresenceConnection, PresenceRuntime } from './runtime.ts';

/** Sends a reliable message to every protobuf client of the room but one, live or away. */
export function deliverReliable(
  runtime: PresenceRuntime,
  roomId: string,
  exceptClientId: string | undefined,
  init: MessageInit,
): void {
  const now = runtime.now();
  const id = runtime.nextMessageId();
  const frame = prepareFrame(encodeMessage({ ...init, messageId: id, timestamp: now }), true);
  for (const member of runtime.world.members(roomId)) {
    if (member.clientId !== exceptClientId) enqueue(runtime, member.session, id, frame, now);
  }
  for (const ghost of runtime.world.ghosts(roomId)) {
    enqueue(runtime, ghost.session, id, frame, now);
  }
}

function enqueue(
  runtime: PresenceRuntime,
  session: ClientSession,
  id: string,
  frame: PreparedFrame,
  now: number,
): void {
  const { queue, connection } = session;
  if (queue === undefined) return; // a relay-mode client: it gets relay traffic only
  const evicted = queue.add(id, frame, now, connection !== undefined);
  if (evicted !== undefined) runtime.counters.reliableGivenUp.overflow++;
  runtime.counters.reliableSent++;
  connection?.sendFrame(frame);
}

/** Acknowledges a client's own reliable message. */
export function sendAck(
  runtime: PresenceRuntime,
  connection: PresenceConnection,
  messageId: string,
): void {
  connection.send(encodeMessage({ payload: 'ack', timestamp: runtime.now(), ack: { messageId } }));
  runtime.counters.acksSent++;
}

/** A client acknowledged one of the server's reliable messages. */
export function receiveAck(runtime: PresenceRuntime, session: ClientSession, id: string): void {
  if (session.queue?.ack(id) === true) runtime.counters.acksReceived++;
}

/** Writes everything pending to a client that took its session back. */
export function redeliver(runtime: PresenceRuntime, session: ClientSession): void {
  const { queue, connection } = session;
  if (queue === undefined || connection === undefined) return;
  for (const message of queue.redeliver(runtime.now())) {
    connection.sendFrame(message.frame);
    runtime.counters.reliableRedelivered++;
  }
}

/** The retry timer's work: resend what is due, give up what is exhausted, end grace periods. */
export function retryTick(
  runtime: PresenceRuntime,
  onExpired: (roomId: string, despawned: readonly string[]) => void,
): void {
  const now = runtime.now();
  const { counters } = runtime;
  for (const session of runtime.live) {
    const { queue, connection } = session;
    if (queue === undefined || connection === undefined || queue.size === 0) continue;
    const due = queue.due(now);
    for (const message of due.resend) {
      connection.sendFrame(message.frame);
      counters.reliableRetries++;
    }
    counters.reliableGivenUp.retries += due.expired.length;
  }
  for (const expired of runtime.world.expire(now)) {
    counters.reliableGivenUp.gone += expired.ghost.session.queue?.clear() ?? 0;
    onExpired(expired.roomId, expired.despawned);
  }
}

/** Unacknowledged messages of every client (for the gauge). */
export function pendingReliable(runtime: PresenceRuntime): number {
  let pending = 0;
  for (const session of runtime.world.sessions()) pending += session.queue?.size ?? 0;
  return pending;
}
