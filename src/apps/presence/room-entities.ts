// The entities of one room: what was spawned, by whom, with which components, its newest
// component updates and pose. Only the owner may change or remove an entity. Pure bookkeeping,
// bounded in size; the room (world-state.ts) decides who the client is. With several nodes the
// entities of clients on other nodes are here too, applied as their node reports them.

import type { EntitySnapshot, Quaternion, Vector3 } from '../../protocol/presence/messages.ts';

/** Most entities one room holds (memory per room is bounded like everything else). */
export const MAX_ENTITIES_PER_ROOM = 10_000;

export type Refusal = 'forbidden' | 'unknown_entity' | 'entity_limit';

export interface Pose {
  position: Vector3 | null;
  rotation: Quaternion | null;
}

interface Entity extends Pose {
  readonly id: string;
  readonly templateId: string;
  readonly ownerId: string;
  readonly components: Readonly<Record<string, string>>;
  readonly updated: Map<string, Uint8Array>;
}

export class RoomEntities {
  private readonly entities = new Map<string, Entity>();

  get size(): number {
    return this.entities.size;
  }

  /** The pose of an entity `clientId` may move; 'forbidden' if another client owns it. */
  poseFor(clientId: string, entityId: string): Pose | Refusal | undefined {
    const entity = this.entities.get(entityId);
    if (entity === undefined) return undefined;
    return entity.ownerId === clientId ? entity : 'forbidden';
  }

  /** Creates (or, for its owner, replaces) an entity. */
  spawn(
    ownerId: string,
    entityId: string,
    templateId: string,
    components: Readonly<Record<string, string>>,
  ): Refusal | undefined {
    const existing = this.entities.get(entityId);
    if (existing !== undefined && existing.ownerId !== ownerId) return 'forbidden';
    if (existing === undefined && this.entities.size >= MAX_ENTITIES_PER_ROOM) {
      return 'entity_limit';
    }
    this.entities.set(entityId, {
      id: entityId,
      templateId,
      ownerId,
      components: { ...components },
      updated: new Map(),
      position: null,
      rotation: null,
    });
    return undefined;
  }

  /** Records the newest value of each updated component. */
  update(
    clientId: string,
    entityId: string,
    components: Readonly<Record<string, Uint8Array>>,
  ): Refusal | undefined {
    const entity = this.entities.get(entityId);
    if (entity === undefined) return 'unknown_entity';
    if (entity.ownerId !== clientId) return 'forbidden';
    for (const [name, value] of Object.entries(components)) entity.updated.set(name, value);
    return undefined;
  }

  despawn(clientId: string, entityId: string): Refusal | undefined {
    const entity = this.entities.get(entityId);
    if (entity === undefined) return 'unknown_entity';
    if (entity.ownerId !== clientId) return 'forbidden';
    this.entities.delete(entityId);
    return undefined;
  }

  /** Removes every entity of an owner gone for good; returns their ids. */
  removeOwnedBy(clientId: string): string[] {
    const removed: string[] = [];
    for (const entity of this.entities.values()) {
      if (entity.ownerId === clientId) {
        this.entities.delete(entity.id);
        removed.push(entity.id);
      }
    }
    return removed;
  }

  /** The entity as another node reported it (a spawn or a sync): replaces what was known. */
  put(snapshot: EntitySnapshot): void {
    const known = this.entities.has(snapshot.id);
    if (!known && this.entities.size >= MAX_ENTITIES_PER_ROOM) return;
    this.entities.set(snapshot.id, {
      id: snapshot.id,
      templateId: snapshot.templateId,
      ownerId: snapshot.ownerId,
      components: { ...snapshot.components },
      updated: new Map(Object.entries(snapshot.updatedComponents)),
      position: snapshot.position,
      rotation: snapshot.rotation,
    });
  }

  /** An update another node accepted from the entity's owner. */
  putUpdate(entityId: string, components: Readonly<Record<string, Uint8Array>>): void {
    const entity = this.entities.get(entityId);
    if (entity === undefined) return;
    for (const [name, value] of Object.entries(components)) entity.updated.set(name, value);
  }

  /** A removal another node decided (its owner despawned it or is gone). */
  remove(entityId: string): boolean {
    return this.entities.delete(entityId);
  }

  ownerOf(entityId: string): string | undefined {
    return this.entities.get(entityId)?.ownerId;
  }

  /** The entities whose owner `owned` says yes to (a node reporting its own clients' state). */
  snapshots(owned: (ownerId: string) => boolean = () => true): EntitySnapshot[] {
    const snapshots: EntitySnapshot[] = [];
    for (const entity of this.entities.values()) {
      if (!owned(entity.ownerId)) continue;
      snapshots.push({
        id: entity.id,
        templateId: entity.templateId,
        position: entity.position,
        rotation: entity.rotation,
        components: entity.components,
        ownerId: entity.ownerId,
        updatedComponents: Object.fromEntries(entity.updated),
      });
    }
    return snapshots;
  }
}
