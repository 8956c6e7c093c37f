// The rooms of this node as data: who is in each room (client ids, users, presence profile and
// last pose), which entities live there and who owns them, which client ids wait for a reconnect,
// and who is host. Pure and synchronous: it decides (client id negotiation, ownership, host), the
// app does the I/O. `Session` is the app's per-client object, carried across a reconnect.

import type {
  AvatarConfig,
  EntitySnapshot,
  PlayerSnapshot,
  Quaternion,
  Vector3,
} from '../../protocol/presence/messages.ts';
import { isValidId } from '../../protocol/presence/text-frames.ts';
import { RoomEntities, type Pose, type Refusal } from './room-entities.ts';

export type { Refusal } from './room-entities.ts';

export type PresenceMode = 'relay' | 'protobuf';

export interface Profile {
  displayName: string;
  avatarUrl: string;
  avatarConfig: AvatarConfig | null;
  position: Vector3 | null;
  rotation: Quaternion | null;
}

/** The fields a presence update sets; absent ones are left as they were. */
export interface ProfileUpdate {
  readonly displayName?: string;
  readonly avatarUrl?: string;
  readonly avatarConfig?: AvatarConfig;
  readonly position?: Vector3;
  readonly rotation?: Quaternion;
}

export interface Member<Session> {
  readonly roomId: string;
  readonly clientId: string;
  readonly userId: string;
  readonly anonymous: boolean;
  readonly mode: PresenceMode;
  readonly joinedAt: number;
  /** The display name came from the token: the client cannot change it. */
  readonly displayNameFixed: boolean;
  readonly profile: Profile;
  readonly session: Session;
}

/** A client gone within its grace period: its id is kept for the same user, with its session. */
export interface Ghost<Session> {
  readonly clientId: string;
  readonly userId: string;
  readonly anonymous: boolean;
  readonly expiresAt: number;
  readonly session: Session;
}

interface Room<Session> {
  readonly id: string;
  /** Join order is insertion order: the first member is the host. */
  readonly members: Map<string, Member<Session>>;
  readonly ghosts: Map<string, Ghost<Session>>;
  readonly entities: RoomEntities;
  lastUpdate: number;
}

export interface JoinRequest<Session> {
  readonly requestedClientId: string | undefined;
  /** Undefined for an anonymous client without a user id: it is known by its client id. */
  readonly userId: string | undefined;
  /** Not proven by a token (a `user_id` query parameter of an anonymous client proves nothing). */
  readonly anonymous: boolean;
  readonly mode: PresenceMode;
  readonly displayName: string;
  readonly displayNameFixed: boolean;
  /** Builds the member's session, from the one of the reconnect it resumes, if any. */
  readonly session: (resumed: Session | undefined) => Session;
}

export interface JoinResult<Session> {
  readonly member: Member<Session>;
  /** True when the client took back its id within the grace period. */
  readonly resumed: boolean;
}

export interface LeaveResult<Session> {
  readonly member: Member<Session>;
  /** The host after the leave ("" when the room is empty). */
  readonly host: string;
  /** Entities removed because their owner is gone for good. */
  readonly despawned: readonly string[];
}

export interface Expired<Session> {
  readonly roomId: string;
  readonly ghost: Ghost<Session>;
  readonly despawned: readonly string[];
}

export type PoseTarget =
  | { readonly ok: true; readonly entityId: string }
  | { readonly ok: false; readonly refusal: Refusal };

export class WorldState<Session> {
  private readonly rooms = new Map<string, Room<Session>>();
  private readonly newClientId: () => string;

  constructor(newClientId: () => string) {
    this.newClientId = newClientId;
  }

  /**
   * Adds a client to a room under the id it asked for when that id is well-formed and free
   * (or held for this very user by a reconnect grace period), else under a new id.
   */
  join(roomId: string, request: JoinRequest<Session>, now: number): JoinResult<Session> {
    const room = this.roomFor(roomId, now);
    const { anonymous } = request;
    let clientId: string | undefined;
    let ghost: Ghost<Session> | undefined;
    const wanted = request.requestedClientId;
    if (wanted !== undefined && isValidId(wanted) && !room.members.has(wanted)) {
      const held = room.ghosts.get(wanted);
      const userId = request.userId ?? wanted;
      // A held id goes back only to the user who held it: a reconnect must not let someone
      // else collect another client's pending messages.
      if (held === undefined || (held.userId === userId && held.anonymous === anonymous)) {
        clientId = wanted;
        ghost = held;
      }
    }
    clientId ??= this.freshClientId(room);
    if (ghost !== undefined) room.ghosts.delete(clientId);
    const member: Member<Session> = {
      roomId,
      clientId,
      userId: request.userId ?? clientId,
      anonymous,
      mode: request.mode,
      joinedAt: now,
      displayNameFixed: request.displayNameFixed,
      profile: {
        displayName: request.displayName,
        avatarUrl: '',
        avatarConfig: null,
        position: null,
        rotation: null,
      },
      session: request.session(ghost?.session),
    };
    room.members.set(clientId, member);
    room.lastUpdate = now;
    return { member, resumed: ghost !== undefined };
  }

