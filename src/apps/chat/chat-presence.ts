// Who is online in each room, on the core's presence registry (member = user, one entry per
// connection). A user's first connection in a room announces UserJoined, the last one leaving
// announces UserLeft; leaving waits a grace period, so a reconnect within it announces nothing.
// Users whose last connection was on a node that died are announced the same way, by whichever
// node the registry reports their expiry to.

import type { Logger } from '../../core/observability/logger.ts';
import type { PresenceRegistry } from '../../core/presence/presence-registry.ts';
import type { PubSub } from '../../core/pubsub.ts';
import { roomTopic, type ChatConnection } from './live-connections.ts';
import { encode } from './wire.ts';

export class ChatPresence {
  private readonly registry: PresenceRegistry;
  private readonly pubsub: PubSub;
  private readonly graceMs: number;
  private readonly logger: Logger;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly stopExpiry: () => void;
  private stopped = false;

  constructor(registry: PresenceRegistry, pubsub: PubSub, graceMs: number, logger: Logger) {
    this.registry = registry;
    this.pubsub = pubsub;
    this.graceMs = graceMs;
    this.logger = logger;
    const roomPrefix = roomTopic('');
    this.stopExpiry = registry.onExpired((room, member) => {
      if (room.startsWith(roomPrefix))
        this.announceLeft(room.slice(roomPrefix.length), member.memberId);
    });
  }

  /** The users online in a room, sorted. */
  async online(roomId: string): Promise<string[]> {
    const members = await this.registry.members(roomTopic(roomId));
    return members.map((member) => member.memberId).sort();
  }

  /** Counts the connection in the room; announces the user when it is their first. */
  async join(connection: ChatConnection, roomId: string): Promise<void> {
    const userId = connection.state.user?.id;
    if (userId === undefined || connection.state.presenceRooms.has(roomId)) return;
    // Recorded before the await: a close meanwhile must find it to leave again.
    connection.state.presenceRooms.add(roomId);
    const change = await this.registry.join(roomTopic(roomId), userId, connection.id);
    if (change.transition) {
      this.pubsub.publish(
        roomTopic(roomId),
        encode({ type: 'UserJoined', data: { user_id: userId, room_id: roomId } }),
        { except: connection, app: 'chat' },
      );
    }
  }

  /** Leaves one room at once (the user was removed from it: no grace). */
  async leaveNow(connection: ChatConnection, roomId: string): Promise<void> {
    if (!connection.state.presenceRooms.delete(roomId)) return;
    await this.leave(connection.id, connection.state.user?.id, roomId);
  }

  /** Leaves every room after the grace period (the connection closed). */
  leaveLater(connection: ChatConnection): void {
    const rooms = [...connection.state.presenceRooms];
    connection.state.presenceRooms.clear();
    const userId = connection.state.user?.id;
    // After stop() (connections closing during shutdown) there is nobody left to tell.
    if (rooms.length === 0 || userId === undefined || this.stopped) return;
    const leaveAll = (): void => {
      for (const roomId of rooms) {
        this.leave(connection.id, userId, roomId).catch((error: unknown) => {
          this.logger.error({ err: error, room: roomId, user: userId }, 'presence leave failed');
        });
      }
    };
    if (this.graceMs === 0) {
      leaveAll();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      leaveAll();
    }, this.graceMs);
    this.timers.add(timer);
  }

  /** Drops pending leaves (the node is stopping; its registry goes with it). */
  stop(): void {
    this.stopped = true;
    this.stopExpiry();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async leave(connectionId: string, userId: string | undefined, roomId: string) {
    if (userId === undefined) return;
    const change = await this.registry.leave(roomTopic(roomId), userId, connectionId);
    if (change.transition) this.announceLeft(roomId, userId);
  }

  private announceLeft(roomId: string, userId: string): void {
    this.pubsub.publish(
      roomTopic(roomId),
      encode({ type: 'UserLeft', data: { user_id: userId, room_id: roomId } }),
      { app: 'chat' },
    );
  }
}
