// Opening an authenticated chat connection: the per-user connection cap, then AuthSuccess, a
// PresenceUpdate per room, the missed messages and SyncComplete, with the room subscriptions
// taken in the same synchronous step as the last read, so nothing is missed or sent twice.

import { CloseCode } from '../../protocol/close-codes.ts';
import { cutPage, raiseFloors, type Floors } from './recovery.ts';
import { roomTopic, type ChatConnection } from './live-connections.ts';
import type { ChatRuntime } from './runtime.ts';
import type { MembershipView, MessageRecord } from './store.ts';
import { formatMessageId } from '../../protocol/chat/message-id.ts';
import { encode, newMessageFrame, send, wireRoom, wireUser } from './wire.ts';

/** Times a connection restarts its opening because memberships changed meanwhile. */
const MAX_OPEN_ATTEMPTS = 3;

interface Prepared {
  readonly rooms: MembershipView[];
  readonly memberIds: ReadonlyMap<string, string[]>;
  readonly overflow: number;
  readonly floors: Floors;
  readonly online: ReadonlyMap<string, string[]>;
  readonly head: number;
  readonly fetched: MessageRecord[];
}

/** A message ready to send: recovery reads frames from the feed or encodes them once. */
interface Outgoing {
  readonly id: number;
  readonly roomId: string;
  readonly frame: string;
}

export async function openConnection(
  runtime: ChatRuntime,
  connection: ChatConnection,
): Promise<void> {
  const user = connection.state.user;
  if (user === undefined) throw new Error('opening an unauthenticated chat connection');
  // Counted on every node: the slot is taken before anything is sent.
  const release = await runtime.userConnections.acquire(user.id, connection.id);
  if (release === undefined) {
    runtime.metrics.limitHit('connections_per_user');
    send(connection, {
      type: 'Error',
      data: {
        code: 'too_many_connections',
        message: `at most ${runtime.config.limits.connections_per_user} connections per user`,
      },
    });
    connection.close(CloseCode.RateLimited, 'too many connections');
    return;
  }
  connection.state.releaseUserSlot = release;
  // Closed while the slot was being taken: onClose has run and found nothing to release.
  if (connection.state.phase === 'closed') {
    release();
    return;
  }
  let prepared: Prepared | undefined;
  for (let attempt = 1; prepared === undefined; attempt++) {
    const epoch = runtime.live.epoch;
    const candidate = await prepare(runtime, connection);
    if (!connection.isOpen) return;
    // A room joined or left while this ran: read again, so the subscriptions match the store.
    if (runtime.live.epoch === epoch || attempt >= MAX_OPEN_ATTEMPTS) prepared = candidate;
  }
  deliver(runtime, connection, prepared);
  await announce(runtime, connection, prepared);
}

/** Everything asynchronous the opening needs, read before any frame is sent. */
async function prepare(runtime: ChatRuntime, connection: ChatConnection): Promise<Prepared> {
  const { store, config } = runtime;
  const userId = connection.state.user?.id ?? '';
  const all = await store.memberships(userId);
  // Past the per-connection cap, the rooms with the latest messages are the ones subscribed.
  all.sort((a, b) => b.lastMessageId - a.lastMessageId || a.room.createdAt - b.room.createdAt);
  const rooms = all.slice(0, config.limits.rooms_per_connection);
  const roomIds = rooms.map((view) => view.room.id);
  const { lastSeen } = connection.state;
  const floors =
    lastSeen === null
      ? await store.latestFloors(roomIds, config.initial_messages_per_room)
      : new Map(roomIds.map((id) => [id, lastSeen]));
  const memberIds = new Map<string, string[]>();
  const online = new Map<string, string[]>();
  for (const view of rooms) {
    if (view.room.kind !== 'open') memberIds.set(view.room.id, await store.memberIds(view.room.id));
    online.set(view.room.id, await runtime.presence.online(view.room.id));
  }
  // Only what the feed has published: anything committed later arrives live or in the tail.
  const head = runtime.feed.head;
  const fetched = await store.messagesAfter(floors, head, config.recovery_page_size + 1);
  return { rooms, memberIds, overflow: all.length - rooms.length, floors, online, head, fetched };
}

