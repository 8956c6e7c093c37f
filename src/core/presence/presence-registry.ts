// Who is online in which room: members with their connections, and the first-join / last-leave
// transitions apps announce (UserJoined/UserLeft, PRESENCE_JOIN/LEAVE). The in-memory registry
// serves one node; a Redis registry with node heartbeats serves a cluster behind this interface.

export interface PresenceMember {
  readonly memberId: string;
  /** How many connections of this member are in the room. */
  readonly connections: number;
  /** What the member's latest connection announced (display name, avatar…). */
  readonly data: Readonly<Record<string, unknown>> | undefined;
}

export interface PresenceChange {
  /** Joining: the member had no connection in the room before. Leaving: it has none left. */
  readonly transition: boolean;
  readonly member: PresenceMember;
}

export interface PresenceRegistry {
  join(
    room: string,
    memberId: string,
    connectionId: string,
    data?: Readonly<Record<string, unknown>>,
  ): Promise<PresenceChange>;
  /**
   * Joins unless the member already has `maxConnections` connections in the room, across the
   * cluster (checked and joined in one atomic step): undefined then, and nothing changes. A
   * connection already counted joins again whatever the count. Used as a cluster-wide cap
   * (chat's connections per user) that a dead node's connections stop counting against.
   */
  joinCapped(
    room: string,
    memberId: string,
    connectionId: string,
    maxConnections: number,
  ): Promise<PresenceChange | undefined>;
  leave(room: string, memberId: string, connectionId: string): Promise<PresenceChange>;
  members(room: string): Promise<PresenceMember[]>;
  /** Number of rooms with at least one member. */
  roomCount(): Promise<number>;
  /** Connections in the rooms whose name starts with `roomPrefix` (e.g. one app's rooms). */
  connectionCount(roomPrefix: string): Promise<number>;
  /**
   * Last leaves that no `leave()` call reported: the members of a node that died (found when its
   * heartbeat expired), and leaves that could not reach a shared registry at the time. Apps
   * announce them exactly as a last leave. Each transition is reported once, on one node only.
   * A single-node registry never has any. Returns a function that removes the handler.
   */
  onExpired(handler: ExpiryHandler): () => void;
}

/** A member of `room` left its last connection without a `leave()` reporting it. */
export type ExpiryHandler = (room: string, member: PresenceMember) => void;
