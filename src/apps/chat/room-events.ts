// Room and membership changes reaching live connections: a new member's connections get
// RoomJoined and are subscribed at once, a removed member's are unsubscribed at once and get
// RoomLeft, and the room's members get RoomUpdated (on the room's topic, so on every node).
// Membership itself is in the store. The other nodes are told which room changed
// (`chat:membership`) and apply what the store says through `apply` (cluster-membership.ts).

import { MEMBERSHIP_TOPIC } from './cluster-membership.ts';
import { roomTopic, type ChatConnection } from './live-connections.ts';
import type { ChatRuntime } from './runtime.ts';
import type { RoomRecord } from './store.ts';
import { encode, send, wireRoom } from './wire.ts';

export class RoomEvents {
  private readonly runtime: ChatRuntime;

  constructor(runtime: ChatRuntime) {
    this.runtime = runtime;
  }

  /** A room was created with these members (every user for an open room). */
  async created(room: RoomRecord, memberIds: readonly string[]): Promise<void> {
    this.announce(room.id);
    this.runtime.live.bumpEpoch();
    const wire = wireRoom(room, { memberIds });
    await Promise.all(memberIds.map((userId) => this.join(userId, room.id, wire)));
  }

  /** Members were added to a closed room. */
  async added(room: RoomRecord, addedIds: readonly string[]): Promise<void> {
    this.announce(room.id);
    this.runtime.live.bumpEpoch();
    const memberIds = await this.runtime.store.memberIds(room.id);
    const wire = wireRoom(room, { memberIds });
    this.publishUpdated(wire);
    await Promise.all(addedIds.map((userId) => this.join(userId, room.id, wire)));
  }

  /** A member was removed: their connections stop receiving the room now. */
  async removed(room: RoomRecord, userId: string): Promise<void> {
    this.announce(room.id);
    this.runtime.live.bumpEpoch();
    const leaving = [...this.runtime.live.ofUser(userId)];
    for (const connection of leaving) this.unsubscribe(connection, room.id);
    this.runtime.typing.stop(room.id, userId);
    await Promise.all(
      leaving.map((connection) => this.runtime.presence.leaveNow(connection, room.id)),
    );
    const memberIds = await this.runtime.store.memberIds(room.id);
    this.publishUpdated(wireRoom(room, { memberIds }));
  }

  /** The room's own fields changed (name). */
  async updated(room: RoomRecord): Promise<void> {
    const memberIds =
      room.kind === 'open' ? undefined : await this.runtime.store.memberIds(room.id);
    this.publishUpdated(wireRoom(room, { memberIds }));
  }

  /**
   * Brings this node's connections in line with a room's members as read from the store
   * (after a change on another node). Connections over their room cap are told of a room they
   * were not told of only when `announced` (a change, not a mere check).
   */
  async apply(
    roomId: string,
    room: RoomRecord | undefined,
    memberIds: ReadonlySet<string>,
    announced: boolean,
  ): Promise<void> {
    const { runtime } = this;
    runtime.live.bumpEpoch();
    const leaving: ChatConnection[] = [];
    const joining = new Set<string>();
    for (const connection of runtime.live.all()) {
      const { user, rooms, refusedRooms } = connection.state;
      if (user === undefined) continue;
      const known = rooms.has(roomId) || refusedRooms.has(roomId);
      if (!memberIds.has(user.id)) {
        if (known) {
          this.unsubscribe(connection, roomId);
          leaving.push(connection);
        }
      } else if (!known) {
        joining.add(user.id);
      }
    }
    for (const userId of new Set(leaving.map((connection) => connection.state.user?.id ?? ''))) {
      runtime.typing.stop(roomId, userId);
    }
    await Promise.all(leaving.map((connection) => runtime.presence.leaveNow(connection, roomId)));
    if (room === undefined || joining.size === 0) return;
    const wire = wireRoom(room, { memberIds: [...memberIds] });
    await Promise.all([...joining].map((userId) => this.join(userId, roomId, wire, announced)));
  }

  private announce(roomId: string): void {
    this.runtime.pubsub.broadcast(MEMBERSHIP_TOPIC, roomId);
  }

  private publishUpdated(room: ReturnType<typeof wireRoom>): void {
    this.runtime.pubsub.publish(
      roomTopic(room.id),
      encode({ type: 'RoomUpdated', data: { room } }),
      {
        app: 'chat',
      },
    );
  }

  private async join(
    userId: string,
    roomId: string,
    room: ReturnType<typeof wireRoom>,
    tellOverCap = true,
  ): Promise<void> {
    const { runtime } = this;
    const joined: ChatConnection[] = [];
    for (const connection of runtime.live.ofUser(userId)) {
      const { rooms, refusedRooms } = connection.state;
      if (rooms.has(roomId) || refusedRooms.has(roomId)) continue;
      const overCap = rooms.size >= runtime.config.limits.rooms_per_connection;
      if (overCap && !tellOverCap) continue;
      send(connection, { type: 'RoomJoined', data: { room } });
      if (overCap) {
        refusedRooms.add(roomId);
        runtime.metrics.limitHit('rooms_per_connection');
        send(connection, {
          type: 'Error',
          data: {
            code: 'too_many_rooms',
            message: `room ${roomId} is not subscribed: this connection has ${rooms.size} rooms`,
          },
        });
        continue;
      }
      rooms.add(roomId);
      runtime.pubsub.subscribe(connection, roomTopic(roomId));
      joined.push(connection);
    }
    await Promise.all(joined.map((connection) => runtime.presence.join(connection, roomId)));
    if (joined.length === 0) return;
    const online = await runtime.presence.online(roomId);
    for (const connection of joined) {
      if (connection.isOpen && connection.state.rooms.has(roomId)) {
        send(connection, {
          type: 'PresenceUpdate',
          data: { room_id: roomId, online_users: online },
        });
      }
    }
  }

  private unsubscribe(connection: ChatConnection, roomId: string): void {
    connection.state.refusedRooms.delete(roomId);
    if (connection.state.rooms.delete(roomId)) {
      this.runtime.pubsub.unsubscribe(connection, roomTopic(roomId));
    }
    // Also to a connection that was over its room cap: it was told of the room all the same.
    send(connection, { type: 'RoomLeft', data: { room_id: roomId } });
  }
}
