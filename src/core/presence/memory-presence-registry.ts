// Presence for a single node (or several nodes in one process sharing it), in memory. Rooms and
// members are deleted as soon as they are empty, so memory follows the live connections.

import type {
  ExpiryHandler,
  PresenceChange,
  PresenceMember,
  PresenceRegistry,
} from './presence-registry.ts';

interface MemberEntry {
  readonly connections: Set<string>;
  data: Readonly<Record<string, unknown>> | undefined;
}

export class MemoryPresenceRegistry implements PresenceRegistry {
  private readonly rooms = new Map<string, Map<string, MemberEntry>>();

  join(
    room: string,
    memberId: string,
    connectionId: string,
    data?: Readonly<Record<string, unknown>>,
  ): Promise<PresenceChange> {
    let members = this.rooms.get(room);
    if (members === undefined) {
      members = new Map();
      this.rooms.set(room, members);
    }
    let entry = members.get(memberId);
    const transition = entry === undefined;
    if (entry === undefined) {
      entry = { connections: new Set(), data };
      members.set(memberId, entry);
    } else if (data !== undefined) {
      entry.data = data;
    }
    entry.connections.add(connectionId);
    return Promise.resolve({ transition, member: snapshot(memberId, entry) });
  }

  joinCapped(
    room: string,
    memberId: string,
    connectionId: string,
    maxConnections: number,
  ): Promise<PresenceChange | undefined> {
    const connections = this.rooms.get(room)?.get(memberId)?.connections;
    if (
      connections !== undefined &&
      !connections.has(connectionId) &&
      connections.size >= maxConnections
    ) {
      return Promise.resolve(undefined);
    }
    return this.join(room, memberId, connectionId);
  }

  leave(room: string, memberId: string, connectionId: string): Promise<PresenceChange> {
    const members = this.rooms.get(room);
    const entry = members?.get(memberId);
    if (!entry?.connections.delete(connectionId)) {
      return Promise.resolve({
        transition: false,
        member: { memberId, connections: entry?.connections.size ?? 0, data: entry?.data },
      });
    }
    const transition = entry.connections.size === 0;
    if (transition && members) {
      members.delete(memberId);
      if (members.size === 0) this.rooms.delete(room);
    }
    return Promise.resolve({ transition, member: snapshot(memberId, entry) });
  }

  members(room: string): Promise<PresenceMember[]> {
    const members = this.rooms.get(room);
    if (members === undefined) return Promise.resolve([]);
    return Promise.resolve([...members].map(([memberId, entry]) => snapshot(memberId, entry)));
  }

  roomCount(): Promise<number> {
    return Promise.resolve(this.rooms.size);
  }

  connectionCount(roomPrefix: string): Promise<number> {
    let count = 0;
    for (const [room, members] of this.rooms) {
      if (!room.startsWith(roomPrefix)) continue;
      for (const entry of members.values()) count += entry.connections.size;
    }
    return Promise.resolve(count);
  }

  /** One process: its members leave through `leave()` or go down with it, never expire. */
  onExpired(_handler: ExpiryHandler): () => void {
    return () => undefined;
  }
}

function snapshot(memberId: string, entry: MemberEntry): PresenceMember {
  return { memberId, connections: entry.connections.size, data: entry.data };
}
