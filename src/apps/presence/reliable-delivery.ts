// Reliable messages in protobuf mode (chat, entity spawn/update/despawn): each gets a server
// message id (unique in the cluster: it starts with the node id) and is framed once; every
// recipient's session remembers it until that client acknowledges it, the retry timer resends it
// every interval up to the retry limit, and a client away within its grace period gets it (with
// everything else pending) when it reconnects.
//
// With several nodes the message also goes over the bus to every node following the room, and
// each node queues it for its own clients: acks, retries and the pending cap stay on the node
// the receiver is connected to. A client that comes back on another node gets what its old node
// kept for it handed over (`adoptHandedOver`).

import { prepareFrame, type PreparedFrame } from '../../core/prepared-frame.ts';
import { encodeMessage } from '../../protocol/presence/codec.ts';
import type { MessageInit } from '../../protocol/presence/messages.ts';
import type { ClientSession, PresenceConnection, PresenceRuntime } from './runtime.ts';
import { worldTopic } from './runtime.ts';
import { encodeWorldEvent, toBase64 } from './world-wire.ts';

/** Sends a reliable message to every protobuf client of the room but one, on every node. */
export function deliverReliable(
  runtime: PresenceRuntime,
  roomId: string,
  exceptClientId: string | undefined,
  init: MessageInit,
): void {
  const id = runtime.nextMessageId();
  const bytes = encodeMessage({ ...init, messageId: id, timestamp: runtime.now() });
  deliverOnNode(runtime, roomId, exceptClientId, id, bytes);
  // The other nodes queue it for their clients (see world-replication.ts: bus only).
  runtime.pubsub.broadcast(
    worldTopic(roomId),
    encodeWorldEvent({ t: 'reliable', except: exceptClientId ?? '', frame: toBase64(bytes) }),
  );
}

/**
 * Queues an encoded reliable message (id `id`) for this node's protobuf clients of the room but
 * one, live or away: a message of this node, or one another node relayed.
 */
export function deliverOnNode(
  runtime: PresenceRuntime,
  roomId: string,
  exceptClientId: string | undefined,
  id: string,
  bytes: Uint8Array,
): void {
  const now = runtime.now();
  const frame = prepareFrame(bytes, true);
  for (const member of runtime.world.members(roomId)) {
    if (member.clientId !== exceptClientId) enqueue(runtime, member.session, id, frame, now);
  }
  for (const ghost of runtime.world.ghosts(roomId)) {
    enqueue(runtime, ghost.session, id, frame, now);
  }
}

/** Sends a reliable message to this node's clients of the room only (each node makes its own). */
export function deliverOnNodeOnly(
  runtime: PresenceRuntime,
  roomId: string,
  init: MessageInit,
): void {
  const id = runtime.nextMessageId();
  const bytes = encodeMessage({ ...init, messageId: id, timestamp: runtime.now() });
  deliverOnNode(runtime, roomId, undefined, id, bytes);
}

/** The EntityDespawn telling clients that an entity no longer exists. */
export function despawnedInit(entityId: string): MessageInit {
  return { payload: 'entityDespawn', entityDespawn: { entityId } };
}

/** A pending message as another node can take it over: its id and its protobuf bytes. */
export interface HandedOver {
  readonly id: string;
  readonly bytes: Uint8Array;
}

/** What a client's session holds, oldest first, for the node it came back on. */
export function handOver(session: ClientSession): HandedOver[] {
  return (session.queue?.entries() ?? []).map((message) => ({
    id: message.id,
    bytes: payloadOf(message.frame),
  }));
}

/**
 * Takes the pending messages another node kept for this client (and the ids of the client's own
 * messages it saw), sending them at once when the client is connected.
 */
export function adoptHandedOver(
  runtime: PresenceRuntime,
  session: ClientSession,
  messages: readonly HandedOver[],
  recent: readonly string[],
): void {
  const { queue, connection } = session;
  for (const id of recent) if (session.recent?.has(id) !== true) session.recent?.add(id);
  if (queue === undefined) {
    runtime.counters.reliableGivenUp.gone += messages.length;
    return;
  }
  const frames = messages.map((message) => ({
    id: message.id,
    frame: prepareFrame(message.bytes, true),
  }));
  const { adopted, evicted } = queue.adopt(frames, runtime.now(), connection !== undefined);
  runtime.counters.reliableGivenUp.overflow += evicted;
  if (connection === undefined) return;
  for (const message of adopted) {
    connection.sendFrame(message.frame);
    runtime.counters.reliableRedelivered++;
  }
}

/** The message inside a prepared frame (header stripped). */
function payloadOf(frame: PreparedFrame): Uint8Array {
  const { bytes } = frame;
  const length = bytes[1] ?? 0;
  const header = length < 126 ? 2 : length === 126 ? 4 : 10;
  return bytes.subarray(header);
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
  onExpired: (roomId: string, clientId: string, despawned: readonly string[]) => void,
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
    onExpired(expired.roomId, expired.ghost.clientId, expired.despawned);
  }
}

/** Unacknowledged messages of every client (for the gauge). */
export function pendingReliable(runtime: PresenceRuntime): number {
  let pending = 0;
  for (const session of runtime.world.sessions()) pending += session.queue?.size ?? 0;
  return pending;
}
