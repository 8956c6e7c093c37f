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
  leave(room: string, memberId: string, connectionId: string): Promise<PresenceChange>;
  members(room: string): Promise<PresenceMember[]>;
  /** Number of rooms with at least one member. */
  roomCount(): Promise<number>;
}
