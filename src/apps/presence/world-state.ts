// The rooms of this node as data: who is in each room (client ids, users, presence profile and
// last pose), which entities live there and who owns them, which client ids wait for a reconnect,
// and who is host. Pure and synchronous: it decides (client id negotiation, ownership, host), the
// app does the I/O. `Session` is the app's per-client object, carried across a reconnect.
//
// With several nodes a room here also holds a replica of what the other nodes reported (see
// world-replication.ts): their clients (`remote`), the entities those own, and their newest
// relayed poses, so the host, a late joiner's snapshot and the free client ids span the cluster.

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

/** A client connected to another node, as that node reported it. */
export interface RemoteMember {
  readonly clientId: string;
  readonly userId: string;
  readonly joinedAt: number;
  readonly profile: Profile;
}

/** The newest pose another node relayed for a client or an entity, decoded only when read. */
export type PoseReader = () => Pose | undefined;

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
  /** This node's clients, in join order. */
  readonly members: Map<string, Member<Session>>;
  readonly ghosts: Map<string, Ghost<Session>>;
  /** Every entity of the room, whichever node its owner is connected to. */
  readonly entities: RoomEntities;
  /** Clients of other nodes. */
  readonly remote: Map<string, RemoteMember>;
  /** Newest relayed pose of remote clients and of the entities they own. */
  readonly remotePoses: Map<string, PoseReader>;
  /** Joins under way: the room (and its replica) stays while they are not done. */
  pins: number;
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
  private readonly onDrop: (roomId: string) => void;
  /** Join times are strictly increasing on a node, so the host rule keeps local join order. */
  private lastJoinAt = -Infinity;

  /** `onDrop`: a room with no member, held id or join under way left this node. */
  constructor(newClientId: () => string, onDrop: (roomId: string) => void = () => undefined) {
    this.newClientId = newClientId;
    this.onDrop = onDrop;
  }

  /** Keeps a room while a join is under way; true when the room was not here before. */
  pin(roomId: string, now: number): boolean {
    const created = !this.rooms.has(roomId);
    this.roomFor(roomId, now).pins++;
    return created;
  }

  unpin(roomId: string): void {
    const room = this.rooms.get(roomId);
    if (room === undefined) return;
    room.pins = Math.max(0, room.pins - 1);
    this.dropIfEmpty(room);
  }

  /** The room is on this node (members, held ids or a join under way). */
  tracks(roomId: string): boolean {
    return this.rooms.has(roomId);
  }

  /** Whether `clientId` is a member, a held id or a remote client of the room. */
  taken(roomId: string, clientId: string): 'member' | 'ghost' | 'remote' | undefined {
    const room = this.rooms.get(roomId);
    if (room === undefined) return undefined;
    if (room.members.has(clientId)) return 'member';
    if (room.ghosts.has(clientId)) return 'ghost';
    return room.remote.has(clientId) ? 'remote' : undefined;
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
    if (
      wanted !== undefined &&
      isValidId(wanted) &&
      !room.members.has(wanted) &&
      !room.remote.has(wanted)
    ) {
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
      joinedAt: this.joinTime(now),
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
    } else if (room.members.has(id) || room.ghosts.has(id) || room.remote.has(id)) {
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
    if (room.members.has(entityId) || room.ghosts.has(entityId) || room.remote.has(entityId)) {
      return 'forbidden';
    }
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

  /**
   * The room's host, the same on every node: its longest-present client, local or remote
   * (earliest join, then the smallest client id); "" when empty.
   */
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
    const all = [...room.members.values(), ...room.remote.values()];
    for (const member of all) {
      if (member.clientId === exceptClientId) continue;
      const { profile } = member;
      const pose = room.remotePoses.get(member.clientId)?.();
      players.push({
        clientId: member.clientId,
        displayName: profile.displayName,
        avatarUrl: profile.avatarUrl,
        position: pose?.position ?? profile.position,
        rotation: pose?.rotation ?? profile.rotation,
        avatarConfig: profile.avatarConfig,
      });
    }
    const entities: EntitySnapshot[] = room.entities.snapshots().map((entity) => {
      const pose = room.remotePoses.get(entity.id)?.();
      if (pose === undefined) return entity;
      return {
        ...entity,
        position: pose.position ?? entity.position,
        rotation: pose.rotation ?? entity.rotation,
      };
    });
    return { players, entities, lastUpdate: room.lastUpdate };
  }

  /**
   * What this node reports of a room to the others: its own clients (with their last pose) and
   * the entities they own, held ids' included.
   */
  localState(roomId: string): { members: RemoteMember[]; entities: EntitySnapshot[] } {
    const room = this.rooms.get(roomId);
    if (room === undefined) return { members: [], entities: [] };
    const members = [...room.members.values()].map((member) => ({
      clientId: member.clientId,
      userId: member.userId,
      joinedAt: member.joinedAt,
      profile: member.profile,
    }));
    const entities = room.entities.snapshots(
      (owner) => room.members.has(owner) || room.ghosts.has(owner),
    );
    return { members, entities };
  }

  /** A client of another node joined, or was reported by a sync. */
  addRemote(roomId: string, member: RemoteMember, now: number): void {
    const room = this.rooms.get(roomId);
    if (room === undefined) return;
    room.remote.set(member.clientId, member);
    room.remotePoses.delete(member.clientId);
    room.lastUpdate = now;
  }

  /** A client of another node changed its presence data. */
  updateRemoteProfile(roomId: string, clientId: string, profile: Profile, now: number): void {
    const room = this.rooms.get(roomId);
    const member = room?.remote.get(clientId);
    if (room === undefined || member === undefined) return;
    room.remote.set(clientId, { ...member, profile });
    room.lastUpdate = now;
  }

  /** A client of another node left (its entities stay until their removal is reported). */
  removeRemote(roomId: string, clientId: string, now: number): boolean {
    const room = this.rooms.get(roomId);
    if (room?.remote.delete(clientId) !== true) return false;
    room.remotePoses.delete(clientId);
    room.lastUpdate = now;
    return true;
  }

  /**
   * Remembers the newest pose another node relayed for one of its clients or their entities.
   * Ids the room does not know, or that this node's clients own, are not kept (bounded memory).
   */
  notePose(roomId: string, id: string, read: PoseReader): void {
    const room = this.rooms.get(roomId);
    if (room === undefined) return;
    if (room.remote.has(id)) {
      room.remotePoses.set(id, read);
      return;
    }
    const owner = room.entities.ownerOf(id);
    if (owner !== undefined && !room.members.has(owner) && !room.ghosts.has(owner)) {
      room.remotePoses.set(id, read);
    }
  }

  /** An entity as another node reported it (spawned, or in a sync). */
  putEntity(roomId: string, entity: EntitySnapshot, now: number): void {
    const room = this.rooms.get(roomId);
    if (room === undefined) return;
    room.entities.put(entity);
    room.remotePoses.delete(entity.id);
    room.lastUpdate = now;
  }

  /** An entity update another node accepted from its owner. */
  putEntityUpdate(
    roomId: string,
    entityId: string,
    components: Readonly<Record<string, Uint8Array>>,
    now: number,
  ): void {
    const room = this.rooms.get(roomId);
    if (room === undefined) return;
    room.entities.putUpdate(entityId, components);
    room.lastUpdate = now;
  }

  /** An entity removal another node decided. */
  removeEntity(roomId: string, entityId: string, now: number): void {
    const room = this.rooms.get(roomId);
    if (room?.entities.remove(entityId) !== true) return;
    room.remotePoses.delete(entityId);
    room.lastUpdate = now;
  }

  /** Removes the entities of a client of another node gone for good; returns their ids. */
  removeEntitiesOf(roomId: string, clientId: string, now: number): string[] {
    const room = this.rooms.get(roomId);
    if (room === undefined) return [];
    const removed = room.entities.removeOwnedBy(clientId);
    for (const id of removed) room.remotePoses.delete(id);
    if (removed.length > 0) room.lastUpdate = now;
    return removed;
  }

  /**
   * Gives up a held id without removing its entities: its client came back on another node,
   * which now owns them. Returns the ghost (with its session) or undefined.
   */
  takeGhost(roomId: string, clientId: string): Ghost<Session> | undefined {
    const room = this.rooms.get(roomId);
    const ghost = room?.ghosts.get(clientId);
    if (room === undefined || ghost === undefined) return undefined;
    room.ghosts.delete(clientId);
    this.dropIfEmpty(room);
    return ghost;
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

  private joinTime(now: number): number {
    this.lastJoinAt = Math.max(now, this.lastJoinAt + 1);
    return this.lastJoinAt;
  }

  private freshClientId(room: Room<Session>): string {
    for (;;) {
      const id = this.newClientId();
      if (!room.members.has(id) && !room.ghosts.has(id) && !room.remote.has(id)) return id;
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
        remote: new Map(),
        remotePoses: new Map(),
        pins: 0,
        lastUpdate: now,
      };
      this.rooms.set(roomId, room);
    }
    return room;
  }

  private dropIfEmpty(room: Room<Session>): void {
    if (room.members.size > 0 || room.ghosts.size > 0 || room.pins > 0) return;
    this.rooms.delete(room.id);
    this.onDrop(room.id);
  }
}

function hostOf(room: Room<unknown>): string {
  let host: { readonly clientId: string; readonly joinedAt: number } | undefined;
  for (const member of [...room.members.values(), ...room.remote.values()]) {
    if (
      host === undefined ||
      member.joinedAt < host.joinedAt ||
      (member.joinedAt === host.joinedAt && member.clientId < host.clientId)
    ) {
      host = member;
    }
  }
  return host?.clientId ?? '';
}