  /**
   * Removes a member. With a grace period its id, session and entities are kept for a reconnect
   * until `expiresAt`; without, its entities go at once.
   */
  leave(member: Member<Session>, now: number, graceMs: number): LeaveResult<Session> {
    const room = this.rooms.get(member.roomId);
    if (room?.members.get(member.clientId) !== member) {
      return { member, host: room === undefined ? '' : hostOf(room), despawned: [] };
    }
    room.members.delete(member.clientId);
    room.lastUpdate = now;
    let despawned: string[] = [];
    if (graceMs > 0) {
      room.ghosts.set(member.clientId, {
        clientId: member.clientId,
        userId: member.userId,
        anonymous: member.anonymous,
        expiresAt: now + graceMs,
        session: member.session,
      });
    } else {
      despawned = room.entities.removeOwnedBy(member.clientId);
    }
    const host = hostOf(room);
    this.dropIfEmpty(room);
    return { member, host, despawned };
  }

  /** Ends the grace periods that are over: their ids are freed and their entities removed. */
  expire(now: number): Expired<Session>[] {
    const expired: Expired<Session>[] = [];
    for (const room of this.rooms.values()) {
      for (const ghost of room.ghosts.values()) {
        if (ghost.expiresAt > now) continue;
        room.ghosts.delete(ghost.clientId);
        room.lastUpdate = now;
        expired.push({
          roomId: room.id,
          ghost,
          despawned: room.entities.removeOwnedBy(ghost.clientId),
        });
      }
      this.dropIfEmpty(room);
    }
    return expired;
  }

  /**
   * Where a PositionUpdate from `member` goes: its own avatar (empty id or its client id), an
   * entity it owns, or an id the room does not track (relayed as is). Another client's avatar or
   * entity is refused.
   */
  applyPose(
    member: Member<Session>,
    entityId: string,
    position: Vector3 | null,
    rotation: Quaternion | null,
    now: number,
  ): PoseTarget {
    const room = this.rooms.get(member.roomId);
    const id = entityId === '' ? member.clientId : entityId;
    if (room === undefined) return { ok: true, entityId: id };
    let target: Pose | undefined;
    if (id === member.clientId) {
      target = member.profile;
    } else if (room.members.has(id) || room.ghosts.has(id)) {
      return { ok: false, refusal: 'forbidden' };
    } else {
      const pose = room.entities.poseFor(member.clientId, id);
      if (typeof pose === 'string') return { ok: false, refusal: pose };
      target = pose;
    }
    if (target !== undefined) {
      if (position !== null) target.position = position;
      if (rotation !== null) target.rotation = rotation;
      room.lastUpdate = now;
    }
    return { ok: true, entityId: id };
  }

  /** Creates (or, for its owner, replaces) an entity owned by `member`. */
  spawn(
    member: Member<Session>,
    entityId: string,
    templateId: string,
    components: Readonly<Record<string, string>>,
    now: number,
  ): Refusal | undefined {
    const room = this.rooms.get(member.roomId);
    if (room === undefined) return 'forbidden';
    // An entity may not take a client's id: a pose for it would move that client's avatar.
    if (room.members.has(entityId) || room.ghosts.has(entityId)) return 'forbidden';
    const refused = room.entities.spawn(member.clientId, entityId, templateId, components);
    if (refused === undefined) room.lastUpdate = now;
    return refused;
  }

  /** Applies an EntityUpdate from the entity's owner. */
  updateEntity(
    member: Member<Session>,
    entityId: string,
    components: Readonly<Record<string, Uint8Array>>,
    now: number,
  ): Refusal | undefined {
    const room = this.rooms.get(member.roomId);
    if (room === undefined) return 'unknown_entity';
    const refused = room.entities.update(member.clientId, entityId, components);
    if (refused === undefined) room.lastUpdate = now;
    return refused;
  }