/** One synchronous step: subscribe, then AuthSuccess … SyncComplete. */
function deliver(runtime: ChatRuntime, connection: ChatConnection, prepared: Prepared): void {
  const { state } = connection;
  const user = state.user;
  if (user === undefined) return;
  const upTo = runtime.feed.head;
  const tail = runtime.feed
    .between(prepared.head, upTo)
    ?.filter((entry) => entry.message.id > (prepared.floors.get(entry.message.roomId) ?? upTo))
    .map((entry): Outgoing => ({ ...entry.message, frame: entry.frame }));
  for (const view of prepared.rooms) {
    state.rooms.add(view.room.id);
    runtime.pubsub.subscribe(connection, roomTopic(view.room.id));
  }
  runtime.live.register(connection);
  state.phase = 'ready';

  send(connection, {
    type: 'AuthSuccess',
    data: {
      user: wireUser(user, { withEmail: true }),
      rooms: prepared.rooms.map((view) =>
        wireRoom(view.room, { view, memberIds: prepared.memberIds.get(view.room.id) }),
      ),
    },
  });
  for (const view of prepared.rooms) {
    const online = new Set(prepared.online.get(view.room.id));
    online.add(user.id);
    send(connection, {
      type: 'PresenceUpdate',
      data: { room_id: view.room.id, online_users: [...online].sort() },
    });
  }
  const fetched = prepared.fetched.map((message): Outgoing => ({
    id: message.id,
    roomId: message.roomId,
    frame: newMessageFrame(message),
  }));
  sendPage(runtime, connection, {
    floors: prepared.floors,
    fetched,
    head: prepared.head,
    tail,
    upTo,
  });
  if (prepared.overflow > 0) {
    runtime.metrics.limitHit('rooms_per_connection');
    send(connection, {
      type: 'Error',
      data: {
        code: 'too_many_rooms',
        message: `subscribed to ${prepared.rooms.length} rooms; ${prepared.overflow} more are reachable over HTTP only`,
      },
    });
  }
}

/**
 * After the frames: count the connection as online, and correct a presence list gone stale
 * (someone joined or left before the room's subscription took effect). The correction is sent
 * as UserJoined/UserLeft for the differences only, never as a whole list: the registry is read
 * over another Redis connection than the one announcements arrive on, so an announcement may
 * reach the client before the read's answer, and a whole list from that read would undo it.
 */
async function announce(runtime: ChatRuntime, connection: ChatConnection, prepared: Prepared) {
  const roomIds = prepared.rooms.map((view) => view.room.id);
  await Promise.all(roomIds.map((roomId) => runtime.presence.join(connection, roomId)));
  const self = connection.state.user?.id;
  for (const roomId of roomIds) {
    if (!connection.isOpen || !connection.state.rooms.has(roomId)) continue;
    const sent = new Set(prepared.online.get(roomId));
    const now = new Set(await runtime.presence.online(roomId));
    for (const userId of now) {
      if (userId !== self && !sent.has(userId)) {
        send(connection, { type: 'UserJoined', data: { user_id: userId, room_id: roomId } });
      }
    }
    for (const userId of sent) {
      if (userId !== self && !now.has(userId)) {
        send(connection, { type: 'UserLeft', data: { user_id: userId, room_id: roomId } });
      }
    }
  }
}

/** The `Sync` extension: the next page of a recovery that ended with has_more. */
export async function continueRecovery(runtime: ChatRuntime, connection: ChatConnection) {
  const { state } = connection;
  const recovery = state.recovery;
  if (recovery === undefined) {
    send(connection, {
      type: 'SyncComplete',
      data: { last_message_id: formatMessageId(state.syncedThrough), has_more: false },
    });
    return;
  }
  // Rooms left since the recovery began are not recovered: access is checked again.
  const floors = new Map(
    [...raiseFloors(recovery.floors, recovery.cursor)].filter(([roomId]) =>
      state.rooms.has(roomId),
    ),
  );
  const fetched = await runtime.store.messagesAfter(
    floors,
    recovery.upTo,
    runtime.config.recovery_page_size + 1,
  );
  if (!connection.isOpen) return;
  sendPage(runtime, connection, {
    floors,
    fetched: fetched.map((message) => ({
      id: message.id,
      roomId: message.roomId,
      frame: newMessageFrame(message),
    })),
    head: recovery.upTo,
    tail: [],
    upTo: recovery.upTo,
  });
}

function sendPage(
  runtime: ChatRuntime,
  connection: ChatConnection,
  input: {
    floors: Floors;
    fetched: Outgoing[];
    head: number;
    tail: Outgoing[] | undefined;
    upTo: number;
  },
): void {
  const page = cutPage({
    fetched: input.fetched,
    head: input.head,
    tail: input.tail,
    upTo: input.upTo,
    limit: runtime.config.recovery_page_size,
    // Half the reliable send buffer: a page must never make its client a "slow consumer".
    maxBytes: Math.floor(runtime.settings.max_buffered_bytes / 2),
    sizeOf: (message) => message.frame.length,
  });
  for (const message of page.messages) connection.send(message.frame);
  runtime.metrics.recoveryMessages.observe(page.messages.length);
  const { state } = connection;
  state.recovery = page.hasMore
    ? { floors: input.floors, cursor: page.cursor, upTo: input.upTo }
    : undefined;
  state.syncedThrough = page.cursor;
  // Always an id, "000…0" included: a client that has seen no message yet must still be able to
  // resume from here, or after an absence it would get only the latest messages per room.
  connection.send(
    encode({
      type: 'SyncComplete',
      data: { last_message_id: formatMessageId(page.cursor), has_more: page.hasMore },
    }),
  );
}
