// The client's copy of its room: the other players (presence data, last pose) and the live
// entities (owner, components, newest updates, pose). Reset from each ServerHello's
// initial_state, then kept current by presence events, poses and entity messages. Pure and
// synchronous; every change replaces the changed object, so listeners may compare references.

import type {
  EntityDespawn,
  EntitySnapshot,
  EntitySpawn,
  EntityUpdate,
  PlayerSnapshot,
  PresenceData,
  Quaternion,
  Vector3,
  WorldState,
} from '../../protocol/presence/messages.ts';

/** What a PresenceClient shows of its room (read-only; the client keeps it current). */
export interface PresenceWorldView {
  /** The other clients of the room by client id (never this client). */
  readonly players: ReadonlyMap<string, PlayerSnapshot>;
  /** Live entities by entity id. */
  readonly entities: ReadonlyMap<string, EntitySnapshot>;
  /** The room's host (its longest-present client) as last announced; '' when not known. */
  readonly hostClientId: string;
}

export type PoseTarget = 'player' | 'entity' | 'untracked';

export class PresenceWorld implements PresenceWorldView {
  readonly #players = new Map<string, PlayerSnapshot>();
  readonly #entities = new Map<string, EntitySnapshot>();
  #host = '';

  get players(): ReadonlyMap<string, PlayerSnapshot> {
    return this.#players;
  }

  get entities(): ReadonlyMap<string, EntitySnapshot> {
    return this.#entities;
  }

  get hostClientId(): string {
    return this.#host;
  }

  /** Replaces everything with a ServerHello's world (null: an empty room). */
  reset(state: WorldState | null): void {
    this.clear();
    for (const player of state?.players ?? []) this.#players.set(player.clientId, player);
    for (const entity of state?.entities ?? []) this.#entities.set(entity.id, entity);
  }

  clear(): void {
    this.#players.clear();
    this.#entities.clear();
    this.#host = '';
  }

  /** A join or an update: the presence data replaces what was known; poses stay if absent. */
  upsertPlayer(clientId: string, data: PresenceData | null): PlayerSnapshot {
    const known = this.#players.get(clientId);
    const player: PlayerSnapshot = {
      clientId,
      displayName: data?.displayName ?? known?.displayName ?? '',
      avatarUrl: data?.avatarUrl ?? known?.avatarUrl ?? '',
      avatarConfig: data?.avatarConfig ?? known?.avatarConfig ?? null,
      position: data?.position ?? known?.position ?? null,
      rotation: data?.rotation ?? known?.rotation ?? null,
    };
    this.#players.set(clientId, player);
    this.#setHost(data?.hostClientId);
    return player;
  }

  /** A leave; `host` is the room's host after it. Returns the player that left, if known. */
  removePlayer(clientId: string, host?: string): PlayerSnapshot | undefined {
    const player = this.#players.get(clientId);
    this.#players.delete(clientId);
    this.#setHost(host);
    return player;
  }

  /** Moves the avatar or entity `entityId`; ids the room does not track are left alone. */
  applyPose(entityId: string, position: Vector3 | null, rotation: Quaternion | null): PoseTarget {
    const player = this.#players.get(entityId);
    if (player !== undefined) {
      this.#players.set(entityId, {
        ...player,
        position: position ?? player.position,
        rotation: rotation ?? player.rotation,
      });
      return 'player';
    }
    const entity = this.#entities.get(entityId);
    if (entity === undefined) return 'untracked';
    this.#entities.set(entityId, {
      ...entity,
      position: position ?? entity.position,
      rotation: rotation ?? entity.rotation,
    });
    return 'entity';
  }

  /** Creates or (its owner re-spawning it) replaces an entity, as the server does. */
  spawn(spawn: EntitySpawn): EntitySnapshot {
    const entity: EntitySnapshot = {
      id: spawn.entityId,
      templateId: spawn.templateId,
      ownerId: spawn.ownerId,
      components: { ...spawn.components },
      updatedComponents: {},
      position: null,
      rotation: null,
    };
    this.#entities.set(entity.id, entity);
    return entity;
  }

  /** Merges newer component values; undefined for an entity this copy does not have. */
  update(update: EntityUpdate): EntitySnapshot | undefined {
    const known = this.#entities.get(update.entityId);
    if (known === undefined) return undefined;
    const entity: EntitySnapshot = {
      ...known,
      updatedComponents: { ...known.updatedComponents, ...update.components },
    };
    this.#entities.set(entity.id, entity);
    return entity;
  }

  /** Removes an entity; returns it as it was, if it was known. */
  despawn(despawn: EntityDespawn): EntitySnapshot | undefined {
    const entity = this.#entities.get(despawn.entityId);
    this.#entities.delete(despawn.entityId);
    return entity;
  }

  #setHost(host: string | undefined): void {
    if (host !== undefined && host !== '') this.#host = host;
  }
}