  /** Removes an entity at its owner's request. */
  despawn(member: Member<Session>, entityId: string, now: number): Refusal | undefined {
    const room = this.rooms.get(member.roomId);
    if (room === undefined) return 'unknown_entity';
    const refused = room.entities.despawn(member.clientId, entityId);
    if (refused === undefined) room.lastUpdate = now;
    return refused;
  }

  /** Merges a presence update into the member's profile (what a late joiner will see). */
  updateProfile(member: Member<Session>, update: ProfileUpdate, now: number): void {
    const { profile } = member;
    if (update.displayName !== undefined && !member.displayNameFixed) {
      profile.displayName = update.displayName;
    }
    if (update.avatarUrl !== undefined) profile.avatarUrl = update.avatarUrl;
    if (update.avatarConfig !== undefined) profile.avatarConfig = update.avatarConfig;
    if (update.position !== undefined) profile.position = update.position;
    if (update.rotation !== undefined) profile.rotation = update.rotation;
    const room = this.rooms.get(member.roomId);
    if (room !== undefined) room.lastUpdate = now;
  }

  /** The live members of a room, in join order. */
  members(roomId: string): readonly Member<Session>[] {
    const room = this.rooms.get(roomId);
    return room === undefined ? [] : [...room.members.values()];
  }

  /** Sessions waiting for a reconnect in a room. */
  ghosts(roomId: string): readonly Ghost<Session>[] {
    const room = this.rooms.get(roomId);
    return room === undefined ? [] : [...room.ghosts.values()];
  }

  /** The room's host: its longest-present member ("" when empty). */
  host(roomId: string): string {
    const room = this.rooms.get(roomId);
    return room === undefined ? '' : hostOf(room);
  }

  /** What a client joining `roomId` sees: the other players and every entity. */
  snapshot(
    roomId: string,
    exceptClientId: string,
  ): { players: PlayerSnapshot[]; entities: EntitySnapshot[]; lastUpdate: number } {
    const room = this.rooms.get(roomId);
    if (room === undefined) return { players: [], entities: [], lastUpdate: 0 };
    const players: PlayerSnapshot[] = [];
    for (const member of room.members.values()) {
      if (member.clientId === exceptClientId) continue;
      const { profile } = member;
      players.push({
        clientId: member.clientId,
        displayName: profile.displayName,
        avatarUrl: profile.avatarUrl,
        position: profile.position,
        rotation: profile.rotation,
        avatarConfig: profile.avatarConfig,
      });
    }
    const entities: EntitySnapshot[] = room.entities.snapshots();
    return { players, entities, lastUpdate: room.lastUpdate };
  }

  /** Rooms with at least one live member. */
  get activeRooms(): number {
    let active = 0;
    for (const room of this.rooms.values()) if (room.members.size > 0) active++;
    return active;
  }

  /** Live members, entities and ghosts across rooms (for gauges). */
  totals(): { members: Record<PresenceMode, number>; entities: number; ghosts: number } {
    const members: Record<PresenceMode, number> = { relay: 0, protobuf: 0 };
    let entities = 0;
    let ghosts = 0;
    for (const room of this.rooms.values()) {
      for (const member of room.members.values()) members[member.mode]++;
      entities += room.entities.size;
      ghosts += room.ghosts.size;
    }
    return { members, entities, ghosts };
  }

  /** Every session, live or waiting (for the pending-messages gauge). */
  *sessions(): Generator<Session> {
    for (const room of this.rooms.values()) {
      for (const member of room.members.values()) yield member.session;
      for (const ghost of room.ghosts.values()) yield ghost.session;
    }
  }

  private freshClientId(room: Room<Session>): string {
    for (;;) {
      const id = this.newClientId();
      if (!room.members.has(id) && !room.ghosts.has(id)) return id;
    }
  }

  private roomFor(roomId: string, now: number): Room<Session> {
    let room = this.rooms.get(roomId);
    if (room === undefined) {
      room = {
        id: roomId,
        members: new Map(),
        ghosts: new Map(),
        entities: new RoomEntities(),
        lastUpdate: now,
      };
      this.rooms.set(roomId, room);
    }
    return room;
  }

  private dropIfEmpty(room: Room<Session>): void {
    if (room.members.size === 0 && room.ghosts.size === 0) this.rooms.delete(room.id);
  }
}

function hostOf(room: Room<unknown>): string {
  const first = room.members.keys().next();
  return first.done === true ? '' : first.value;
}
